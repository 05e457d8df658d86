"""Restore without a window for loss: the store's journal is written into it before anything is
removed, the restored file replaces the store in one atomic step, and a leftover
`acs.sqlite.restauration` is dealt with at the next start — cut at each step, nothing confirmed is lost."""

import os
import shutil
from datetime import datetime

import pytest

from acs_desktop.db import backup as backup_module
from acs_desktop.db.backup import restore_backup, write_backup
from acs_desktop.db.store import open_store, restoring_path
from acs_desktop.services import Services

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 22, 10, 0)


class PowerCut(Exception):
    pass


def labels(path):
    store = open_store(path)
    try:
        return {s.label for s in Services(store).seasons.list_seasons()}
    finally:
        store.close()


@pytest.fixture
def crashed_store(tmp_path, template_store):
    """A store whose last confirmed change (season 2026-2027) is still only in its -wal, as after a
    crash; and a backup taken before that change (season 2025-2026 only)."""
    data = tmp_path / "data"
    data.mkdir()
    live = tmp_path / "live" / "acs.sqlite"
    live.parent.mkdir()
    shutil.copyfile(template_store, live)
    store = open_store(live)
    services = Services(store)
    services.seasons.create_season("2025-2026")
    store.checkpoint()
    backup = write_backup(live, tmp_path / "sauvegarde.sqlite")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    services.seasons.create_season("2026-2027")
    for suffix in ("", "-wal"):  # the files as a crash leaves them: the change is in the journal
        shutil.copyfile(str(live) + suffix, str(data / "acs.sqlite") + suffix)
    store.close()
    assert os.path.getsize(data / "acs.sqlite-wal") > 0
    return data / "acs.sqlite", backup


def test_a_cut_while_the_backup_is_copied_loses_nothing(crashed_store, monkeypatch):
    store_path, backup = crashed_store

    def cut(_source, target):
        target.write_bytes(b"SQLite format 3\x00 half")
        raise PowerCut

    monkeypatch.setattr(backup_module, "copy_store", cut)
    with pytest.raises(PowerCut):
        restore_backup(backup, store_path, store_path.parent, NOW)
    monkeypatch.undo()
    assert labels(store_path) == {"2025-2026", "2026-2027"}  # the confirmed change is still there
    assert not restoring_path(store_path).exists()  # the half copy was removed at the next start


def test_a_cut_just_before_the_last_step_loses_nothing(crashed_store, monkeypatch):
    store_path, backup = crashed_store

    replace = os.replace

    def cut(source, target):
        if os.fspath(target) == os.fspath(store_path):  # the last step only
            raise PowerCut
        replace(source, target)

    monkeypatch.setattr(backup_module.os, "replace", cut)
    with pytest.raises(PowerCut):
        restore_backup(backup, store_path, store_path.parent, NOW)
    monkeypatch.undo()
    assert (
        not store_path.with_name("acs.sqlite-wal").exists()
        or os.path.getsize(store_path.with_name("acs.sqlite-wal")) == 0
    )
    assert labels(store_path) == {"2025-2026", "2026-2027"}  # with the old order, 2026-2027 was lost here
    assert not restoring_path(store_path).exists()
    kept = list((store_path.parent / "sauvegardes").glob("acs.restauration-interrompue-*.sqlite"))
    assert len(kept) == 1 and labels(kept[0]) == {"2025-2026"}  # the restored copy, kept for a new try


def test_a_whole_restore_puts_the_backup_in_place_and_keeps_the_store(crashed_store):
    store_path, backup = crashed_store
    result = restore_backup(backup, store_path, store_path.parent, NOW)
    assert labels(store_path) == {"2025-2026"}
    assert labels(result.previous_kept_at) == {"2025-2026", "2026-2027"}  # the copy kept holds the journal's change
