"""The funders' report carries the funnel (a chart and its table, per partner and per kind of
relay, the key figures as totals) and one page of trends over the last seasons, a season
without data said as such."""

import pytest
from reportlab.graphics.shapes import String
from reportlab.lib.units import mm

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import FunnelLine, partner_funnel, relay_type_funnel
from acs_desktop.domain.review_protection import published_funnel
from acs_desktop.printing import charts
from tests.printing.test_report import plain, read, season_id


def numbers(*values) -> str:
    """As the report writes them: 1 234, or « moins de 5 » / « masqué » for a protected count."""
    return " ".join(v if isinstance(v, str) else format_int(v).replace("\u202f", " ") for v in values)


@pytest.fixture
def report(demo_services):
    demo_services.seasons.create_season("2023-2024")  # in the store, without any convention
    sid = season_id(demo_services, "2026-2027")
    review, protection = demo_services.documents.review_for_funders(sid)
    return review, protection, demo_services.documents.review_report(sid).content


def test_the_funnel_per_partner_chart_and_table(report):
    review, protection, pdf = report
    pages, text = read(pdf)
    at = next(i for i, p in enumerate(pages) if "Des places offertes aux places utilisées" in p)
    page = " ".join(pages[at : at + 2])  # the chart, then its table (which may start the next page)
    f = review.figures
    assert f"Sur {numbers(f.places_offered)} places offertes, {numbers(f.booked)} ont été réservées" in page
    assert f"Total {numbers(f.places_offered, f.booked, f.issued, f.used)}" in page
    for line in published_funnel(partner_funnel(review), "partners", protection):  # small counts protected
        assert plain(" › ".join(numbers(v) for v in line.steps)) in page  # on the chart
        assert f"{line.name} {numbers(*line.steps)}" in text  # in the table


def test_the_funnel_per_relay_kind_starts_from_booked(report):
    review, protection, pdf = report
    pages, _ = read(pdf)
    page = next(p for p in pages if "Par type de relais" in p and "parcours part des places réservées" in p)
    f = review.figures
    assert f"Total {numbers(f.booked, f.issued, f.used)}" in page
    lines = published_funnel(relay_type_funnel(review), "relay_types", protection)
    assert any(isinstance(v, str) for line in lines for v in line.steps)  # a kind of relay with few places
    for line in lines:
        assert f"{line.name} {numbers(*line.steps[1:])}" in page


def test_one_page_of_trends_with_each_seasons_figures(report):
    review, _, pdf = report
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


def test_a_networks_hundreds_of_partners_chart_their_largest_on_one_page():
    lines = [FunnelLine(f"Partenaire {n:03d}", 100 + n, 90, 80, 70) for n in range(400)]
    drawing = charts.funnel_chart("Par partenaire", lines, width=170 * mm)
    assert drawing.height < 250 * mm  # within a page's frame (it was 400 rows: 1.8 m)
    texts = [item.text for item in drawing.contents if isinstance(item, String)]
    assert "Par partenaire : les 40 plus grands sur 400 (tous dans le tableau)" in texts
    assert "Partenaire 399" in texts and "Partenaire 360" in texts and "Partenaire 359" not in texts
