"""The main window: a season selector above the five tabs of the yearly process, or the welcome
page while the store is empty. Remembers its geometry, the last season and the column widths.

It opens on « À faire » (`ui/todo/todo_page.py`), a page before the tabs: what waits this morning,
each line opening its place. Ctrl+0 (or « À faire » in the season's bar) comes back to it, Ctrl+1 …
Ctrl+5 go to the tabs, whose order and indexes do not change.

Built in two steps so that it shows as fast as any Qt window: `MainWindow(None, …)` is the frame
(menu titles, the five tab titles, « Ouverture de la base… »), which needs neither the store nor
SQLAlchemy; `attach(services)` then fills it once the store is open. With services given, both
happen at once. Each tab is made the first time it is shown or named (`TabPages`): the window
opens on « À faire », and a tab nobody opens costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from acs_desktop import APP_NAME, __version__
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.widgets.messages import messages

if TYPE_CHECKING:
    from acs_desktop.services import Services
    from acs_desktop.ui.conventions.conventions_tab import ConventionsTab
    from acs_desktop.ui.idle_lock import IdleLock
    from acs_desktop.ui.invitations.invitations_tab import InvitationsTab
    from acs_desktop.ui.live_refresh import LiveRefresh
    from acs_desktop.ui.relays.relays_tab import RelaysTab
    from acs_desktop.ui.todo.todo_page import TodoPage
    from acs_desktop.ui.widgets.records_view import RecordsView
    from acs_desktop.ui.widgets.season_tab import SeasonTab

TAB_TITLES = ("Conventions", "Offres", "Relais", "Invitations", "Bilan de saison")  # the tabs' own titles (tested)
MENU_TITLES = ("&Fichier", "&Affichage", "&Documents", "&Aide")  # DocumentsMenu's title is the third (tested)
OPENING = "Ouverture de la base…"


def tab_classes() -> list[type[SeasonTab]]:
    """The five tabs' classes, imported when the store is open (with them, every dialog and
    action module of the window, and SQLAlchemy through the services)."""
    from acs_desktop.ui import safety_actions, season_file_actions  # noqa: F401 - the menus' modules, loaded with the tabs
    from acs_desktop.ui.conventions.conventions_tab import ConventionsTab
    from acs_desktop.ui.documents_menu import DocumentsMenu  # noqa: F401
    from acs_desktop.ui.invitations.invitations_tab import InvitationsTab
    from acs_desktop.ui.offers.offers_tab import OffersTab
    from acs_desktop.ui.relays.relays_tab import RelaysTab
    from acs_desktop.ui.review.review_tab import ReviewTab
    from acs_desktop.ui.todo.todo_page import TodoPage  # noqa: F401
    from acs_desktop.ui.welcome_page import WelcomePage  # noqa: F401

    return [ConventionsTab, OffersTab, RelaysTab, InvitationsTab, ReviewTab]


class TabSlot(QWidget):
    """The place of one tab in the tab bar: « Ouverture de la base… » until the store is open,
    then its tab, built the first time the slot is shown (`build`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.build: Callable[[], object] | None = None
        self.placeholder = QLabel(OPENING)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)

    def hold(self, page: QWidget) -> None:
        self.placeholder.hide()
        self.layout().addWidget(page)
        self.placeholder.deleteLater()
        if self.isVisible():
            page.show()  # now, not at the next turn of the event loop: it reads its records at once

    def showEvent(self, event) -> None:
        if self.build is not None:
            self.build()
        super().showEvent(event)


class TabPages(Sequence):
    """The five tabs, each built the first time it is asked for (shown, opened from « À faire »,
    or named by the code): the tabs nobody opens cost nothing at start. `built()` lists only
    those already made; iterating builds them all."""

    def __init__(self, build: Callable[[int], SeasonTab] | None = None, count: int = 0):
        self._build = build
        self._pages: list[SeasonTab | None] = [None] * count

    def __len__(self) -> int:
        return len(self._pages)

    def __getitem__(self, index: int) -> SeasonTab:  # type: ignore[override]
        page = self._pages[index]
        if page is None:
            assert self._build is not None
            page = self._pages[index] = self._build(index)
        return page

    def __contains__(self, page) -> bool:
        return any(built is page for built in self._pages)

    def __eq__(self, other) -> bool:
        return list(self.built()) == other if isinstance(other, list) else NotImplemented

    def index(self, page, start: int = 0, stop: int | None = None) -> int:
        return next(i for i, built in enumerate(self._pages) if built is page)

    def built(self) -> list[SeasonTab]:
        return [page for page in self._pages if page is not None]


