"""Backups of the store: automatic (daily and monthly, rotated), manual, checked, restored.

Copies are taken with SQLite's online backup API (consistent even while the store is open),
checked (`PRAGMA quick_check`) and made readable by the user only. A restore first checks the
chosen file, keeps a copy of the current store (or moves a damaged one aside, never writing
over it), then puts the backup in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from acs_desktop.db.files import private
from acs_desktop.db.store import (
    StoreError,
    copy_store,
    head_revision,
    inspect_file,
    machine_fault,
    read_only_connection,
    restoring_path,
)
from acs_desktop.domain.faults import BUSY, fault_kind

BACKUP_DIR = "sauvegardes"
DAILY, MONTHLY = "quotidiennes", "mensuelles"
KEEP = {DAILY: 10, MONTHLY: 12}
# The copies taken before a restore (among the backups) and before a migration (beside the store):
# the last few of each are kept, so that what was erased since does not live on in old copies.
KEEP_COPIES = ((BACKUP_DIR, "acs.avant-restauration-*.sqlite", 5), (".", "*.avant-mise-a-jour-*.sqlite", 3))
SQLITE_SIDE_FILES = ("-wal", "-shm")
BACKUP_NOT_TAKEN = "La sauvegarde n'a pas été faite ; la base est intacte."
# When a copy was last saved outside the data folder (a USB key, an external drive): one line in a
# small file of the data folder, not in the store, so that a restore does not turn it back and no
# migration is needed. « À faire » reminds the director after a week without one.
COPY_OUTSIDE_FILE = "derniere-copie-externe.txt"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str  # "quotidiennes", "mensuelles", "autres"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_kept_at: Path | None
    previous_was_damaged: bool


def backups_root(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def note_copy_outside(data_dir: Path, folder: Path, when: datetime) -> None:
    """After a checked copy written into `folder`: if it lies outside the data folder, note when."""
    if Path(folder).resolve().is_relative_to(Path(data_dir).resolve()):
        return
    with contextlib.suppress(OSError):  # the copy is made: failing to note it only brings the reminder back
        (Path(data_dir) / COPY_OUTSIDE_FILE).write_text(when.isoformat(timespec="minutes") + "\n", encoding="utf-8")


def last_copy_outside(data_dir: Path) -> datetime | None:
    """When a copy was last saved outside the data folder (None: never, or not known)."""
    try:
        return datetime.fromisoformat((Path(data_dir) / COPY_OUTSIDE_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def write_backup(store_path: Path, target: Path) -> Path:
    """A checked copy of the store at `target` (replaced if it exists). On a full or read-only
    disk, StoreError in French: no « .partiel » is left, the store and `target` are untouched."""
    partial = target.with_name(target.name + ".partiel")
    started = time.time_ns()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        copy_store(store_path, partial)
        with sqlite3.connect(partial) as check:
            result = check.execute("PRAGMA quick_check").fetchone()[0]
        check.close()
        if result != "ok":
            raise StoreError(
                "backup_failed", f"La copie de sauvegarde est incohérente ({result}) : elle n'a pas été gardée."
            )
        private(partial)
        # Dated when the copy began: a write to the store meanwhile (the window is in use while the
        # day's copy is taken) makes the store newer than its copy, which is then taken again.
        os.utime(partial, ns=(started, started))
        os.replace(partial, target)
    except BaseException as error:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        said = machine_fault(error, store_path if fault_kind(error) == BUSY else target, BACKUP_NOT_TAKEN)
        if said is None:
            raise
        raise said from None
    return target


def automatic_backup(store_path: Path, data_dir: Path, now: datetime, *, closing: bool = False) -> list[Path]:
    """Today's daily copy (taken at the first start of the day, refreshed on closing if the store
    was written since), this month's monthly copy, then rotation: the last 10 daily and 12
    monthly are kept."""
    root = backups_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    private(root, directory=True)
    written = []
    daily = root / DAILY / f"acs-{now:%Y-%m-%d}.sqlite"
    if (closing and not daily_copy_is_current(store_path, data_dir, now)) or not daily.exists():
        written.append(write_backup(store_path, daily))
    monthly = root / MONTHLY / f"acs-{now:%Y-%m}.sqlite"
    if not monthly.exists():
        written.append(write_backup(store_path, monthly))
    for kind, keep in KEEP.items():
        for old in sorted((root / kind).glob("acs-*.sqlite"), reverse=True)[keep:]:
            old.unlink()
    rotate_copies(data_dir)
    return written


def rotate_copies(data_dir: Path) -> None:
    """Only the newest copies before a restore and before a migration are kept (`KEEP_COPIES`)."""
    for folder, pattern, keep in KEEP_COPIES:
        copies = sorted((data_dir / folder).glob(pattern), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
        for old in copies[keep:]:
            old.unlink(missing_ok=True)


def daily_copy_is_current(store_path: Path, data_dir: Path, now: datetime) -> bool:
    """Today's copy exists and no file of the store was written after it was taken (a session
    that only read, as the self-test does, needs no copy on closing)."""
    daily = backups_root(data_dir) / DAILY / f"acs-{now:%Y-%m-%d}.sqlite"
    if not daily.exists():
        return False
    # The journal counts once it holds pages (opening the store creates it empty); -shm never:
    # readers write it.
    journal = store_path.with_name(store_path.name + "-wal")
    files = [store_path] + ([journal] if journal.exists() and journal.stat().st_size > 0 else [])
    return max(f.stat().st_mtime_ns for f in files) <= daily.stat().st_mtime_ns


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in the data folder, newest first."""
    root = backups_root(data_dir)
    found = []
    for path in root.rglob("*.sqlite") if root.exists() else ():
        kind = path.parent.name if path.parent != root else "autres"
        found.append(BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime), kind))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def check_backup(path: Path) -> str:
    """The backup's schema revision if it can be restored; StoreError (French) if not."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("backup_missing", f"Le fichier « {path} » n'existe pas.")
    state = inspect_file(path)
    if not state.has_tables or state.revision is None:
        raise StoreError("backup_not_a_store", f"« {path} » n'est pas une sauvegarde d'ACS Desktop.")
    return state.revision


def latest_good_backup(data_dir: Path) -> BackupInfo | None:
    for backup in list_backups(data_dir):
        try:
            check_backup(backup.path)
        except StoreError:
            continue
        return backup
    return None


def restore_backup(backup: Path, store_path: Path, data_dir: Path, now: datetime) -> RestoreResult:
    """Put `backup` in place of the store. The caller holds the store's lock and has closed it."""
    check_backup(backup)
    root = backups_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    kept, damaged = None, False
    if store_path.exists():
        try:
            inspect_file(store_path)
            kept = write_backup(store_path, root / f"acs.avant-restauration-{now:%Y%m%d-%H%M%S}.sqlite")
        except StoreError:
            damaged = True  # never written over, never lost: moved aside with its journal
            kept = root / f"acs.endommagee-{now:%Y%m%d-%H%M%S}.sqlite"
            shutil.move(store_path, kept)
            for suffix in SQLITE_SIDE_FILES:
                side = store_path.with_name(store_path.name + suffix)
                if side.exists():
                    shutil.move(side, kept.with_name(kept.name + suffix))
    if store_path.exists():  # healthy: every confirmed change into the store file, the journal emptied
        checkpoint_into_file(store_path)
    incoming = restoring_path(store_path)
    incoming.unlink(missing_ok=True)
    copy_store(Path(backup), incoming)
    private(incoming)
    _sync(incoming)
    for suffix in SQLITE_SIDE_FILES:  # empty now; a stale journal must never be replayed onto the restored file
        store_path.with_name(store_path.name + suffix).unlink(missing_ok=True)
    os.replace(incoming, store_path)  # atomic: the store is the old one or the restored one, never half of each
    _sync(store_path.parent)
    return RestoreResult(Path(backup), kept, damaged)


