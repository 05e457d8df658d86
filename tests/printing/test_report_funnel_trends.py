"""The funders' report carries the funnel (a chart and its table, per partner and per kind of
relay, the key figures as totals) and one page of trends over the last seasons, a season
without data said as such."""

import pytest

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import partner_funnel, relay_type_funnel
from tests.printing.test_report import plain, read, season_id


def numbers(*values) -> str:
    return " ".join(format_int(v).replace("\u202f", " ") for v in values)


@pytest.fixture
def report(demo_services):
    demo_services.seasons.create_season("2023-2024")  # in the store, without any convention
    sid = season_id(demo_services, "2026-2027")
    return demo_services.review.review(sid), demo_services.documents.review_report(sid).content


def test_the_funnel_per_partner_chart_and_table(report):
    review, pdf = report
    pages, text = read(pdf)
    page = next(p for p in pages if "Des places offertes aux places utilisées" in p)
    f = review.figures
    assert f"Sur {numbers(f.places_offered)} places offertes, {numbers(f.booked)} ont été réservées" in page
    assert f"Total {numbers(f.places_offered, f.booked, f.issued, f.used)}" in page
    for line in partner_funnel(review):
        assert plain(" › ".join(format_int(v) for v in line.steps)) in page  # on the chart
        assert f"{line.name} {numbers(*line.steps)}" in text  # in the table


def test_the_funnel_per_relay_kind_starts_from_booked(report):
    review, pdf = report
    pages, _ = read(pdf)
    page = next(p for p in pages if "Par type de relais" in p and "parcours part des places réservées" in p)
    f = review.figures
    assert f"Total {numbers(f.booked, f.issued, f.used)}" in page
    for line in relay_type_funnel(review):
        assert f"{line.name} {numbers(*line.steps[1:])}" in page


def test_one_page_of_trends_with_each_seasons_figures(report):
    review, pdf = report
    pages, text = read(pdf)
    assert text.count("Tendances sur 4 saisons") == 2  # the contents, then its page
    page = next(p for p in pages if p.count("Tendances sur 4 saisons") == 1 and "Saison" in p)
    assert "2023-2024 pas de données : aucune convention enregistrée" in page
    assert "2024-2025 saison non enregistrée dans la base" in page
    for line in review.trends[2:]:
        t = line.figures
        assert f"{line.season_label} {numbers(t.places_offered, t.used)} " in page
        assert plain(line.text("donations")) in page
    assert "Places offertes et places utilisées, saison par saison" in page
    assert f"{numbers(review.previous.places_offered)} {numbers(review.previous.used)}" in page  # on the chart
    assert ".0" not in page
    assert "Dons collectés" in page and "Relais actifs" in page


def test_a_first_season_has_no_trend_yet(services, make):
    season = make.season("2026-2027")
    _, text = read(services.documents.review_report(season.id).content)
    assert "Tendances d'une saison à l'autre" in text
    assert "Une seule saison est enregistrée" in text
