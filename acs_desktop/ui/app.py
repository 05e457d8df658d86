"""Starting the window: Qt application, French translations, error handling, self-test."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QWidget

from acs_desktop import APP_NAME, __version__
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import describe
from acs_desktop.domain.french import format_int, quantity
from acs_desktop.ui.widgets.messages import messages

if TYPE_CHECKING:
    from acs_desktop.services import Services

log = logging.getLogger(__name__)
SETTINGS_FILE = "fenetre.ini"
SELF_TEST_TIMEOUT = 60.0  # seconds: a window that never shows, or a tab that never draws, fails
EXPOSE_WAIT = 3.0  # seconds a real screen may take to map the window before the store is opened anyway


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, in French (Qt's own buttons and dialogs included)."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Les Sorties Solidaires")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if not getattr(app, "_acs_translator", None):
        from acs_desktop.ui.about_dialog import app_icon

        app.setWindowIcon(app_icon())
        # Fusion clips the accent of capitals (É, À) on inactive tabs: a little more room on top.
        app.setStyleSheet("QTabBar::tab { padding: 5px 12px 4px 12px; }")
        translator = QTranslator(app)
        if translator.load(
            QLocale(QLocale.Language.French),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(translator)
        app._acs_translator = translator
    return app


def window_settings(data_dir: Path) -> QSettings:
    """Window geometry, last season and column widths live beside the store, not in the registry."""
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def show_error(parent, message: str, title: str = "ACS Desktop") -> None:
    messages().warning(parent, title, message)


def install_exception_hook(log_path: Path) -> None:
    """No traceback is ever shown: a domain refusal is shown as is, anything else as a plain
    French message pointing at the log file that keeps the details."""

    def hook(kind, value, tb):
        if isinstance(value, DomainError):
            show_error(QApplication.activeWindow(), value.message)
            return
        said = describe(value)  # a full disk, a read-only folder, a busy store: what it is, not « inattendue »
        if said is not None:
            log.warning("%s\n%s", said, "".join(traceback.format_exception(kind, value, tb)))
            show_error(QApplication.activeWindow(), said)
            return
        log.error("Erreur inattendue\n%s", "".join(traceback.format_exception(kind, value, tb)))
        messages().critical(
            QApplication.activeWindow(),
            "Erreur inattendue",
            "Une erreur inattendue s'est produite. Vos données enregistrées ne sont pas perdues.\n\n"
            f"Le détail technique est dans le journal :\n{log_path}",
        )

    sys.excepthook = hook


def run_gui(
    data_dir: Path,
    store_path: Path,
    log_path: Path,
    open_services: Callable[[QWidget], Services | None],
    after_open: Callable[[QWidget], None] | None = None,
    *,
    self_test: bool = False,
) -> int:
    """The window first, then the store: the frame (menus, tab titles, « Ouverture de la base… »)
    shows as fast as any Qt window; `open_services(window)` then opens the store — and may ask,
    over the frame, to restore a backup — and returns None when it cannot (it has said why).
    `after_open(window)` runs once the window has its records (the day's copy, in the background)."""
    from acs_desktop.ui.main_window import MainWindow

    app = make_application()
    if not self_test:
        install_exception_hook(log_path)
    window = MainWindow(None, window_settings(data_dir), store_path)
    window.show()
    wait_until(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), EXPOSE_WAIT)
    if self_test:
        print("Autotest : fenêtre affichée, ouverture de la base…", flush=True)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        services = open_services(window)
        if services is not None and not self_test:
            QApplication.restoreOverrideCursor()  # the person types: not a waiting cursor
            entered = log_in(services, window)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            if not entered:
                services = None  # « Quitter » at the login: the window closes, nothing of the store shown
        if services is not None:
            window.attach(services)
    except Exception as error:
        QApplication.restoreOverrideCursor()
        said = error.message if isinstance(error, DomainError) else describe(error, store_path)
        if not self_test:
            if said is not None:  # a refusal or a fault of the machine: what it is, then the command line says it too
                messages().warning(window, APP_NAME, f"La base n'a pas pu être ouverte.\n\n{said}")
            else:
                messages().critical(
                    window,
                    "Erreur inattendue",
                    f"La base n'a pas pu être ouverte.\n\nLe détail technique est dans le journal :\n{log_path}",
                )
        window.close()
        raise
    QApplication.restoreOverrideCursor()
    if services is None:
        window.close()
        return 2
    if after_open is not None:
        QTimer.singleShot(0, lambda: after_open(window))  # after the first page has drawn
    try:
        if self_test:
            return _self_test(app, window, services, store_path)
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()  # a review or a report still computing: never close the store under it


