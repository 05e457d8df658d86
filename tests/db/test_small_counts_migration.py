"""Migration 0015: a store from before it gets the small-count threshold at 5 (protection on), and
goes back without it."""

import shutil

import pytest
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from tests.conftest import TODAY
from tests.db.migrating import downgrade

pytestmark = pytest.mark.sqlite_only


def test_a_0014_store_protects_small_counts_from_5(tmp_path, template_store):
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(template_store, path)
    downgrade(path, "0014")
    store = open_store(path)
    try:
        assert store.migrated_from == "0014"
        assert Services(store, clock=lambda: TODAY).settings.get().small_count_threshold == 5
    finally:
        store.close()
    downgrade(path, "0014")
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as connection:
        columns = {row[1] for row in connection.execute(text("PRAGMA table_info(association_settings)"))}
    engine.dispose()
    assert "small_count_threshold" not in columns
