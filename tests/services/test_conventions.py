"""Conventions: money as Decimal ≥ 0, places funded, surplus, states, allocations, follow-up."""

from datetime import date
from decimal import Decimal

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import AllocationKind, ConventionState, FollowUpKind
from acs_desktop.services.conventions import AllocationInput, ConventionFigures
from acs_desktop.services.follow_ups import NextStep


def figures(**overrides):
    values = {
        "places_committed": 80,
        "solidarity_subscribers": 90,
        "donations": Decimal("1234.50"),
        "place_value": Decimal("12.00"),
    }
    values.update(overrides)
    return ConventionFigures(**values)


def test_places_funded_is_donations_divided_by_place_value_floored(services, convention_id, season):
    services.conventions.update_figures(convention_id, figures())
    row = services.conventions.list_conventions(season.id)[0]
    assert row.places_funded == 102  # 1 234,50 / 12 = 102,875
    assert row.donations == Decimal("1234.50") and isinstance(row.donations, Decimal)
    assert row.surplus == Decimal("274.50")  # 1 234,50 − 80 × 12


def test_no_places_funded_while_the_place_value_is_zero(services, convention_id, season):
    services.conventions.update_figures(convention_id, figures(place_value=Decimal("0")))
    assert services.conventions.list_conventions(season.id)[0].places_funded == 0


def test_a_place_value_of_zero_is_refused_once_the_convention_is_signed(services, convention_id, season):
    services.conventions.update_figures(convention_id, figures(place_value=Decimal("0")))  # a draft may wait
    with pytest.raises(DomainError) as refused:
        services.conventions.change_state(convention_id, ConventionState.SIGNED)
    assert refused.value.code == "place_value_missing" and "valeur d'une place" in refused.value.message
    assert services.conventions.list_conventions(season.id)[0].state is ConventionState.DRAFT
    services.conventions.update_figures(convention_id, figures(place_value="12,00"))
    services.conventions.change_state(convention_id, ConventionState.SIGNED)
    with pytest.raises(DomainError) as refused:
        services.conventions.update_figures(convention_id, figures(place_value="0,00"))
    assert (refused.value.code, refused.value.field) == ("place_value_missing", "place_value")
    assert services.conventions.list_conventions(season.id)[0].place_value == Decimal("12.00")


def test_amounts_typed_with_a_decimal_comma_are_accepted(services, convention_id, season):
    services.conventions.update_figures(convention_id, figures(donations="1 234,56", place_value="12,5"))
    row = services.conventions.list_conventions(season.id)[0]
    assert (row.donations, row.place_value) == (Decimal("1234.56"), Decimal("12.50"))


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("donations", Decimal("-1"), "amount_negative"),
        ("donations", "-5,00", "amount_negative"),
        ("donations", "douze", "amount_invalid"),
        ("donations", Decimal("1.005"), "amount_invalid"),
        ("donations", 12.5, "amount_invalid"),
        ("place_value", "99999999", "amount_too_large"),
        ("donations", Decimal(10) ** 30, "amount_too_large"),
        ("places_committed", -1, "number_negative"),
        ("solidarity_subscribers", "3,5", "number_invalid"),
    ],
)
def test_bad_figures_are_refused_and_change_nothing(services, convention_id, season, field, value, code):
    services.conventions.update_figures(convention_id, figures())
    with pytest.raises(DomainError) as refused:
        services.conventions.update_figures(convention_id, figures(**{field: value}))
    assert refused.value.code == code and refused.value.field == field
    row = services.conventions.list_conventions(season.id)[0]
    assert (row.places_committed, row.donations) == (80, Decimal("1234.50"))


def test_one_convention_per_partner_and_season(services, make, partner_id, season, convention_id):
    with pytest.raises(DomainError) as refused:
        make.convention(partner_id, season.id)
    assert refused.value.code == "convention_exists"


