"""How donations turn into places: places funded and the donation surplus."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

ZERO = Decimal("0.00")


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
    return left.quantize(Decimal("0.01")) if left > 0 else ZERO
