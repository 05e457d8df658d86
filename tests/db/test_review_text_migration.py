"""Migration 0003: a store at 0002 holding seasons gains the (empty) qualitative text, and back."""

import pytest
from alembic import command
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only


def _upgrade(path, revision):
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_seasons_of_a_0002_store_get_an_empty_review_text(tmp_path):
    path = tmp_path / "acs.sqlite"
    _upgrade(path, "0002")
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO season (label, starts_on, ends_on) VALUES ('2024-2025', '2024-09-01', '2025-08-31')")
        )
    engine.dispose()
    store = open_store(path)
    assert store.migrated_from == "0002"
    with store.read() as session:
        row = session.execute(
            text(
                "SELECT review_highlights, review_relay_feedback, review_next_steps, review_objectives, review_gaps FROM season"
            )
        ).one()
    assert tuple(row) == ("", "", "", "", "")
    store.close()


def test_0003_downgrades_cleanly(tmp_path):
    path = tmp_path / "acs.sqlite"
    open_store(path).close()
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        columns = {r[1] for r in connection.exec_driver_sql("PRAGMA table_info(season)")}
    engine.dispose()
    assert "review_highlights" not in columns and "label" in columns
