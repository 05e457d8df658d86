"""The review's « Tendances » page: the last seasons' key figures (each season computed as the
season shown), as a table and a chart; a season without data says so instead of zeros."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from acs_desktop.domain.review import (
    FIGURES_BY_KEY,
    TREND_FIGURES,
    TRENDS_DEFINITION,
    SeasonReview,
    TrendLine,
    trends_title,
)
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.ui.widgets.bar_chart import BarChart
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


def _sort(key: str):
    return lambda t: -1 if t.number(key) is None else t.number(key)


SHORT = {"participation_rate": "Participation", "donations": "Dons"}  # the tip gives the full name


def _value_column(key: str) -> Column:
    """A key figure of the season, « — » for a season without data (its first column says why)."""
    definition = FIGURES_BY_KEY[key]
    return Column(
        SHORT.get(key, definition.label.removeprefix("Places ").capitalize()),
        lambda t: t.text(key) if t.has_data else "—",
        sort=_sort(key),
        numeric=True,
        tip=f"{definition.label} : {definition.definition}",
    )


class TrendsTableModel(RowsTableModel):
    """One season per row (rows: TrendLine)."""

    COLUMNS = (
        Column("Saison", lambda t: t.season_label + (f" ({t.status})" if t.status else "")),
        *(_value_column(key) for key in TREND_FIGURES),
    )


class TrendsPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("trendsTitle")
        self.title.setStyleSheet("font-weight: 600;")
        self.view = RecordsView(TrendsTableModel(self), placeholder="Rechercher une saison…")
        self.chart = BarChart("Places offertes et utilisées, saison par saison")
        note = QLabel(TRENDS_DEFINITION)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666666;")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.chart)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 460])  # the table whole, the chart beside it
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)

    def set_review(self, review: SeasonReview | None) -> None:
        trends: tuple[TrendLine, ...] = review.trends if review else ()
        title = trends_title(review) if review else ""
        if review is not None and review.as_of.date() <= parse_season_label(review.season_label)[2]:
            title += f" — la saison {review.season_label} est en cours : ses chiffres vont encore augmenter"
        self.title.setText(title)
        self.view.set_rows(list(trends))
        self.view.fit_columns()
        self.chart.set_data(
            [t.season_label for t in trends],
            [[t.number("places_offered") for t in trends], [t.number("used") for t in trends]],
            ["offertes", "utilisées"],
        )
