"""The Bilan tab shows the funnel (per partner from offered, per kind of relay from booked) and
the trends over the last seasons, with the same numbers as the review, a season without data
said as such."""

import pytest

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import partner_funnel, relay_type_funnel
from tests.ui.review.test_review_tab import tab, wait_shown  # noqa: F401 (the `tab` fixture, reused)


@pytest.fixture
def shown(request, demo_services, qtbot):
    """The tab on 2026-2027, with 2023-2024 in the store without any convention."""
    widget = request.getfixturevalue("tab")
    demo_services.seasons.create_season("2023-2024")
    widget.reload()
    wait_shown(qtbot, widget)
    return widget


def open_page(widget, page, qtbot):
    widget.pages.setCurrentWidget(page)
    qtbot.waitExposed(page)
    return page


def cells(view, row):
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


def test_the_funnel_page_shows_each_partner_and_each_relay_kind(shown, demo_services, qtbot):
    review = demo_services.review.review(shown.season_id)
    page = open_page(shown, shown.funnel_page, qtbot)
    assert page.partners_chart.has_data() and page.kinds_chart.has_data()
    assert page.partners_chart.lines == list(partner_funnel(review))
    assert page.kinds_chart.lines == list(relay_type_funnel(review))
    first = review.partners[0]
    p = first.places
    assert page.partners_chart.texts()[0] == " › ".join(
        format_int(v) for v in (first.places_offered, p.booked, p.issued, p.used)
    )
    kind = review.relay_types[0]
    assert page.kinds_chart.texts()[0] == " › ".join(
        format_int(v) for v in (kind.places.booked, kind.places.issued, kind.places.used)
    )
    assert "par type de relais, il part des places réservées" in page.note.text()
    assert page.partners_chart.grab().height() > 0  # it paints


def test_the_trends_page_shows_each_season_and_says_when_there_is_no_data(shown, demo_services, qtbot):
    review = demo_services.review.review(shown.season_id)
    page = open_page(shown, shown.trends_page, qtbot)
    assert page.title.text().startswith("Tendances sur 4 saisons")
    view = page.view
    assert view.model.rowCount() == 4
    assert cells(view, 0) == ["2023-2024 (pas de données)", "—", "—", "—", "—", "—"]
    assert cells(view, 1)[0] == "2024-2025 (saison non enregistrée)"
    f = review.figures
    assert cells(view, 3)[:3] == ["2026-2027", format_int(f.places_offered), format_int(f.used)]
    assert cells(view, 2)[2] == "804"
    chart = page.chart
    assert chart.categories == ["2023-2024", "2024-2025", "2025-2026", "2026-2027"]
    assert chart.series[0][:2] == [None, None]  # no bar, never a zero
    assert chart.series[1][2:] == [review.previous.used, f.used]
    assert "2023-2024 : pas de données" in chart.toolTip()
    page.grab()  # paints the « pas de données » groups without failing


def test_without_a_season_the_pages_are_empty(shown, qtbot):
    shown.set_season(None)
    assert shown.funnel_page.partners_chart.lines == []
    assert shown.trends_page.view.model.rowCount() == 0
    assert not shown.trends_page.chart.has_data()
