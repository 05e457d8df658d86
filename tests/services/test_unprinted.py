"""Places booked and never printed do not vanish: for a past performance they are counted apart
(« réservées, jamais éditées »), in the review, the report and the Relais tab; before the
performance, tickets not printed within the reminder's days are urgent."""

from acs_desktop.domain.print_urgency import PrintUrgency, print_urgency
from tests.conftest import TODAY
from tests.printing.pdf_tools import flat


def test_two_places_booked_never_printed_for_a_past_performance_are_counted_apart(
    services, make, clock, convention_id, season, relay_id
):
    performance = make.performance(convention_id, quota=10, in_days=3)
    make.book(performance, relay_id, 2)
    clock.advance(days=4)  # the performance is past; its tickets were never printed
    f = services.review.key_figures(season.id)
    assert (f.booked, f.issued, f.used, f.unused, f.never_issued) == (2, 0, 0, 0, 2)
    assert f.participation_rate is None  # not « 100 % »: no ticket was handed out
    relay = next(r for r in services.relays.list_relays(season.id) if r.id == relay_id)
    assert (relay.booked, relay.never_issued) == (2, 2)
    assert [(r.places, r.urgency) for r in services.booking_lists.unprinted(season.id)] == [(2, PrintUrgency.NEVER)]
    text = flat(services.documents.review_report(season.id).content)
    assert "2 places réservées, jamais éditées, pour des représentations passées" in text


def test_never_printed_places_do_not_lower_nor_raise_the_participation_rate(
    services, make, clock, convention_id, season, relay_id
):
    performance = make.performance(convention_id, quota=10, in_days=3)
    _, ids = make.issued_booking(performance, relay_id, 4)
    make.book(performance, relay_id, 2)
    clock.advance(days=4)
    services.attendance.mark_used(ids[:3])
    f = services.review.key_figures(season.id)
    assert (f.issued_past, f.used, f.never_issued, f.awaiting_record) == (4, 3, 2, 1)
    assert f.participation_rate == 3 / 4


def test_tickets_not_printed_within_the_reminder_days_are_urgent(services, make, convention_id, season, relay_id):
    soon = make.performance(convention_id, in_days=5)
    later = make.performance(convention_id, in_days=20)
    make.book(later, relay_id, 1)
    make.book(soon, relay_id, 3)
    printed, _ = make.issued_booking(soon, relay_id, 1)
    rows = services.booking_lists.unprinted(season.id)
    assert [(r.performance_id, r.places, r.urgency) for r in rows] == [
        (soon, 3, PrintUrgency.URGENT),
        (later, 1, PrintUrgency.LATER),
    ]
    urgent = services.booking_lists.unprinted(season.id, urgent_only=True)
    assert [(r.performance_id, r.places, r.urgency) for r in urgent] == [(soon, 3, PrintUrgency.URGENT)]
    counted = services.booking_lists.unprinted_count(season.id)  # the side tab's title, the same two figures
    assert (
        (counted.bookings, counted.urgent) == (len(rows), sum(r.urgency is PrintUrgency.URGENT for r in rows)) == (2, 1)
    )
    by_id = {r.id: r for r in services.booking_lists.list_bookings(season.id)}
    assert by_id[printed.booking_id].print_urgency is None  # nothing left to print
    assert {r.print_urgency for r in by_id.values() if r.booked} == {PrintUrgency.URGENT, PrintUrgency.LATER}


def test_the_reminder_is_a_setting(services, make, convention_id, season, relay_id):
    soon = make.performance(convention_id, in_days=5)
    make.book(soon, relay_id, 1)
    info = services.settings.get()
    assert info.print_reminder_days == 7
    services.settings.update(name=info.name or "SOSO", print_reminder_days=3)
    assert services.settings.get().print_reminder_days == 3
    assert [r.urgency for r in services.booking_lists.unprinted(season.id)] == [PrintUrgency.LATER]
    assert services.booking_lists.unprinted(season.id, urgent_only=True) == []


def test_the_urgency_rule():
    from datetime import timedelta

    assert print_urgency(TODAY - timedelta(minutes=1), TODAY, 7) is PrintUrgency.NEVER
    assert print_urgency(TODAY + timedelta(days=7), TODAY, 7) is PrintUrgency.URGENT
    assert print_urgency(TODAY + timedelta(days=7, minutes=1), TODAY, 7) is PrintUrgency.LATER
    assert print_urgency(TODAY + timedelta(hours=1), TODAY, 0) is PrintUrgency.LATER
