"""The SQL written once for both engines (`db/sql.py`): the same rows on each, and the form
each engine is sent."""

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from acs_desktop.db.sql import planner_only
from acs_desktop.models import Relay


def sql_for(query, dialect) -> str:
    return str(query.compile(dialect=dialect))


def test_a_planner_only_condition_is_sent_to_postgresql_only():
    query = select(Relay.id).where(Relay.active.is_(True), planner_only(Relay.commune == "Rezé"))
    assert "relay.commune =" in sql_for(query, postgresql.psycopg.dialect())
    assert "commune" not in sql_for(query, sqlite.dialect()).split("WHERE")[1]


def test_a_planner_only_condition_changes_no_row(store, make):
    rezé, nantes = make.relay("A", commune="Rezé"), make.relay("B", commune="Nantes")
    query = select(Relay.id).where(planner_only(Relay.id.in_([rezé, nantes])))
    with store.engine.connect() as connection:
        assert sorted(connection.execute(query).scalars()) == sorted([rezé, nantes])
