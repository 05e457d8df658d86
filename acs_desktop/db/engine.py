"""SQLAlchemy engines on the store, with what every connection needs.

SQLite (the embedded default): transactions are begun explicitly (pysqlite's implicit
transactions skip DDL and begin late): reads use a deferred ``BEGIN``, writes ``BEGIN IMMEDIATE``
so that a booking's check of the remaining places and its insert happen under the same write lock.

PostgreSQL (several desks): the same rule, across desks. A write transaction first takes the
store's write lock (a transaction-level advisory lock, released at commit or rollback, even when
a desk's connection dies), so that two desks' writes follow each other as two windows' writes do
on SQLite: the desk that comes second counts the places the first one left. Reads never wait
(each statement reads the last committed state, READ COMMITTED).
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


# The advisory lock keys of ACS Desktop on a PostgreSQL database ("ACSD" and "ACSM").
WRITE_LOCK_KEY = 0x41435344
MIGRATION_LOCK_KEY = 0x4143534D
CONNECT_TIMEOUT_S = 10
NO_DRIVER = (
    "Le pilote PostgreSQL (psycopg) n'est pas installé avec ce logiciel : installez-le avec "
    "« pip install 'acs-desktop[postgresql]' », ou utilisez l'application empaquetée, qui l'a."
)


def is_server_address(address: str | Path) -> bool:
    """A PostgreSQL address (postgresql://…), as opposed to a store file."""
    return isinstance(address, str) and address.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def server_url(address: str) -> str:
    """The SQLAlchemy URL of a PostgreSQL address, driven by psycopg 3."""
    scheme, rest = address.split(":", 1)
    return f"postgresql+psycopg:{rest}" if scheme in ("postgresql", "postgres") else address


def make_server_engine(address: str, *, pool_size: int = 5, desk: str | None = None) -> Engine:
    """An engine on a PostgreSQL database; see the module's docstring for the write lock. With
    `desk`, every committed write tells the other desks which tables it changed (db/notify.py)."""
    try:
        import psycopg  # noqa: F401 - loaded by SQLAlchemy below; here to say its absence in French
    except ImportError as missing:
        from acs_desktop.db.store import StoreError

        raise StoreError("no_driver", NO_DRIVER) from missing
    engine = create_engine(
        server_url(address),
        pool_pre_ping=True,  # a desk whose server restarted gets a fresh connection, not an error
        pool_size=pool_size,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "ACS Desktop"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get(_IMMEDIATE, False):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    if desk is not None:
        from acs_desktop.db.notify import announce_writes

        announce_writes(engine, desk)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions take the write lock at once."""
    return engine.execution_options(**{_IMMEDIATE: True})
