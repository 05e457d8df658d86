"""Faults of the machine for the tests: a full disk, a store held by another program, SQLite's
own errors. Tests run as root, where a read-only folder still takes writes and no disk can be
mounted: the faults are made real where SQLite can make them (`max_page_count` gives its true
« database or disk is full », `query_only` its « attempt to write a readonly database », a second
connection its « database is locked »), and simulated at the operating-system call otherwise."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event


def full_disk(monkeypatch, room: int = 512) -> None:
    """From now on the disk takes `room` more bytes, then says ENOSPC (and flushing fails, as on a
    disk whose space is allocated late). Standard streams (fd 0-2) are left alone."""
    real_write, real_fsync = os.write, os.fsync
    left = [room]

    def write(fd, data):
        if fd <= 2:
            return real_write(fd, data)
        count = min(len(data), left[0])
        if count == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        left[0] -= count
        return real_write(fd, bytes(memoryview(data)[:count]))

    def fsync(fd):
        if fd > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)


def sqlite_full_under(monkeypatch, folder: Path) -> None:
    """Every SQLite file opened under `folder` is on a full disk: SQLite's real SQLITE_FULL (a
    backup to a full USB key, a copy before a migration)."""
    real_connect = sqlite3.connect
    folder = str(Path(folder).resolve())

    def connect(database, *args, **kwargs):
        connection = real_connect(database, *args, **kwargs)
        name = str(database).removeprefix("file:").split("?")[0]
        if name.startswith(folder) or str(Path(name).resolve()).startswith(folder):
            connection.execute("PRAGMA max_page_count=1")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)


def store_on_a_full_disk(engine) -> None:
    """The store's disk is full: the file may not grow by one page (SQLite's real SQLITE_FULL)."""
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")


def store_read_only(engine) -> None:
    """SQLite refuses every write on the store: its real « attempt to write a readonly database »."""
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only=ON")


def quick_busy_timeout(monkeypatch, ms: int = 50) -> None:
    """Wait `ms` for a busy store instead of 5 s (the application's patience), so tests are quick."""
    from acs_desktop.db import engine, store

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", ms)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", ms)


@contextmanager
def held_by_another_program(path: Path, *, readers_too: bool = False):
    """Another program holds the store in a long write transaction (`BEGIN EXCLUSIVE`, as the
    `sqlite3` tool does); with `readers_too`, in exclusive locking mode, which stops readers."""
    connection = sqlite3.connect(path, isolation_level=None)
    if readers_too:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN EXCLUSIVE")
    connection.execute("UPDATE alembic_version SET version_num = version_num")
    try:
        yield connection
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*")) if Path(folder).exists() else []
