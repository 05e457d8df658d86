"""The `acs-desktop` command: the window, or a batch subcommand.

Qt is imported only when the window is shown, so batch commands start fast and run anywhere.
The window shows before the store is opened (and before SQLAlchemy and the subcommands are even
imported): a director sees it as fast as any Qt window, then its figures.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import logging
import os
import sys
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from acs_desktop import APP_NAME, __version__
from acs_desktop.commands import CommandContext
from acs_desktop.db.files import keep_private, private
from acs_desktop.db.location import (
    DATABASE_ENV_VAR,
    ENV_VAR,
    data_dir_problem,
    resolve_data_dir,
    resolve_database,
    store_path,
)
from acs_desktop.db.lock import StoreLock
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import describe, fault
from acs_desktop.domain.french import format_int

if TYPE_CHECKING:
    from acs_desktop.db.store import Store
    from acs_desktop.services import Services

LOG_FILE = "acs-desktop.log"
PASSWORD_VAR = "ACS_MOT_DE_PASSE"


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French where it speaks to the user (its error details stay as they are)."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "utilisation :", 1)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : option incorrecte ({message}). Voir « {self.prog} --help ».\n")


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; without `commands`, the window's options only (no subcommand imported)."""
    parser = FrenchArgumentParser(
        prog="acs-desktop",
        description="Gestion de l'Abonnement Culturel Solidaire : conventions, offres, relais, invitations, bilan.",
        epilog=f"Sans commande, la fenêtre s'ouvre. Les données sont dans le dossier donné par --data-dir, "
        f"sinon par la variable {ENV_VAR}, sinon dans le dossier de données de l'utilisateur.",
    )
    parser.add_argument("--data-dir", metavar="DOSSIER", help="dossier des données (la base acs.sqlite y est créée)")
    parser.add_argument(
        "--database",
        metavar="ADRESSE",
        help="travailler sur une base PostgreSQL partagée par plusieurs postes "
        f"(postgresql://utilisateur@serveur/base ; sinon la variable {DATABASE_ENV_VAR}, sinon le réglage du poste)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="remplit une base vide avec une saison passée et une saison en cours fictives",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="ouvre la fenêtre, vérifie qu'elle s'affiche, écrit une ligne et quitte",
    )
    parser.add_argument(
        "--compte",
        metavar="NOM",
        help=f"quand la base a des comptes : le compte sous lequel agir (mot de passe dans la variable {PASSWORD_VAR}, "
        "sinon demandé)",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="affiche la version et quitte"
    )
    if commands:
        from acs_desktop.commands import register_all

        subparsers = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
        register_all(subparsers)
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The window's options alone are read without importing the subcommands; anything else
    (a command, --help, a mistake) goes to the whole parser, which says it in French."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not any(arg in ("-h", "--help") for arg in argv):
        window_only = build_parser(commands=False)
        window_only.error = _not_for_the_window  # the whole parser says it
        try:
            args, rest = window_only.parse_known_args(argv)
        except ValueError:
            rest = ["?"]
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def _not_for_the_window(message: str):
    raise ValueError(message)


class _QuietFileHandler(RotatingFileHandler):
    """The log file; when the disk is full the line is lost, never printed with a traceback on
    the screen (Python's default for a handler that fails)."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def setup_logging(data_dir: Path) -> Path | None:
    """The log in the data folder; None if the folder cannot hold it (read-only: `check` and
    `backup` still run there). Never a line of it on the screen: what the person must know is
    said in French, the details stay in the file."""
    log_path = data_dir / LOG_FILE
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler | logging.NullHandler)]:
        root.removeHandler(old)  # main() may run more than once in a process (tests)
        old.close()
    try:
        handler = _QuietFileHandler(log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())  # else Python prints warnings, tracebacks included, on stderr
        return None
    private(log_path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugins' set-up, line by line: noise
    return log_path


# French figures use narrow no-break spaces (1 234,50 €) that Windows' usual code page (cp1252)
# lacks: printed to a file or a pipe there, they would stop the command with an encoding error.
# Written where the encoding cannot, a no-break space becomes a space and anything else « ? ».
SPACES = {"\u202f", "\u00a0", "\u2009"}


def _closest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(" " if char in SPACES else "?" for char in text), error.end


codecs.register_error("acs-closest", _closest)


def writable_output() -> None:
    """The console and its redirections never refuse a French character (see SPACES)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None without a console (pythonw)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="acs-closest")