class MainWindow(QMainWindow):
    season_changed = Signal(object)

    def __init__(self, services: Services | None, settings: QSettings, store_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.services: Services | None = None
        self.settings = settings
        self.store_path = store_path
        self.where = str(store_path)  # the store file, or the server's address once attached
        self.live: LiveRefresh | None = None
        self.events = None
        self.tab_pages: TabPages = TabPages()
        self.idle_lock: IdleLock | None = None
        self._role_actions: list[tuple[QAction, str]] = []  # (action, Permission): shown to who may use it
        self.setMinimumSize(760, 520)
        self.setWindowTitle(f"{APP_NAME} {__version__}")

        self.season_box = QComboBox()
        self.season_box.setMinimumWidth(120)
        self.season_box.setToolTip("Saison affichée dans tous les onglets")
        self.season_box.setEnabled(False)
        self.season_toolbar = QToolBar("Saison")
        self.season_toolbar.setObjectName("seasonToolbar")
        self.season_toolbar.setMovable(False)
        self.season_toolbar.addWidget(QLabel(" Saison : "))
        self.season_toolbar.addWidget(self.season_box)
        self.season_toolbar.addSeparator()
        self.todo_action = QAction("À faire", self)
        self.todo_action.setToolTip("Ce qui attend aujourd'hui (Ctrl+0)")
        self.todo_action.setEnabled(False)
        self.todo_action.triggered.connect(lambda _=False: self.show_todo())
        self.season_toolbar.addAction(self.todo_action)
        self.addToolBar(self.season_toolbar)
        self.todo: TodoPage | None = None
        self.todo_openers: dict[
            str, Callable[[int | None], object]
        ] = {}  # TodoPlace → opener(record_id): where each line of « À faire » leads
        self._opened = False  # « À faire » is shown once, when the store opens with a season

        self.tabs = QTabWidget()
        self.slots = [TabSlot() for _title in TAB_TITLES]  # « Ouverture de la base… » until the store is open
        for slot, title in zip(self.slots, TAB_TITLES, strict=True):
            self.tabs.addTab(slot, title)
        self.tabs.setCurrentIndex(self.settings.value("window/tab", 0, type=int))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.menus = [self.menuBar().addMenu(title) for title in MENU_TITLES]
        for menu in self.menus:
            menu.setEnabled(False)
        self.statusBar().showMessage(OPENING)
        self._restore_geometry()
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """The frame filled: the five tabs, the welcome page, the menus, the season chosen."""
        from acs_desktop.ui.welcome_page import WelcomePage

        self.services = services
        self.events = AppEvents(self)
        kinds = tab_classes()
        self.tab_pages = TabPages(lambda index: self._build_tab(kinds[index], index), len(kinds))
        for index, slot in enumerate(self.slots):
            slot.build = lambda i=index: self.tab_pages[i]
        self.welcome = WelcomePage(services)
        self.welcome.started.connect(self._on_started)
        self.welcome.server_wanted.connect(self.choose_database)
        self.pages.insertWidget(0, self.welcome)
        self._attach_todo(services)
        self.where = str(getattr(services.sessions, "where", self.store_path))
        on_server = getattr(services.sessions, "on_server", False)
        self.statusBar().showMessage(f"{'Base partagée (serveur)' if on_server else 'Données'} : {self.where}")

        self._build_menus()
        from acs_desktop.ui.idle_lock import IdleLock

        self.person_label = QLabel()
        self.statusBar().addPermanentWidget(self.person_label)
        self.idle_lock = IdleLock(self, services)
        self.idle_lock.unlocked.connect(lambda _person: self._person_changed())
        self.apply_role()
        self.season_box.setEnabled(True)
        self.events.changed.connect(self._on_changed)
        from acs_desktop.ui.live_refresh import LiveRefresh

        live = LiveRefresh(cast("AppEvents", self.events), self)  # on a server: the other desks' changes, without F5
        live.start(services.sessions)
        self.live = live
        self.season_box.currentIndexChanged.connect(self._on_season_chosen)
        self.reload_seasons()
        self._restore_columns()

    def _build_tab(self, kind: type[SeasonTab], index: int) -> SeasonTab:
        """A tab made when first needed: in its slot, on the season shown, its columns as left."""
        page = kind(cast("Services", self.services), cast("AppEvents", self.events))
        slot = self.slots[index]
        slot.build = None
        slot.hold(page)
        if self.season_box.count():
            page.set_season(self.current_season_id())
        self._restore_columns(page)
        return page

    # --- people at the desk ----------------------------------------------------------------
    def apply_role(self) -> None:
        """Show what the person at the desk may do, hide the rest; say who is there; set the
        idle lock (a store without accounts never locks)."""
        services, idle_lock = self.services, self.idle_lock
        if services is None or idle_lock is None:
            return
        allowed = services.accounts.permissions()
        for item, permission in self._role_actions:
            item.setVisible(permission in allowed)
        person = services.accounts.who()
        self.person_label.setText(f"{person.name} ({person.role.label})" if person else "")
        self.lock_action.setVisible(person is not None)
        idle_lock.set_minutes(services.settings.get().lock_minutes if person else 0)

    def _person_changed(self) -> None:
        """Another person at the desk (after the lock), or accounts changed: what shows may differ."""
        self.apply_role()
        self.reload_all()

    def lock(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def manage_accounts(self) -> None:
        from acs_desktop.ui.accounts_dialog import AccountsDialog

        if self.services is None:
            return
        AccountsDialog(self.services, self).exec()
        self._person_changed()

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
        if not seasons:
            self.pages.setCurrentWidget(self.welcome)
        elif not self._opened and self.todo is not None:
            self.pages.setCurrentWidget(self.todo)  # the director's morning, first
        elif self.pages.currentWidget() is self.welcome:
            self.pages.setCurrentWidget(self.tabs)
        self._opened = True  # an empty store opened on the welcome page, which leads to the tabs
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
        for page in self.tab_pages.built():  # the others take the season when built
            page.set_season(season_id)
        if self.todo is not None:
            self.todo.set_season(season_id)
        self.season_changed.emit(season_id)

    def _on_started(self) -> None:
        self.reload_seasons()

    def _on_changed(self, _changes) -> None:
        self._update_title()  # each tab reloads itself if the change touches what it shows

    # --- « À faire » ----------------------------------------------------------------------
    def _attach_todo(self, services: Services) -> None:
        from acs_desktop.services.todo import TodoPlace
        from acs_desktop.ui.todo.todo_page import TodoPage

        todo = TodoPage(services, cast("AppEvents", self.events))
        todo.open_requested.connect(self.open_todo)
        self.pages.addWidget(todo)
        self.todo = todo
        self.tabs.currentChanged.connect(lambda _index: self.pages.setCurrentWidget(self.tabs))
        self.todo_action.setEnabled(True)

        def conventions() -> ConventionsTab:
            return cast("ConventionsTab", self.tab_pages[0])

        def invitations() -> InvitationsTab:
            return cast("InvitationsTab", self.tab_pages[3])

        def relays() -> RelaysTab:
            return cast("RelaysTab", self.tab_pages[2])

        self.todo_openers.update(
            {
                TodoPlace.CONVENTION: lambda record_id: self._select_in(conventions(), conventions().view, record_id),
                TodoPlace.BOOKING: lambda record_id: self._select_booking(record_id),
                TodoPlace.WAITING: lambda record_id: self._select_in(
                    invitations(), invitations().waiting.view, record_id
                ),
                TodoPlace.ATTENDANCE: lambda record_id: self._select_in(
                    invitations(), invitations().pending.view, record_id
                ),
                TodoPlace.WARNING: lambda record_id: self._select_in(
                    invitations(), invitations().warnings.view, record_id
                ),
                TodoPlace.BACKUP: lambda _record_id: self.backup_to_folder(),
                TodoPlace.RELAY: lambda record_id: self._select_in(relays(), relays().view, record_id),
                TodoPlace.IMPORTED_FORM: lambda record_id: self._review_form(record_id),
            }
        )

    def show_todo(self) -> None:
        if self.todo is not None and self.pages.currentWidget() is not self.welcome:
            self.pages.setCurrentWidget(self.todo)
            self.todo.tree.setFocus()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)  # first: the tab last left is not built on the way
        self.pages.setCurrentWidget(self.tabs)

    def open_todo(self, target) -> None:
        """A line of « À faire » clicked: its tab shown and its record selected (or its dialog)."""
        opener = self.todo_openers.get(target.place)
        if opener is not None:
            opener(target.record_id)

    def _select_in(self, page: SeasonTab, view: RecordsView, record_id: int | None) -> None:
        self.show_tab(self.tab_pages.index(page))
        side = getattr(page, "side", None)
        if side is not None and side.isAncestorOf(view):  # the Invitations tab's side lists
            side.setCurrentWidget(view.parentWidget())
        view.search.clear()
        view.apply_search()
        if record_id is not None:
            view.select_ids([record_id])
        view.table.setFocus()

    def _review_form(self, form_id: int | None) -> None:
        """A form imported with refused lines: its refused lines as stored, and « vu » if the director says so."""
        from acs_desktop.ui.operations import perform
        from acs_desktop.ui.widgets.formats import format_date

        if self.services is None or form_id is None:
            return
        services = self.services
        attempt = perform(self, lambda: services.form_imports.form_to_review(form_id))
        if not attempt:
            return
        form = attempt.value
        lines = "\n".join(f"• {line}" for line in form.refused_lines) or "(le détail n'a pas été conservé)"
        question = (
            f"Bon de {form.relay_name} ({form.file_name}), importé le {format_date(form.imported_at)}.\n\n"
            f"Lignes refusées :\n{lines}\n\nMarquer ce bon comme vu ? Il ne figurera plus dans « À faire »."
        )
        if messages().question(self, "Lignes refusées", question, yes="Marquer comme vu"):
            perform(
                self,
                lambda: services.form_imports.mark_form_seen(form_id),
                changes=Changes.of(Area.BOOKINGS),
                events=self.events,
            )

    def _select_booking(self, booking_id: int | None) -> None:
        invitations = cast("InvitationsTab", self.tab_pages[3])
        self._select_in(invitations, invitations.unprinted.view, booking_id)
        if booking_id is not None:
            invitations.show_booking(booking_id)  # and in the season's list, with its invitations

    def backup_to_folder(self) -> None:
        from acs_desktop.ui import safety_actions

        if self.services is None:
            return
        if safety_actions.backup_to_folder(self, self.services) is not None and self.todo is not None:
            self.todo.refresh()  # the copy is noted in the data folder, not announced as a change

    def reload_all(self) -> None:
        """F5: every tab reads the store again (another program may have written to it)."""
        self.events.announce(Changes.everything())

    def new_season(self) -> None:
        from acs_desktop.domain.seasons import next_season_label
        from acs_desktop.ui.operations import perform

        labels = [s.label for s in self.services.seasons.list_seasons()]
        suggestion = self.services.seasons.current_label()
        if suggestion in labels:  # the season after the newest one
            suggestion = next_season_label(labels[0])
        label, ok = messages().text(self, "Nouvelle saison", "Saison (ex. 2027-2028) :", text=suggestion)
        if ok:
            done = perform(self, lambda: self.services.seasons.create_season(label))
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
        from acs_desktop.domain.accounts import Permission
        from acs_desktop.ui.documents_menu import DocumentsMenu
        from acs_desktop.ui.import_requests_dialog import import_requests
        from acs_desktop.ui.season_file_actions import add_season_file_actions

        file_menu, view_menu, documents_placeholder, help_menu = self.menus
        settings = self._menu_action(file_menu, "L'&association…", self.edit_settings)
        accounts = self._menu_action(file_menu, "C&omptes et rôles…", self.manage_accounts)
        self._menu_action(file_menu, "Nouvelle &saison…", self.new_season)
        self._menu_action(file_menu, "&Partenaires…", lambda: cast("ConventionsTab", self.tab_pages[0]).open_partners())
        reasons = self._menu_action(file_menu, "&Motifs de non-utilisation…", self.edit_reasons)
        close_season = self._menu_action(file_menu, "&Clôturer la saison…", self.close_season)
        file_menu.addSeparator()
        backup = self._menu_action(file_menu, "Sauve&garder vers…", self.backup_to_folder, "Ctrl+Shift+S")
        restore = self._menu_action(file_menu, "&Restaurer une sauvegarde…", self.restore_backup)
        if getattr(getattr(self.services, "sessions", None), "on_server", False):
            restore.setEnabled(False)  # a restore would erase the other desks' work
            restore.setStatusTip(
                "Base partagée : les sauvegardes se restaurent par « move-to » (voir le mode d'emploi)."
            )
        database = self._menu_action(file_menu, "&Base de données de ce poste…", self.choose_database)
        self._menu_action(file_menu, "&Journal d'activité…", self.show_activity, "Ctrl+J")
        self.lock_action = self._menu_action(file_menu, "&Verrouiller", self.lock, "Ctrl+L")
        file_menu.addSeparator()
        _import, export = add_season_file_actions(self, file_menu)
        self._role_actions = [
            (settings, Permission.SETTINGS),
            (database, Permission.SETTINGS),
            (accounts, Permission.ACCOUNTS),
            (reasons, Permission.SETTINGS),
            (close_season, Permission.CLOSE_SEASON),
            (backup, Permission.PERSONAL_EXPORT),
            (restore, Permission.RESTORE),
            (export, Permission.PERSONAL_EXPORT),
        ]
        self._menu_action(file_menu, "Importer des &bons de réservation…", lambda: import_requests(self))
        file_menu.addSeparator()
        # Written out, not the platform's standard keys: Windows has none for Quit, and GNOME's
        # Refresh is Ctrl+R, which relays attendance in the tabs (the README lists these).
        self._menu_action(file_menu, "&Quitter", self.close, "Ctrl+Q")
        self._menu_action(view_menu, "À faire", self.show_todo, "Ctrl+0")
        for index, title in enumerate(TAB_TITLES):
            self._menu_action(view_menu, title, lambda i=index: self.show_tab(i), f"Ctrl+{index + 1}")
        self._menu_action(view_menu, "Actualiser", self.reload_all, "F5")
        documents = DocumentsMenu(self.services, self.current_season_id, self, self.events)
        self.menuBar().insertMenu(documents_placeholder.menuAction(), documents)
        self.menuBar().removeAction(documents_placeholder.menuAction())
        documents_placeholder.deleteLater()
        self.menus[2] = documents
        self._menu_action(help_menu, "À &propos d'ACS Desktop", self._about)
        for menu in self.menus:
            menu.setEnabled(True)

    def close_season(self) -> None:
        from acs_desktop.ui import safety_actions

        season_id = self.current_season_id()
        if season_id is not None and safety_actions.close_season(
            self, self.services, season_id, self.season_box.currentText()
        ):
            self.events.announce(Changes.everything())

    def restore_backup(self) -> None:
        from acs_desktop.ui import safety_actions

        if safety_actions.restore_from_file(self, self.services):
            self.reload_seasons()
            accounts = cast("Services", self.services).accounts
            if accounts.has_accounts() and accounts.who() is None and self.idle_lock is not None:
                self.idle_lock.lock("La sauvegarde restaurée a ses propres comptes : connectez-vous.")
            self.apply_role()

    def choose_database(self) -> None:
        from acs_desktop.services.store_choice import StoreChoiceService
        from acs_desktop.ui.database_dialog import NEXT_START, DatabaseDialog

        dialog = DatabaseDialog(StoreChoiceService(self.store_path.parent), self)
        if dialog.exec():
            self.statusBar().showMessage(NEXT_START, 10000)

    def show_activity(self) -> None:
        from acs_desktop.ui.activity_dialog import ActivityDialog

        ActivityDialog(self.services, self).exec()

    def edit_settings(self) -> None:
        from acs_desktop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.services, self).exec():
            self.events.announce(Changes.of(Area.SETTINGS))
            self.apply_role()  # the idle lock's time

    def edit_reasons(self) -> None:
        from acs_desktop.ui.reasons_dialog import ReasonsDialog

        ReasonsDialog(self.services, self).exec()
        self.events.announce(Changes.of(Area.SETTINGS))

    def _about(self) -> None:
        from acs_desktop.ui.about_dialog import AboutDialog

        AboutDialog(self.where, self.store_path.parent, self).exec()

    def _update_title(self) -> None:
        name = self.services.settings.get().name
        self.setWindowTitle(f"{APP_NAME} {__version__}" + (f" — {name}" if name else ""))

    # --- window state ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # the first time: as large as a laptop's screen allows, never larger
            available = self.screen().availableGeometry()
            self.resize(min(1280, available.width()), min(780, available.height()))

    def _restore_columns(self, within: QWidget | None = None) -> None:
        from acs_desktop.ui.widgets.records_view import RecordsView

        for view in (within or self).findChildren(RecordsView):
            state = self.settings.value(f"columns/{view.objectName()}") if view.objectName() else None
            if state is not None:
                view.restore_columns(state)

    def closeEvent(self, event) -> None:
        for page in self.tab_pages.built():
            if hasattr(page, "save_pending"):
                page.save_pending()
        from acs_desktop.ui.widgets.records_view import RecordsView

        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for view in self.findChildren(RecordsView):
            if view.objectName():
                self.settings.setValue(f"columns/{view.objectName()}", view.table.horizontalHeader().saveState())
        self.settings.sync()
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # Esc never closes the main window
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)
