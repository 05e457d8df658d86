"""Companions: of a booking's N places, some are for a family member or a volunteer going along;
they hold places like any other and are counted apart in the lists and the review."""

from datetime import timedelta

import pytest

from acs_desktop.domain.errors import DomainError


def test_a_booking_marks_its_last_places_as_companions(services, make, performance_id, relay_id):
    result = make.book(performance_id, relay_id, 3, companions=1)
    invitations = services.booking_lists.invitations_of(result.booking_id)
    assert [i.companion for i in invitations] == [False, False, True]
    row = services.booking_lists.list_bookings(make.s.seasons.list_seasons()[0].id)[0]
    assert (row.active_places, row.companions) == (3, 1)


def test_more_companions_than_places_is_refused(services, make, performance_id, relay_id):
    with pytest.raises(DomainError) as refused:
        make.book(performance_id, relay_id, 2, companions=3)
    assert refused.value.code == "too_many_companions"
    assert refused.value.field == "companions"
    assert services.bookings.remaining(performance_id) == 10


def test_a_booking_without_companions_holds_none(services, make, performance_id, relay_id):
    result = make.book(performance_id, relay_id, 2)
    assert not any(i.companion for i in services.booking_lists.invitations_of(result.booking_id))


def test_companions_take_places_of_the_quota(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 4, companions=4)
    assert services.bookings.remaining(performance_id) == 6


def test_the_review_counts_companions_apart_booked_and_used(services, make, clock, season, performance_id, relay_id):
    first = make.book(performance_id, relay_id, 3, companions=1)
    make.book(performance_id, make.relay("Centre social", commune="Nantes"), 2)
    ids = [i.id for i in services.booking_lists.invitations_of(first.booking_id)]
    services.bookings.issue_invitations(ids)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(minutes=5)
    services.attendance.mark_used(ids[1:])  # one person followed and the companion came
    figures = services.review.key_figures(season.id)
    assert (figures.booked, figures.companions_booked, figures.followed_booked) == (5, 1, 4)
    assert (figures.used, figures.companions_used, figures.followed_used) == (2, 1, 1)


def test_a_cancelled_companion_place_is_no_longer_counted(services, make, season, performance_id, relay_id):
    result = make.book(performance_id, relay_id, 2, companions=1)
    companion = [i.id for i in services.booking_lists.invitations_of(result.booking_id) if i.companion]
    services.bookings.cancel_invitations(companion)
    figures = services.review.key_figures(season.id)
    assert (figures.booked, figures.companions_booked) == (1, 0)


def test_the_attendance_sheet_says_which_place_is_a_companion(services, make, clock, performance_id, relay_id):
    result = make.book(performance_id, relay_id, 2, companions=1)
    services.bookings.issue_invitations([i.id for i in services.booking_lists.invitations_of(result.booking_id)])
    lines = services.attendance.sheet(performance_id)
    assert sorted(line.companion for line in lines) == [False, True]
    assert {line.booking_id for line in lines} == {result.booking_id}
