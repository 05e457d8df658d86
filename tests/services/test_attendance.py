"""Attendance is recorded only on issued invitations of a started performance; unused needs a reason."""

from datetime import timedelta

import pytest

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import InvitationStatus


@pytest.fixture
def issued(services, make, performance_id, relay_id):
    """Two issued invitations; the clock is then moved to the evening of the performance."""
    result, ids = make.issued_booking(performance_id, relay_id, 2)
    return result, ids


def go_to_performance(services, clock, performance_id):
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(minutes=5)


def statuses(services, booking_id):
    return [i.status for i in services.booking_lists.invitations_of(booking_id)]


def test_scanning_a_code_marks_it_used(services, clock, performance_id, issued):
    result, _ = issued
    go_to_performance(services, clock, performance_id)
    outcome = services.attendance.record_code(performance_id, ticket_codes.display(result.codes[0]).lower())
    assert outcome.code == result.codes[0]
    assert statuses(services, result.booking_id).count(InvitationStatus.USED) == 1


def test_attendance_before_the_performance_is_refused(services, performance_id, issued):
    _result, ids = issued
    with pytest.raises(DomainError) as refused:
        services.attendance.mark_used(ids)
    assert refused.value.code == "performance_not_started"


def test_attendance_on_an_unissued_invitation_is_refused(services, make, clock, performance_id, relay_id):
    booked = make.book(performance_id, relay_id, 1)
    go_to_performance(services, clock, performance_id)
    with pytest.raises(DomainError) as refused:
        services.attendance.record_code(performance_id, booked.codes[0])
    assert refused.value.code == "not_issued"


def test_a_code_scanned_twice_is_said_already_recorded(services, clock, performance_id, issued):
    result, _ = issued
    go_to_performance(services, clock, performance_id)
    services.attendance.record_code(performance_id, result.codes[0])
    with pytest.raises(DomainError) as refused:
        services.attendance.record_code(performance_id, result.codes[0])
    assert refused.value.code == "already_recorded"


def test_a_mistyped_code_is_caught_by_its_check_character(services, clock, performance_id, issued):
    result, _ = issued
    go_to_performance(services, clock, performance_id)
    code = result.codes[0]
    wrong = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    with pytest.raises(DomainError) as refused:
        services.attendance.record_code(performance_id, wrong)
    assert refused.value.code == "code_invalid"


def test_an_unknown_valid_code_is_said_unknown(services, clock, performance_id, issued):
    go_to_performance(services, clock, performance_id)
    payload = "ZZZZZZZZ"
    with pytest.raises(DomainError) as refused:
        services.attendance.record_code(performance_id, payload + ticket_codes.check_character(payload))
    assert refused.value.code == "code_unknown"


def test_a_code_for_another_performance_is_said_so(
    services, make, clock, convention_id, performance_id, relay_id, issued
):
    other = make.performance(convention_id, quota=4, in_days=2)
    other_booking, _ = make.issued_booking(other, relay_id, 1)
    go_to_performance(services, clock, performance_id)
    with pytest.raises(DomainError) as refused:
        services.attendance.record_code(performance_id, other_booking.codes[0])
    assert refused.value.code == "code_other_performance"


def test_unused_needs_a_reason(services, clock, performance_id, issued):
    _, ids = issued
    go_to_performance(services, clock, performance_id)
    with pytest.raises(DomainError) as refused:
        services.attendance.mark_unused(ids, None)
    assert refused.value.code == "reason_required"


def test_unused_with_a_reason_and_comment(services, clock, performance_id, issued):
    _result, ids = issued
    go_to_performance(services, clock, performance_id)
    reason = services.reasons.list_reasons()[1]
    services.attendance.mark_unused(ids[:1], reason.id, "Bus en grève")
    line = next(line for line in services.attendance.sheet(performance_id) if line.invitation_id == ids[0])
    assert (line.status, line.reason, line.comment) == (InvitationStatus.UNUSED, reason.label, "Bus en grève")


def test_closing_the_sheet_marks_the_rest_absent(services, clock, performance_id, issued):
    result, _ids = issued
    go_to_performance(services, clock, performance_id)
    services.attendance.record_code(performance_id, result.codes[0])
    unknown = next(r for r in services.reasons.list_reasons() if r.label == "Motif inconnu")
    assert services.attendance.close_sheet(performance_id, unknown.id) == 1
    assert sorted(statuses(services, result.booking_id)) == sorted([InvitationStatus.USED, InvitationStatus.UNUSED])


def test_a_record_made_by_mistake_can_be_cleared(services, clock, performance_id, issued):
    result, ids = issued
    go_to_performance(services, clock, performance_id)
    services.attendance.mark_used(ids)
    services.attendance.clear(ids[:1])
    assert statuses(services, result.booking_id).count(InvitationStatus.ISSUED) == 1


def test_the_sheets_to_record_are_the_past_performances_with_a_ticket_issued_and_not_recorded(
    services, make, clock, convention_id, season, relay_id
):
    recorded, waiting, booked_only, later = (make.performance(convention_id, in_days=days) for days in (1, 2, 3, 30))
    for performance in (recorded, waiting, later):
        make.issued_booking(performance, relay_id, 2)
    make.book(booked_only, relay_id, 2)  # never issued: nothing to record
    clock.advance(days=5)
    services.attendance.mark_used([line.invitation_id for line in services.attendance.sheet(recorded)])
    services.attendance.mark_used([line.invitation_id for line in services.attendance.sheet(waiting)][:1])
    pending = services.attendance.pending_sheets(season.id)
    assert [(p.performance_id, p.issued, p.pending) for p in pending] == [(waiting, 2, 1)]
