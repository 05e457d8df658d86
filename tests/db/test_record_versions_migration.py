"""Migration 0011: a store at 0010 keeps its records, each at version 1, and their next UPDATE
says `WHERE version = 1` and raises it; and it goes back."""

from alembic import command
from sqlalchemy import inspect, text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store
from acs_desktop.services import Services
from acs_desktop.services.relays import RelayInput
from tests.conftest import FakeClock
from tests.factories import Factory

VERSIONED = (
    "association_settings",
    "partner",
    "partner_contact",
    "venue",
    "convention",
    "surplus_allocation",
    "follow_up_entry",
    "show",
    "performance",
    "relay",
    "referent",
    "relay_follow_up",
    "non_use_reason",
)


def _migrate(path, revision):
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def _columns(path, table):
    engine = make_engine(path)
    try:
        return {c["name"] for c in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def test_a_0010_store_gets_versions_at_one_and_goes_back(tmp_path):
    path = tmp_path / "acs.sqlite"
    store = open_store(path)
    services = Services(store, FakeClock())
    make = Factory(services)
    relay = make.relay("CCAS")
    services.relays.save_referent(relay, "Paul Durand")
    make.performance(make.convention(make.partner(), make.season().id))
    services.relays.update_relay(relay, RelayInput("CCAS", commune="Rezé", notes="avant"))
    store.close()
    _migrate(path, "0010")
    assert all("version" not in _columns(path, table) for table in VERSIONED)

    store = open_store(path)
    assert store.migrated_from == "0010"
    services = Services(store, FakeClock())
    assert services.relays.get_relay(relay).version == 1  # was 2 before going back: now 1, like every record
    services.relays.update_relay(relay, RelayInput("CCAS", commune="Rezé", notes="après"), version=1)
    assert services.relays.get_relay(relay).version == 2
    store.close()

    engine = make_engine(path)
    with engine.connect() as connection:
        versions = {
            table: set(connection.execute(text(f"SELECT version FROM {table}")).scalars()) for table in VERSIONED
        }
    engine.dispose()
    assert versions.pop("relay") == {2}
    assert all(found == {1} for found in versions.values() if found), versions
    assert {table for table, found in versions.items() if found} >= {
        "association_settings",
        "partner",
        "convention",
        "show",
        "performance",
        "referent",
        "non_use_reason",
    }
