"""The season's bookings listed by ids (ordered and searched in SQL) then fetched by pages: the
same rows, in the same order, as sorting and filtering the whole list in Python would give."""

import pytest
from sqlalchemy import event

from acs_desktop.services.booking_lists import BOOKING_ORDERS

KEYS = {
    "number": lambda r: r.id,
    "date": lambda r: r.starts_at,
    "time": lambda r: r.starts_at.time(),
    "show": lambda r: r.show_title.casefold(),
    "relay": lambda r: r.relay_name.casefold(),
    "places": lambda r: r.active_places,
    "booked": lambda r: r.booked,
    "issued": lambda r: r.issued,
    "used": lambda r: r.used,
    "unused": lambda r: r.unused,
    "cancelled": lambda r: r.cancelled,
    "created": lambda r: r.created_at,
}


@pytest.fixture
def season_id(demo_services):
    return demo_services.seasons.default_season().id


def test_every_order_of_the_window_has_a_key():
    assert set(KEYS) == set(BOOKING_ORDERS)


def test_the_ids_in_the_lists_order_give_back_the_whole_list(demo_services, season_id):
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)
    assert len(everything) > 100
    assert lists.booking_ids(season_id) == [b.id for b in everything]
    assert lists.bookings_by_id(lists.booking_ids(season_id)) == everything
    assert everything == sorted(everything, key=lambda b: (b.starts_at, b.relay_name, b.id))


@pytest.mark.parametrize("order", BOOKING_ORDERS)
@pytest.mark.parametrize("descending", [False, True])
def test_each_order_sorts_like_the_window_with_the_lists_order_for_ties(demo_services, season_id, order, descending):
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)  # already in the list's order: a stable sort keeps it for ties
    expected = sorted(everything, key=KEYS[order], reverse=descending)
    assert lists.booking_ids(season_id, order=order, descending=descending) == [b.id for b in expected]


def test_an_unknown_order_is_a_programming_error(demo_services, season_id):
    with pytest.raises(ValueError):
        demo_services.booking_lists.booking_ids(season_id, order="partner")


@pytest.mark.parametrize("text", ["ccas", "CCAS DE", "  Rezé ", "REZÉ", "/12/", "20:30", "zzz-nothing"])
def test_search_keeps_the_bookings_whose_show_relay_or_dates_as_shown_contain_the_text(demo_services, season_id, text):
    lists = demo_services.booking_lists
    words = text.strip().casefold()

    def shown(b):
        return "\n".join(
            (b.show_title, b.relay_name, f"{b.starts_at:%d/%m/%Y %H:%M}", f"{b.created_at:%d/%m/%Y %H:%M}")
        ).casefold()

    expected = [b.id for b in lists.list_bookings(season_id) if words in shown(b)]
    assert lists.booking_ids(season_id, text=text) == expected
    if text != "zzz-nothing":
        assert expected


def test_search_and_order_together(demo_services, season_id):
    lists = demo_services.booking_lists
    expected = sorted(
        (b for b in lists.list_bookings(season_id) if "ccas" in b.relay_name.casefold()),
        key=KEYS["places"],
        reverse=True,
    )
    assert lists.booking_ids(season_id, text="CCAS", order="places", descending=True) == [b.id for b in expected]


def test_rows_by_ids_keep_the_order_asked_and_leave_out_what_is_gone(demo_services, season_id):
    lists = demo_services.booking_lists
    ids = lists.booking_ids(season_id)[:5]
    wanted = [ids[3], ids[0], 10**9, ids[4]]
    assert [b.id for b in lists.bookings_by_id(wanted)] == [ids[3], ids[0], ids[4]]


def test_one_relays_and_one_performances_bookings(demo_services, season_id):
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)
    first = everything[0]
    assert lists.list_bookings(season_id, relay_id=first.relay_id) == [
        b for b in everything if b.relay_id == first.relay_id
    ]
    assert lists.list_bookings(season_id, performance_id=first.performance_id) == [
        b for b in everything if b.performance_id == first.performance_id
    ]


def test_a_page_of_bookings_is_asked_with_one_parameter_per_list_on_the_server(demo_services, demo_store, season_id):
    page = demo_services.booking_lists.booking_ids(season_id)[:100]
    sent: list[tuple[str, object]] = []
    event.listen(demo_store.engine, "before_cursor_execute", lambda conn, cur, sql, params, *rest: sent.append(params))
    assert [b.id for b in demo_services.booking_lists.bookings_by_id(page)] == page
    widest = max(len(params) for params in sent if params)
    # PostgreSQL gets each list of ids as one array (= ANY); SQLite one parameter per id.
    assert widest < 10 if demo_store.engine.dialect.name == "postgresql" else widest >= 100
