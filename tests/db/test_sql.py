"""The SQL written once for both engines (`db/sql.py`): the same rows on each, and the form
each engine is sent."""

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from acs_desktop.db.sql import among, planner_only
from acs_desktop.models import Relay


def sql_for(query, dialect) -> str:
    return str(query.compile(dialect=dialect))


def test_among_keeps_the_listed_ids(store, make):
    ids = [make.relay(f"Relais {n}") for n in range(5)]
    with store.engine.connect() as connection:
        found = connection.execute(select(Relay.id).where(among(Relay.id, [ids[3], ids[1], 999_999]))).scalars()
        assert sorted(found) == sorted([ids[1], ids[3]])
        assert connection.execute(select(Relay.id).where(among(Relay.id, []))).scalars().all() == []


def test_among_sends_one_array_to_postgresql_and_a_list_to_sqlite():
    query = select(Relay.id).where(among(Relay.id, list(range(200))))
    on_server = sql_for(query, postgresql.psycopg.dialect())
    assert "relay.id = ANY (" in on_server
    assert on_server.count("%(") == 1
    assert "relay.id IN (" in sql_for(query, sqlite.dialect())
    assert "= 1" not in sql_for(query, sqlite.dialect())  # not compared to true, as a Boolean would be


def test_a_planner_only_condition_is_sent_to_postgresql_only():
    query = select(Relay.id).where(Relay.active.is_(True), planner_only(Relay.commune == "Rezé"))
    assert "relay.commune =" in sql_for(query, postgresql.psycopg.dialect())
    assert "commune" not in sql_for(query, sqlite.dialect()).split("WHERE")[1]


def test_a_planner_only_condition_changes_no_row(store, make):
    rezé, nantes = make.relay("A", commune="Rezé"), make.relay("B", commune="Nantes")
    query = select(Relay.id).where(planner_only(Relay.id.in_([rezé, nantes])))
    with store.engine.connect() as connection:
        assert sorted(connection.execute(query).scalars()) == sorted([rezé, nantes])
