"""Backups: automatic and rotated, manual, checked; restore keeps the current store first."""

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from acs_desktop.db.backup import automatic_backup, check_backup, list_backups, restore_backup, write_backup
from acs_desktop.db.store import StoreError, open_store
from acs_desktop.services import Services

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 22, 10, 0)


def seasons_in(path):
    with sqlite3.connect(path) as connection:
        labels = [row[0] for row in connection.execute("SELECT label FROM season ORDER BY label")]
    connection.close()
    return labels


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_start_of_the_day_takes_a_daily_and_a_monthly_copy(store_path):
    data_dir = store_path.parent
    written = automatic_backup(store_path, data_dir, NOW)
    assert sorted(p.relative_to(data_dir).as_posix() for p in written) == [
        "sauvegardes/mensuelles/acs-2026-11.sqlite",
        "sauvegardes/quotidiennes/acs-2026-11-22.sqlite",
    ]
    assert automatic_backup(store_path, data_dir, NOW + timedelta(hours=2)) == []  # once a day
    assert automatic_backup(store_path, data_dir, NOW + timedelta(hours=3), closing=True) == []  # nothing written since


def test_closing_after_a_session_that_only_read_takes_no_copy_and_the_next_day_does(store, services, store_path):
    automatic_backup(store_path, store_path.parent, NOW)
    daily = store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-22.sqlite"
    taken = daily.stat().st_mtime_ns
    services.seasons.list_seasons(), services.relays.list_relays()  # reading only
    assert automatic_backup(store_path, store_path.parent, NOW + timedelta(hours=1), closing=True) == []
    assert daily.stat().st_mtime_ns == taken
    assert [p.name for p in automatic_backup(store_path, store_path.parent, NOW + timedelta(days=1), closing=True)] == [
        "acs-2026-11-23.sqlite"
    ]


