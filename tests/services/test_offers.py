"""Performances: quotas are whole numbers ≥ 0 and never below the places booked; cancellation."""

from datetime import timedelta

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import ConventionState, InvitationStatus, PerformanceState
from acs_desktop.services.offers import PerformanceFilter, PerformanceInput


def test_quota_must_be_a_non_negative_integer(services, make, convention_id):
    show = make.show(convention_id)
    with pytest.raises(DomainError) as refused:
        services.offers.save_performance(PerformanceInput(show, services.clock() + timedelta(days=3), -4))
    assert refused.value.code == "number_negative"


def test_quota_cannot_go_below_the_places_booked(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 6)
    row = services.offers.get_performance(performance_id)
    with pytest.raises(DomainError) as refused:
        services.offers.save_performance(PerformanceInput(row.show_id, row.starts_at, 5), performance_id)
    assert refused.value.code == "quota_below_booked"


def test_list_shows_booked_remaining_and_used(services, make, performance_id, relay_id, season):
    make.book(performance_id, relay_id, 4)
    row = services.offers.list_performances(season.id)[0]
    assert (row.quota, row.booked, row.remaining, row.used) == (10, 4, 6, 0)


def test_places_left_filter(services, make, convention_id, performance_id, relay_id, season):
    full = make.performance(convention_id, quota=2, in_days=5)
    make.book(full, relay_id, 2)
    rows = services.offers.list_performances(season.id, PerformanceFilter(places_left_only=True))
    assert [r.id for r in rows] == [performance_id]


def test_cancelled_performance_flags_its_bookings_and_lists_relays_to_warn(services, make, performance_id, relay_id):
    other = make.relay("Foyer Oasis", commune="Nantes")
    make.book(performance_id, relay_id, 2)
    returned = make.book(performance_id, other, 1)
    services.bookings.cancel_booking(returned.booking_id)  # given back earlier: nothing to warn
    warn = services.offers.cancel_performance(performance_id, "Comédien malade")
    assert [(w.relay_name, w.places, w.warned) for w in warn] == [("CCAS", 2, False)]
    services.offers.mark_relay_warned(warn[0].booking_id)
    assert services.offers.relays_to_warn(performance_id)[0].warned
    row = services.offers.get_performance(performance_id)
    assert row.state is PerformanceState.CANCELLED and row.remaining == 0 and row.booked == 0


def test_the_relays_to_warn_of_the_season_are_those_of_its_cancelled_performances_not_yet_told(
    services, make, convention_id, season, relay_id
):
    cancelled, played = make.performance(convention_id, in_days=4), make.performance(convention_id, in_days=2)
    other = make.relay("Foyer Oasis", commune="Nantes")
    first = make.book(cancelled, relay_id, 2)
    second = make.book(cancelled, other, 1)
    make.book(played, relay_id, 3)
    assert services.offers.cancellation_notices(season.id) == []
    services.offers.cancel_performance(cancelled)
    notices = services.offers.cancellation_notices(season.id)
    assert [(n.booking_id, n.performance_id, n.places) for n in notices] == [
        (first.booking_id, cancelled, 2),
        (second.booking_id, cancelled, 1),
    ]
    services.offers.mark_relay_warned(first.booking_id)
    assert [n.booking_id for n in services.offers.cancellation_notices(season.id)] == [second.booking_id]


def test_a_performance_with_bookings_is_cancelled_not_deleted(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 1)
    with pytest.raises(DomainError) as refused:
        services.offers.delete_performance(performance_id)
    assert refused.value.code == "performance_in_use"


def test_deadline_must_precede_the_performance(services, make, convention_id):
    show = make.show(convention_id)
    starts = services.clock() + timedelta(days=3)
    with pytest.raises(DomainError) as refused:
        services.offers.save_performance(
            PerformanceInput(show, starts, 5, booking_deadline=starts + timedelta(hours=1))
        )
    assert refused.value.code == "deadline_after_performance"


def test_cancelled_invitations_are_not_counted_as_booked(services, make, performance_id, relay_id, season):
    booking = make.book(performance_id, relay_id, 3)
    services.bookings.return_places(booking.booking_id, 1)
    statuses = [i.status for i in services.booking_lists.invitations_of(booking.booking_id)]
    assert statuses.count(InvitationStatus.CANCELLED) == 1
    assert services.offers.list_performances(season.id)[0].booked == 2


