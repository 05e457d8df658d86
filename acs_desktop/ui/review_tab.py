"""Bilan de saison tab: the key figures of the selected season."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from acs_desktop.ui.formats import format_int, format_money, format_percent
from acs_desktop.ui.season_tab import SeasonTab

FIGURES = (
    ("Partenaires", lambda k: format_int(k.partners)),
    ("Conventions", lambda k: format_int(k.conventions)),
    ("Spectacles", lambda k: format_int(k.shows)),
    ("Représentations", lambda k: format_int(k.performances)),
    ("Relais actifs", lambda k: format_int(k.relays_active)),
    ("Abonnés solidaires", lambda k: format_int(k.solidarity_subscribers)),
    ("Dons collectés", lambda k: format_money(k.donations)),
    ("Places financées", lambda k: format_int(k.places_funded)),
    ("Places offertes", lambda k: format_int(k.places_offered)),
    ("Places réservées", lambda k: format_int(k.booked)),
    ("Places éditées", lambda k: format_int(k.issued)),
    ("Places utilisées", lambda k: format_int(k.used)),
    ("Places non utilisées", lambda k: format_int(k.unused)),
    ("Places annulées", lambda k: format_int(k.cancelled)),
    ("Taux de participation", lambda k: format_percent(k.participation_rate)),
)


class ReviewTab(SeasonTab):
    title = "Bilan de saison"

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.values: dict[str, QLabel] = {}
        for i, (name, _) in enumerate(FIGURES):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card_layout = QVBoxLayout(card)
            value = QLabel("—")
            value.setStyleSheet("font-size: 18pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(name)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            card_layout.addWidget(value)
            card_layout.addWidget(caption)
            grid.addWidget(card, i // 5, i % 5)
            self.values[name] = value
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addStretch(1)

    def reload(self) -> None:
        if self.season_id is None:
            self.heading.setText("Aucune saison")
            for label in self.values.values():
                label.setText("—")
            return
        figures = self.services.review.key_figures(self.season_id)
        self.heading.setText(f"Saison {figures.season_label} : chiffres clés")
        for name, value in FIGURES:
            self.values[name].setText(value(figures))