def log_in(services: Services, parent: QWidget) -> bool:
    """With accounts, and nobody logged in yet: ask who is there. False: they chose « Quitter »."""
    if not services.accounts.has_accounts() or services.accounts.who() is not None:
        return True
    from acs_desktop.ui.login_dialog import LoginDialog

    return bool(LoginDialog(services, parent).exec())


def wait_until(app: QApplication, until: Callable[[], bool], seconds: float) -> bool:
    """Process events until `until()` or `seconds` have passed. Blocked in Qt's event loop
    between two events (a 20 ms tick wakes it), the main thread leaves the GIL to a worker."""
    deadline = time.monotonic() + seconds
    tick = QTimer()
    tick.setInterval(20)
    tick.start()
    try:
        while not until():
            if time.monotonic() > deadline:
                return False
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return True
    finally:
        tick.stop()


class _PaintCounter(QObject):
    """Counts the paint events of the widgets it watches (the self-test's proof that a tab drew)."""

    def __init__(self, widgets):
        super().__init__()
        self.painted: dict[int, int] = {}
        for widget in widgets:
            self.watch(widget)

    def watch(self, widget) -> None:
        if id(widget) not in self.painted:
            self.painted[id(widget)] = 0
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and id(watched) in self.painted:
            self.painted[id(watched)] += 1
        return False

    def count(self, widget) -> int:
        return self.painted[id(widget)]


def _drawn(page) -> str:
    """What a page drew, for the self-test's line: « Conventions dessiné, 10 lignes »."""
    title = getattr(page, "title", None)
    if not isinstance(title, str):  # the welcome page, whose `title` is its heading, a label
        return "Page d'accueil dessinée"
    view = getattr(page, "view", None)
    if view is not None and hasattr(view, "visible_count"):
        return f"{title} dessiné, {quantity(view.visible_count(), 'ligne')}"
    review = getattr(page, "review", None)
    if review is not None:
        return f"{title} dessiné, {quantity(len(review.partners), 'partenaire')} au bilan"
    groups = getattr(page, "groups", None)
    if groups is not None:  # « À faire », a page
        return f"« {title} » dessinée, {quantity(sum(len(g.items) for g in groups), 'ligne')}"
    return f"{title} dessiné"


def _self_test(app: QApplication, window, services: Services, store_path: Path) -> int:
    """As soon as the window is exposed, wait until the page it opened on has drawn with its
    records (« À faire », or the welcome page of an empty store), then show each tab in turn and
    wait until it has drawn (the review tab: with its figures, computed in the background); then
    close and print one line. No fixed delay: the time it takes is the start-up's."""
    result = {"exposed": 0, "drawn": 0}
    drawn: list = []
    welcome = window.pages.currentWidget() is window.welcome
    # Tabs by their index: each is built when shown, as the director's first click builds it.
    steps: list = [window.welcome] if welcome else [window.todo, *range(len(window.tab_pages))]
    counter = _PaintCounter([window.welcome] if welcome else [window.todo])
    deadline = time.monotonic() + SELF_TEST_TIMEOUT

    def wait(until) -> bool:
        return wait_until(app, until, deadline - time.monotonic())

    def run() -> None:
        try:
            result["exposed"] = int(
                wait(lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
            )
            for step in steps:
                page = window.tab_pages[step] if isinstance(step, int) else step
                counter.watch(page)  # a tab is built here, before it can draw
                before = counter.count(page)
                if isinstance(step, int):
                    window.show_tab(step)
                else:
                    page.update()  # the page the window opened on: drawn once more, to be seen drawing
                if wait(lambda p=page, b=before: counter.count(p) > b and not getattr(p, "loading", False)):
                    result["drawn"] += 1
                    drawn.append(page)
                    # One line per page as soon as it has drawn with its records: a start timed from outside.
                    print(f"Autotest : {_drawn(page)}", flush=True)
        finally:
            window.close()
            app.quit()

    QTimer.singleShot(0, run)
    app.exec()
    season = window.season_box.currentText() or "aucune"
    figures = services.review.key_figures(window.current_season_id()) if window.current_season_id() else None
    invitations = format_int(figures.booked) if figures else "0"
    ok = result["exposed"] == 1 and result["drawn"] == len(steps)
    tabs = len(window.tab_pages)
    shown = (
        f"{sum(1 for page in drawn if page in window.tab_pages)}/{tabs} onglets dessinés, "
        + ("« À faire » dessinée" if window.todo in drawn else "« À faire » non dessinée")
        if not welcome
        else "page d'accueil dessinée"
        if result["drawn"]
        else "page d'accueil non dessinée"
    )
    print(
        f"Autotest {APP_NAME} {__version__} : {'réussi' if ok else 'ÉCHEC'} — fenêtre affichée, "
        f"{shown}, saison {season}, {invitations} places réservées, base {getattr(services.sessions, 'where', store_path)}"
    )
    return 0 if ok else 1
