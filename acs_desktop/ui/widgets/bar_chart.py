"""A small bar chart drawn with QPainter: vertical bars per category (one or two series, e.g.
this season and the previous one) or horizontal bars with a text at their end. A vertical bar
whose value is None has no data: no bar, and « pas de données » in its place (never a zero)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import NO_DATA

ACCENT = QColor("#8a1538")
LIGHT = QColor("#c9a3ad")
GRID = QColor("#e2e2e2")
MUTED = QColor("#666666")
PALETTE = (ACCENT, LIGHT)


STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000)


def nice_scale(value: float) -> tuple[float, float]:
    """(top, step) of a value axis: round steps, at most five of them, the top above `value`."""
    if value <= 0:
        return 1, 1
    step = next((s for s in STEPS if value / s <= 4), value / 4)
    top = step * (int(value / step) + 1)
    return top, step


class BarChart(QWidget):
    def __init__(
        self,
        title: str,
        *,
        horizontal: bool = False,
        empty_text: str = "Pas encore de données pour cette saison.",
        parent=None,
    ):
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.empty_text = empty_text
        self.categories: list[str] = []
        self.series: list[list[float | None]] = []
        self.names: list[str] = []
        self.texts: list[str] = []
        self.maximum: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 140)  # four fit a laptop screen beside the key figures

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Sequence[float | None]],
        names: Sequence[str] = (),
        texts: Sequence[str] = (),
        *,
        maximum: float | None = None,
    ) -> None:
        self.categories = list(categories)
        self.series = [list(s) for s in series]
        self.names = list(names)
        self.texts = list(texts)
        self.maximum = maximum
        self.setToolTip(
            "\n".join(
                f"{c} : {t}"
                for c, t in zip(
                    self.categories,
                    self.texts or [NO_DATA if v is None else format_int(int(v)) for v in self.series[0]]
                    if self.series
                    else [],
                    strict=False,
                )
            )
        )
        self.update()

    def has_data(self) -> bool:
        return bool(self.categories) and any(any(v for v in s) for s in self.series)

    def sizeHint(self) -> QSize:
        return QSize(460, 260)

    # --- drawing ------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.palette().text().color())
        top = QFontMetrics(title_font).height() + 10
        painter.drawText(
            QRectF(8, 4, self.width() - 16, top), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
        )
        painter.setFont(self.font())
        self._legend(painter, top)
        area = QRectF(8, top + 4, self.width() - 16, self.height() - top - 10)
        if not self.has_data():
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
        elif self.horizontal:
            self._horizontal(painter, area)
        else:
            self._vertical(painter, area)
        painter.end()

    def _legend(self, painter: QPainter, top: float) -> None:
        if len(self.series) < 2:
            return
        metrics = QFontMetrics(self.font())
        x = self.width() - 8
        for index in reversed(range(len(self.series))):
            name = self.names[index] if index < len(self.names) else ""
            x -= metrics.horizontalAdvance(name)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(x, 4, metrics.horizontalAdvance(name) + 2, top), Qt.AlignmentFlag.AlignVCenter, name
            )
            x -= 16
            painter.fillRect(QRectF(x, 4 + top / 2 - 5, 10, 10), PALETTE[index % 2])
            x -= 14

    def _vertical(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        top_value, step = nice_scale(max(v for s in self.series for v in s if v is not None))
        if self.maximum:
            top_value, step = self.maximum, self.maximum / 4
        label_width = metrics.horizontalAdvance(format_int(int(top_value))) + 6
        plot = QRectF(
            area.left() + label_width, area.top() + line, area.width() - label_width, area.height() - 2 * line - 6
        )
        for k in range(round(top_value / step) + 1):  # grid and axis values
            value = step * k
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left(), y - line / 2, label_width - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_int(int(value)),
            )
        n = len(self.categories)
        group = plot.width() / n
        bar = min(group * 0.8 / len(self.series), 48)
        for i, category in enumerate(self.categories):
            left = plot.left() + group * i + (group - bar * len(self.series)) / 2
            if all(values[i] is None for values in self.series):  # no data: said, not drawn as zero
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(plot.left() + group * i, plot.bottom() - 2 * line - 4, group, 2 * line),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    NO_DATA,
                )
            for s, values in enumerate(self.series):
                amount = values[i]
                if amount is None:
                    continue
                value = amount
                height = plot.height() * value / top_value if top_value else 0
                rect = QRectF(left + s * bar, plot.bottom() - height, bar - 2, height)
                painter.fillRect(rect, PALETTE[s % 2])
                if value and bar >= metrics.horizontalAdvance(format_int(int(value))) * 0.8:
                    painter.setPen(self.palette().text().color())
                    painter.drawText(
                        QRectF(rect.left() - 10, rect.top() - line, rect.width() + 20, line),
                        Qt.AlignmentFlag.AlignCenter,
                        format_int(int(value)),
                    )
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(group))
            painter.drawText(
                QRectF(plot.left() + group * i, plot.bottom() + 4, group, line), Qt.AlignmentFlag.AlignCenter, text
            )

    def _horizontal(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        values = [v or 0 for v in self.series[0]]
        labels_width = min(max(metrics.horizontalAdvance(c) for c in self.categories) + 10, area.width() * 0.45)
        texts_width = max((metrics.horizontalAdvance(t) for t in self.texts), default=40) + 10
        plot = QRectF(area.left() + labels_width, area.top(), area.width() - labels_width - texts_width, area.height())
        top_value = self.maximum or max(values) or 1
        row = min(plot.height() / len(values), metrics.height() + 10)
        for i, (category, value) in enumerate(zip(self.categories, values, strict=True)):
            y = plot.top() + i * row
            painter.setPen(self.palette().text().color())
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(labels_width - 8))
            painter.drawText(
                QRectF(area.left(), y, labels_width - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = plot.width() * value / top_value
            painter.fillRect(QRectF(plot.left(), y + 3, width, row - 6), ACCENT)
            text = self.texts[i] if i < len(self.texts) else format_int(int(value))
            painter.drawText(
                QRectF(plot.left() + width + 6, y, texts_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
