"""Migration 0009: a store at 0008 keeps its follow-up lines (no next step, nothing due) and its
imported forms, which get their counts from their summary and count as seen; and it goes back."""

from datetime import date, datetime

import pytest
from sqlalchemy import text

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import open_store
from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services import Services
from tests.conftest import FakeClock
from tests.db.migrating import downgrade
from tests.factories import Factory

# About the store file itself (its bytes, journal, copies): the server has tests/db/test_server.py.
pytestmark = pytest.mark.sqlite_only


def test_a_0008_store_gets_next_steps_and_forms_to_review(tmp_path):
    path = tmp_path / "acs.sqlite"
    store = open_store(path)
    services = Services(store, FakeClock())
    make = Factory(services)
    relay = make.relay("CCAS")
    services.relays.save_follow_up(relay, date(2026, 10, 2), FollowUpKind.MEETING, "Freins : transport")
    store.close()
    downgrade(path, "0008")
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imported_form (form_key, relay_id, season_id, file_name, made_at, imported_at, summary) "
                "VALUES ('K1', :relay, 1, 'bon.xlsx', :at, :at, :summary)"
            ),
            {
                "relay": relay,
                "at": datetime(2026, 12, 4),
                "summary": "1 ligne réservée, 3 en liste d'attente, 0 retour de places, 2 lignes refusées",
            },
        )
    engine.dispose()

    store = open_store(path)
    assert store.migrated_from == "0008"
    store.close()
    engine = make_engine(path)
    with engine.connect() as connection:
        follow_up = connection.execute(text("SELECT text, next_step, due_on, done FROM relay_follow_up")).one()
        form = connection.execute(text("SELECT refused, waiting, refused_lines, seen FROM imported_form")).one()
    engine.dispose()
    assert tuple(follow_up) == ("Freins : transport", "", None, 0)
    assert tuple(form) == (2, 3, "", 1)
