"""The main window: a season selector above the five tabs of the yearly process, or the welcome
page while the store is empty. Remembers its geometry, the last season and the column widths."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget, QToolBar, QWidget

from acs_desktop import APP_NAME, __version__
from acs_desktop.domain.seasons import next_season_label
from acs_desktop.services import Services
from acs_desktop.ui import safety_actions
from acs_desktop.ui.conventions_tab import ConventionsTab
from acs_desktop.ui.documents_menu import DocumentsMenu
from acs_desktop.ui.events import AppEvents
from acs_desktop.ui.invitations_tab import InvitationsTab
from acs_desktop.ui.offers_tab import OffersTab
from acs_desktop.ui.relays_tab import RelaysTab
from acs_desktop.ui.review_tab import ReviewTab
from acs_desktop.ui.season_file_actions import add_season_file_actions
from acs_desktop.ui.season_tab import SeasonTab
from acs_desktop.ui.welcome_page import WelcomePage
from acs_desktop.ui.widgets.actions import attempt
from acs_desktop.ui.widgets.records_view import RecordsView


class MainWindow(QMainWindow):
    season_changed = Signal(object)

    def __init__(self, services: Services, settings: QSettings, store_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.store_path = store_path
        self.events = AppEvents(self)
        self.setMinimumSize(760, 520)

        self.season_box = QComboBox()
        self.season_box.setMinimumWidth(120)
        self.season_box.setToolTip("Saison affichée dans tous les onglets")
        self.season_toolbar = QToolBar("Saison")
        self.season_toolbar.setObjectName("seasonToolbar")
        self.season_toolbar.setMovable(False)
        self.season_toolbar.addWidget(QLabel(" Saison : "))
        self.season_toolbar.addWidget(self.season_box)
        self.addToolBar(self.season_toolbar)

        self.tabs = QTabWidget()
        self.tab_pages: list[SeasonTab] = [
            ConventionsTab(services, self.events), OffersTab(services, self.events), RelaysTab(services, self.events),
            InvitationsTab(services, self.events), ReviewTab(services, self.events),
        ]
        for page in self.tab_pages:
            self.tabs.addTab(page, page.title)
        self.welcome = WelcomePage(services)
        self.welcome.started.connect(self._on_started)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.statusBar().showMessage(f"Données : {store_path}")

        self._build_menus()
        self.events.data_changed.connect(self._on_data_changed)
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
        self.pages.setCurrentWidget(self.tabs if seasons else self.welcome)
        self.season_toolbar.setVisible(bool(seasons))
        self._update_title()
        self._on_season_chosen()

    def select_season(self, season_id: int) -> None:
        index = self.season_box.findData(season_id)
        if index >= 0:
            self.season_box.setCurrentIndex(index)

    def current_season_id(self) -> int | None:
        return self.season_box.currentData()

    def _on_season_chosen(self, *_args) -> None:
        season_id = self.current_season_id()
        if season_id is not None:
            self.settings.setValue("season/last", self.season_box.currentText())
        for page in self.tab_pages:
            page.set_season(season_id)
        self.season_changed.emit(season_id)

    def _on_started(self) -> None:
        self.reload_seasons()

    def _on_data_changed(self) -> None:
        self._update_title()
        for page in self.tab_pages:
            page.refresh()

    def reload_all(self) -> None:
        self._on_data_changed()

    def new_season(self) -> None:
        labels = [s.label for s in self.services.seasons.list_seasons()]
        suggestion = self.services.seasons.current_label()
        if suggestion in labels:  # the season after the newest one
            suggestion = next_season_label(labels[0])
        label, ok = QInputDialog.getText(self, "Nouvelle saison", "Saison (ex. 2027-2028) :", text=suggestion)
        if ok:
            done = attempt(self, lambda: self.services.seasons.create_season(label))
            if done:
                self.reload_seasons(done.value.id)

    # --- menus ----------------------------------------------------------------------------
    def _menu_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        item = QAction(text, self)
        if shortcut is not None:
            item.setShortcut(QKeySequence(shortcut))
        item.triggered.connect(lambda _=False: slot())
        menu.addAction(item)
        return item

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self._menu_action(file_menu, "L'&association…", self.edit_settings)
        self._menu_action(file_menu, "Nouvelle &saison…", self.new_season)
        self._menu_action(file_menu, "&Partenaires…", self.tab_pages[0].open_partners)
        self._menu_action(file_menu, "&Motifs de non-utilisation…", self.edit_reasons)
        self._menu_action(file_menu, "&Clôturer la saison…", self.close_season)
        file_menu.addSeparator()
        self._menu_action(file_menu, "Sauve&garder vers…", lambda: safety_actions.backup_to_folder(self, self.services), "Ctrl+Shift+S")
        self._menu_action(file_menu, "&Restaurer une sauvegarde…", self.restore_backup)
        self._menu_action(file_menu, "&Journal d'activité…", self.show_activity, "Ctrl+J")
        file_menu.addSeparator()
        add_season_file_actions(self, file_menu)
        file_menu.addSeparator()
        self._menu_action(file_menu, "&Quitter", self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu("&Affichage")
        for index, page in enumerate(self.tab_pages):
            self._menu_action(view_menu, page.title, lambda i=index: self.tabs.setCurrentIndex(i), f"Ctrl+{index + 1}")
        self._menu_action(view_menu, "Actualiser", self.reload_all, QKeySequence.StandardKey.Refresh)
        self.menuBar().addMenu(DocumentsMenu(self.services, self.current_season_id, self, on_change=self.events.data_changed.emit))
        help_menu = self.menuBar().addMenu("&Aide")
        self._menu_action(help_menu, "À &propos d'ACS Desktop", self._about)

    def close_season(self) -> None:
        season_id = self.current_season_id()
        if season_id is not None and safety_actions.close_season(self, self.services, season_id, self.season_box.currentText()):
            self.events.data_changed.emit()

    def restore_backup(self) -> None:
        if safety_actions.restore_from_file(self, self.services):
            self.reload_seasons()

    def show_activity(self) -> None:
        from acs_desktop.ui.activity_dialog import ActivityDialog

        ActivityDialog(self.services, self).exec()

    def edit_settings(self) -> None:
        from acs_desktop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.services, self).exec():
            self.events.data_changed.emit()

    def edit_reasons(self) -> None:
        from acs_desktop.ui.reasons_dialog import ReasonsDialog

        ReasonsDialog(self.services, self).exec()
        self.events.data_changed.emit()

    def _about(self) -> None:
        from acs_desktop.ui.about_dialog import AboutDialog

        AboutDialog(self.store_path, self).exec()

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
        for view in self.findChildren(RecordsView):
            state = self.settings.value(f"columns/{view.objectName()}") if view.objectName() else None
            if state is not None:
                view.restore_columns(state)

    def closeEvent(self, event) -> None:
        for page in self.tab_pages:
            if hasattr(page, "save_pending"):
                page.save_pending()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for view in self.findChildren(RecordsView):
            if view.objectName():
                self.settings.setValue(f"columns/{view.objectName()}", view.table.horizontalHeader().saveState())
        self.settings.sync()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # Esc never closes the main window
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)