def main(argv: list[str] | None = None) -> int:
    writable_output()
    args = parse_args(argv)
    if not logging.getLogger().handlers:  # until the log is open, nothing of it on the screen (tracebacks included)
        logging.getLogger().addHandler(logging.NullHandler())
    data_dir = resolve_data_dir(args.data_dir)
    gui = not args.command and not args.self_test
    problem = data_dir_problem(data_dir)
    if problem:
        return _refuse_start(problem, gui=gui)
    path = store_path(data_dir)
    address = resolve_database(getattr(args, "database", None), data_dir)
    if address is not None:
        from acs_desktop.db.engine import is_server_address

        if not is_server_address(address):
            return _refuse_start(
                f"« {address} » n'est pas l'adresse d'une base PostgreSQL. Elle s'écrit "
                "postgresql://utilisateur@serveur/base (voir « Plusieurs postes » dans le mode d'emploi).",
                gui=gui,
            )
    args.address = address
    try:
        return _start(args, data_dir, path, gui=gui)
    except Exception as error:
        message = describe(error, _shown(address) if address else path, outcome=STORE_UNTOUCHED)
        if message is None:
            return _unexpected(None)
        logging.getLogger(__name__).warning("%s\n%s", message, traceback.format_exc())
        return _refuse_start(message, gui=gui)


STORE_UNTOUCHED = "La base n'a pas été modifiée."
DATA_DIR_NEEDED = "ACS Desktop doit pouvoir écrire dans le dossier des données (la base, son journal, ses sauvegardes) ; la base n'a pas été modifiée."


def _shown(address: str) -> str:
    from acs_desktop.db.server import shown_address

    return shown_address(address)


def _start(args: argparse.Namespace, data_dir: Path, path: Path, *, gui: bool) -> int:
    keep_private(data_dir)
    lock = StoreLock(path)
    try:
        if args.address is not None:
            # On a server, many desks share the store: no one-instance lock. The data folder is this
            # desk's own (its log, its backups, the window's state): made here, as the lock would.
            data_dir.mkdir(parents=True, exist_ok=True)
            free = True
        else:
            free = not getattr(args, "exclusive", True) or lock.acquire()
    except OSError as error:  # the folder cannot be written (read-only, refused, full): say the folder
        raise fault(OSError(error.errno, error.strerror), data_dir, outcome=DATA_DIR_NEEDED) or error from None
    if not free:
        return _refuse_start(
            f"ACS Desktop est déjà ouvert sur cette base ({lock.holder() or path}). Fermez-le avant de le relancer.",
            gui=gui,
            code=4,
        )
    try:
        log_path = setup_logging(data_dir)
        if not args.command:
            return _window(args, data_dir, path, log_path, gui=gui)
        if not getattr(args, "opens_store", True):
            context = CommandContext(data_dir, path, address=args.address)
            return _guarded(lambda: _authorised(args, path, context), log_path, path)
        store = _open(path, data_dir, gui=False, address=args.address)
        if store is None:
            return 2
        try:
            return _guarded(lambda: _run_command(args, store, data_dir), log_path, path)
        finally:
            store.close()
    finally:
        lock.release()


def _open(path: Path, data_dir: Path, *, gui: bool, address: str | None = None) -> Store | None:
    """The store, or None after saying why not. A damaged store: offer its latest good backup.
    With `address`, the store on that PostgreSQL server."""
    from acs_desktop.db.backup import latest_good_backup, restore_backup
    from acs_desktop.db.store import StoreError, open_store

    if address is not None:
        from acs_desktop.db.server import open_server_store

        try:
            return open_server_store(address, data_dir)
        except StoreError as error:
            _refuse_start(error.message, gui=gui)
            return None
    try:
        return open_store(path, check=not _known_sound(path, data_dir))
    except StoreError as error:
        if not error.damaged:  # a full disk, a read-only folder, a busy store: said as such, no restore offered
            _refuse_start(error.message, gui=gui)
            return None
        backup = latest_good_backup(data_dir)
        if backup is None:
            _refuse_start(
                error.message + "\nAucune sauvegarde valable n'a été trouvée dans le dossier des données.", gui=gui
            )
            return None
        hint = f"Dernière sauvegarde valable : {backup.path} ({backup.taken_at:%d/%m/%Y à %H:%M})."
        if not gui or not _ask_restore(error.message, backup):
            _refuse_start(
                f'{error.message}\n{hint}\nPour la restaurer : acs-desktop restore "{backup.path}"', gui=False
            )
            return None
    result = restore_backup(backup.path, path, data_dir, datetime.now())
    logging.getLogger(__name__).warning(
        "Base endommagée mise de côté (%s), sauvegarde %s restaurée", result.previous_kept_at, backup.path
    )
    return open_store(path)


