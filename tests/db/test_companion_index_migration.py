"""Migration 0016: a store from before it gets the companion in its covering index (performance,
status, companion, booking), keeps every row, counts the season's companions by seeking it (not
by reading every invitation of the season), and goes back."""

import shutil

import pytest
from sqlalchemy import event, select

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import open_store
from acs_desktop.models import Season
from acs_desktop.services.queries import companion_counts, season_performance_ids
from tests.db.migrating import downgrade, invitation_indexes

# The plan read is SQLite's (EXPLAIN QUERY PLAN); the server gets the index from the same migration.
pytestmark = pytest.mark.sqlite_only

OLD = {"ix_invitation_performance_status_booking": ["performance_id", "status", "booking_id"]}
NEW = {"ix_invitation_performance_status_companion_booking": ["performance_id", "status", "companion", "booking_id"]}


def _companions(path) -> tuple[dict[str, tuple[int, int]], list[str], int]:
    """Per season, (booked, used) companions; the plan of the last count; the invitations."""
    store = open_store(path)
    sent = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: sent.append(args[2:4]))
    try:
        with store.read() as session:
            counts = {
                season.label: companion_counts(session, season_performance_ids(season.id))
                for season in session.scalars(select(Season))
            }
            statement, parameters = sent[-1]
            plan = [
                row[-1] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            ]
            invitations = session.connection().exec_driver_sql("SELECT count(*) FROM invitation").scalar()
    finally:
        store.close()
    return counts, plan, invitations


def test_a_0015_store_counts_its_companions_by_seeking_the_covering_index(demo_template, tmp_path):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(demo_template, path)
    engine = make_engine(path)
    with engine.begin() as connection:  # a place in 25 for a companion (the demo books none)
        connection.exec_driver_sql("UPDATE invitation SET companion = 1 WHERE id % 25 = 0")
    engine.dispose()
    before = _companions(path)
    downgrade(path, "0015")
    indexes = invitation_indexes(path)
    assert OLD.items() <= indexes.items() and not NEW.keys() & indexes.keys()

    counts, plan, invitations = _companions(path)  # opened: migrated to 0016
    assert open_store(path).migrated_from is None  # already at the head: nothing more to do
    assert (counts, invitations) == before[0::2]
    assert sum(booked for booked, _used in counts.values()) > 10
    indexes = invitation_indexes(path)
    assert NEW.items() <= indexes.items() and not OLD.keys() & indexes.keys()
    # The index alone, the table unread (before: each invitation's row read for its companion flag).
    # At a network's scale the planner also seeks companion=? in it (EXPLAIN on 3,000,000 invitations).
    assert any("COVERING INDEX ix_invitation_performance_status_companion_booking" in step for step in plan), plan

    downgrade(path, "0015")
    assert OLD.items() <= invitation_indexes(path).items()
