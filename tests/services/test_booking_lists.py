"""The season's bookings listed by pages of ids (ordered and searched in SQL, each page starting
after the previous one's last key) then fetched by rows: the same rows, in the same order, as
sorting and filtering the whole list in Python would give, each exactly once."""

import pytest
from sqlalchemy import event

from acs_desktop.services import booking_lists
from acs_desktop.services.booking_lists import BOOKING_ORDERS
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.offers import PerformanceFilter

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
SMALL = 7  # pages this small cross performances, relays and ties between them


@pytest.fixture
def season_id(demo_services):
    return demo_services.seasons.default_season().id


def paged(lists, season_id, limit=SMALL, **options) -> list[int]:
    """Every id, page after page, each page starting after the previous one's `after`."""
    ids: list[int] = []
    after = None
    while True:
        page = lists.booking_page(season_id, after=after, limit=limit, **options)
        assert len(page.ids) <= limit
        ids += page.ids
        if page.after is None:
            return ids
        assert page.ids, "a page that says more follows is never empty"
        after = page.after


def test_every_order_of_the_window_has_a_key():
    assert set(KEYS) == set(BOOKING_ORDERS)


def test_the_pages_give_back_the_whole_list_in_its_order_each_booking_once(demo_services, season_id):
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)
    assert len(everything) > 100
    assert everything == sorted(everything, key=lambda b: (b.starts_at, b.relay_name, b.id))
    assert paged(lists, season_id) == [b.id for b in everything]
    assert paged(lists, season_id, limit=100) == [b.id for b in everything]
    whole = lists.booking_page(season_id, limit=None)
    assert whole.ids == [b.id for b in everything] and whole.after is None
    assert lists.bookings_by_id(whole.ids) == everything
    assert lists.booking_page(season_id, limit=SMALL, counted=True).count == len(everything)
    assert lists.booking_page(season_id, limit=SMALL).count is None  # counted when asked


def test_the_first_page_says_where_the_next_one_starts(demo_services, season_id):
    lists = demo_services.booking_lists
    first = lists.booking_page(season_id, limit=SMALL)
    second = lists.booking_page(season_id, limit=SMALL, after=first.after)
    assert len(first.ids) == len(second.ids) == SMALL and first.after is not None
    assert first.ids + second.ids == [b.id for b in lists.list_bookings(season_id)][: 2 * SMALL]


@pytest.mark.parametrize("order", BOOKING_ORDERS)
@pytest.mark.parametrize("descending", [False, True])
def test_each_order_sorts_like_the_window_with_the_lists_order_for_ties_page_after_page(
    demo_services, season_id, order, descending
):
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)  # already in the list's order: a stable sort keeps it for ties
    expected = [b.id for b in sorted(everything, key=KEYS[order], reverse=descending)]
    assert paged(lists, season_id, order=order, descending=descending) == expected
    assert lists.booking_page(season_id, order=order, descending=descending, limit=None).ids == expected


def test_relays_with_the_same_name_but_for_the_case_are_read_together(services, make, season):
    """The order by relay walks the relays by their name folded: two relays whose names differ
    only by case (or share a name, in two communes) interleave their bookings by date."""
    convention = make.convention(make.partner(), season.id)
    performances = [make.performance(convention, in_days=days, quota=40) for days in (3, 5, 8, 13)]
    relays = [
        make.relay("Foyer du Port", commune="Nantes"),
        make.relay("foyer du port", commune="Rezé"),
        make.relay("Foyer du Port", commune="Orvault"),
        make.relay("Accueil"),
        make.relay("Zénith"),
    ]
    for performance in performances:
        for relay in relays:
            make.book(performance, relay, 1)
    lists = services.booking_lists
    everything = lists.list_bookings(season.id)
    for descending in (False, True):
        expected = [b.id for b in sorted(everything, key=KEYS["relay"], reverse=descending)]
        for limit in (1, 2, 3, 5):
            assert paged(lists, season.id, limit, order="relay", descending=descending) == expected


def test_an_unknown_order_is_a_programming_error(demo_services, season_id):
    with pytest.raises(ValueError):
        demo_services.booking_lists.booking_page(season_id, order="partner")


@pytest.mark.parametrize("text", ["ccas", "CCAS DE", "  Rezé ", "REZÉ", "/12/", "20:30", "zzz-nothing"])
def test_search_keeps_the_bookings_whose_show_relay_or_dates_as_shown_contain_the_text(demo_services, season_id, text):
    lists = demo_services.booking_lists
    words = text.strip().casefold()

    def shown(b):
        return "\n".join(
            (b.show_title, b.relay_name, f"{b.starts_at:%d/%m/%Y %H:%M}", f"{b.created_at:%d/%m/%Y %H:%M}")
        ).casefold()

    expected = [b.id for b in lists.list_bookings(season_id) if words in shown(b)]
    assert paged(lists, season_id, text=text) == expected
    assert lists.booking_page(season_id, text=text, counted=True).count == len(expected)
    if text != "zzz-nothing":
        assert expected


@pytest.mark.parametrize("order", ["relay", "places", "date", None])
def test_search_order_and_pages_together(demo_services, season_id, order):
    lists = demo_services.booking_lists
    found = [b for b in lists.list_bookings(season_id) if "ccas" in b.relay_name.casefold()]
    expected = sorted(found, key=KEYS[order], reverse=True) if order else found
    assert len(expected) > 3 * 3
    assert paged(lists, season_id, 3, text="CCAS", order=order, descending=order is not None) == [
        b.id for b in expected
    ]


