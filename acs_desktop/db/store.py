"""Opening the store: check the file, keep a copy, migrate, and hand out sessions.

Nothing here writes to a file it has not recognised: a foreign, damaged or newer file is
refused with a French message before any connection that could write is opened.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from acs_desktop.db.engine import APPLICATION_ID, BUSY_TIMEOUT_MS, make_engine, writing
from acs_desktop.db.files import private
from acs_desktop.domain.faults import describe, fault_kind

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration. Alembic (a third of a second to import) is loaded only when a store is
# not at this revision: to migrate it, or to tell an unknown (newer) revision. A test checks
# that this is Alembic's head.
HEAD_REVISION = "0016"


class StoreError(Exception):
    """The store cannot be opened. `message` is French and shown as is; the file is untouched.
    `code` is "damaged" or "unreadable" only for a damaged file: a machine fault (a full disk, a
    read-only folder, a store held by another program) has the fault's code, never those two."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def damaged(self) -> bool:
        return self.code in DAMAGED


DAMAGED = ("damaged", "unreadable")
UNTOUCHED = "La base n'a pas été modifiée."


def machine_fault(error: BaseException, path: Path, outcome: str = UNTOUCHED) -> StoreError | None:
    """`error` as a StoreError if it is a fault of the machine (said in French), else None."""
    message = describe(error, path, outcome=outcome)
    return None if message is None else StoreError(fault_kind(error), message)


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, waiting for a busy store as the application's own do."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


@dataclass
class Store:
    """An open store: a SQLite file (`path`), or a PostgreSQL database shared by several desks
    (`address`; `path` is None). `data_dir` holds the log, the backups and the copies."""

    path: Path | None
    engine: Engine
    read: sessionmaker[Session]
    write: sessionmaker[Session]
    created: bool = False
    migrated_from: str | None = None
    copy_before_migration: Path | None = None
    address: str = ""
    data_dir: Path | None = None
    desk: str = ""  # on a server: this desk's id in the changes it announces (db/notify.py)
    _closed: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        if self.data_dir is None and self.path is not None:
            self.data_dir = self.path.parent

    @property
    def on_server(self) -> bool:
        return self.path is None

    @property
    def file(self) -> Path:
        """The SQLite file; for the work that only a store file has (copies, restores)."""
        if self.path is None:
            raise StoreError("on_server", ON_SERVER)
        return self.path

    @property
    def folder(self) -> Path:
        """The data folder: the store file's, or the one given beside a PostgreSQL address."""
        assert self.data_dir is not None
        return self.data_dir

    def watch_other_desks(self, on_change: Callable[[frozenset[str]], None]):
        """On a server: a started ChangeFeed calling `on_change(tables)` for the other desks'
        changes (stop() it before closing). None for a store file: one desk only."""
        if self.path is not None:
            return None
        from acs_desktop.db.notify import ChangeFeed

        return ChangeFeed(self.address, self.desk, on_change).start()

    @property
    def where(self) -> str:
        """Where the data is, for a person: the file, or the server's address without its password."""
        if self.path is not None:
            return str(self.path)
        from acs_desktop.db.server import shown_address

        return shown_address(self.address)

    def checkpoint(self) -> None:
        """Write the journal's pages into the store file now (what closing would do), so that a
        copy taken next is the last thing to touch the files of a session. Nothing to do on a
        server."""
        if self.path is None:
            return
        connection = self.engine.raw_connection()
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()

    def forget(self, erase_in_copy: Callable[[Connection], object] | None = None) -> CopiesErased:
        """After an erasure: the journal's pages written into the store and the journal emptied
        (`wal_checkpoint(TRUNCATE)`), so that the erased values are left in no -wal file; the
        store's own freed space is zeroed by `secure_delete`, on every connection. Then the same
        erasure, `erase_in_copy`, is made in every copy of the store kept in the data folder
        (backups, copies before a restore or a migration), one transaction each. On a server,
        the copies are those of this desk's data folder (SQLite files written by `backup`)."""
        if self.path is not None:
            connection = self.engine.raw_connection()
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                connection.close()
        else:
            # The tables rewritten without the erased rows' old versions (a plain VACUUM frees their
            # space but leaves their bytes). Other desks wait the few seconds it takes.
            with self.engine.connect() as server:
                server.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM FULL")
        if erase_in_copy is None:
            return CopiesErased(0, ())
        return erase_in_copies(self.path or self.folder / STORE_FILE_NAME, erase_in_copy)

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True


