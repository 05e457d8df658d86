"""The season review on a small hand-made season whose every figure is known, beside a
hand-made previous season; and the qualitative text saved with the season."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.review import FIGURES, GroupLine, PlaceCounts, SeasonNarrative
from acs_desktop.domain.states import AllocationKind, ConventionState
from acs_desktop.services.conventions import AllocationInput
from acs_desktop.services.relays import RelayInput
from tests.conftest import TODAY


@dataclass
class HandMade:
    current_id: int
    previous_id: int


def _reason(services, label):
    return next(r.id for r in services.reasons.list_reasons() if r.label == label)


def _ids(services, booking_id):
    return [i.id for i in services.booking_lists.invitations_of(booking_id)]


@pytest.fixture
def hand_made(services, make, clock) -> HandMade:
    """2026-2027 (in progress on TODAY) and 2025-2026; see the figures asserted below."""
    s = services
    disciplines = {d.name: d.id for d in s.offers.list_disciplines()}
    kinds = {k.name: k.id for k in s.relays.list_relay_types()}
    illness, transport = _reason(s, "Maladie ou imprévu"), _reason(s, "Transport ou distance")

    theatre = make.partner("Théâtre de la Ville")
    salle = make.partner("Salle Paul-Fort")
    lieu = make.partner("Le Lieu Unique")
    ccas = s.relays.create_relay(RelayInput("CCAS", kinds["CCAS"], "Rezé"))
    bellevue = s.relays.create_relay(RelayInput("Centre social Bellevue", kinds["Centre social"], "Nantes"))
    foyer = s.relays.create_relay(RelayInput("Foyer du Port", None, "Nantes"))
    make.relay("Jamais venu", commune="Orvault")  # never books: not an active relay

    # --- previous season, 2025-2026 -----------------------------------------------------
    clock.now = TODAY.replace(year=2026, month=1, day=5)
    previous = make.season("2025-2026")
    old = make.convention(theatre, previous.id, donations="1000.00", place_value="10.00", places=90, subscribers=80)
    s.conventions.change_state(old, ConventionState.SIGNED)
    misanthrope = s.offers.save_show(old, "Le Misanthrope", disciplines["Théâtre"])
    p0 = make.performance(old, quota=6, in_days=10, show_id=misanthrope)
    _, ids = make.issued_booking(p0, ccas, 5)
    clock.now = TODAY.replace(year=2026, month=1, day=20)
    s.attendance.mark_used(ids[:4])
    s.attendance.mark_unused(ids[4:], transport)

    # --- current season, 2026-2027 ------------------------------------------------------
    clock.now = TODAY - timedelta(days=20)
    current = make.season("2026-2027")
    a = make.convention(theatre, current.id, donations="1200.00", place_value="12.00", places=80, subscribers=90)
    b = make.convention(salle, current.id, donations="500.50", place_value="15.00", places=30, subscribers=40)
    make.convention(lieu, current.id, donations="0", place_value="0", places=0, subscribers=0)  # stays a draft
    s.conventions.change_state(a, ConventionState.SIGNED)
    s.conventions.change_state(b, ConventionState.SIGNED)
    s.conventions.save_allocation(
        a,
        AllocationInput(
            AllocationKind.EXTRA_PLACES, Decimal("120.00"), 10, done_amount=Decimal("96.00"), done_places=8
        ),
    )
    s.conventions.save_allocation(a, AllocationInput(AllocationKind.MANAGEMENT, Decimal("60.00")))

    antigone = s.offers.save_show(a, "Antigone", disciplines["Théâtre"])
    bolero = s.offers.save_show(a, "Boléro", disciplines["Danse"])
    concert = s.offers.save_show(b, "Concert sans étiquette")
    s.offers.save_show(b, "Pas encore programmé")
    p1 = make.performance(a, quota=10, in_days=10, show_id=antigone)  # 12/11/2026, past on TODAY
    p3 = make.performance(a, quota=5, in_days=15, show_id=bolero)  # 17/11/2026, past
    p2 = make.performance(a, quota=8, in_days=30, show_id=antigone)  # 02/12/2026, ahead
    p4 = make.performance(b, quota=6, in_days=40, show_id=concert)  # 12/12/2026, cancelled below

    _, ccas_p1 = make.issued_booking(p1, ccas, 4)
    _, bellevue_p1 = make.issued_booking(p1, bellevue, 3)
    returned = make.book(p1, bellevue, 2)
    s.bookings.return_places(returned.booking_id, 1)  # one place given back, one booked never printed
    _, foyer_p3 = make.issued_booking(p3, foyer, 5)
    make.book(p2, ccas, 2)
    make.issued_booking(p4, bellevue, 3)

    clock.now = TODAY
    s.attendance.mark_used(ccas_p1[:3])
    s.attendance.mark_unused(ccas_p1[3:], transport)
    s.attendance.mark_used(bellevue_p1[:2])
    s.attendance.mark_unused(bellevue_p1[2:], illness)
    s.attendance.mark_used(foyer_p3[:2])
    s.attendance.mark_unused(foyer_p3[2:4], illness)  # the fifth is still to record
    s.offers.cancel_performance(p4, "Tournée annulée")
    return HandMade(current.id, previous.id)


def test_key_figures_of_the_hand_made_season(services, hand_made):
    f = services.review.key_figures(hand_made.current_id)
    # Every convention counts, the draft too (« Le Lieu Unique »): partners = rows of the partners table.
    assert (
        f.partners,
        f.conventions,
        f.conventions_signed,
        f.shows,
        f.performances,
        f.performances_cancelled,
        f.disciplines,
    ) == (3, 3, 2, 4, 3, 1, 2)
    assert (f.relays_active, f.relay_communes) == (3, 2)
    assert (f.solidarity_subscribers, f.donations) == (130, Decimal("1700.50"))
    assert (f.places_committed, f.places_funded, f.places_offered) == (110, 100 + 33, 10 + 5 + 8)
    assert (f.booked, f.issued, f.used, f.unused, f.cancelled, f.issued_past) == (15, 12, 7, 4, 4, 12)
    assert f.never_issued == 1  # booked on p1 (past), never printed: neither used nor unused, not in the rate
    assert (f.places_uncovered, f.shortfall) == (0, Decimal("0.00"))
    assert f.awaiting_record == 1
    assert f.participation_rate == pytest.approx(7 / 12)
    assert f.no_show_rate == pytest.approx(4 / 12)
    assert (f.surplus, f.surplus_planned, f.surplus_done) == (Decimal("290.50"), Decimal("180.00"), Decimal("96.00"))


def test_previous_season_and_the_changes(services, hand_made):
    review = services.review.review(hand_made.current_id)
    p = review.previous
    assert p.season_label == "2025-2026" and review.previous_label == "2025-2026"
    assert (p.partners, p.conventions, p.shows, p.performances, p.relays_active, p.solidarity_subscribers) == (
        1,
        1,
        1,
        1,
        1,
        80,
    )
    assert (p.places_offered, p.booked, p.issued, p.used, p.unused, p.participation_rate) == (6, 5, 5, 4, 1, 0.8)
    changes = {c.definition.key: c for c in review.comparisons()}
    assert len(changes) == len(FIGURES)
    assert changes["used"].change == 3 and changes["used"].change_text == "+3 (+75,0\u00a0%)"
    assert changes["donations"].change == Decimal("700.50")
    assert changes["donations"].change_text == "+700,50\u00a0€ (+70,1\u00a0%)"
    assert changes["participation_rate"].change == pytest.approx(7 / 12 - 0.8)
    assert changes["participation_rate"].change_text == "−21,7\u00a0pts"
    assert changes["disciplines"].change_text == "+1 (+100,0\u00a0%)"
    assert changes["partners"].change_text == "+2 (+200,0\u00a0%)"


def test_a_season_without_a_previous_one_compares_with_nothing(services, hand_made):
    review = services.review.review(hand_made.previous_id)
    assert review.previous is None
    assert all(c.change is None and c.change_text == "—" for c in review.comparisons())
    assert [(r.reason, r.count, r.share, r.previous) for r in review.reasons] == [
        ("Transport ou distance", 1, 1.0, None)
    ]


def test_the_donations_chain_per_convention(services, hand_made):
    lines = {line.partner: line for line in services.review.review(hand_made.current_id).partners}
    assert list(lines) == ["Le Lieu Unique", "Salle Paul-Fort", "Théâtre de la Ville"]
    theatre, salle, lieu = lines["Théâtre de la Ville"], lines["Salle Paul-Fort"], lines["Le Lieu Unique"]
    assert (theatre.state, theatre.shows, theatre.performances, theatre.places_committed, theatre.places_offered) == (
        "signée",
        2,
        3,
        80,
        23,
    )
    assert (theatre.donations, theatre.place_value, theatre.places_funded, theatre.surplus) == (
        Decimal("1200.00"),
        Decimal("12.00"),
        100,
        Decimal("240.00"),
    )
    assert (theatre.surplus_planned, theatre.surplus_done) == (Decimal("180.00"), Decimal("96.00"))
    assert theatre.places == PlaceCounts(
        booked=15, issued=12, used=7, unused=4, cancelled=1, issued_past=12, never_issued=1
    )
    assert (salle.shows, salle.performances, salle.places_offered, salle.places_funded, salle.surplus) == (
        2,
        0,
        0,
        33,
        Decimal("50.50"),
    )
    assert salle.places == PlaceCounts(cancelled=3)
    assert (lieu.state, lieu.places_funded, lieu.places) == ("brouillon", 0, PlaceCounts())


def test_surplus_allocations_planned_and_done(services, hand_made):
    allocations = services.review.review(hand_made.current_id).allocations
    assert [
        (a.partner, a.kind, a.planned_amount, a.planned_places, a.done_amount, a.done_places) for a in allocations
    ] == [
        ("Théâtre de la Ville", "places supplémentaires", Decimal("120.00"), 10, Decimal("96.00"), 8),
        ("Théâtre de la Ville", "gestion des invitations", Decimal("60.00"), 0, None, None),
    ]


def test_breakdowns_by_relay_kind_and_commune(services, hand_made):
    review = services.review.review(hand_made.current_id)
    assert [(r.relay, r.relay_type, r.commune, r.places) for r in review.relays] == [
        ("CCAS", "CCAS", "Rezé", PlaceCounts(booked=6, issued=4, used=3, unused=1, cancelled=0, issued_past=4)),
        (
            "Centre social Bellevue",
            "Centre social",
            "Nantes",
            PlaceCounts(booked=4, issued=3, used=2, unused=1, cancelled=4, issued_past=3, never_issued=1),
        ),
        (
            "Foyer du Port",
            "Type non renseigné",
            "Nantes",
            PlaceCounts(booked=5, issued=5, used=2, unused=2, cancelled=0, issued_past=5),
        ),
    ]
    assert [(g.name, g.relays) for g in review.relay_types] == [
        ("CCAS", 1),
        ("Centre social", 1),
        ("Type non renseigné", 1),
    ]
    assert review.communes == (
        GroupLine(
            "Nantes", 2, PlaceCounts(booked=9, issued=8, used=4, unused=3, cancelled=4, issued_past=8, never_issued=1)
        ),
        GroupLine("Rezé", 1, PlaceCounts(booked=6, issued=4, used=3, unused=1, cancelled=0, issued_past=4)),
    )


def test_breakdowns_by_discipline_and_month(services, hand_made):
    review = services.review.review(hand_made.current_id)
    assert [(d.discipline, d.shows, d.performances, d.places_offered, d.places) for d in review.disciplines] == [
        (
            "Théâtre",
            1,
            2,
            18,
            PlaceCounts(booked=10, issued=7, used=5, unused=2, cancelled=1, issued_past=7, never_issued=1),
        ),
        ("Danse", 1, 1, 5, PlaceCounts(booked=5, issued=5, used=2, unused=2, cancelled=0, issued_past=5)),
        ("Sans discipline", 2, 0, 0, PlaceCounts(cancelled=3)),
    ]
    assert [(m.month, m.performances, m.places_offered, m.places) for m in review.months] == [
        (
            date(2026, 11, 1),
            2,
            15,
            PlaceCounts(booked=13, issued=12, used=7, unused=4, cancelled=1, issued_past=12, never_issued=1),
        ),
        (date(2026, 12, 1), 1, 8, PlaceCounts(booked=2, cancelled=3)),
    ]


def test_reasons_for_non_use_with_shares_and_the_previous_season(services, hand_made):
    reasons = services.review.review(hand_made.current_id).reasons
    assert [(r.reason, r.count, r.share, r.previous) for r in reasons] == [
        ("Maladie ou imprévu", 3, 0.75, 0),
        ("Transport ou distance", 1, 0.25, 1),
    ]


def test_participation_counts_only_performances_already_past(services, hand_made, clock):
    before = services.review.key_figures(hand_made.current_id)
    clock.now = TODAY - timedelta(days=12)  # before the first performance: nothing past yet
    early = services.review.key_figures(hand_made.current_id)
    assert early.issued_past == 0 and early.participation_rate is None
    assert early.issued == before.issued  # the same tickets, only not yet past


def test_the_qualitative_text_is_saved_with_the_season(services, hand_made):
    assert services.review.narrative(hand_made.current_id) == SeasonNarrative()
    saved = services.review.save_narrative(
        hand_made.current_id,
        SeasonNarrative(
            highlights="  Une soirée au cirque avec trois relais.\n", next_steps="Rencontrer les relais de Rezé."
        ),
    )
    assert saved.highlights == "Une soirée au cirque avec trois relais."
    assert services.review.narrative(hand_made.current_id).next_steps == "Rencontrer les relais de Rezé."
    assert services.review.narrative(hand_made.previous_id) == SeasonNarrative()
    assert services.review.review(hand_made.current_id).narrative == saved


def test_a_too_long_text_is_refused_in_french(services, hand_made):
    with pytest.raises(DomainError) as refused:
        services.review.save_narrative(hand_made.current_id, SeasonNarrative(gaps="x" * 9000))
    assert refused.value.code == "text_too_long" and "caractères" in refused.value.message


def test_an_unknown_season_is_refused(services):
    with pytest.raises(DomainError) as refused:
        services.review.review(999)
    assert refused.value.code == "not_found"


def test_the_review_asks_the_store_each_question_once(services, store, hand_made):
    """The conventions and the surplus allocations of a season were read once per table that
    shows them (2 and 3 times): each statement, with its parameters, is now sent once."""
    sent: list[tuple[str, str]] = []

    def note(_conn, _cursor, statement, parameters, _context, _executemany):
        sent.append((statement, repr(parameters)))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        services.review.review(hand_made.current_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
    assert len(sent) > 20
    assert [query for query in set(sent) if sent.count(query) > 1] == []


def test_the_review_of_an_empty_season(services, make):
    season = make.season("2026-2027")
    review = services.review.review(season.id)
    assert review.figures.booked == 0 and review.figures.participation_rate is None
    assert review.partners == review.relays == review.disciplines == review.months == review.reasons == ()


def test_the_relays_tab_and_the_review_give_each_relay_the_same_no_show_rate(demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2026-2027")
    review = {
        (line.relay, line.commune): line.places.no_show_rate for line in demo_services.review.review(season.id).relays
    }
    rows = [r for r in demo_services.relays.list_relays(season.id) if r.issued_past]
    assert rows
    for row in rows:
        assert row.no_show_rate == review[(row.name, row.commune)]