def test_closing_copies_what_was_written_before_the_session_too(store, services, store_path):
    automatic_backup(store_path, store_path.parent, NOW)
    services.seasons.create_season("2026-2027")  # e.g. by `acs-desktop import`, between two sessions
    automatic_backup(store_path, store_path.parent, NOW + timedelta(hours=1))  # the next start: today's copy exists
    assert [
        p.name for p in automatic_backup(store_path, store_path.parent, NOW + timedelta(hours=2), closing=True)
    ] == ["acs-2026-11-22.sqlite"]
    assert seasons_in(store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-22.sqlite") == ["2026-2027"]


def test_closing_refreshes_the_daily_copy(store, services, store_path):
    automatic_backup(store_path, store_path.parent, NOW)
    services.seasons.create_season("2026-2027")
    daily = store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-22.sqlite"
    assert seasons_in(daily) == []
    automatic_backup(store_path, store_path.parent, NOW, closing=True)
    assert seasons_in(daily) == ["2026-2027"]


def test_a_write_while_the_days_copy_is_taken_is_copied_again_on_closing(store, services, store_path, monkeypatch):
    """The day's first copy is taken while the window is in use: what is written during the copy
    is not in it, and the closing must know it."""
    from acs_desktop.db import backup

    copy = backup.copy_store

    def copy_then_written(source, target):
        done = copy(source, target)
        if not services.seasons.list_seasons():  # the daily copy first, then the monthly one
            services.seasons.create_season("2026-2027")  # the director, after the copy's snapshot…
            os.utime(target)  # …and before its last page is written (one backup step holds its snapshot)
        return done

    monkeypatch.setattr(backup, "copy_store", copy_then_written)
    automatic_backup(store_path, store_path.parent, NOW)
    monkeypatch.undo()
    daily = store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-22.sqlite"
    assert seasons_in(daily) == []
    assert [p.name for p in automatic_backup(store_path, store_path.parent, NOW, closing=True)] == [daily.name]
    assert seasons_in(daily) == ["2026-2027"]


def test_rotation_keeps_ten_daily_and_twelve_monthly(store_path):
    for day in range(160):  # 480 days: 16 months
        automatic_backup(store_path, store_path.parent, NOW + timedelta(days=day * 3))
    root = store_path.parent / "sauvegardes"
    daily = sorted(p.name for p in (root / "quotidiennes").iterdir())
    monthly = sorted(p.name for p in (root / "mensuelles").iterdir())
    assert len(daily) == 10 and daily[-1] == f"acs-{NOW + timedelta(days=477):%Y-%m-%d}.sqlite"
    assert len(monthly) == 12


def test_rotation_keeps_the_last_copies_before_a_restore_and_before_a_migration(store_path):
    import os

    data_dir = store_path.parent
    before_restore = [
        data_dir / "sauvegardes" / f"acs.avant-restauration-202611{day:02d}-100000.sqlite" for day in range(1, 9)
    ]
    before_migration = [data_dir / f"acs.avant-mise-a-jour-0005-202611{day:02d}-100000.sqlite" for day in range(1, 6)]
    for day, copy in enumerate(before_restore + before_migration):
        write_backup(store_path, copy)
        os.utime(copy, ns=(day * 10**9 + 10**18,) * 2)  # taken one after the other
    kept_aside = data_dir / "sauvegardes" / "acs.endommagee-20261101-100000.sqlite"
    write_backup(store_path, kept_aside)
    automatic_backup(store_path, data_dir, NOW)
    assert sorted(p for p in before_restore if p.exists()) == before_restore[-5:]
    assert sorted(p for p in before_migration if p.exists()) == before_migration[-3:]
    assert kept_aside.exists()  # a damaged store put aside is the director's to remove


def test_store_and_backups_are_readable_by_the_user_only(tmp_path):  # POSIX permissions (CI runs Linux)
    store = open_store(tmp_path / "new" / "acs.sqlite")
    store.close()
    copies = automatic_backup(store.path, store.path.parent, NOW)
    for path in [store.path, *copies]:
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_restore_checks_the_file_keeps_the_current_store_and_puts_the_backup_in_place(
    store, services, store_path, tmp_path
):
    services.seasons.create_season("2025-2026")
    backup = write_backup(store_path, tmp_path / "usb" / "acs.sqlite")
    services.seasons.create_season("2026-2027")
    store.engine.dispose()
    result = restore_backup(backup, store_path, store_path.parent, NOW)
    assert seasons_in(store_path) == ["2025-2026"]
    assert seasons_in(result.previous_kept_at) == ["2025-2026", "2026-2027"] and not result.previous_was_damaged


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(store, services, store_path, tmp_path):
    services.seasons.create_season("2025-2026")
    store.engine.dispose()
    before = digest(store_path)
    junk = tmp_path / "liste.sqlite"
    junk.write_text("pas une base", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        restore_backup(junk, store_path, store_path.parent, NOW)
    assert refused.value.code == "not_sqlite"
    assert digest(store_path) == before and list_backups(store_path.parent) == []


def test_restore_refuses_a_backup_from_a_newer_version(store_path, tmp_path):
    newer = write_backup(store_path, tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    with pytest.raises(StoreError) as refused:
        check_backup(newer)
    assert refused.value.code == "newer_version"


def test_restoring_over_a_damaged_store_moves_it_aside_untouched(store_path, tmp_path):
    backup = write_backup(store_path, tmp_path / "good.sqlite")
    data = bytearray(store_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    store_path.write_bytes(bytes(data))
    damaged = digest(store_path)
    result = restore_backup(backup, store_path, store_path.parent, NOW)
    assert result.previous_was_damaged and digest(result.previous_kept_at) == damaged
    assert open_store(store_path) is not None


def test_the_window_restores_through_the_service_and_keeps_working(store, clock, store_path, tmp_path):
    services = Services(store, clock)
    services.seasons.create_season("2025-2026")
    backup = services.safety.backup_to(tmp_path / "usb")
    services.seasons.create_season("2026-2027")
    services.safety.restore(backup)
    assert [s.label for s in services.seasons.list_seasons()] == ["2025-2026"]  # same services, restored file
    services.seasons.create_season("2027-2028")
    assert len(services.seasons.list_seasons()) == 2