STORE_FILE_NAME = "acs.sqlite"
ON_SERVER = (
    "Cette base est sur un serveur PostgreSQL : ses sauvegardes se font sur le serveur ou avec "
    "« acs-desktop backup --to DOSSIER » (un fichier de base restaurable sur un portable)."
)


@dataclass(frozen=True)
class CopiesErased:
    """The copies of the store an erasure was made in, and those it could not reach (damaged or
    unreadable files: they are named to the user, never silently kept)."""

    erased: int
    unreachable: tuple[Path, ...]


def store_copies(store_path: Path) -> list[Path]:
    """Every copy of the store in its data folder: daily and monthly backups, the copies taken
    before a restore or a migration, a store put aside as damaged, an interrupted restore."""
    data_dir = store_path.parent
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.rglob("*.sqlite") if p.is_file() and p.resolve() != store_path.resolve())


def erase_in_copies(store_path: Path, erase: Callable[[Connection], object]) -> CopiesErased:
    """Make an erasure in every copy of the store (`store_copies`), with `secure_delete` and the
    copy's journal emptied, so that the erased values are in no file of the data folder. A copy
    that is not a whole ACS store is left untouched and named in `unreachable`. Half-written
    copies (« .partiel ») are removed: they are nobody's backup."""
    for partial in store_path.parent.rglob("*.partiel") if store_path.parent.is_dir() else ():
        partial.unlink(missing_ok=True)
    erased, unreachable = 0, []
    for copy in store_copies(store_path):
        try:
            state = inspect_file(copy)
            if not state.has_tables:
                continue
            engine = make_engine(copy)
            try:
                with engine.begin() as connection:
                    erase(connection)
                with engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                engine.dispose()
            for suffix in ("-wal", "-shm"):  # the last connection closed: nothing left to replay
                copy.with_name(copy.name + suffix).unlink(missing_ok=True)
            erased += 1
        except (StoreError, DBAPIError, sqlite3.Error, OSError) as exc:
            logging.getLogger(__name__).warning("Effacement impossible dans la copie %s : %s", copy, exc)
            unreachable.append(copy)
    return CopiesErased(erased, tuple(unreachable))


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None
    has_tables: bool


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Alembic's head (what `HEAD_REVISION` says, read from the migration scripts)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _known_revision(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def inspect_file(path: Path, *, check: bool = True) -> FileState:
    """Read, never write: what is this file? Raises StoreError for anything but an ACS store.
    With `check`, every page is read (`PRAGMA quick_check`: 0.15 s at 300,000 invitations)."""
    if not path.exists():
        return FileState(exists=False, revision=None, has_tables=False)
    if path.is_dir():
        raise StoreError("not_a_file", f"« {path} » est un dossier, pas une base ACS Desktop.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise machine_fault(exc, path) or StoreError(
            "unreadable_file", f"Le fichier « {path} » ne peut pas être lu ({exc.strerror}). Il n'a pas été modifié."
        ) from None
    if not header:
        return FileState(exists=True, revision=None, has_tables=False)
    if header != SQLITE_HEADER:
        raise StoreError(
            "not_sqlite",
            f"Le fichier « {path} » n'est pas une base ACS Desktop : ce n'est pas une base de données SQLite. "
            "Il n'a pas été modifié.",
        )
    try:
        connection = read_only_connection(path)
        try:
            found = connection.execute("PRAGMA quick_check").fetchone()[0] if check else "ok"
            if found != "ok":
                raise StoreError(
                    "damaged",
                    f"La base « {path} » est endommagée ({found}). Elle n'a pas été modifiée : "
                    "restaurez la dernière sauvegarde.",
                )
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        logging.getLogger(__name__).warning("Base illisible %s : %s", path, exc)
        said = machine_fault(exc, path)
        if said is not None:  # a full disk, a read-only folder, a busy store: the file is healthy
            raise said from None
        raise StoreError(
            "unreadable",
            f"La base « {path} » est endommagée : elle ne peut pas être lue. Elle n'a pas été modifiée : "
            "restaurez la dernière sauvegarde.",
        ) from None
    if tables and app_id != APPLICATION_ID and revision is None:
        raise StoreError(
            "foreign",
            f"Le fichier « {path} » est une base SQLite d'un autre logiciel, pas une base ACS Desktop. "
            "Il n'a pas été modifié.",
        )
    if revision is not None and not _known_revision(revision):
        raise StoreError(
            "newer_version",
            f"La base « {path} » a été écrite par une version plus récente d'ACS Desktop "
            f"(schéma {revision}). Installez la dernière version du logiciel ; la base n'a pas été modifiée.",
        )
    return FileState(exists=True, revision=revision, has_tables=bool(tables))


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite file (SQLite's online backup API, WAL included)."""
    with sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def migrate(path: Path) -> None:
    """Upgrade the file to the head revision in one transaction; foreign keys checked at the end."""
    from alembic import command

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    "migration_failed",
                    f"La mise à jour de la base a été annulée : {len(broken)} liens incohérents.",
                )
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    finally:
        engine.dispose()


