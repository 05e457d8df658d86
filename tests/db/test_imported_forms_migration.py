"""Migration 0008: a store at 0006 with bookings gets the empty table of applied booking forms,
keeps every row, and goes back cleanly."""

import pytest
from alembic import command
from sqlalchemy import inspect, text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store
from acs_desktop.services import Services
from tests.conftest import FakeClock
from tests.factories import Factory

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only


def _migrate(path, revision, *, down=False):
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _tables_and_invitations(path) -> tuple[set[str], int]:
    engine = make_engine(path)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        invitations = connection.execute(text("SELECT count(*) FROM invitation")).scalar_one()
    engine.dispose()
    return tables, invitations


def test_a_0006_store_gets_the_imported_forms_table_and_keeps_its_bookings(tmp_path):
    path = tmp_path / "acs.sqlite"
    store = open_store(path)
    make = Factory(Services(store, FakeClock()))
    performance = make.performance(make.convention(make.partner("Théâtre"), make.season("2026-2027").id), quota=10)
    make.book(performance, make.relay("CCAS"), 3)
    store.close()
    _migrate(path, "0006", down=True)
    tables, invitations = _tables_and_invitations(path)
    assert "imported_form" not in tables
    assert invitations == 3

    store = open_store(path)
    assert store.migrated_from == "0006"
    store.close()
    tables, invitations = _tables_and_invitations(path)
    assert "imported_form" in tables
    assert invitations == 3
