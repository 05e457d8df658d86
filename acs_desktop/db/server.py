"""A store on a PostgreSQL server, shared by several desks.

The same models and migrations as the store file. Opening checks what the database is before
writing anything to it (an empty database, an ACS store, another program's database, a store of
a newer version), and migrates it under an advisory lock: two desks starting at once after an
update never migrate twice (the second waits, then finds the schema up to date).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Connection, inspect, text
from sqlalchemy.orm import sessionmaker

from acs_desktop.db.engine import MIGRATION_LOCK_KEY, make_server_engine, writing
from acs_desktop.db.store import HEAD_REVISION, Store, StoreError, _known_revision, alembic_config
from acs_desktop.domain.faults import describe

# The table every ACS store has (with alembic_version): a database without it is someone else's.
ACS_TABLE = "association_settings"


def shown_address(address: str) -> str:
    """The address as a person may read it: the password never shown."""
    parts = urlsplit(address)
    if parts.password is None:
        return address
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:•••@{host}"))


@dataclass(frozen=True)
class DatabaseState:
    revision: str | None
    has_tables: bool


def inspect_database(connection: Connection, address: str) -> DatabaseState:
    """Read, never write: what is this database? Raises StoreError for anything but an ACS store
    or an empty database."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return DatabaseState(None, False)
    revision = None
    if "alembic_version" in tables:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if ACS_TABLE not in tables or revision is None:
        raise StoreError(
            "foreign",
            f"La base « {shown_address(address)} » contient les tables d'un autre logiciel : ce n'est pas une base "
            "ACS Desktop. Elle n'a pas été modifiée ; indiquez une base vide ou une base ACS Desktop.",
        )
    if not _known_revision(revision):
        raise StoreError(
            "newer_version",
            f"La base « {shown_address(address)} » a été écrite par une version plus récente d'ACS Desktop "
            f"(schéma {revision}). Installez la dernière version du logiciel sur ce poste ; la base n'a pas été "
            "modifiée.",
        )
    return DatabaseState(revision, True)


def _migrate(connection: Connection) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def open_server_store(address: str, data_dir: Path, *, pool_size: int = 5) -> Store:
    """Open (creating the tables or upgrading them if needed) the store in a PostgreSQL database.
    `data_dir` is this desk's folder: its log, its backups (SQLite files) and settings."""
    desk = uuid.uuid4().hex[:12]
    engine = make_server_engine(address, pool_size=pool_size, desk=desk)
    try:
        with engine.connect() as connection:
            state = inspect_database(connection, address)
            connection.rollback()
            if state.revision != HEAD_REVISION:
                with connection.begin():
                    # Held until this transaction ends: a second desk waits here, then reads the
                    # head revision and migrates nothing.
                    connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"))
                    state = inspect_database(connection, address)
                    if state.revision != HEAD_REVISION:
                        _migrate(connection)
                    migrated_from = state.revision
            else:
                migrated_from = None
    except StoreError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        said = describe(error, shown_address(address), outcome="La base n'a pas été modifiée.")
        if said is None:
            raise
        raise StoreError(getattr(error, "code", None) or "server", said) from None
    return Store(
        path=None,
        engine=engine,
        read=sessionmaker(engine, expire_on_commit=False),
        write=sessionmaker(writing(engine), expire_on_commit=False),
        created=not state.has_tables,
        migrated_from=migrated_from if migrated_from is not None and state.has_tables else None,
        address=address,
        data_dir=Path(data_dir),
        desk=desk,
    )


def open_any(where: str | Path, data_dir: Path | None = None) -> Store:
    """The store at `where`: a PostgreSQL address or a store file."""
    from acs_desktop.db.engine import is_server_address
    from acs_desktop.db.store import open_store

    if is_server_address(where):
        assert data_dir is not None
        return open_server_store(str(where), data_dir)
    return open_store(Path(where))
