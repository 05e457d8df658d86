"""The Bilan tab shows the funnel (per partner from offered, per kind of relay from booked) and
the trends over the last seasons, with the same numbers as the review, a season without data
said as such."""

import pytest

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import partner_funnel, relay_type_funnel
from acs_desktop.ui.app import make_application
from acs_desktop.ui.events import AppEvents
from acs_desktop.ui.review.review_tab import ReviewTab
from tests.ui.review.test_review_tab import season_id, wait_shown


@pytest.fixture
def tab(qtbot, demo_services):
    demo_services.seasons.create_season("2023-2024")  # in the store, without any convention
    make_application()
    widget = ReviewTab(demo_services, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.set_season(season_id(demo_services, "2026-2027"))
    wait_shown(qtbot, widget)
    return widget


def cells(view, row):
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


def test_the_funnel_page_shows_each_partner_and_each_relay_kind(tab, demo_services, qtbot):
    review = demo_services.review.review(tab.season_id)
    page = tab.funnel_page
    tab.pages.setCurrentWidget(page)
    qtbot.waitExposed(page)
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


def test_the_trends_page_shows_each_season_and_says_when_there_is_no_data(tab, demo_services, qtbot):
    review = demo_services.review.review(tab.season_id)
    page = tab.trends_page
    tab.pages.setCurrentWidget(page)
    qtbot.waitExposed(page)
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


def test_without_a_season_the_pages_are_empty(tab, qtbot):
    tab.set_season(None)
    assert tab.funnel_page.partners_chart.lines == []
    assert tab.trends_page.view.model.rowCount() == 0
    assert not tab.trends_page.chart.has_data()