def _known_sound(path: Path, data_dir: Path) -> bool:
    """Every page of the store is read at the day's first start (whose backup copies it). Later
    that day, a store unchanged since its checked daily copy is sound: it is not read again
    (0.15 s at 300,000 invitations, at each start)."""
    from acs_desktop.db.backup import daily_copy_is_current

    try:
        return path.exists() and daily_copy_is_current(path, data_dir, datetime.now())
    except OSError:  # the data folder unreadable: check, and let the opening say what is wrong
        return False


def _ask_restore(message: str, backup) -> bool:
    try:
        from PySide6.QtWidgets import QMessageBox

        from acs_desktop.ui.app import make_application

        make_application()
        answer = QMessageBox.question(
            None,
            APP_NAME,
            f"{message}\n\nRestaurer la dernière sauvegarde valable, du {backup.taken_at:%d/%m/%Y à %H:%M} ?\n"
            "La base endommagée sera gardée de côté, pas effacée.",
        )
        return answer == QMessageBox.StandardButton.Yes
    except Exception:
        return False


def _guarded(action, log_path: Path | None, store_path: Path | None = None) -> int:
    """Run `action`: a refusal is said in French, a fault of the machine too (with the path
    concerned: the store for a database error); anything else as well, details in the log."""
    try:
        return action()
    except DomainError as error:
        print(error.message, file=sys.stderr)
        return 1
    except Exception as error:
        message = describe(error, store_path)
        if message is None:
            return _unexpected(log_path)
        logging.getLogger(__name__).warning("%s\n%s", message, traceback.format_exc())
        print(message, file=sys.stderr)
        return 1


def _unexpected(log_path: Path | None) -> int:
    logging.getLogger(__name__).error("Erreur inattendue\n%s", traceback.format_exc())
    where = f" Le détail technique est dans le journal : {log_path}" if log_path else ""
    print(f"Erreur inattendue.{where}", file=sys.stderr)
    return 3


def _warn(message: str, *, gui: bool, parent=None) -> None:
    """Say something that does not stop the work (a backup not taken): on stderr, in the log and,
    with a window, in a message box."""
    logging.getLogger(__name__).warning(message)
    print(message, file=sys.stderr)
    if gui:
        try:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent, APP_NAME, message)
        except Exception:
            pass


def _automatic_backup(store_path: Path, data_dir: Path, *, closing: bool, gui: bool, parent=None) -> None:
    """The day's copies; on a full or read-only disk the session goes on (the store is intact):
    it is said, and the copy is taken again at the next closing or start."""
    message = _backup_problem(store_path, data_dir, closing=closing)
    if message is not None:
        _warn(message, gui=gui, parent=parent)


def _backup_problem(store_path: Path, data_dir: Path, *, closing: bool) -> str | None:
    """Take the day's copies; what to say if they could not be taken (None: taken, or not due).
    No window here: it may run on a thread of the pool."""
    import sqlite3

    from acs_desktop.db.backup import BACKUP_NOT_TAKEN, automatic_backup
    from acs_desktop.db.store import StoreError

    try:
        automatic_backup(store_path, data_dir, datetime.now(), closing=closing)
    except (OSError, sqlite3.Error, StoreError) as error:
        message = (
            error.message if isinstance(error, StoreError) else describe(error, store_path, outcome=BACKUP_NOT_TAKEN)
        )
        if message is None:
            raise
        again = "au prochain démarrage" if closing else "à la fermeture"
        return f"Sauvegarde automatique : {message}\nElle sera retentée {again}."
    return None


def _prepare(args: argparse.Namespace, store: Store) -> Services:
    """What every start does once the store is open: say a migration, load the demo if asked,
    apply the retention of first names."""
    from acs_desktop.services import Services

    services = Services(store)
    if store.migrated_from:
        message = (
            f"Base mise à jour (schéma {store.migrated_from} → actuel) ; copie gardée : {store.copy_before_migration}"
        )
        logging.getLogger(__name__).info(message)
        print(message)
    if args.demo:
        _load_demo(store)
    for done in services.privacy.apply_retention():
        logging.getLogger(__name__).info(
            "Saison %s : %s prénom(s) effacé(s) (durée de conservation)", done.season_label, done.first_names
        )
    if args.command or args.self_test:  # the window asks who is there itself
        _log_in(args, services)
    return services


def _log_in(args: argparse.Namespace, services: Services) -> None:
    """With accounts, a command acts as `--compte NOM` (its password from ACS_MOT_DE_PASSE, or
    asked at a terminal), and its role holds as in the window; without, nothing is asked."""
    if not services.accounts.has_accounts():
        return
    if not args.compte:
        raise DomainError(
            "login_needed",
            "Cette base a des comptes : indiquez sous quel compte agir avec --compte NOM "
            f"(le mot de passe dans la variable {PASSWORD_VAR}, ou demandé). Rien n'a été fait.",
        )
    password = os.environ.get(PASSWORD_VAR)
    if password is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise DomainError(
                "password_needed",
                f"Mot de passe du compte « {args.compte} » : donnez-le dans la variable {PASSWORD_VAR}. Rien n'a été fait.",
            )
        import getpass

        password = getpass.getpass(f"Mot de passe de {args.compte} : ")
    services.accounts.log_in(args.compte, password)


