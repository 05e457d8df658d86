"""The review's « Parcours des places » page: from offered to used, per partner and per kind
of relay (from booked: places are offered by partners, not to a kind of relay), as charts."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from acs_desktop.domain.review import FUNNEL_DEFINITION, SeasonReview, partner_funnel, relay_type_funnel
from acs_desktop.ui.widgets.funnel_chart import FunnelChart


class FunnelPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.partners_chart = FunnelChart("Par partenaire : des places offertes aux places utilisées")
        self.kinds_chart = FunnelChart(
            "Par type de relais : des places réservées aux places utilisées", from_booked=True
        )
        self.note = QLabel(FUNNEL_DEFINITION)
        self.note.setObjectName("funnelNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666666;")
        layout = QGridLayout(self)
        layout.addWidget(self.partners_chart, 0, 0)
        layout.addWidget(self.kinds_chart, 0, 1)
        layout.addWidget(self.note, 1, 0, 1, 2)
        layout.setRowStretch(0, 1)

    def set_review(self, review: SeasonReview | None) -> None:
        self.partners_chart.set_lines(partner_funnel(review) if review else [])
        self.kinds_chart.set_lines(relay_type_funnel(review) if review else [])
