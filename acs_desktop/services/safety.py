"""Backups and restore for the window (the command line uses acs_desktop.db.backup directly).

The window never touches files of the store itself: it asks here, and a restore reconnects
the same engine to the restored file (migrating it first if it is older).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from acs_desktop.db.backup import (
    BackupInfo,
    RestoreResult,
    check_backup,
    last_copy_outside,
    list_backups,
    note_copy_outside,
    restore_backup,
    write_backup,
)
from acs_desktop.db.store import Store, StoreError, open_store
from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault
from acs_desktop.services.base import Clock, system_clock
from acs_desktop.services.desk import desk_of

RESTORE_ON_SERVER = (
    "Cette base est partagée sur un serveur PostgreSQL : une sauvegarde ne la remplace pas depuis un poste, "
    "ce qui effacerait le travail des autres postes. Pour repartir d'une sauvegarde, transférez-la dans une base "
    "vide du serveur (acs-desktop --data-dir DOSSIER move-to ADRESSE), voir « Plusieurs postes »."
)


@dataclass(frozen=True)
class BackupCandidate:
    path: Path
    schema: str


class SafetyService:
    def __init__(self, store: Store, clock: Clock = system_clock):
        self._store = store
        self._clock = clock
        self._desk = desk_of(store)

    @property
    def data_dir(self) -> Path:
        return self._store.folder

    @property
    def on_server(self) -> bool:
        """The store is on a PostgreSQL server: no restore from here, backups are copies to a file."""
        return self._store.on_server

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.data_dir)

    def backup_to(self, folder: Path) -> Path:
        """A checked copy of the store in `folder`; outside the data folder, the moment is recorded
        (`last_external_backup`). The whole store, personal data included: the direction's."""
        self._desk.require(Permission.PERSONAL_EXPORT)
        now = self._clock()
        target = Path(folder) / f"acs-{now:%Y-%m-%d-%H%M}.sqlite"
        try:
            if self._store.path is None:
                from acs_desktop.db.transfer import write_server_backup

                written = write_server_backup(self._store, target)
            else:
                written = write_backup(self._store.path, target)
        except StoreError as error:
            raise DomainError(error.code, error.message) from None
        except OSError as exc:
            raise fault(exc, folder) or DomainError(
                "backup_unwritable", f"La copie n'a pas pu être écrite dans « {folder} » ({exc.strerror})."
            ) from None
        note_copy_outside(self.data_dir, Path(folder), now)
        return written

    def may_copy_out(self) -> bool:
        """Whether the person at the desk may copy the store out (`backup_to`)."""
        return self._desk.can(Permission.PERSONAL_EXPORT)

    def last_external_backup(self) -> datetime | None:
        """When a copy was last saved outside the data folder (None: never, or not known)."""
        return last_copy_outside(self.data_dir)

    def check(self, file: Path) -> BackupCandidate:
        try:
            schema = check_backup(Path(file))
        except StoreError as error:
            raise DomainError(error.code, error.message) from None
        return BackupCandidate(Path(file), schema)

    def restore(self, file: Path) -> RestoreResult:
        """Replace the store by `file` (checked first; the current store is kept as a copy)."""
        self._desk.require(Permission.RESTORE)
        if self._store.path is None:
            raise DomainError("on_server", RESTORE_ON_SERVER)
        self.check(file)
        store_path = self._store.path
        self._store.engine.dispose()  # no connection stays on the file being replaced
        try:
            result = restore_backup(Path(file), store_path, self.data_dir, self._clock())
            open_store(store_path).close()  # an older backup is migrated now, with its copy kept
        except StoreError as error:
            raise DomainError(error.code, error.message) from None
        except (OSError, sqlite3.Error) as error:  # a full disk: the store in place is still the one before
            raise (
                fault(error, store_path, outcome="La restauration n'a pas été faite ; la base est telle qu'avant.")
                or error
            ) from None
        return result
