"""The funnel drawn with QPainter: one row per partner (or kind of relay), its steps drawn one
within the other from the lightest (offered, or booked) to the darkest (used), the numbers
written at the end of the row in the legend's order — as in the funders' report."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import FUNNEL_STEPS, FunnelLine, funnel_label
from acs_desktop.ui.widgets.bar_chart import MUTED

SHADES = tuple(QColor(c) for c in ("#e8d3d9", "#c9a3ad", "#a4475f", "#8a1538"))


def funnel_text(line: FunnelLine, first: int) -> str:
    """« 65 › 20 › 4 › 3 »: the steps' numbers, in the legend's order."""
    return " › ".join(format_int(v or 0) for v in line.steps[first:])


class FunnelChart(QWidget):
    def __init__(self, title: str, *, from_booked: bool = False, parent=None):
        super().__init__(parent)
        self.title = title
        self.first = 1 if from_booked else 0
        self.lines: list[FunnelLine] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 160)

    @property
    def keys(self) -> tuple[str, ...]:
        return FUNNEL_STEPS[self.first :]

    def set_lines(self, lines: Sequence[FunnelLine]) -> None:
        self.lines = list(lines)
        legend = " › ".join(funnel_label(key) for key in self.keys)
        self.setToolTip("\n".join([legend, *(f"{line.name} : {funnel_text(line, self.first)}" for line in self.lines)]))
        self.update()

    def has_data(self) -> bool:
        return any(any(line.steps[self.first :]) for line in self.lines)

    def texts(self) -> list[str]:
        return [funnel_text(line, self.first) for line in self.lines]

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        ink = self.palette().text().color()
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        painter.setFont(bold)
        painter.setPen(ink)
        painter.drawText(QRectF(8, 4, self.width() - 16, line + 4), Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        x, y = 8.0, line + 10
        shades = SHADES[self.first :]
        for key, shade in zip(self.keys, shades, strict=True):  # the legend, under the title
            painter.fillRect(QRectF(x, y + line / 2 - 5, 10, 10), shade)
            painter.setPen(ink)
            label = funnel_label(key)
            painter.drawText(QRectF(x + 14, y, metrics.horizontalAdvance(label) + 2, line), label)
            x += 26 + metrics.horizontalAdvance(label)
        area = QRectF(8, y + line + 6, self.width() - 16, self.height() - y - line - 10)
        if not self.has_data():
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Pas encore de données pour cette saison.")
            painter.end()
            return
        texts = self.texts()
        labels_width = min(max(metrics.horizontalAdvance(n.name) for n in self.lines) + 10, area.width() * 0.4)
        texts_width = max(metrics.horizontalAdvance(t) for t in texts) + 12
        plot = area.width() - labels_width - texts_width
        top = max(max(v or 0 for v in n.steps[self.first :]) for n in self.lines) or 1
        row = min(area.height() / len(self.lines), line + 10)
        for index, (item, text) in enumerate(zip(self.lines, texts, strict=True)):
            top_y = area.top() + index * row
            painter.setPen(ink)
            name = metrics.elidedText(item.name, Qt.TextElideMode.ElideRight, int(labels_width - 8))
            painter.drawText(
                QRectF(area.left(), top_y, labels_width - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            for value, shade in zip(item.steps[self.first :], shades, strict=True):
                if value:
                    painter.fillRect(QRectF(area.left() + labels_width, top_y + 3, plot * value / top, row - 6), shade)
            end = area.left() + labels_width + plot * max(v or 0 for v in item.steps[self.first :]) / top
            painter.drawText(
                QRectF(end + 6, top_y, texts_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        painter.end()
