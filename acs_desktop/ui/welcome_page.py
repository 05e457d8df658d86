"""The first screen of an empty store: name the association, create the season, or load the demo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.services import Services
from acs_desktop.services.demo import load_demo
from acs_desktop.ui.widgets.form_dialog import ERROR_STYLE
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class WelcomePage(QWidget):
    started = Signal()
    server_wanted = Signal()  # « Plusieurs postes… »: the desk's database, chosen before anything is typed

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(640)
        self.title = WrappingLabel("<h1>Bienvenue dans ACS Desktop</h1>")
        self.intro = WrappingLabel(
            "La base est vide. Donnez le nom de l'association (il figure sur les billets et les documents) "
            "et créez la saison en cours ; tout le reste se fait ensuite dans les onglets."
        )
        self.name = QLineEdit(services.settings.get().name)
        self.name.setPlaceholderText("ex. Les Sorties Solidaires")
        self.season = QLineEdit(services.seasons.current_label())
        form = QFormLayout()
        form.addRow("Nom de l'association", self.name)
        form.addRow("Saison", self.season)
        self.error = WrappingLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.start_button = QPushButton("Commencer")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.demo_button = QPushButton("Charger la démonstration")
        self.demo_button.setToolTip(
            "Des données fictives (une saison passée, une saison en cours) pour découvrir le logiciel"
        )
        self.demo_button.clicked.connect(self.load_demo)
        self.server_button = QPushButton("Plusieurs postes…")
        self.server_button.setToolTip(
            "Travailler sur une base partagée par plusieurs postes, sur un serveur PostgreSQL"
        )
        self.server_button.clicked.connect(self.server_wanted)
        self.server_button.setVisible(not getattr(services.sessions, "on_server", False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.server_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        # Centred by stretches, not by an alignment: an aligned widget is given the height of its
        # text for the page's whole width, and the card was squeezed (the intro over the title).
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.name.returnPressed.connect(self.start)
        self.season.returnPressed.connect(self.start)

    def start(self) -> None:
        try:
            if self.name.text().strip():
                self.services.settings.update(name=self.name.text())
            self.services.seasons.create_season(self.season.text())
        except DomainError as error:
            self.error.setText(error.message)
            return
        self.started.emit()

    def load_demo(self) -> None:
        try:
            load_demo(self.services.sessions, self.services.clock())
        except DomainError as error:
            self.error.setText(error.message)
            return
        self.started.emit()
