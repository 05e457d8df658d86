"""Moving a store file into PostgreSQL (`move_to`): every value of every table arrives as it was,
loaded by COPY."""

import shutil

from sqlalchemy import Engine, create_engine, event, inspect, select, text

from acs_desktop.db.engine import server_url
from acs_desktop.db.server import open_server_store
from acs_desktop.db.store import open_store
from acs_desktop.db.transfer import move_to, tables

AWKWARD = "Tab\there, back\\slash, \\N, « guillemets » ; line\r\nbreak, 'quote', \"double\", é ü ß"
LOGO = bytes(range(256)) + b"\\x00\t\n"


def _rows(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            for table in tables()
        }


def test_every_value_of_every_table_arrives_as_it_was_and_by_copy(demo_template, empty_database, tmp_path):
    path = tmp_path / "portable" / "acs.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    laptop = open_store(path)
    with laptop.engine.begin() as connection:
        connection.execute(text("UPDATE relay SET notes = :s WHERE id = 1"), {"s": AWKWARD})
        connection.execute(text("UPDATE association_settings SET logo_png = :b"), {"b": LOGO})
    before = _rows(laptop.engine)
    laptop.close()
    sent: list[str] = []

    def remember(conn, cursor, statement, *rest):
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", remember)
    try:
        moved = move_to(path, empty_database, tmp_path / "poste")
    finally:
        event.remove(Engine, "before_cursor_execute", remember)

    server = open_server_store(empty_database, tmp_path / "poste")
    try:
        after = _rows(server.engine)
    finally:
        server.close()
    assert moved.rows == {name: len(rows) for name, rows in before.items()}
    assert moved.rows["invitation"] > 100
    assert after == before  # every column of every row: texts, bytes, euros, dates, states, NULLs
    # Loaded by COPY, not row by row (the only INSERTs: the default lists of the new store, replaced).
    assert not [
        s for s in sent if s.startswith(("INSERT INTO invitation", "INSERT INTO booking", "INSERT INTO relay "))
    ]


def test_the_moved_store_has_every_index_and_link_of_a_new_one(demo_template, empty_database, server, tmp_path):
    """The indexes and foreign keys, set aside while the rows are loaded, are all back as made."""
    path = tmp_path / "portable" / "acs.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    move_to(path, empty_database, tmp_path / "poste")
    new = server.open_copy(demo=False, data_dir=tmp_path / "neuve")
    try:
        moved = create_engine(server_url(empty_database))
        try:
            assert _schema(moved) == _schema(new.engine)
        finally:
            moved.dispose()
    finally:
        new.close()
        server.drop(new)


def _schema(engine: Engine) -> dict[str, tuple]:
    seen = inspect(engine)
    return {
        table.name: (
            sorted(map(repr, seen.get_indexes(table.name))),
            sorted(map(repr, seen.get_foreign_keys(table.name))),
            sorted(map(repr, seen.get_unique_constraints(table.name))),
        )
        for table in tables()
    }


def test_the_moved_store_is_vacuumed_and_analysed(demo_template, empty_database, tmp_path):
    """After a COPY no page is marked visible to all until a VACUUM passes: an index-only count
    would also read every row it counts. `move_to` vacuums and analyses what it wrote. (Whether
    the pages are then marked depends on the server's commits being flushed, which the test
    server, run without synchronous commits, does not promise: the test reads the statistics.)"""
    path = tmp_path / "portable" / "acs.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    move_to(path, empty_database, tmp_path / "poste")
    moved = create_engine(server_url(empty_database))
    try:
        with moved.connect() as connection:
            unvacuumed = (
                connection.execute(
                    text("SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NULL OR last_analyze IS NULL")
                )
                .scalars()
                .all()
            )
    finally:
        moved.dispose()
    assert unvacuumed == []
