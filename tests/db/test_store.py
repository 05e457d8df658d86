"""The store file: created and migrated at start-up, copied before a migration, and never
touched when it is not ours (foreign, damaged, or written by a newer version)."""

import hashlib
import sqlite3
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import HEAD_REVISION, StoreError, alembic_config, head_revision, open_store
from acs_desktop.models import Base

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_to_head_matches_the_models(tmp_path):
    store = open_store(tmp_path / "acs.sqlite")
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == head_revision()
    store.close()


def test_the_head_known_without_alembic_is_alembics_head():
    assert head_revision() == HEAD_REVISION


def test_opening_a_store_at_head_does_not_load_alembic(store_path):
    code = (
        "import sys; from pathlib import Path; from acs_desktop.db.store import open_store; "
        f"open_store(Path({str(store_path)!r})).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_new_store_uses_wal_and_foreign_keys(store):
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_older_store_is_upgraded_and_a_copy_kept(tmp_path):
    path = tmp_path / "acs.sqlite"
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    store = open_store(path)
    assert store.migrated_from == "0001"
    assert store.copy_before_migration is not None and store.copy_before_migration.exists()
    with sqlite3.connect(store.copy_before_migration) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM non_use_reason")).scalar() == 11
    store.close()


def test_a_store_written_by_a_newer_version_is_refused_untouched(store_path):
    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = digest(store_path)
    with pytest.raises(StoreError) as refused:
        open_store(store_path)
    assert refused.value.code == "newer_version"
    assert "plus récente" in refused.value.message
    assert digest(store_path) == before


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    before = digest(path)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert refused.value.code == "foreign"
    assert digest(path) == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Liste des spectacles\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert refused.value.code == "not_sqlite"
    assert digest(path) == before


def test_a_damaged_store_is_refused_untouched(store_path):
    data = bytearray(store_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # overwrite the second page
    store_path.write_bytes(bytes(data))
    before = digest(store_path)
    with pytest.raises(StoreError) as refused:
        open_store(store_path)
    assert refused.value.code in {"damaged", "unreadable"}
    assert digest(store_path) == before


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "acs.sqlite"
    path.touch()
    store = open_store(path)
    assert store.created
    store.close()


def test_an_unreadable_file_is_refused_in_plain_words(store_path, monkeypatch):
    """Root can read any file, so the refusal of the operating system is simulated."""
    from pathlib import Path

    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == store_path:
            raise PermissionError(13, "Permission non accordée")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(StoreError) as refused:
        open_store(store_path)
    # A refused access is a fault of the machine, not a damaged store (no restore is offered).
    assert refused.value.code == "access_denied" and not refused.value.damaged
    assert "Accès refusé" in refused.value.message and str(store_path) in refused.value.message
