"""The demo: modelled on the 2015-16 figures of domain.md, deterministic, and within every rule."""

import re
from datetime import datetime

import pytest
from sqlalchemy import case, func, select

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import HOLDING_STATUSES, InvitationStatus
from acs_desktop.models import Invitation, Performance, Relay, RelayType
from acs_desktop.services.demo import load_demo
from tests.conftest import TODAY

NOW = datetime(2026, 11, 22, 10, 0)


@pytest.fixture
def demo(demo_store):
    return demo_store


@pytest.fixture
def services(demo_services):
    return demo_services


@pytest.fixture
def store(demo_store):
    return demo_store


def figures(services, label):
    season = next(s for s in services.seasons.list_seasons() if s.label == label)
    return services.review.key_figures(season.id)


def test_past_season_matches_the_2015_16_figures(demo, services):
    past = figures(services, "2025-2026")
    assert past.shows == 156
    assert past.solidarity_subscribers == 946
    assert past.used == 804
    assert 8 <= past.partners <= 12
    assert 0.7 <= past.participation_rate <= 0.9
    assert past.unused == past.issued - past.used  # every issued place of a finished season is recorded


def test_relays_are_of_several_kinds_and_communes(demo, store):
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Relay)) == 48
        kinds = session.scalar(select(func.count(func.distinct(Relay.relay_type_id))))
        communes = session.scalar(select(func.count(func.distinct(Relay.commune))))
    assert kinds >= 5 and communes >= 8


def test_relay_names_elide_de_the_french_way(demo, store):
    with store.read() as session:
        names = list(session.scalars(select(Relay.name)))
    assert "CCAS d'Orvault" in names and "CCAS de Nantes" in names
    assert [
        n for n in names if re.search(r"\bde [AEIOUYÉÈÎÔaeiouyéèîô]", n)
    ] == []  # never « de Orvault », « de Île de Nantes »


def test_current_season_is_in_progress(demo, services, store):
    current = figures(services, "2026-2027")
    assert current.used > 0, "some performances are past with attendance recorded"
    open_rows = [
        r
        for r in services.offers.list_performances(services.seasons.default_season().id)
        if r.starts_at > NOW and r.remaining > 0
    ]
    assert open_rows, "others are still open for booking"
    with store.read() as session:
        future_recorded = session.scalar(
            select(func.count())
            .select_from(Invitation)
            .join(Performance, Performance.id == Invitation.performance_id)
            .where(Performance.starts_at > NOW, Invitation.status.in_((InvitationStatus.USED, InvitationStatus.UNUSED)))
        )
    assert future_recorded == 0


def test_demo_keeps_every_rule(demo, store):
    with store.read() as session:
        held = func.sum(case((Invitation.status.in_(HOLDING_STATUSES), 1), else_=0))
        over = session.execute(
            select(Performance.id)
            .join(Invitation, Invitation.performance_id == Performance.id)
            .group_by(Performance.id)
            .having(held > Performance.quota)
        ).all()
        assert over == []
        unused_without_reason = session.scalar(
            select(func.count()).where(Invitation.status == InvitationStatus.UNUSED, Invitation.reason_id.is_(None))
        )
        assert unused_without_reason == 0
        codes = list(session.scalars(select(Invitation.code)))
    assert all(ticket_codes.is_valid(c) for c in codes) and len(set(codes)) == len(codes)


def test_demo_is_deterministic(tmp_path, template_store, demo_template):
    """The session's demo (loaded at NOW, which is the fixtures' TODAY) and one loaded here agree."""
    import shutil

    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services

    assert NOW == TODAY
    results = []
    for name, source in (("a", demo_template), ("b", template_store)):
        path = tmp_path / name / "acs.sqlite"
        path.parent.mkdir()
        shutil.copyfile(source, path)
        store = open_store(path)
        if source == template_store:
            load_demo(store, NOW)
        services = Services(store, lambda: NOW)
        results.append([services.review.key_figures(s.id) for s in services.seasons.list_seasons()])
        with store.read() as session:
            results[-1].append(sorted(session.scalars(select(Invitation.code))))
        store.close()
    assert results[0] == results[1]


def test_demo_refuses_a_store_that_has_seasons(demo_store):
    with pytest.raises(DomainError) as refused:
        load_demo(demo_store, NOW)
    assert refused.value.code == "store_not_empty"


def test_demo_uses_the_default_kinds_of_relay(demo, store):
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(RelayType)) >= 8


def test_the_demo_shows_every_charter_state_follow_ups_and_relays_past_the_no_show_threshold(demo_services):
    s = demo_services
    season = s.seasons.list_seasons()[0]  # the season in progress, as the window opens on it
    relays = s.relays.list_relays(season.id)
    assert {r.charter.state.value for r in relays} == {"current", "outdated", "unsigned"}
    assert any(s.relays.list_follow_ups(r.id) for r in relays)
    assert any(r.no_show_alert for r in relays) and not all(r.no_show_alert for r in relays if r.booked)
    assert 0 < s.review.key_figures(season.id).relays_charter_current < s.review.key_figures(season.id).relays_active