def test_a_discipline_typed_again_is_the_existing_one(services):
    danse = services.offers.get_or_create_discipline("Danse contemporaine")
    count = len(services.offers.list_disciplines())
    assert services.offers.get_or_create_discipline("  danse   CONTEMPORAINE ") == danse
    theatre = next(d for d in services.offers.list_disciplines() if d.name == "Théâtre")
    assert services.offers.get_or_create_discipline("theatre") == theatre.id  # accents aside
    assert len(services.offers.list_disciplines()) == count
    assert services.offers.get_or_create_discipline("Slam et poésie") not in (danse, theatre.id)
    assert len(services.offers.list_disciplines()) == count + 1


def test_a_kind_of_relay_typed_again_is_the_existing_one(services):
    kinds = {k.name: k.id for k in services.relays.list_relay_types()}
    assert services.relays.get_or_create_relay_type("epicerie SOLIDAIRE") == kinds["Épicerie solidaire"]
    assert len(services.relays.list_relay_types()) == len(kinds)
    with pytest.raises(DomainError) as refused:
        services.relays.get_or_create_relay_type("   ")
    assert refused.value.code == "name_required"


def test_a_performance_dated_in_the_past_is_refused_at_creation_unless_entered_as_past(
    services, make, convention_id, season
):
    show = make.show(convention_id)
    yesterday = (services.clock() - timedelta(days=1)).replace(hour=20, minute=30)
    before = services.offers.list_performances(season.id)
    with pytest.raises(DomainError) as refused:
        services.offers.save_performance(PerformanceInput(show, yesterday, 5))
    assert refused.value.code == "performance_past" and refused.value.field == "starts_at"
    assert (
        "Représentation passée (historique)" in refused.value.message
        and yesterday.strftime("%d/%m/%Y") in refused.value.message
    )
    assert services.offers.list_performances(season.id) == before
    past = services.offers.save_performance(PerformanceInput(show, yesterday, 5, past=True))  # history, on purpose
    row = services.offers.get_performance(past)
    services.offers.save_performance(PerformanceInput(show, row.starts_at, 7), past)  # editing a past one stays allowed
    assert services.offers.get_performance(past).quota == 7


def test_the_bookable_list_is_what_booking_accepts(services, make, clock, season, partner_id, convention_id, relay_id):
    """The booking dialog lists `bookable_only`: exactly the performances `book_places` accepts
    (the deadline aside, which the director may override)."""
    open_one = make.performance(convention_id, in_days=10)
    late = make.performance(convention_id, in_days=10, deadline_days_before=12)  # its deadline passed two days ago
    soon_past = make.performance(convention_id, in_days=1)
    cancelled = make.performance(convention_id, in_days=20)
    services.offers.cancel_performance(cancelled)
    other = make.convention(make.partner("Le Grand T — scène conventionnée"), season.id)
    in_closed = make.performance(other, in_days=15)
    for state in (ConventionState.SIGNED, ConventionState.RUNNING, ConventionState.REVIEW, ConventionState.CLOSED):
        services.conventions.change_state(other, state)
    clock.advance(days=2)  # `soon_past` has taken place

    listed = {p.id: p for p in services.offers.list_performances(season.id, PerformanceFilter(bookable_only=True))}
    accepted = set()
    for performance in (open_one, late, soon_past, cancelled, in_closed):
        try:
            make.book(performance, relay_id, 1, override_deadline=True)
            accepted.add(performance)
        except DomainError:
            pass
    assert set(listed) == accepted == {open_one, late}
    assert listed[late].deadline_passed and not listed[open_one].deadline_passed
    with pytest.raises(DomainError) as refused:  # without the override, the flag's rule is the booking's
        make.book(late, relay_id, 1)
    assert refused.value.code == "deadline_passed"


def test_documents_are_offered_for_performances_with_places(services, make, clock, season, convention_id, relay_id):
    booked_soon = make.performance(convention_id, in_days=1)
    booked_later = make.performance(convention_id, in_days=10)
    empty = make.performance(convention_id, in_days=10)
    make.book(booked_soon, relay_id, 2)
    make.issued_booking(booked_later, relay_id, 1)
    clock.advance(days=2)
    assert [p.id for p in services.offers.performances_with_places(season.id)] == [booked_soon, booked_later]
    assert [p.id for p in services.offers.performances_with_places(season.id, upcoming_only=True)] == [booked_later]
    assert empty not in {b.performance_id for b in services.booking_lists.bookings_with_tickets(season.id)}
    assert [b.performance_id for b in services.booking_lists.bookings_with_tickets(season.id)] == [
        booked_later
    ]  # printed ones too
