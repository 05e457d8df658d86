"""A store on a PostgreSQL server: created, migrated once by two desks at once, refused when it is
someone else's or newer, said in French when the server cannot be reached."""

import threading

import pytest
from sqlalchemy import create_engine, text

from acs_desktop.db.engine import server_url
from acs_desktop.db.server import open_server_store, shown_address
from acs_desktop.db.store import HEAD_REVISION, StoreError


def _sql(address: str, *statements: str) -> list:
    """Run `statements` in one transaction; the rows of those that return some."""
    engine = create_engine(server_url(address))
    try:
        with engine.begin() as connection:
            results = [connection.exec_driver_sql(statement) for statement in statements]
            return [result.all() for result in results if result.returns_rows]
    finally:
        engine.dispose()


def test_an_empty_database_becomes_a_store_at_head(empty_database, tmp_path):
    store = open_server_store(empty_database, tmp_path)
    try:
        assert store.created and store.on_server and store.path is None
        assert store.folder == tmp_path
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
            assert connection.execute(text("SELECT count(*) FROM non_use_reason")).scalar() > 0  # the default lists
    finally:
        store.close()
    again = open_server_store(empty_database, tmp_path)
    assert not again.created and again.migrated_from is None
    again.close()


def test_two_desks_starting_at_once_migrate_once(empty_database, tmp_path):
    opened, errors = [], []
    start = threading.Barrier(4)

    def desk(n):
        try:
            start.wait()
            opened.append(open_server_store(empty_database, tmp_path / f"desk{n}"))
        except Exception as error:  # pragma: no cover - said by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        assert sum(store.created for store in opened) == 1  # one desk created the tables, the others waited
        (rows,) = _sql(empty_database, "SELECT version_num FROM alembic_version")
        assert rows == [(HEAD_REVISION,)]
        (reasons,) = _sql(
            empty_database, "SELECT label, count(*) FROM non_use_reason GROUP BY label HAVING count(*) > 1"
        )
        assert reasons == []  # the default lists were written once
    finally:
        for store in opened:
            store.close()


def test_another_programs_database_is_refused_untouched(empty_database, tmp_path):
    _sql(empty_database, "CREATE TABLE customer (id integer primary key, name text)")
    with pytest.raises(StoreError) as refused:
        open_server_store(empty_database, tmp_path)
    assert refused.value.code == "foreign"
    assert "pas une base ACS Desktop" in refused.value.message
    (tables,) = _sql(empty_database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("customer",)]


def test_a_store_of_a_newer_version_is_refused_untouched(empty_database, tmp_path):
    open_server_store(empty_database, tmp_path).close()
    _sql(empty_database, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as refused:
        open_server_store(empty_database, tmp_path)
    assert refused.value.code == "newer_version"
    assert "version plus récente" in refused.value.message
    (rows,) = _sql(empty_database, "SELECT version_num FROM alembic_version")
    assert rows == [("9999",)]


def test_a_server_that_does_not_answer_is_said_in_french(tmp_path):
    address = f"postgresql://acs:secret@/acs?host={tmp_path}&port=1"  # no server on that socket
    with pytest.raises(StoreError) as refused:
        open_server_store(address, tmp_path)
    assert "ne répond pas" in refused.value.message
    assert "secret" not in refused.value.message  # the password is never shown


def test_a_database_that_does_not_exist_is_said_in_french(server, tmp_path):
    from sqlalchemy.engine import make_url

    address = make_url(server.address).set(database="acs_nowhere").render_as_string(hide_password=False)
    with pytest.raises(StoreError) as refused:
        open_server_store(address, tmp_path)
    assert "n'existe pas sur le serveur" in refused.value.message


def test_the_password_is_never_shown():
    assert shown_address("postgresql://acs:s3cret@db.example.org/acs?sslmode=require") == (
        "postgresql://acs:•••@db.example.org/acs?sslmode=require"
    )
    assert shown_address("postgresql://acs@/acs?host=/run/pg") == "postgresql://acs@/acs?host=/run/pg"


def test_without_the_driver_the_address_is_refused_in_french(command_line, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` raises ImportError
    with pytest.raises(StoreError) as refused:
        open_server_store("postgresql://acs@serveur/acs", tmp_path)
    assert refused.value.code == "no_driver" and "acs-desktop[postgresql]" in refused.value.message
    said = command_line("--data-dir", tmp_path, "--database", "postgresql://acs@serveur/acs", "todo")
    assert said.returncode != 0 and "pilote PostgreSQL" in said.stderr and "Traceback" not in said.stderr
