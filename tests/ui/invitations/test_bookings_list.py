"""The Invitations tab's bookings list, read by pages: its count beside the search, a booking made
at another desk listed where it sorts with the selection kept, a booking found by its code or just
made selected even when it is further down than the pages listed."""

from PySide6.QtCore import Qt

from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.offers import PerformanceFilter
from acs_desktop.ui.events import Area, Changes


def test_a_booking_made_elsewhere_is_listed_and_counted_and_the_selection_stays(demo_window, demo_services):
    window = demo_window
    window.show_tab(3)
    view = window.tab_pages[3].view
    season_id = window.current_season_id()
    everything = [b.id for b in demo_services.booking_lists.list_bookings(season_id)]
    assert view.model.rowCount() < len(everything)  # the first page only
    chosen = everything[150]  # past the first page: listed up to it when selected
    view.select_ids([chosen])
    assert view.selected_ids() == [chosen] and view.current_row().id == chosen
    performance = max(
        demo_services.offers.list_performances(season_id, PerformanceFilter(bookable_only=True, places_left_only=True)),
        key=lambda p: p.starts_at,
    )
    relay = demo_services.relays.list_relays(include_inactive=False)[0]
    made = demo_services.bookings.book_places(BookingRequest(performance.id, relay.id, 1, override_deadline=True))
    window.events.announce(Changes.of(Area.BOOKINGS))  # what the live refresh says when another desk books
    assert view.selected_ids() == [chosen]
    assert view.visible_count() == len(everything) + 1
    assert view.count.text() == f"{len(everything) + 1} réservations"
    assert [r.id for r in view.model.rows()].count(made.booking_id) == 1


def test_a_search_and_a_sort_keep_the_count_of_what_is_listed(demo_window, demo_services, qtbot):
    window = demo_window
    window.show_tab(3)
    view = window.tab_pages[3].view
    season_id = window.current_season_id()
    found = [b for b in demo_services.booking_lists.list_bookings(season_id) if "ccas" in b.relay_name.casefold()]
    view.search.setText("CCAS")
    view.apply_search()
    assert view.count.text() == f"{len(found)} réservations"
    view.table.sortByColumn([c.title for c in view.model.COLUMNS].index("Places"), Qt.SortOrder.DescendingOrder)
    assert view.count.text() == f"{len(found)} réservations"
    assert [r.id for r in view.model.rows()] == [b.id for b in sorted(found, key=lambda b: -b.active_places)]


def test_the_booking_of_a_code_found_is_selected_even_far_down_the_list(demo_window, demo_services, messages):
    window = demo_window
    window.show_tab(3)
    tab = window.tab_pages[3]
    season_id = window.current_season_id()
    last = demo_services.booking_lists.list_bookings(season_id)[-1]
    code = demo_services.booking_lists.invitations_of(last.id)[0].code
    messages.typed = code
    tab.find_code()
    assert tab.view.selected_ids() == [last.id] and tab.selected().id == last.id
