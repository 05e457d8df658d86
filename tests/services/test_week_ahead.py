"""The week ahead: the performances of the seven days from a day, and whom to call about each."""

from datetime import date, timedelta

import pytest

from acs_desktop.domain.week_ahead import NO_REFERENT
from acs_desktop.services.relays import RelayInput
from tests.conftest import TODAY

START = TODAY.date()  # Sunday 22 November 2026; a factory's performance is at 20:30, `in_days` after now


@pytest.fixture
def soon(make, convention_id):
    """A performance on Tuesday 24 November 2026 at 20:30, quota 10."""
    return make.performance(convention_id, in_days=2)


def relays(week):
    return {p.heading.show_title: [c.relay_name for c in p.calls] for p in week.performances}


def test_seven_days_start_day_included_eighth_excluded(services, make, convention_id, clock):
    clock.advance(days=-2)  # the day before the start was still ahead when it was entered
    for days in (1, 2, 8, 9):  # from 20 November: the 21st, the 22nd (start), the 28th, the 29th
        make.performance(convention_id, in_days=days, show_id=make.show(convention_id, f"Jour {days - 2}"))
    clock.advance(days=2)
    week = services.week.week_ahead_data(START)
    assert [p.heading.show_title for p in week.performances] == ["Jour 0", "Jour 6"]
    assert week.start == START and week.last_day == START + timedelta(days=6)


def test_the_start_day_defaults_to_today_of_the_clock(services, make, convention_id, clock):
    make.performance(convention_id, in_days=8)
    assert services.week.week_ahead_data().performances == ()
    clock.advance(days=3)
    week = services.week.week_ahead_data()
    assert week.start == START + timedelta(days=3) and len(week.performances) == 1


def test_a_performance_of_the_start_day_already_begun_is_still_listed(services, make, convention_id, clock):
    make.performance(convention_id, in_days=0)  # tonight 20:30
    clock.advance(hours=11)  # 21:00: the call list of the day is still the day's
    assert len(services.week.week_ahead_data(START).performances) == 1


def test_a_past_booking_is_not_shown(services, make, convention_id, relay_id, clock):
    past = make.performance(convention_id, in_days=2)
    make.issued_booking(past, relay_id, 2)
    clock.advance(days=5)
    week = services.week.week_ahead_data()
    assert week.performances == () and week.empty
    assert "Aucune représentation du 27/11/2026 au 03/12/2026" in week.summary


def test_the_booking_s_referent_else_the_relay_s_first_active_one_else_none(services, make, soon):
    named = make.relay("Centre social", commune="Nantes")
    services.relays.save_referent(named, "Zoé Martin", "06 11 11 11 11")
    chosen = services.relays.save_referent(named, "Yves Bernard", "06 22 22 22 22")
    first = make.relay("CCAS", commune="Rezé")
    services.relays.save_referent(first, "Bruno Petit", "06 33 33 33 33")
    services.relays.save_referent(first, "Anne Leroy", "", active=False)  # gone: not called
    services.relays.save_referent(first, "Claire Roux", "")
    nobody = services.relays.create_relay(RelayInput(name="Accueil de jour", commune="Nantes", phone="02 40 00 00 01"))
    make.book(soon, named, 2, referent_id=chosen)
    make.book(soon, first, 1)
    make.book(soon, nobody, 1)
    calls = {c.relay_name: c for c in services.week.week_ahead_data(START).performances[0].calls}
    assert (calls["Centre social"].referent, calls["Centre social"].phone) == ("Yves Bernard", "06 22 22 22 22")
    assert (calls["CCAS"].referent, calls["CCAS"].phone) == ("Bruno Petit", "06 33 33 33 33")
    assert calls["Accueil de jour"].referent == NO_REFERENT == "pas de référent"
    assert calls["Accueil de jour"].phone == "02 40 00 00 01" and calls["Accueil de jour"].phone_is_relay
    assert not calls["CCAS"].phone_is_relay


