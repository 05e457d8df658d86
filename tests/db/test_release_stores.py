"""A store written by each release opens with today's code, as the director's would.

tests/data/stores/ keeps one store file per release, made by that release's own code
(tools/make_release_store.py; the README there says which commit). Each is copied to a temporary
folder and opened through the normal opening path (`open_store`: a copy kept before migrating,
then the upgrade). It must reach the head revision and hold the same records and figures as
before: every row of every table the release had, the counts of conventions, bookings and
invitations by status, and the season's key figures that the release's own review computed.

A migration that changes stored values on purpose says so here, in the comparison of records.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from acs_desktop import __version__
from acs_desktop.db.store import head_revision, open_store
from acs_desktop.models import Booking, Convention, Invitation
from acs_desktop.services import Services

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only

STORES = Path(__file__).resolve().parent.parent / "data" / "stores"
CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"
RELEASES = sorted(STORES.glob("acs-*.sqlite"), key=lambda p: [int(n) for n in re.findall(r"\d+", p.stem)])


def released_versions() -> list[str]:
    """The versions CHANGELOG.md names as released (`## 0.2.0 — 2026-12-04`, `## 0.1.0`)."""
    return re.findall(r"^## (\d+\.\d+\.\d+)\b", CHANGELOG.read_text(encoding="utf-8"), flags=re.MULTILINE)


def read_rows(path: Path) -> dict[str, tuple[list[str], Counter[tuple]]]:
    """Every table of the file: its columns and its rows (read only, the file untouched)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        content = {}
        for table in tables:
            columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
            content[table] = (columns, Counter(connection.execute(f'SELECT * FROM "{table}"')))
        return content
    finally:
        connection.close()


def select_rows(path: Path, table: str, columns: list[str]) -> Counter[tuple]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        return Counter(connection.execute(f'SELECT {names} FROM "{table}"'))
    finally:
        connection.close()


def counts_before(path: Path) -> dict[str, object]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            "conventions": connection.execute("SELECT count(*) FROM convention").fetchone()[0],
            "bookings": connection.execute("SELECT count(*) FROM booking").fetchone()[0],
            "invitations": dict(
                connection.execute("SELECT status, count(*) FROM invitation GROUP BY status").fetchall()
            ),
        }
    finally:
        connection.close()


def test_every_released_version_keeps_its_store_file():
    versions = released_versions()
    assert "0.1.0" in versions and __version__ in versions, (
        "CHANGELOG.md: a section per release, the current version's included"
    )
    kept = {p.stem.removeprefix("acs-") for p in RELEASES}
    missing = [v for v in versions if v not in kept]
    assert not missing, (
        f"no store file for {missing}: python tools/make_release_store.py <the release's commit> (CONTRIBUTING.md)"
    )


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.stem)
def test_a_release_store_upgrades_with_its_records_and_figures(release, tmp_path):
    recorded = json.loads(release.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "acs.sqlite"
    shutil.copyfile(release, path)
    before = read_rows(path)
    revision_before = next(iter(before["alembic_version"][1]))[0]
    counted_before = counts_before(path)
    assert counted_before["conventions"] and counted_before["bookings"] and len(counted_before["invitations"]) >= 3, (
        "a release store with content"
    )

    store = open_store(path)
    try:
        if revision_before == head_revision():
            assert store.migrated_from is None and store.copy_before_migration is None
        else:  # migrated, and the file as the release left it kept beside it
            assert store.migrated_from == revision_before
            assert store.copy_before_migration is not None and store.copy_before_migration.parent == tmp_path
            assert read_rows(store.copy_before_migration) == before
        with store.read() as session:
            assert (
                session.execute(select(func.count()).select_from(Convention)).scalar_one()
                == counted_before["conventions"]
            )
            assert session.execute(select(func.count()).select_from(Booking)).scalar_one() == counted_before["bookings"]
            by_status = dict(session.execute(select(Invitation.status, func.count()).group_by(Invitation.status)).all())
        assert {getattr(status, "value", status): n for status, n in by_status.items()} == counted_before["invitations"]

        now = datetime.fromisoformat(recorded["now"])
        services = Services(store, clock=lambda: now)
        seasons = {season.label: season.id for season in services.seasons.list_seasons()}
        assert sorted(seasons) == sorted(recorded["key_figures"])
        for label, figures in recorded["key_figures"].items():
            today = asdict(services.review.key_figures(seasons[label]))
            today = {k: str(v) if isinstance(v, Decimal) else v for k, v in today.items() if k in figures}
            assert today == figures, label
    finally:
        store.close()

    assert read_rows(path)["alembic_version"][1] == Counter({(head_revision(),): 1})
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            continue
        assert select_rows(path, table, columns) == rows, f"{table}: rows changed by the upgrade"
