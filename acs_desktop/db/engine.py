"""SQLAlchemy engines on the store file, with the pragmas every connection needs.

Transactions are begun explicitly (pysqlite's implicit transactions skip DDL and begin late):
reads use a deferred ``BEGIN``, writes ``BEGIN IMMEDIATE`` so that a booking's check of the
remaining places and its insert happen under the same write lock.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

APPLICATION_ID = 0x41435344  # "ACSD": marks a file as an ACS Desktop store
BUSY_TIMEOUT_MS = 5000
_IMMEDIATE = "acs_immediate"


def _fold(value: str | None) -> str | None:
    """SQL `acs_fold(text)`: Python's case folding (SQLite's own `lower` only knows ASCII), so
    that a search or a sort in SQL matches « Émergence » as the window does."""
    return value.casefold() if isinstance(value, str) else value


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on `path`. Migrations use ``foreign_keys=False`` (table rebuilds would cascade)."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        # Erased means erased: freed space is overwritten with zeros (upstream SQLite leaves it off).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
        dbapi_connection.create_function("acs_fold", 1, _fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writing(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions take the write lock at once."""
    return engine.execution_options(**{_IMMEDIATE: True})