@pytest.mark.parametrize("order", [None, "relay", "show", "places", "created"])
def test_through_a_booking_lists_every_id_up_to_it(demo_services, season_id, order):
    lists = demo_services.booking_lists
    everything = lists.booking_page(season_id, order=order, limit=None).ids
    first = lists.booking_page(season_id, order=order, limit=SMALL)
    target = everything[len(everything) // 2]
    page = lists.booking_page(season_id, order=order, after=first.after, through=target)
    assert page.ids == everything[SMALL : everything.index(target) + 1]
    rest = paged_from(lists, season_id, page.after, order=order)
    assert first.ids + page.ids + rest == everything


@pytest.mark.parametrize("order", [None, "date", "time", "show", "relay"])
def test_a_long_reading_walks_the_first_rows_then_sorts_the_rest(demo_services, season_id, order, monkeypatch):
    """Every row, or every row up to a booking far down: walked for the first `WALK_ROWS`, then the
    rest sorted at once, from where the walk stopped."""
    monkeypatch.setattr(booking_lists, "WALK_ROWS", 5)
    lists = demo_services.booking_lists
    everything = lists.list_bookings(season_id)
    for descending in (False, True):
        expected = [b.id for b in sorted(everything, key=KEYS.get(order, lambda b: 0), reverse=descending)]
        assert lists.booking_page(season_id, order=order, descending=descending, limit=None).ids == expected
        first = lists.booking_page(season_id, order=order, descending=descending, limit=2)
        far = expected[-3]
        page = lists.booking_page(season_id, order=order, descending=descending, after=first.after, through=far)
        assert page.ids == expected[2 : expected.index(far) + 1]


def paged_from(lists, season_id, after, **options) -> list[int]:
    ids: list[int] = []
    while after is not None:
        page = lists.booking_page(season_id, after=after, limit=SMALL, **options)
        ids += page.ids
        after = page.after
    return ids


def test_through_a_booking_not_listed_lists_nothing(demo_services, season_id):
    lists = demo_services.booking_lists
    others = lists.list_bookings(season_id)
    not_ccas = next(b.id for b in others if "ccas" not in (b.relay_name + b.show_title).casefold())
    first = lists.booking_page(season_id, text="ccas", limit=2)
    assert lists.booking_page(season_id, text="ccas", after=first.after, through=not_ccas).ids == []
    assert lists.booking_page(season_id, after=first.after, through=10**9).ids == []


@pytest.mark.parametrize(("order", "descending"), [(None, False), ("created", False), ("created", True)])
def test_a_booking_made_between_two_pages_is_listed_once_where_it_sorts(demo_services, season_id, order, descending):
    lists = demo_services.booking_lists
    first = lists.booking_page(season_id, order=order, descending=descending, limit=SMALL)
    performance = max(
        demo_services.offers.list_performances(season_id, PerformanceFilter(bookable_only=True, places_left_only=True)),
        key=lambda p: p.starts_at,
    )  # the last one: after the first page in the list's order
    relay = demo_services.relays.list_relays(include_inactive=False)[0]
    made = demo_services.bookings.book_places(BookingRequest(performance.id, relay.id, 1, override_deadline=True))
    rest = paged_from(lists, season_id, first.after, order=order, descending=descending)
    listed = first.ids + rest
    assert len(listed) == len(set(listed))
    everything = lists.booking_page(season_id, order=order, descending=descending, limit=None).ids
    if descending:  # the newest first: before the first page's end, so not in the pages after it
        assert made.booking_id not in listed and listed == [i for i in everything if i != made.booking_id]
    else:
        assert listed == everything and made.booking_id in rest


def test_rows_by_ids_keep_the_order_asked_and_leave_out_what_is_gone(demo_services, season_id):
    lists = demo_services.booking_lists
    ids = lists.booking_page(season_id, limit=5).ids
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
    page = demo_services.booking_lists.booking_page(season_id).ids
    sent: list[tuple[str, object]] = []
    event.listen(demo_store.engine, "before_cursor_execute", lambda conn, cur, sql, params, *rest: sent.append(params))
    assert [b.id for b in demo_services.booking_lists.bookings_by_id(page)] == page
    widest = max(len(params) for params in sent if params)
    # PostgreSQL gets each list of ids as one array (= ANY); SQLite one parameter per id.
    assert widest < 10 if demo_store.engine.dialect.name == "postgresql" else widest >= 100


def test_the_first_page_reads_the_bookings_of_a_few_performances_only(demo_services, demo_store, season_id):
    """The list's order walks the season's performances: the first page asks for the bookings of
    the first few (their ids, in one list), not for the whole season's sorted."""
    sent: list[str] = []
    event.listen(demo_store.engine, "before_cursor_execute", lambda conn, cur, sql, *rest: sent.append(sql))
    page = demo_services.booking_lists.booking_page(season_id, limit=SMALL)
    assert len(page.ids) == SMALL
    reading = [sql for sql in sent if sql.lstrip().upper().startswith("SELECT BOOKING.ID")]
    assert reading and all("LIMIT" in sql.upper() for sql in reading)
    assert all("convention" not in sql for sql in reading)  # by the performances' ids, not the season's


@pytest.mark.parametrize("order", [None, "relay", "places"])
def test_a_season_without_bookings_lists_nothing_and_counts_none(services, season, order):
    page = services.booking_lists.booking_page(season.id, order=order, counted=True)
    assert (page.ids, page.after, page.count) == ([], None, 0)
    assert services.booking_lists.unprinted_count(season.id).bookings == 0
