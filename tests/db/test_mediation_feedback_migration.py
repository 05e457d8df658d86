"""Migrations 0013 and 0014: the 0.2.0 release store gains empty mediation actions and relay
feedback, and invitations that are not for companions (the existing ones); and both go back."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from tests.conftest import TODAY
from tests.db.migrating import downgrade

# About the store file itself: the server runs the same migrations in tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

RELEASE = Path(__file__).resolve().parent.parent / "data" / "stores" / "acs-0.2.0.sqlite"
NEW_TABLES = {"mediation_action", "mediation_action_partner", "mediation_action_relay", "relay_feedback"}


def _schema(path):
    engine = make_engine(path)
    try:
        found = inspect(engine)
        return set(found.get_table_names()), {c["name"] for c in found.get_columns("invitation")}
    finally:
        engine.dispose()


def test_a_release_store_gets_no_companions_no_actions_no_feedback(tmp_path):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(RELEASE, path)
    store = open_store(path)
    try:
        services = Services(store, clock=lambda: TODAY)
        season = services.seasons.list_seasons()[0]
        figures = services.review.key_figures(season.id)
        assert figures.booked > 0
        assert (figures.companions_booked, figures.companions_used) == (0, 0)
        assert (figures.mediation_actions, figures.mediation_people) == (0, 0)
        assert services.mediation.list_actions(season.id) == []
        assert services.feedback.list_feedback(season.id) == []
    finally:
        store.close()
    engine = make_engine(path)
    with engine.connect() as connection:
        assert set(connection.execute(text("SELECT DISTINCT companion FROM invitation")).scalars()) == {0}
    engine.dispose()


def test_0014_and_0013_go_back_cleanly(tmp_path):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(RELEASE, path)
    open_store(path).close()
    tables, columns = _schema(path)
    assert tables >= NEW_TABLES and "companion" in columns
    downgrade(path, "0013")
    tables, columns = _schema(path)
    assert "relay_feedback" not in tables and "companion" not in columns
    assert "mediation_action" in tables
    downgrade(path, "0011")
    tables, _ = _schema(path)
    assert not tables & NEW_TABLES
    store = open_store(path)  # and up again
    try:
        assert store.migrated_from == "0011"
    finally:
        store.close()
    assert _schema(path)[0] >= NEW_TABLES
