"""The booking rules of domain.md, one test each, asserting the domain error's code."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import ConventionState, InvitationStatus
from acs_desktop.models import Invitation
from acs_desktop.services.bookings import BookingRequest


def held(services, performance_id):
    return services.bookings.held_places(performance_id)


def test_booking_creates_one_invitation_per_place_with_valid_unique_codes(services, make, performance_id, relay_id):
    result = make.book(performance_id, relay_id, 4)
    assert len(result.codes) == 4 == len(set(result.codes))
    assert all(ticket_codes.is_valid(code) for code in result.codes)
    assert result.remaining == 6
    assert services.bookings.remaining(performance_id) == 6


def test_booking_up_to_the_quota_then_refused(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 10)
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 1)
    assert refused.value.code == "quota_exceeded"
    assert held(services, performance_id) == 10


def test_booking_more_than_remaining_changes_nothing(services, make, performance_id, relay_id, store):
    make.book(performance_id, relay_id, 7)
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 4)
    assert refused.value.code == "quota_exceeded"
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Invitation)) == 7


def test_remaining_places_are_computed_from_invitations_not_stored(services, make, performance_id, relay_id):
    booking = make.book(performance_id, relay_id, 3)
    services.bookings.cancel_booking(booking.booking_id)
    assert services.bookings.remaining(performance_id) == 10


def test_no_booking_on_a_cancelled_performance(services, make, performance_id, relay_id):
    services.offers.cancel_performance(performance_id, "Artiste malade")
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 1)
    assert refused.value.code == "performance_cancelled"


def test_no_booking_on_a_past_performance(services, make, performance_id, relay_id, clock):
    clock.advance(days=11)
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 1)
    assert refused.value.code == "performance_past"


def test_no_booking_by_an_inactive_relay(services, make, performance_id):
    inactive = make.relay("Foyer fermé", commune="Nantes", active=False)
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, inactive, 1)
    assert refused.value.code == "relay_inactive"


def test_no_booking_on_a_closed_convention(services, make, convention_id, performance_id, relay_id):
    for state in (ConventionState.SIGNED, ConventionState.RUNNING, ConventionState.REVIEW, ConventionState.CLOSED):
        services.conventions.change_state(convention_id, state)
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 1)
    assert refused.value.code == "convention_closed"


def test_after_the_deadline_booking_needs_an_explicit_override(services, make, convention_id, relay_id, clock):
    performance = make.performance(convention_id, quota=5, in_days=3, deadline_days_before=5)
    with pytest.raises(DomainError) as refused:
        make.book(performance, relay_id, 1)
    assert refused.value.code == "deadline_passed"
    result = make.book(performance, relay_id, 1, override_deadline=True)
    assert services.booking_lists.list_bookings(services.seasons.list_seasons()[0].id)[0].deadline_override
    assert result.remaining == 4


def test_before_the_deadline_no_override_is_recorded(services, make, convention_id, relay_id, season):
    performance = make.performance(convention_id, quota=5, in_days=10, deadline_days_before=2)
    make.book(performance, relay_id, 1, override_deadline=True)
    assert not services.booking_lists.list_bookings(season.id)[0].deadline_override


@pytest.mark.parametrize(
    "places, code",
    [(0, "number_too_small"), (-2, "number_negative"), ("deux", "number_invalid"), (2.5, "number_invalid")],
)
def test_places_must_be_a_positive_whole_number(make, performance_id, relay_id, places, code):
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, places)
    assert refused.value.code == code


def test_cancelling_returns_the_places(services, make, performance_id, relay_id, store):
    booking = make.book(performance_id, relay_id, 10)
    result = services.bookings.cancel_booking(booking.booking_id)
    assert result.places_returned == 10 and result.remaining == 10
    with store.read() as session:
        statuses = set(session.scalars(select(Invitation.status)))
    assert statuses == {InvitationStatus.CANCELLED}
    make.book(performance_id, relay_id, 10)


def test_returning_some_places_gives_back_unprinted_ones_first(services, make, performance_id, relay_id):
    _result, _ids = make.issued_booking(performance_id, relay_id, 2)
    second = make.book(performance_id, relay_id, 3)
    services.bookings.return_places(second.booking_id, 2)
    statuses = [i.status for i in services.booking_lists.invitations_of(second.booking_id)]
    assert statuses.count(InvitationStatus.CANCELLED) == 2
    assert services.bookings.remaining(performance_id) == 10 - 2 - 1


def test_returning_more_places_than_held_is_refused(services, make, performance_id, relay_id):
    booking = make.book(performance_id, relay_id, 2)
    with pytest.raises(DomainError) as refused:
        services.bookings.return_places(booking.booking_id, 3)
    assert refused.value.code == "return_too_many"


def test_no_cancelling_after_the_performance(services, make, performance_id, relay_id, clock):
    booking = make.book(performance_id, relay_id, 2)
    clock.advance(days=11)
    with pytest.raises(DomainError) as refused:
        services.bookings.cancel_booking(booking.booking_id)
    assert refused.value.code == "performance_past"


def test_first_names_at_most_one_per_place(make, performance_id, relay_id):
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 1, first_names=("Awa", "Léon"))
    assert refused.value.code == "too_many_names"


def test_codes_are_not_sequential(services, make, performance_id, relay_id):
    codes = make.book(performance_id, relay_id, 10).codes
    prefixes = {code[:4] for code in codes}
    assert len(prefixes) == 10


def test_waiting_relay_is_offered_returned_places_and_accepts(services, make, performance_id, relay_id, season):
    other = make.relay("Centre social Ouest", commune="Nantes")
    first = make.book(performance_id, relay_id, 10)
    waiting = services.bookings.join_waiting_list(performance_id, other, 2)
    result = services.bookings.return_places(first.booking_id, 3)
    assert [(o.waiting_id, o.places) for o in result.offers] == [(waiting, 2)]
    # The offered places are held for the waiting relay: only one is free for others.
    assert result.remaining == 1
    booking = services.bookings.accept_offer(waiting)
    assert len(booking.codes) == 2
    assert services.bookings.remaining(performance_id) == 1
    assert services.booking_lists.list_waiting(season.id) == []


def test_waiting_relay_that_passes_hands_over_to_the_next(services, make, performance_id, relay_id):
    second = make.relay("Centre social Ouest", commune="Nantes")
    third = make.relay("Foyer Oasis", commune="Nantes")
    first = make.book(performance_id, relay_id, 10)
    entry_2 = services.bookings.join_waiting_list(performance_id, second, 1)
    entry_3 = services.bookings.join_waiting_list(performance_id, third, 1)
    result = services.bookings.return_places(first.booking_id, 1)
    assert [o.waiting_id for o in result.offers] == [entry_2]
    offers = services.bookings.pass_offer(entry_2)
    assert [o.waiting_id for o in offers] == [entry_3]


def test_joining_the_waiting_list_while_places_remain_is_refused(services, make, performance_id, relay_id):
    with pytest.raises(DomainError) as refused:
        services.bookings.join_waiting_list(performance_id, relay_id, 2)
    assert refused.value.code == "places_available"


def test_issuing_then_reprinting_counts_prints(services, make, performance_id, relay_id):
    _, ids = make.issued_booking(performance_id, relay_id, 2)
    again = services.bookings.issue_invitations(ids)
    assert again.first_print == () and set(again.reprint) == set(ids)


def test_each_booking_is_logged(services, make, performance_id, relay_id, store):
    from acs_desktop.models import ActivityEntry

    make.book(performance_id, relay_id, 2)
    with store.read() as session:
        actions = list(session.scalars(select(ActivityEntry.action)))
    assert "book" in actions


def test_booking_on_a_deleted_performance_is_refused(services, make, relay_id):
    with pytest.raises(DomainError) as refused:
        services.bookings.book_places(BookingRequest(9999, relay_id, 1))
    assert refused.value.code == "not_found"


def test_late_booking_is_refused_a_minute_after_the_deadline(services, make, convention_id, relay_id, clock):
    performance = make.performance(convention_id, quota=5, in_days=4, deadline_days_before=2)
    deadline = services.offers.get_performance(performance).booking_deadline
    clock.now = deadline - timedelta(minutes=1)
    make.book(performance, relay_id, 1)
    clock.now = deadline + timedelta(minutes=1)
    with pytest.raises(DomainError) as refused:
        make.book(performance, relay_id, 1)
    assert refused.value.code == "deadline_passed"
