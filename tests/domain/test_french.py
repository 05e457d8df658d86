from datetime import date, datetime, time
from decimal import Decimal

import pytest

from acs_desktop.domain import french
from acs_desktop.domain.errors import DomainError


def test_money_is_formatted_the_french_way():
    assert french.format_money(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert french.format_money(Decimal("0")) == "0,00\u00a0€"
    assert french.format_money(Decimal("-12.3")) == "-12,30\u00a0€"


def test_money_format_matches_qt_french_locale():
    from PySide6.QtCore import QLocale

    assert french.format_money(Decimal("1234567.25")) == QLocale(QLocale.French, QLocale.France).toCurrencyString(
        1234567.25
    )


def test_dates_and_times():
    moment = datetime(2026, 2, 14, 20, 30)
    assert french.format_date(moment) == "14/02/2026"
    assert french.format_time(moment) == "20:30"
    assert french.format_time_long(moment) == "20\u00a0h\u00a030"
    assert french.format_long_date(date(2026, 2, 1)) == "dimanche 1er février 2026"


@pytest.mark.parametrize(
    "typed, expected",
    [("14/02/2026", date(2026, 2, 14)), ("1/3/26", date(2026, 3, 1)), ("2026-02-14", date(2026, 2, 14))],
)
def test_dates_typed(typed, expected):
    assert french.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "14-2", "demain", ""])
def test_impossible_dates_refused(typed):
    with pytest.raises(DomainError) as refused:
        french.parse_date(typed, field="date")
    assert refused.value.code == "date_invalid" and refused.value.field == "date"


@pytest.mark.parametrize(
    "typed, expected", [("20:30", time(20, 30)), ("20h30", time(20, 30)), ("20 h 30", time(20, 30)), ("9h", time(9, 0))]
)
def test_times_typed(typed, expected):
    assert french.parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "20:75", "soir"])
def test_impossible_times_refused(typed):
    with pytest.raises(DomainError):
        french.parse_time(typed)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1 234,50 €", "1234.50"),
        ("12", "12.00"),
        ("12.5", "12.50"),
        ("1.234,5", "1234.50"),
        ("1\u202f234,50\u00a0€", "1234.50"),
    ],
)
def test_amounts_typed(typed, expected):
    assert french.parse_money(typed) == Decimal(expected)


@pytest.mark.parametrize(
    "typed, code",
    [
        ("-3", "amount_negative"),
        ("12,345", "amount_invalid"),
        ("abc", "amount_invalid"),
        ("", "amount_invalid"),
        ("100000000000000000000000000", "amount_too_large"),
        ("1 000 000 000", "amount_too_large"),
    ],
)
def test_bad_amounts_refused(typed, code):
    with pytest.raises(DomainError) as refused:
        french.parse_money(typed)
    assert refused.value.code == code


def test_percent():
    assert french.format_percent(0.805) == "80,5\u00a0%"
    assert french.format_percent(None) == "—"


@pytest.mark.parametrize(
    ("place", "said"),
    [
        ("Nantes", "de Nantes"),
        ("Orvault", "d'Orvault"),
        ("Angers", "d'Angers"),
        ("Île de Nantes", "d'Île de Nantes"),
        ("Écully", "d'Écully"),
        ("Yzeure", "d'Yzeure"),
        ("Héric", "d'Héric"),
        ("Haute-Goulaine", "de Haute-Goulaine"),
        ("Le Pellerin", "du Pellerin"),
        ("Les Sorinières", "des Sorinières"),
        ("La Chapelle-sur-Erdre", "de La Chapelle-sur-Erdre"),
        ("Rezé", "de Rezé"),
    ],
)
def test_de_elides_before_a_vowel_or_a_mute_h(place, said):
    assert french.de(place) == said


@pytest.mark.parametrize(
    ("n", "said"),
    [(0, "0 place"), (1, "1 place"), (2, "2 places"), (1234, "1\u202f234 places"), (-1, "-1 place")],
)
def test_a_quantity_takes_the_singular_below_two(n, said):
    assert french.quantity(n, "place") == said