def _authorised(args: argparse.Namespace, path: Path, context: CommandContext) -> int:
    """Run a command that handles the store's file itself once its permission is checked."""
    _authorise(args, path)
    return args.handler(args, context)


def _authorise(args: argparse.Namespace, path: Path) -> None:
    """A command that handles the store's file itself (backup, restore) and needs a permission:
    with accounts, the account given must have it. A store that cannot be opened (damaged, newer)
    has no account to ask: a restore is what it needs."""
    from acs_desktop.db.store import StoreError, open_store
    from acs_desktop.domain.accounts import Permission
    from acs_desktop.services import Services

    permission = getattr(args, "permission", None)
    if permission is None or (args.address is None and not path.exists()):
        return
    try:
        if args.address is not None:
            from acs_desktop.db.server import open_server_store

            store = open_server_store(args.address, path.parent, pool_size=1)
        else:
            store = open_store(path)
    except StoreError:
        return
    try:
        services = Services(store)
        _log_in(args, services)
        services.accounts.require(Permission(permission))
    finally:
        store.close()


def _run_command(args: argparse.Namespace, store: Store, data_dir: Path) -> int:
    services = _prepare(args, store)
    return args.handler(args, CommandContext(data_dir, store_path(data_dir), store, services, address=args.address))


def _window(args: argparse.Namespace, data_dir: Path, path: Path, log_path: Path | None, *, gui: bool) -> int:
    """The window shows first; the store is opened under it, backed up (the day's first start)
    and, after the window closes, checkpointed, backed up again if written, and closed."""
    if not _screen_available():
        if not args.self_test:
            print("Aucun écran n'est disponible : la fenêtre ne peut pas s'ouvrir.", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the self-test checks the window off screen
    opened: list[Store] = []

    def open_services(window) -> Services | None:
        store = _open(path, data_dir, gui=gui, address=args.address)
        if store is None:
            return None
        opened.append(store)
        return _prepare(args, store)

    def after_open(window) -> None:
        """The day's first copy, once the window shows its records: on a thread of the pool (0.5 s
        at 300,000 invitations, seconds at a network's scale), the window in use meanwhile. A
        server is backed up on the server (and with `backup --to`)."""
        if not opened or opened[0].on_server:
            return
        from acs_desktop.ui.operations import Operation

        def said(message: object) -> None:
            if isinstance(message, str):
                _warn(message, gui=gui, parent=window)

        copying = Operation(
            window,
            lambda _progress: _backup_problem(path, data_dir, closing=False),
            title="Sauvegarde automatique",
            say_refusal=gui,
        )
        copying.succeeded.connect(said)
        if not gui:  # the self-test: said on stderr, as the command line says things
            copying.refused.connect(lambda message: print(message, file=sys.stderr))
        copying.start()

    def run() -> int:
        from acs_desktop.ui.app import run_gui

        code = run_gui(data_dir, path, log_path, open_services, after_open, self_test=args.self_test)
        if opened and not opened[0].on_server:
            try:
                opened[
                    0
                ].checkpoint()  # then the copy (if the session wrote anything) is newer than every file of the store
            except Exception as error:
                if describe(error, path) is None:
                    raise
                logging.getLogger(__name__).warning("Journal non reporté dans la base : %s", describe(error, path))
            _automatic_backup(path, data_dir, closing=True, gui=gui)
        return code

    try:
        return _guarded(run, log_path, path)
    finally:
        for store in opened:
            store.close()


def _screen_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _load_demo(store: Store) -> None:
    from acs_desktop.services.demo import load_demo

    try:
        summary = load_demo(store, datetime.now().replace(microsecond=0))
    except DomainError as error:
        print(f"Démonstration non chargée : {error.message}")
        return
    print(
        f"Démonstration chargée : saisons {', '.join(summary.seasons)}, {summary.partners} partenaires, "
        f"{summary.relays} relais, {format_int(summary.performances)} représentations, {format_int(summary.invitations)} invitations."
    )


def _refuse_start(message: str, *, gui: bool, code: int = 2) -> int:
    print(message, file=sys.stderr)
    if gui:
        try:
            from PySide6.QtWidgets import QMessageBox

            from acs_desktop.ui.app import make_application

            make_application()
            QMessageBox.critical(None, APP_NAME, message)
        except Exception:
            pass
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
