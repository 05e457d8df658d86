from decimal import Decimal

from acs_desktop.domain.funding import balance_text, places_funded, places_uncovered, shortfall, surplus


def test_places_funded_floors():
    assert places_funded(Decimal("1199.99"), Decimal("12.00")) == 99
    assert places_funded(Decimal("1200.00"), Decimal("12.00")) == 100


def test_no_place_value_no_places():
    assert places_funded(Decimal("500"), Decimal("0")) == 0
    assert surplus(Decimal("500"), Decimal("0"), 10) == Decimal("0.00")


def test_surplus_is_what_is_left_after_the_committed_places():
    assert surplus(Decimal("1234.50"), Decimal("12.00"), 80) == Decimal("274.50")
    assert surplus(Decimal("100.00"), Decimal("12.00"), 80) == Decimal("0.00")


def test_a_shortfall_counts_the_committed_places_not_covered_and_their_cost():
    # 50 places at 10 € with 300 € of donations: 30 funded, 20 not covered, 200 € missing.
    assert places_uncovered(Decimal("300.00"), Decimal("10.00"), 50) == 20
    assert shortfall(Decimal("300.00"), Decimal("10.00"), 50) == Decimal("200.00")
    assert surplus(Decimal("300.00"), Decimal("10.00"), 50) == Decimal("0.00")
    assert (
        balance_text(Decimal("300.00"), Decimal("10.00"), 50)
        == "20 places engagées non couvertes par les dons : 200,00\u00a0€"
    )


def test_covered_places_have_no_shortfall_and_say_their_surplus():
    assert (
        places_uncovered(Decimal("600.00"), Decimal("10.00"), 50),
        shortfall(Decimal("600.00"), Decimal("10.00"), 50),
    ) == (0, Decimal("0.00"))
    assert balance_text(Decimal("600.00"), Decimal("10.00"), 50) == "surplus de don : 100,00\u00a0€"
    assert shortfall(Decimal("500"), Decimal("0"), 10) == Decimal("0.00")  # no value of a place yet: nothing to say


def test_one_place_short_is_said_in_the_singular():
    assert (
        balance_text(Decimal("95.00"), Decimal("10.00"), 10)
        == "1 place engagée non couverte par les dons : 5,00\u00a0€"
    )
