from decimal import Decimal

from acs_desktop.domain.funding import places_funded, surplus


def test_places_funded_floors():
    assert places_funded(Decimal("1199.99"), Decimal("12.00")) == 99
    assert places_funded(Decimal("1200.00"), Decimal("12.00")) == 100


def test_no_place_value_no_places():
    assert places_funded(Decimal("500"), Decimal("0")) == 0
    assert surplus(Decimal("500"), Decimal("0"), 10) == Decimal("0.00")


def test_surplus_is_what_is_left_after_the_committed_places():
    assert surplus(Decimal("1234.50"), Decimal("12.00"), 80) == Decimal("274.50")
    assert surplus(Decimal("100.00"), Decimal("12.00"), 80) == Decimal("0.00")
