"""Migration 0005: a store at 0004 holding invitations gets the covering indexes (and its
statistics), keeps every row, and goes back cleanly."""

import pytest
from alembic import command
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store
from acs_desktop.services import Services
from tests.conftest import FakeClock
from tests.db.migrating import invitation_indexes
from tests.factories import Factory

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

NEW = {
    "ix_invitation_performance_status_booking": ["performance_id", "status", "booking_id"],
    "ix_invitation_booking_status": ["booking_id", "status"],
}
OLD = {"ix_invitation_performance_status": ["performance_id", "status"], "ix_invitation_booking_id": ["booking_id"]}
# Migration 0016 then adds the companion to the first (tests/db/test_companion_index_migration.py).
HEAD = {
    "ix_invitation_performance_status_companion_booking": ["performance_id", "status", "companion", "booking_id"],
    "ix_invitation_booking_status": ["booking_id", "status"],
}


def _migrate(path, revision, *, down=False):
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_a_0004_store_with_invitations_gets_the_covering_indexes(tmp_path):
    path = tmp_path / "acs.sqlite"
    store = open_store(path)
    make = Factory(Services(store, FakeClock()))
    season = make.season("2026-2027")
    performance = make.performance(make.convention(make.partner("Théâtre"), season.id), quota=10)
    make.book(performance, make.relay("CCAS"), 3)
    store.close()
    _migrate(path, "0004", down=True)
    assert OLD.items() <= invitation_indexes(path).items()

    store = open_store(path)
    assert store.migrated_from == "0004"
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM invitation")).scalar() == 3
        assert session.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 1
    store.close()
    indexes = invitation_indexes(path)
    assert HEAD.items() <= indexes.items()
    assert not (set(OLD) | set(NEW) - set(HEAD)) & set(indexes)
    _migrate(path, "0005", down=True)
    assert NEW.items() <= invitation_indexes(path).items()


def test_0005_downgrades_to_the_former_indexes(tmp_path):
    path = tmp_path / "acs.sqlite"
    open_store(path).close()
    _migrate(path, "0004", down=True)
    indexes = invitation_indexes(path)
    assert OLD.items() <= indexes.items()
    assert not set(NEW) & set(indexes)
