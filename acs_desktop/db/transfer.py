"""Copying a whole store from one engine to the other, row for row, and proving it.

`move-to` copies a store file into an empty PostgreSQL database; `backup` on a PostgreSQL store
copies it into a store file (the same kind of file as a laptop's backup, restorable on a laptop).
Both go table by table in the order of their links, in one transaction on the target (into
PostgreSQL by COPY, streamed, several times faster than row inserts), and are verified afterwards: the same number of rows in every table, and every
figure of every season's review the same.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, func, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from acs_desktop.models import Base

BATCH = 5_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class TransferResult:
    rows: dict[str, int]  # per table
    seasons_compared: int

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class TransferError(Exception):
    """The copy does not match its source: `message` is French; the target was not kept."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def tables():
    """Every table of the store, each after the tables it links to."""
    return list(Base.metadata.sorted_tables)


def count_rows(connection: Connection) -> dict[str, int]:
    return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def copy_rows(source: Connection, target: Connection, progress: Progress | None = None) -> dict[str, int]:
    """Replace every row of `target` (a store at the same schema) by those of `source`. The target's
    own rows (the default lists a new store is created with) go first, in the reverse order."""
    every = tables()
    total = sum(count_rows(source).values())
    for table in reversed(every):
        target.execute(table.delete())
    on_server = target.dialect.name == "postgresql"
    done, copied = 0, {}
    with _links_made_afterwards(target) if on_server else contextlib.nullcontext():
        for table in every:
            n = 0
            result = source.execution_options(yield_per=BATCH).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            with contextlib.ExitStack() as copying:
                write = _copy_in(target, table, copying) if on_server else None
                for rows in result.partitions(BATCH):
                    if write is not None:
                        write(rows)
                    else:
                        target.execute(table.insert(), [dict(row._mapping) for row in rows])
                    n += len(rows)
                    done += len(rows)
                    if progress is not None:
                        progress(done, total)
            copied[table.name] = n
    if on_server:
        _restart_sequences(target)
    return copied


@contextlib.contextmanager
def _links_made_afterwards(target: Connection) -> Iterator[None]:
    """The foreign keys and the secondary indexes dropped while the rows are loaded, then made
    again, each in one pass over its table (as pg_restore does): checking each row's links and
    adding it to every index one at a time costs the server several times more. In the copy's
    transaction: should anything fail, they are back as they were."""
    links = [key for table in tables() for key in table.foreign_key_constraints]
    indexes = [index for table in tables() for index in table.indexes]
    for key in links:
        target.execute(DropConstraint(key))
    for index in indexes:
        target.execute(DropIndex(index))
    yield
    for index in indexes:
        target.execute(CreateIndex(index))
    for key in links:
        target.execute(AddConstraint(key))


def _copy_in(target: Connection, table, closing: contextlib.ExitStack) -> Callable[[Sequence], None]:
    """A writer of rows into `table` through one PostgreSQL `COPY … FROM STDIN` (open until
    `closing` closes): a stream the server loads in bulk, several times faster than INSERTs of
    the same rows. Each value goes as an INSERT would bind it (the column types' conversions:
    enums to their value, euros to cents)."""
    columns = list(table.columns)
    convert = [column.type.dialect_impl(target.dialect).bind_processor(target.dialect) for column in columns]
    quote = target.dialect.identifier_preparer.quote
    names = ", ".join(quote(column.name) for column in columns)
    driver = target.connection.driver_connection  # psycopg's own connection, in the copy's transaction
    assert driver is not None
    cursor = closing.enter_context(driver.cursor())
    copy = closing.enter_context(cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN"))
    plain = all(f is None for f in convert)

    def write(rows: Sequence) -> None:
        for row in rows:
            copy.write_row(row if plain else [v if f is None else f(v) for f, v in zip(convert, row, strict=True)])

    return write


def _restart_sequences(connection: Connection) -> None:
    """After rows were written with their ids, the next id of each table follows the largest."""
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": table.name, "column": keys[0].name}
        ).scalar()
        if sequence:
            connection.execute(
                text(
                    f"SELECT setval(:sequence, COALESCE((SELECT MAX({keys[0].name}) FROM {table.name}), 0) + 1, false)"
                ),
                {"sequence": sequence},
            )