def checkpoint_into_file(store_path: Path) -> None:
    """Write the journal's pages into the store file and empty the journal (`TRUNCATE`): after
    this, removing the -wal loses nothing, whatever happens next."""
    connection = sqlite3.connect(store_path)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy:
        raise StoreError(
            "store_busy", "La base est utilisée par un autre programme : fermez-le, puis recommencez la restauration."
        )


def _sync(path: Path) -> None:
    """Flush a file (or a folder's entries) to the disk before the next step relies on it."""
    if os.name == "nt" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    lines: tuple[str, ...]
    fault: bool = False  # not checked because of the machine (busy, read-only, ...): not a damaged store


def check_store(store_path: Path) -> CheckReport:
    """A full check for `acs-desktop check`: readable, ours, integrity, links, schema version."""
    lines = []
    try:
        state = inspect_file(store_path)
    except StoreError as error:
        return CheckReport(False, (error.message,), fault=not error.damaged)
    if not state.exists:
        return CheckReport(False, (f"Aucune base à « {store_path} ».",))
    connection = read_only_connection(store_path)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        counts = (
            {
                table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("season", "partner", "relay", "performance", "booking", "invitation")
            }
            if state.has_tables and state.revision
            else {}
        )
    except sqlite3.Error as error:
        said = machine_fault(error, store_path)
        if said is None:
            raise
        return CheckReport(False, (said.message,), fault=True)
    finally:
        connection.close()
    ok = integrity == ["ok"] and not broken
    lines.append(f"Base : {store_path}")
    lines.append("Intégrité : correcte" if integrity == ["ok"] else f"Intégrité : ERREURS ({'; '.join(integrity[:5])})")
    lines.append(
        "Liens entre les données : corrects" if not broken else f"Liens entre les données : {len(broken)} liens cassés"
    )
    current = head_revision()
    if state.revision and state.revision != current:
        lines.append(f"Schéma : {state.revision} (sera mis à jour en {current} à la prochaine ouverture)")
    else:
        lines.append(f"Schéma : {state.revision or 'base vide'}")
    if counts:
        lines.append(
            "Contenu : "
            + ", ".join(
                f"{n} {label}"
                for label, n in zip(
                    ("saison(s)", "partenaire(s)", "relais", "représentation(s)", "réservation(s)", "invitation(s)"),
                    counts.values(),
                    strict=True,
                )
            )
        )
    return CheckReport(ok, tuple(lines))