def test_states_move_one_step_at_a_time(services, convention_id, season):
    with pytest.raises(DomainError) as refused:
        services.conventions.change_state(convention_id, ConventionState.RUNNING)
    assert refused.value.code == "state_change_invalid"
    services.conventions.change_state(convention_id, ConventionState.SIGNED)
    row = services.conventions.list_conventions(season.id)[0]
    assert row.state is ConventionState.SIGNED and row.signed_on == date(2026, 11, 22)


def test_a_closed_convention_keeps_its_figures(services, convention_id):
    for state in (ConventionState.SIGNED, ConventionState.RUNNING, ConventionState.REVIEW, ConventionState.CLOSED):
        services.conventions.change_state(convention_id, state)
    with pytest.raises(DomainError) as refused:
        services.conventions.update_figures(convention_id, figures())
    assert refused.value.code == "convention_closed"


def test_allocations_cannot_exceed_the_surplus(services, convention_id):
    services.conventions.update_figures(convention_id, figures())  # surplus 274,50 €
    services.conventions.save_allocation(
        convention_id, AllocationInput(AllocationKind.EXTRA_PLACES, Decimal("240.00"), 20)
    )
    with pytest.raises(DomainError) as refused:
        services.conventions.save_allocation(
            convention_id, AllocationInput(AllocationKind.MANAGEMENT, Decimal("40.00"))
        )
    assert refused.value.code == "allocation_exceeds_surplus"
    assert len(services.conventions.list_allocations(convention_id)) == 1


def test_follow_up_log_is_dated_and_newest_first(services, convention_id):
    services.conventions.save_follow_up(convention_id, date(2026, 6, 3), FollowUpKind.MEETING, "Choix des spectacles")
    services.conventions.save_follow_up(
        convention_id, date(2026, 9, 12), FollowUpKind.DECISION, "Surplus : 20 places en plus"
    )
    assert [e.text for e in services.conventions.list_follow_ups(convention_id)] == [
        "Surplus : 20 places en plus",
        "Choix des spectacles",
    ]


def test_follow_up_text_is_required(services, convention_id):
    with pytest.raises(DomainError) as refused:
        services.conventions.save_follow_up(convention_id, date(2026, 6, 3), FollowUpKind.MEETING, "   ")
    assert refused.value.code == "name_required"


def test_list_shows_booked_and_used_per_convention(services, make, convention_id, performance_id, relay_id, season):
    make.book(performance_id, relay_id, 3)
    row = services.conventions.list_conventions(season.id)[0]
    assert (row.booked, row.used, row.shows) == (3, 0, 1)


def test_a_follow_up_keeps_its_next_step_and_its_done_mark(services, convention_id):
    step = NextStep("relancer pour le bilan", date(2026, 12, 2))
    entry = services.conventions.save_follow_up(
        convention_id, date(2026, 11, 3), FollowUpKind.MEETING, "Rendez-vous", next_step=step
    )
    [line] = services.conventions.list_follow_ups(convention_id)
    assert (line.next_step, line.due_on, line.done) == ("relancer pour le bilan", date(2026, 12, 2), False)
    services.conventions.save_follow_up(
        convention_id,
        date(2026, 11, 3),
        FollowUpKind.MEETING,
        "Rendez-vous",
        entry,
        NextStep(step.text, step.due_on, True),
    )
    assert services.conventions.list_follow_ups(convention_id)[0].done


@pytest.mark.parametrize(
    ("step", "code"),
    [(NextStep("relancer", None), "due_missing"), (NextStep("  ", date(2026, 12, 2)), "next_step_missing")],
)
def test_a_next_step_needs_both_its_text_and_its_date(services, convention_id, step, code):
    with pytest.raises(DomainError) as refused:
        services.conventions.save_follow_up(
            convention_id, date(2026, 11, 3), FollowUpKind.MEETING, "Rendez-vous", next_step=step
        )
    assert refused.value.code == code
