"""How donations turn into places: places funded, the donation surplus, and the shortfall when
the donations do not cover the places committed.

A convention's balance is said in one sentence, the same in the convention dialog, the
Conventions list, the season review and the funders' report (`balance_text`).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from acs_desktop.domain.french import format_int, format_money

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# A draft may wait for its place value (0,00 € meaning « not known yet »); from its signature on,
# a convention without one would fund no place and make every figure of the season wrong.
PLACE_VALUE_REQUIRED = (
    "la valeur d'une place est à saisir dès que la convention est signée "
    "(à 0,00 €, les dons ne financent aucune place)."
)


def place_value_missing(place_value: Decimal, *, draft: bool) -> bool:
    """A convention past its draft whose place value is 0,00 €: refused at input and import."""
    return not draft and place_value <= 0


def places_funded(donations: Decimal, place_value: Decimal) -> int:
    """floor(donations ÷ value of one place); 0 while the value of a place is not set."""
    if place_value <= 0:
        return 0
    return int((donations / place_value).to_integral_value(rounding=ROUND_FLOOR))


def surplus(donations: Decimal, place_value: Decimal, places_committed: int) -> Decimal:
    """What the donations leave once the committed places are paid for (never below zero).

    This is the *surplus de don* that the partner and the association allocate together:
    extra places beyond the subscriptions, or the management of invitations.
    """
    if place_value <= 0:
        return ZERO
    left = donations - place_value * places_committed
    return left.quantize(CENT) if left > 0 else ZERO


def places_uncovered(donations: Decimal, place_value: Decimal, places_committed: int) -> int:
    """Committed places the donations do not fund (0 while the value of a place is not set)."""
    if place_value <= 0:
        return 0
    return max(places_committed - places_funded(donations, place_value), 0)


def shortfall(donations: Decimal, place_value: Decimal, places_committed: int) -> Decimal:
    """What the donations lack to pay for the committed places (never below zero)."""
    if place_value <= 0:
        return ZERO
    missing = place_value * places_committed - donations
    return missing.quantize(CENT) if missing > 0 else ZERO


def shortfall_text(places: int, amount: Decimal) -> str:
    """« 20 places engagées non couvertes par les dons : 200,00 € »."""
    noun = "place engagée non couverte" if places < 2 else "places engagées non couvertes"
    return f"{format_int(places)} {noun} par les dons : {format_money(amount)}"


def balance_text(donations: Decimal, place_value: Decimal, places_committed: int) -> str:
    """The convention's balance in one phrase: its surplus, or its shortfall — never a surplus
    of 0,00 € that hides committed places nobody pays for."""
    if place_value <= 0:
        return "valeur d'une place à renseigner"
    missing = shortfall(donations, place_value, places_committed)
    if missing > 0:
        return shortfall_text(places_uncovered(donations, place_value, places_committed), missing)
    return f"surplus de don : {format_money(surplus(donations, place_value, places_committed))}"
