"""Migration 0007: the 0.2.0 release store (at 0006) gains the charter, the reasons that count
as « sans prévenir » (set by label), unsigned relays and an empty follow-up log; and back."""

import shutil
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store
from acs_desktop.services import Services
from tests.conftest import TODAY

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

RELEASE = Path(__file__).resolve().parent.parent / "data" / "stores" / "acs-0.2.0.sqlite"
COUNTED = {
    "Oubli ou erreur de date",
    "Motif inconnu",
    "Appréhension (« ce n'est pas pour moi »)",
    "Arrivée en retard",
    "Billet perdu",
}


def test_a_0006_store_gets_unsigned_relays_a_version_1_charter_and_counted_reasons(tmp_path):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(RELEASE, path)
    store = open_store(path)
    try:
        assert store.migrated_from == "0006"
        services = Services(store, clock=lambda: TODAY)
        info = services.settings.get()
        assert (info.charter_text, info.charter_version, info.no_show_threshold) == ("", 1, 3)
        reasons = services.reasons.list_reasons(include_inactive=True)
        assert {r.label for r in reasons if r.without_notice} == COUNTED
        assert "Représentation annulée ou modifiée" in {r.label for r in reasons if not r.without_notice}
        relays = services.relays.list_relays()
        assert relays and {r.charter.label for r in relays} == {"non signée"}
        assert services.relays.list_follow_ups(relays[0].id) == []
    finally:
        store.close()


def test_0007_downgrades_cleanly(tmp_path):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(RELEASE, path)
    open_store(path).close()
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        columns = {row[1] for row in connection.execute(text("PRAGMA table_info(non_use_reason)"))}
        tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    engine.dispose()
    assert "without_notice" not in columns
    assert "relay_follow_up" not in tables
