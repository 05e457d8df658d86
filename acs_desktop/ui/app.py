"""Starting the window: Qt application, French translations, error handling, self-test."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from acs_desktop import APP_NAME, __version__
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_int
from acs_desktop.services import Services

log = logging.getLogger(__name__)
SETTINGS_FILE = "fenetre.ini"


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
        if translator.load(QLocale(QLocale.Language.French), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
        app._acs_translator = translator
    return app


def window_settings(data_dir: Path) -> QSettings:
    """Window geometry, last season and column widths live beside the store, not in the registry."""
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def show_error(parent, message: str, title: str = "ACS Desktop") -> None:
    QMessageBox.warning(parent, title, message)


def install_exception_hook(log_path: Path) -> None:
    """No traceback is ever shown: a domain refusal is shown as is, anything else as a plain
    French message pointing at the log file that keeps the details."""

    def hook(kind, value, tb):
        if isinstance(value, DomainError):
            show_error(QApplication.activeWindow(), value.message)
            return
        log.error("Erreur inattendue\n%s", "".join(traceback.format_exception(kind, value, tb)))
        QMessageBox.critical(
            QApplication.activeWindow(),
            "Erreur inattendue",
            "Une erreur inattendue s'est produite. Vos données enregistrées ne sont pas perdues.\n\n"
            f"Le détail technique est dans le journal :\n{log_path}",
        )

    sys.excepthook = hook


def run_gui(services: Services, store_path: Path, data_dir: Path, log_path: Path, *, self_test: bool = False) -> int:
    from acs_desktop.ui.main_window import MainWindow

    app = make_application()
    if not self_test:
        install_exception_hook(log_path)
    window = MainWindow(services, window_settings(data_dir), store_path)
    window.show()
    if self_test:
        return _self_test(app, window, services, store_path)
    return app.exec()


def _self_test(app: QApplication, window, services: Services, store_path: Path) -> int:
    """Show the window, let the event loop settle, check each tab drew, print one line."""
    result: dict[str, int] = {}

    def finish() -> None:
        try:
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                app.processEvents()
            result["tabs"] = window.tabs.count()
            result["visible"] = int(window.isVisible())
        finally:
            window.close()
            app.quit()

    QTimer.singleShot(200, finish)
    app.exec()
    season = window.season_box.currentText() or "aucune"
    figures = services.review.key_figures(window.current_season_id()) if window.current_season_id() else None
    invitations = format_int(figures.booked) if figures else "0"
    ok = result.get("tabs") == 5 and result.get("visible") == 1
    print(
        f"Autotest {APP_NAME} {__version__} : {'réussi' if ok else 'ÉCHEC'} — fenêtre affichée, "
        f"{result.get('tabs', 0)} onglets, saison {season}, {invitations} places réservées, base {store_path}"
    )
    return 0 if ok else 1