def restoring_path(store_path: Path) -> Path:
    """Where a restore copies the backup before putting it in place (`acs.sqlite.restauration`)."""
    return store_path.with_name(store_path.name + ".restauration")


def settle_interrupted_restore(store_path: Path) -> Path | None:
    """A restore cut before its last step leaves `acs.sqlite.restauration` beside an intact store
    (its journal was written into it first). The store stays as it is; the leftover, if it is a
    whole store, is kept among the backups (`acs.restauration-interrompue-….sqlite`), otherwise
    removed. Returns where it was kept."""
    leftover = restoring_path(store_path)
    if not leftover.exists():
        return None
    try:
        whole = inspect_file(leftover).has_tables and _quick_check(leftover)
    except (StoreError, sqlite3.Error):
        whole = False
    if not whole or not store_path.exists():
        if whole:  # the store itself is gone: the restored copy is the store
            os.replace(leftover, store_path)
            return store_path
        leftover.unlink(missing_ok=True)
        return None
    folder = store_path.parent / "sauvegardes"
    folder.mkdir(exist_ok=True)
    stamp = datetime.fromtimestamp(leftover.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"acs.restauration-interrompue-{stamp}.sqlite"
    os.replace(leftover, kept)
    return kept


def _quick_check(path: Path) -> bool:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def _not_migrated(error: BaseException, path: Path, *, created: bool = False) -> StoreError:
    """Why the store could not be created or upgraded; the store itself is as it was."""
    outcome = "La base n'a pas été créée." if created else "La base n'a été ni mise à jour ni modifiée."
    return machine_fault(error, path, outcome) or StoreError(
        "unwritable", f"La base « {path} » ne peut pas être modifiée ({getattr(error, 'orig', None) or error})."
    )


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def open_store(path: Path, *, check: bool = True) -> Store:
    """Open (creating or upgrading if needed) the store at `path`. `check=False` skips reading
    every page first: for a store known sound (unchanged since a checked copy of it)."""
    path = Path(path)
    settled = settle_interrupted_restore(path)
    if settled is not None:
        logging.getLogger(__name__).warning(
            "Restauration interrompue : la base est restée telle quelle ; copie de la sauvegarde : %s", settled
        )
    state = inspect_file(path, check=check or settled is not None)
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            private(path.parent, directory=True)
    except OSError as exc:
        raise machine_fault(exc, path.parent, "") or StoreError(
            "data_dir_unwritable",
            f"Le dossier des données « {path.parent} » ne peut pas être créé ({exc.strerror}).",
        ) from None
    head = HEAD_REVISION
    copy_path = None
    if state.revision != head:
        if state.revision is not None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            copy_path = path.with_name(f"{path.stem}.avant-mise-a-jour-{state.revision}-{stamp}.sqlite")
            try:
                copy_store(path, copy_path)
            except (OSError, sqlite3.Error) as exc:
                _remove_with_journal(copy_path)  # never a half copy beside the store
                raise _not_migrated(exc, copy_path) from None
        try:
            migrate(path)
        except StoreError:
            raise
        except Exception as exc:
            if not state.exists:  # what the failed creation left (0 bytes, or half a schema) goes
                _remove_with_journal(path)
            if fault_kind(exc) is None and not isinstance(exc, sqlite3.Error | DBAPIError):
                raise  # not the disk nor the file: a fault of ours, for the log
            raise _not_migrated(exc, path, created=not state.exists) from None
        if not state.has_tables:
            private(path)
    engine = make_engine(path)
    return Store(
        path=path,
        engine=engine,
        read=sessionmaker(engine, expire_on_commit=False),
        write=sessionmaker(writing(engine), expire_on_commit=False),
        created=not state.has_tables,
        migrated_from=state.revision if state.revision != head else None,
        copy_before_migration=copy_path,
    )