def compare(source: Engine, target: Engine) -> int:
    """Raise TransferError unless both stores have the same rows per table and the same review
    for every season; returns the number of seasons compared."""
    with source.connect() as a, target.connect() as b:
        counted_a, counted_b = count_rows(a), count_rows(b)
    differing = [name for name in counted_a if counted_a[name] != counted_b.get(name)]
    if differing:
        names = ", ".join(f"{n} ({counted_a[n]} → {counted_b.get(n)})" for n in differing)
        raise TransferError(f"La copie ne correspond pas à la base d'origine : nombre de lignes différent ({names}).")
    from acs_desktop.services.review import ReviewService

    moment = datetime.now()  # both reviews as of the same moment

    def reviews(engine: Engine) -> dict[str, object]:
        service = ReviewService(_Sessions(sessionmaker(engine, expire_on_commit=False)), lambda: moment)
        with engine.connect() as connection:
            seasons = connection.execute(text("SELECT id, label FROM season ORDER BY id")).all()
        return {label: _figures(service.review(season_id)) for season_id, label in seasons}

    before, after = reviews(source), reviews(target)
    for label, review in before.items():
        if after.get(label) != review:
            raise TransferError(
                f"La copie ne correspond pas à la base d'origine : le bilan de la saison {label} diffère."
            )
    return len(before)


def _figures(review) -> dict[str, object]:
    """Every field of a review; its lists as sets of lines (a server sorting names by its own
    collation lists the same lines in another order: the figures are what must be equal)."""
    return {
        name: sorted(map(repr, value)) if isinstance(value, tuple) else value for name, value in vars(review).items()
    }


class _Sessions:
    """Sessions on an engine, as the services take them (reads only, here)."""

    def __init__(self, sessions: sessionmaker[Session]):
        self.read = sessions
        self.write = sessions

    def forget(self, erase_in_copy=None) -> None:  # pragma: no cover - nothing is erased through it
        return None


def write_server_backup(store, target: Path, progress: Progress | None = None) -> Path:
    """A store file at `target` holding the PostgreSQL store's rows as of one moment (one
    REPEATABLE READ transaction: a booking made meanwhile at another desk is wholly in it or
    wholly not). Restorable on a laptop like any backup. Nothing is left at `target` if it fails."""
    from acs_desktop.db.files import private
    from acs_desktop.db.store import StoreError, machine_fault, open_store

    partial = target.with_name(target.name + ".partiel")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_file_store(partial)
        copy = open_store(partial)
        try:
            with (
                store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as source,
                copy.engine.begin() as written,
                source.begin(),
            ):
                copied = copy_rows(source, written, progress)
            with copy.engine.connect() as check:
                counted = count_rows(check)
            if counted != copied:
                raise StoreError("backup_failed", "La copie de sauvegarde est incomplète : elle n'a pas été gardée.")
            copy.checkpoint()
        finally:
            copy.close()
        private(partial)
        os.replace(partial, target)
    except BaseException as error:
        _remove_file_store(partial)
        said = machine_fault(error, target, "La sauvegarde n'a pas été faite ; la base est intacte.")
        if said is None:
            raise
        raise said from None
    return target


def _remove_file_store(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def move_to(source_path: Path, address: str, data_dir: Path, progress: Progress | None = None) -> TransferResult:
    """Copy the store file into the empty PostgreSQL database at `address`, then verify it (the
    rows of every table, every season's review). Refuses a database that is not empty; on any
    failure, the database is left empty again and the store file is untouched."""
    from acs_desktop.db.engine import make_server_engine
    from acs_desktop.db.server import open_server_store, shown_address
    from acs_desktop.db.store import StoreError, open_store

    engine = make_server_engine(address, pool_size=1)
    try:
        with engine.connect() as connection:
            found = inspect(connection).get_table_names()
    finally:
        engine.dispose()
    if found:
        raise StoreError(
            "not_empty",
            f"La base « {shown_address(address)} » n'est pas vide ({len(found)} tables) : le transfert ne se fait "
            "que dans une base vide, pour ne rien écraser. Rien n'a été écrit.",
        )
    source = open_store(source_path)
    target = None
    try:
        target = open_server_store(address, data_dir, pool_size=1)
        with source.engine.connect() as reading, target.engine.begin() as writing:
            # On disk when we say it is done, whatever the server's default.
            writing.exec_driver_sql("SET LOCAL synchronous_commit = on")
            copied = copy_rows(reading, writing, progress)
        # The planner's figures, and the visibility map that lets the counts read their covering
        # indexes alone: after a COPY no page is marked, so until autovacuum passes, each index
        # entry read also reads its row in the table.
        with target.engine.connect() as statistics:
            statistics.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM (ANALYZE)")
        seasons = compare(source.engine, target.engine)
        return TransferResult(copied, seasons)
    except BaseException:
        if target is not None:
            _empty(target.engine)
        raise
    finally:
        source.close()
        if target is not None:
            target.close()


def _empty(engine: Engine) -> None:
    """Leave the database as `move-to` found it: without tables."""
    with contextlib.suppress(Exception), engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
