"""The main window: a season selector above the five tabs of the yearly process."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from acs_desktop import APP_NAME, __version__
from acs_desktop.services import Services
from acs_desktop.ui.conventions_tab import ConventionsTab
from acs_desktop.ui.invitations_tab import InvitationsTab
from acs_desktop.ui.offers_tab import OffersTab
from acs_desktop.ui.relays_tab import RelaysTab
from acs_desktop.ui.review_tab import ReviewTab
from acs_desktop.ui.season_file_actions import add_season_file_actions
from acs_desktop.ui.season_tab import SeasonTab


class MainWindow(QMainWindow):
    season_changed = Signal(object)

    def __init__(self, services: Services, settings: QSettings, store_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.store_path = store_path
        self._update_title()
        self.setMinimumSize(900, 560)

        self.season_box = QComboBox()
        self.season_box.setMinimumWidth(120)
        self.season_box.setToolTip("Saison affichée dans tous les onglets")
        toolbar = QToolBar("Saison")
        toolbar.setObjectName("seasonToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Saison : "))
        toolbar.addWidget(self.season_box)
        self.addToolBar(toolbar)

        self.tabs = QTabWidget()
        self.tab_pages: list[SeasonTab] = [
            ConventionsTab(services), OffersTab(services), RelaysTab(services), InvitationsTab(services), ReviewTab(services),
        ]
        for page in self.tab_pages:
            self.tabs.addTab(page, page.title)
        self.setCentralWidget(self.tabs)
        self.statusBar().showMessage(f"Données : {store_path}")

        self._build_menus()
        self.season_box.currentIndexChanged.connect(self._on_season_chosen)
        self.reload_seasons()
        self._restore_state()

    # --- seasons --------------------------------------------------------------------------
    def reload_seasons(self, select_id: int | None = None) -> None:
        seasons = self.services.seasons.list_seasons()
        remembered = self.settings.value("season/last", "", type=str)
        default = self.services.seasons.default_season()
        self.season_box.blockSignals(True)
        self.season_box.clear()
        for season in seasons:
            self.season_box.addItem(season.label, season.id)
        wanted = select_id
        if wanted is None:
            wanted = next((s.id for s in seasons if s.label == remembered), default.id if default else None)
        self.season_box.setCurrentIndex(max(self.season_box.findData(wanted), 0) if seasons else -1)
        self.season_box.blockSignals(False)
        self._on_season_chosen()

    def current_season_id(self) -> int | None:
        return self.season_box.currentData()

    def _on_season_chosen(self, *_args) -> None:
        season_id = self.current_season_id()
        if season_id is not None:
            self.settings.setValue("season/last", self.season_box.currentText())
        for page in self.tab_pages:
            page.set_season(season_id)
        self.season_changed.emit(season_id)

    def reload_all(self) -> None:
        for page in self.tab_pages:
            page.reload()

    # --- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        add_season_file_actions(self, file_menu)
        quit_action = QAction("&Quitter", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&Affichage")
        for index, page in enumerate(self.tab_pages):
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
        refresh = QAction("Actualiser", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.reload_all)
        view_menu.addAction(refresh)
        help_menu = self.menuBar().addMenu("&Aide")
        about = QAction("À &propos d'ACS Desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"À propos d'{APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>Gestion de l'Abonnement Culturel Solidaire.<br><br>"
            f"Données : {self.store_path}",
        )

    def _update_title(self) -> None:
        name = self.services.settings.get().name
        self.setWindowTitle(f"{APP_NAME} {__version__}" + (f" — {name}" if name else ""))

    # --- window state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 780)
        self.tabs.setCurrentIndex(self.settings.value("window/tab", 0, type=int))

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # Esc never closes the main window
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)
