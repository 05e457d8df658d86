"""The relays' charter and the places they left unused without notice (issue 15, items 3 and 4)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.relays import CharterState
from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.relays import RelayInput
from tests.conftest import TODAY

SIGNED = date(2026, 2, 14)


def _relay(services, name="CCAS", version=None, signed_on=None) -> int:
    return services.relays.create_relay(
        RelayInput(name, None, "Rezé", charter_version=version, charter_signed_on=signed_on)
    )


def _reason(services, label) -> int:
    return next(r.id for r in services.reasons.list_reasons() if r.label == label)


# --- the charter --------------------------------------------------------------------------
def test_a_relay_that_signed_the_version_in_force_is_current(services):
    services.settings.update(name="ACS", charter_version=2)
    status = services.relays.charter_status(_relay(services, version=2, signed_on=SIGNED))
    assert status.state is CharterState.CURRENT
    assert status.label == "à jour (v2, 14/02/2026)"


def test_a_relay_that_signed_an_older_version_is_out_of_date(services):
    services.settings.update(name="ACS", charter_version=2)
    status = services.relays.charter_status(_relay(services, version=1, signed_on=SIGNED))
    assert status.state is CharterState.OUTDATED
    assert status.label == "ancienne version (v1)"


def test_a_relay_that_signed_nothing_is_unsigned(services):
    status = services.relays.charter_status(_relay(services))
    assert status.state is CharterState.UNSIGNED
    assert status.label == "non signée"


def test_a_new_charter_version_puts_the_signatories_out_of_date(services):
    relay = _relay(services, version=1, signed_on=SIGNED)
    assert services.relays.charter_status(relay).is_current
    services.settings.update(name="ACS", charter_version=2)
    assert services.relays.charter_status(relay).state is CharterState.OUTDATED
    assert services.settings.get().charter_version == 2


def test_updating_the_address_keeps_the_charter_and_the_threshold(services):
    services.settings.update(name="ACS", charter_text="Les relais s'engagent…", charter_version=3, no_show_threshold=5)
    services.settings.update(name="ACS", commune="Nantes")
    info = services.settings.get()
    assert (info.charter_text, info.charter_version, info.no_show_threshold) == ("Les relais s'engagent…", 3, 5)


@pytest.mark.parametrize(
    ("version", "signed_on", "code"),
    [(2, None, "charter_incomplete"), (None, SIGNED, "charter_incomplete"), (0, SIGNED, "charter_version_invalid")],
)
def test_a_half_filled_charter_is_refused(services, version, signed_on, code):
    with pytest.raises(DomainError) as refused:
        _relay(services, version=version, signed_on=signed_on)
    assert refused.value.code == code
    assert services.relays.list_relays() == []


def test_the_relays_list_says_where_each_relay_stands(services):
    services.settings.update(name="ACS", charter_version=2)
    _relay(services, "A", 2, SIGNED)
    _relay(services, "B", 1, SIGNED)
    _relay(services, "C")
    assert [r.charter.label for r in services.relays.list_relays()] == [
        "à jour (v2, 14/02/2026)",
        "ancienne version (v1)",
        "non signée",
    ]


def test_booking_without_a_current_charter_is_warned_not_refused(services, season, performance_id):
    services.settings.update(name="ACS", charter_version=2)
    older = _relay(services, "Foyer", version=1, signed_on=SIGNED)
    current = _relay(services, "CCAS", version=2, signed_on=SIGNED)
    warnings = services.relays.booking_warnings(older, season.id)
    assert warnings.charter == (
        "« Foyer » a signé une ancienne version de la charte (v1) : la version en vigueur est la v2."
    )
    assert services.relays.booking_warnings(current, season.id).lines == ()
    booked = services.bookings.book_places(BookingRequest(performance_id, older, 2))
    assert len(booked.codes) == 2


# --- places unused without notice -----------------------------------------------------------
@pytest.fixture
def past_performances(services, make, clock, convention_id):
    """Two performances past on TODAY, six places issued to relay « CCAS » for each."""
    clock.now = TODAY - timedelta(days=30)
    performances = [make.performance(convention_id, quota=10, in_days=10 + i) for i in range(2)]
    relay = _relay(services, version=1, signed_on=SIGNED)
    issued = [make.issued_booking(p, relay, 6)[1] for p in performances]
    clock.now = TODAY
    return relay, issued


def test_only_the_reasons_that_count_make_places_unused_without_notice(services, season, past_performances):
    relay, (first, _second) = past_performances
    services.attendance.mark_unused(first[:2], _reason(services, "Oubli ou erreur de date"))
    services.attendance.mark_unused(first[2:3], _reason(services, "Motif inconnu"))
    services.attendance.mark_unused(first[3:5], _reason(services, "Représentation annulée ou modifiée"))
    services.attendance.mark_unused(first[5:], _reason(services, "Maladie ou imprévu"))
    assert services.relays.without_notice(relay, season.id) == 3
    row = services.relays.list_relays(season.id)[0]
    assert (row.unused, row.without_notice) == (6, 3)


def test_a_reason_can_be_made_to_count(services, season, past_performances):
    relay, (first, _second) = past_performances
    illness = _reason(services, "Maladie ou imprévu")
    services.attendance.mark_unused(first[:2], illness)
    assert services.relays.without_notice(relay, season.id) == 0
    services.reasons.set_without_notice(illness, True)
    assert services.relays.without_notice(relay, season.id) == 2
    assert next(r for r in services.reasons.list_reasons() if r.id == illness).without_notice


def test_places_unused_without_notice_are_counted_per_season(services, make, clock, season, past_performances):
    relay, (first, _second) = past_performances
    services.attendance.mark_unused(first[:2], _reason(services, "Oubli ou erreur de date"))
    previous = make.season("2025-2026")
    clock.now = TODAY - timedelta(days=400)
    old_convention = make.convention(make.partner("Le Lieu Unique"), previous.id)
    old_ids = make.issued_booking(make.performance(old_convention, in_days=5), relay, 3)[1]
    clock.now = TODAY
    services.attendance.mark_unused(old_ids, _reason(services, "Arrivée en retard"))
    assert services.relays.without_notice(relay, season.id) == 2
    assert services.relays.without_notice(relay, previous.id) == 3


def test_booking_is_warned_from_the_threshold_on(services, make, season, convention_id, past_performances):
    relay, (first, second) = past_performances
    forgot = _reason(services, "Oubli ou erreur de date")
    services.attendance.mark_unused(first[:2], forgot)
    assert services.relays.booking_warnings(relay, season.id).no_shows == ""
    assert not services.relays.list_relays(season.id)[0].no_show_alert
    services.attendance.mark_unused(second[:1], forgot)  # three: the default threshold
    assert services.relays.booking_warnings(relay, season.id).no_shows == (
        "« CCAS » compte 3 place(s) non utilisée(s) sans prévenir en 2026-2027 (seuil : 3). "
        "Un échange avec le relais aiderait à repérer les freins."
    )
    assert services.relays.list_relays(season.id)[0].no_show_alert
    coming = make.performance(convention_id, quota=10, in_days=20)
    assert services.bookings.book_places(BookingRequest(coming, relay, 2)).codes  # warned, never refused
    services.settings.update(name="ACS", no_show_threshold=4)
    assert services.relays.booking_warnings(relay, season.id).no_shows == ""


def test_the_threshold_is_at_least_one(services):
    with pytest.raises(DomainError) as refused:
        services.settings.update(name="ACS", no_show_threshold=0)
    assert refused.value.field == "no_show_threshold"


# --- the follow-up log ------------------------------------------------------------------------
def test_follow_ups_are_added_edited_and_deleted_newest_first(services, relay_id):
    first = services.relays.save_follow_up(relay_id, date(2026, 10, 2), FollowUpKind.MEETING, "Freins : transport")
    services.relays.save_follow_up(relay_id, date(2026, 11, 5), FollowUpKind.EXCHANGE, "Rappel la veille")
    assert [e.text for e in services.relays.list_follow_ups(relay_id)] == ["Rappel la veille", "Freins : transport"]
    services.relays.save_follow_up(relay_id, date(2026, 12, 1), FollowUpKind.DECISION, "Navette", entry_id=first)
    lines = services.relays.list_follow_ups(relay_id)
    assert [(e.on, e.kind, e.text) for e in lines] == [
        (date(2026, 12, 1), FollowUpKind.DECISION, "Navette"),
        (date(2026, 11, 5), FollowUpKind.EXCHANGE, "Rappel la veille"),
    ]
    services.relays.delete_follow_up(first)
    assert [e.text for e in services.relays.list_follow_ups(relay_id)] == ["Rappel la veille"]
    assert services.activity.entries()[0].summary == "Suivi du 01/12/2026 supprimé"


@pytest.mark.parametrize(
    ("on", "text", "code"), [(date(2026, 10, 2), "  ", "name_required"), (None, "Appel", "date_invalid")]
)
def test_a_follow_up_needs_a_date_and_a_text(services, relay_id, on, text, code):
    with pytest.raises(DomainError) as refused:
        services.relays.save_follow_up(relay_id, on, FollowUpKind.EXCHANGE, text)
    assert refused.value.code == code
    assert services.relays.list_follow_ups(relay_id) == []


def test_a_follow_up_of_a_missing_relay_or_line_is_refused(services, relay_id):
    with pytest.raises(DomainError) as refused:
        services.relays.save_follow_up(999, date(2026, 10, 2), FollowUpKind.EXCHANGE, "Appel")
    assert refused.value.code == "not_found"
    with pytest.raises(DomainError) as refused:
        services.relays.delete_follow_up(999)
    assert refused.value.code == "not_found"


# --- the season's counts --------------------------------------------------------------------
def test_the_relays_counts_are_the_seasons_own(services, make, clock, season, past_performances, store):
    relay, (first, _second) = past_performances
    services.attendance.mark_used(first[:4])
    previous = make.season("2025-2026")
    clock.now = TODAY - timedelta(days=400)
    old_performance = make.performance(make.convention(make.partner("Le Lieu Unique"), previous.id), in_days=5)
    make.issued_booking(old_performance, relay, 3)
    clock.now = TODAY
    sent = _statements(store)
    row = next(r for r in services.relays.list_relays(season.id) if r.id == relay)
    assert (row.booked, row.used, row.issued_past) == (12, 4, 12)
    old = next(r for r in services.relays.list_relays(previous.id) if r.id == relay)
    assert (old.booked, old.issued_past) == (3, 3)
    counted = [sql for sql in sent if "GROUP BY booking.relay_id" in sql and "max(booking.created_at)" in sql]
    # On the server the bookings are chosen by the season too (by their index, not all of them read).
    assert counted and all(
        ("booking.performance_id IN" in sql) == (store.engine.dialect.name == "postgresql") for sql in counted
    )


def _statements(store) -> list[str]:
    sent: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda conn, cur, sql, *rest: sent.append(sql))
    return sent


def test_the_relays_listed_first_then_counted_are_the_relays_listed_counted(demo_services):
    """The Relais tab lists the relays without their counts, then draws the season's counts into
    them: row for row, the same as the list counted at once (one computation of the counts)."""
    season = demo_services.seasons.default_season()
    at_once = demo_services.relays.list_relays(season.id)
    listed = demo_services.relays.list_relays(season.id, counted=False)
    assert [row.counted for row in listed] == [False] * len(at_once)
    assert not any(row.booked or row.used or row.last_booking for row in listed)
    counts = demo_services.relays.relay_counts(season.id)
    assert counts.season_id == season.id
    assert [row.with_counts(counts) for row in listed] == at_once
    assert sum(row.booked for row in at_once) > 100 and all(row.counted for row in at_once)
    # Without a season there is nothing to count: the rows say so at once.
    assert all(row.counted and not row.booked for row in demo_services.relays.list_relays(None, counted=False))
