"""Migration 0010: a store at 0009 gets no account (nothing changes: no login, everything allowed),
its activity log without authors, the idle lock at 10 minutes; and it goes back to 0009."""

from sqlalchemy import inspect, text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import open_store
from acs_desktop.domain.accounts import Role
from acs_desktop.services import Services
from tests.conftest import FakeClock
from tests.db.migrating import downgrade
from tests.factories import Factory


def test_a_0009_store_gets_accounts_authors_and_the_idle_lock(tmp_path):
    path = tmp_path / "acs.sqlite"
    store = open_store(path)
    Factory(Services(store, FakeClock())).relay("CCAS")
    store.close()
    downgrade(path, "0009")
    engine = make_engine(path)
    assert "account" not in inspect(engine).get_table_names()
    engine.dispose()

    store = open_store(path)
    assert store.migrated_from == "0009"
    services = Services(store, FakeClock())
    assert not services.accounts.has_accounts()
    assert [e.who for e in services.activity.entries()] == [None]
    assert services.settings.get().lock_minutes == 10
    services.accounts.create_account("Marie", Role.DIRECTION, "mot-de-passe")
    assert services.activity.entries()[0].who == "Marie"
    store.close()

    downgrade(path, "0009")
    engine = make_engine(path)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM activity_entry")).scalar() == 2
        columns = {c["name"] for c in inspect(connection).get_columns("activity_entry")}
        assert "who" not in columns
        assert "account" not in inspect(connection).get_table_names()
    engine.dispose()