def test_printed_tickets_counted_per_relay(services, make, soon):
    all_printed, some, none = (make.relay(name, commune="Nantes") for name in ("Alpha", "Bêta", "Gamma"))
    make.issued_booking(soon, all_printed, 2)
    make.issued_booking(soon, some, 2)
    make.book(soon, some, 3)  # a second booking of the same relay: one line, added up
    make.book(soon, none, 1)
    week = services.week.week_ahead_data(START)
    calls = {c.relay_name: c for c in week.performances[0].calls}
    assert [(c.places, c.printed, c.tickets) for c in calls.values()] == [
        (2, 2, "billets édités"),
        (5, 2, "2 billets édités sur 5"),
        (1, 0, "billet à éditer"),
    ]
    assert (week.places, week.not_printed, week.relays_to_call) == (8, 4, 3)
    assert week.summary == "1 représentation, 3 relais à appeler, 8 places, dont 4 billets pas encore édités."


def test_returned_places_are_not_counted(services, make, soon, relay_id):
    booking = make.book(soon, relay_id, 3).booking_id
    services.bookings.return_places(booking, 2)
    other = make.book(soon, make.relay("Autre", commune="Nantes"), 1).booking_id
    services.bookings.cancel_booking(other)
    calls = services.week.week_ahead_data(START).performances[0].calls
    assert [(c.relay_name, c.places) for c in calls] == [("CCAS", 1)]


def test_a_cancelled_performance_is_listed_apart_with_the_relays_to_warn(services, make, convention_id, soon, relay_id):
    kept = make.performance(convention_id, in_days=3)
    make.book(kept, relay_id, 1)
    warned = make.relay("Mission locale", commune="Nantes")
    make.issued_booking(soon, relay_id, 2)
    make.book(soon, warned, 1)
    to_warn = services.offers.cancel_performance(soon, "Comédien malade")
    services.offers.mark_relay_warned(next(r.booking_id for r in to_warn if r.relay_name == "Mission locale"))
    week = services.week.week_ahead_data(START)
    assert [p.performance_id for p in week.performances] == [kept]
    [cancelled] = week.cancelled
    assert cancelled.cancelled and cancelled.performance_id == soon
    calls = {c.relay_name: c for c in cancelled.calls}
    assert calls["CCAS"].places == 2 and calls["CCAS"].warned_at is None
    assert calls["Mission locale"].warned_at == TODAY
    assert (week.places, week.relays_to_call, week.to_warn) == (1, 1, 1)
    assert week.summary.endswith("1 représentation annulée : 1 relais à prévenir.")


def test_sorted_by_date_and_time_then_relays_by_name(services, make, convention_id):
    late = make.performance(convention_id, in_days=2, show_id=make.show(convention_id, "Plus tard"))
    early = make.performance(convention_id, in_days=1, show_id=make.show(convention_id, "Plus tôt"))
    for name in ("Maison de quartier", "épicerie solidaire", "CCAS", "Épicerie sociale"):
        relay = make.relay(name, commune="Nantes")
        make.book(late, relay, 1)
        make.book(early, relay, 1)
    week = services.week.week_ahead_data(START)
    assert [p.performance_id for p in week.performances] == [early, late]
    assert relays(week)["Plus tôt"] == ["CCAS", "Épicerie sociale", "épicerie solidaire", "Maison de quartier"]


def test_a_performance_without_places_is_listed_without_relays(services, make, soon):
    week = services.week.week_ahead_data(START)
    assert [p.calls for p in week.performances] == [()]
    assert week.summary == "1 représentation, 0 relais à appeler, 0 place, billets tous édités."


def test_the_document(services, make, soon, relay_id):
    make.book(soon, relay_id, 2)
    document = services.week.week_ahead(date(2026, 11, 24))
    assert document.filename == "semaine-2026-11-24.pdf" and document.kind == "pdf"
    assert document.content.startswith(b"%PDF") and document.title == "Semaine à venir"
    assert document.summary == "1 représentation, 1 relais à appeler, 2 places, dont 2 billets pas encore édités."


@pytest.mark.parametrize("days", [0, 3])
def test_the_number_of_queries_does_not_grow_with_the_rows(services, make, convention_id, store, days):
    from sqlalchemy import event

    for n in range(days):
        performance = make.performance(convention_id, in_days=n + 1)
        for r in range(days):
            make.book(performance, make.relay(f"Relais {n}-{r}", commune="Nantes"), 1)
    statements = []
    engine = store.read.kw["bind"]
    listener = lambda *args: statements.append(args[2])
    event.listen(engine, "before_cursor_execute", listener)
    try:
        services.week.week_ahead_data(START)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert 3 <= len(selects) <= 5, selects  # identity, performances, bookings, referents
