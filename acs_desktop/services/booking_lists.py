"""Read-only lists of bookings, invitations and the waiting list, for the window and the prints."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from acs_desktop.db.sql import among, day_and_time, fold, planner_only, position, raw, time_of_day, unindexed
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.print_urgency import DEFAULT_REMINDER_DAYS, PrintUrgency, print_urgency
from acs_desktop.domain.states import HOLDING_STATUSES, InvitationStatus, WaitingStatus
from acs_desktop.models import (
    AssociationSettings,
    Booking,
    Convention,
    Invitation,
    NonUseReason,
    Partner,
    Performance,
    Referent,
    Relay,
    Show,
    WaitingEntry,
)
from acs_desktop.services.base import Service
from acs_desktop.services.queries import season_performance_ids, up_to_partner


@dataclass(frozen=True)
class BookingRow:
    id: int
    performance_id: int
    show_title: str
    partner_name: str
    starts_at: datetime
    relay_id: int
    relay_name: str
    referent: str
    created_at: datetime
    places: int
    booked: int
    issued: int
    used: int
    unused: int
    cancelled: int
    deadline_override: bool
    names_on_tickets: bool
    print_urgency: PrintUrgency | None = None  # None: nothing left to print
    companions: int = 0  # of the places still held, those for a companion (accompagnateur)

    @property
    def active_places(self) -> int:
        """Places this booking still holds (booked, issued or recorded)."""
        return self.booked + self.issued + self.used + self.unused


@dataclass(frozen=True)
class InvitationRow:
    id: int
    booking_id: int
    code: str
    status: InvitationStatus
    first_name: str | None
    print_count: int
    reason: str
    comment: str
    companion: bool = False


@dataclass(frozen=True)
class UnprintedCount:
    """How many bookings have places to print, and how many of them urgently."""

    bookings: int
    urgent: int


@dataclass(frozen=True)
class UnprintedRow:
    """A booking with places whose tickets are not printed yet (or never were)."""

    booking_id: int
    performance_id: int
    show_title: str
    starts_at: datetime
    relay_name: str
    places: int
    urgency: PrintUrgency


@dataclass(frozen=True)
class WaitingRow:
    id: int
    performance_id: int
    show_title: str
    starts_at: datetime
    relay_id: int
    relay_name: str
    places: int
    offered_places: int
    status: WaitingStatus
    created_at: datetime


@dataclass(frozen=True)
class CodeLookup:
    invitation_id: int
    booking_id: int
    code: str
    status: InvitationStatus
    performance_id: int
    show_title: str
    starts_at: datetime
    relay_name: str
    season_id: int


@dataclass(frozen=True)
class BookingPage:
    """Ids of the bookings list, in its order, and where the next page starts."""

    ids: list[int]
    after: tuple | None  # the last id's sort key, to ask for the next page; None: the list ends here
    count: int | None = None  # how many bookings the list has, page after page (when asked)


# How the bookings list can be ordered (the window's columns), each then in the list's own
# order: performance date, relay, booking.
BOOKING_ORDERS = (
    "number",
    "date",
    "time",
    "show",
    "relay",
    "places",
    "booked",
    "issued",
    "used",
    "unused",
    "cancelled",
    "created",
)
COUNT_ORDERS = {
    "places": HOLDING_STATUSES,
    "booked": (InvitationStatus.BOOKED,),
    "issued": (InvitationStatus.ISSUED,),
    "used": (InvitationStatus.USED,),
    "unused": (InvitationStatus.UNUSED,),
    "cancelled": (InvitationStatus.CANCELLED,),
}
ID_CHUNK = 500
PAGE = 100  # ids of the bookings list read at a time: a window shows about 30 rows
DATE_CHARACTERS = set("0123456789/: ")  # all a date and time shown in a list is made of
STATUSES = tuple(InvitationStatus)  # BookingRow's order: booked, issued, used, unused, cancelled


def reminder_days(session) -> int:
    """The setting « Billets urgents (jours avant) »."""
    row = session.get(AssociationSettings, 1)
    return row.print_reminder_days if row is not None else DEFAULT_REMINDER_DAYS


class BookingListService(Service):
    def list_bookings(
        self, season_id: int, *, performance_id: int | None = None, relay_id: int | None = None
    ) -> list[BookingRow]:
        """Every booking of the season (or of one performance, one relay), by performance date then relay."""
        chosen = select(Booking.id).where(Booking.performance_id.in_(season_performance_ids(season_id)))
        if performance_id is not None:
            chosen = chosen.where(Booking.performance_id == performance_id)
        if relay_id is not None:
            chosen = chosen.where(Booking.relay_id == relay_id)
        with self._reading() as session:
            rows = self._rows(session, chosen, self._now())
            return sorted(rows.values(), key=lambda r: (r.starts_at, r.relay_name, r.id))

    def bookings_with_tickets(self, season_id: int) -> list[BookingRow]:
        """Upcoming bookings holding places, printed or not: those whose tickets can be (re)printed."""
        now = self._now()
        return [b for b in self.list_bookings(season_id) if b.starts_at > now and b.booked + b.issued]

    def booking_page(
        self,
        season_id: int,
        *,
        text: str = "",
        order: str | None = None,
        descending: bool = False,
        after: tuple | None = None,
        limit: int | None = PAGE,
        through: int | None = None,
        counted: bool = False,
    ) -> BookingPage:
        """A page of the ids of the season's bookings, in the list's order (performance date,
        relay, booking) or by `order` (one of `BOOKING_ORDERS`) then the list's order, keeping
        those whose show, relay, date or booking date, as shown, contain `text`
        (case-insensitive). The page starts after the row whose key is `after` (the previous
        page's `after`; None: the first page) and holds `limit` ids (None: every one), or, with
        `through`, every id up to that booking's (none if it is not listed); `counted`: with the
        number of bookings the list has (the same reading: one transaction, the search's relays
        and shows read once). Light: the window fetches the rows it shows (`bookings_by_id`).

        Each page is read from where the previous one ended (keyset paging: no OFFSET to count
        past, and a booking added meanwhile is listed where it sorts, never twice). The orders led
        by a performance or a relay walk them in that order (`_walk`): the first page of a
        network's 126,000 bookings reads a few hundred. A search reads its matches through the
        relays and shows that contain the text; the orders by counts or booking date sort every
        booking of the season (see `_order_key`)."""
        if order is not None and order not in BOOKING_ORDERS:
            raise ValueError(f"unknown order {order!r}")
        words = _words(text)
        keys = _keys(order, descending)
        query = select(Booking.id, *_read(keys))
        if order != "number":  # the booking's number alone needs nothing else
            query = query.join(Performance, Performance.id == Booking.performance_id)
            query = query.join(Relay, Relay.id == Booking.relay_id)
        if order == "show":
            query = query.join(Show, Show.id == Performance.show_id)
        with self._reading() as session:  # on the connection: plain values, no ORM result machinery
            db = session.connection()
            listed = _listed(db, season_id, words)
            count = db.scalar(select(func.count()).select_from(Booking).where(*listed)) if counted else None
            bound = None
            if through is not None:
                bound = db.execute(query.with_only_columns(*_read(keys)).where(Booking.id == through, *listed)).first()
                if bound is None:
                    return BookingPage([], after, count)
                limit = None
            walk = None if words else _WALKS.get(order)
            if walk is None:
                rows = _sorted(db, query.where(*listed), keys, after, bound, limit)
            elif limit is not None:
                rows = _walk(db, walk, season_id, query, keys, after, bound, limit)
            else:  # every row (up to `through`): walked while they are few, the rest sorted at once
                rows = _walk(db, walk, season_id, query, keys, after, bound, WALK_ROWS)
                if len(rows) > WALK_ROWS:
                    rows = rows[:WALK_ROWS]
                    rows += _sorted(db, query.where(*listed), keys, tuple(rows[-1][1:]), bound, None)
        ids = [row[0] for row in rows]
        if limit is None:  # every row, or up to `through`: its key is the last one
            return BookingPage(ids, None if bound is None else tuple(bound) if ids else after, count)
        if len(rows) > limit:
            return BookingPage(ids[:limit], tuple(rows[limit - 1][1:]), count)
        return BookingPage(ids, None, count)

    def bookings_by_id(self, booking_ids: list[int]) -> list[BookingRow]:
        """The rows of these bookings, in this order (a booking deleted meanwhile is left out)."""
        found: dict[int, BookingRow] = {}
        now = self._now()
        with self._reading() as session:
            for start in range(0, len(booking_ids), ID_CHUNK):
                found.update(self._rows(session, booking_ids[start : start + ID_CHUNK], now))
        return [found[i] for i in booking_ids if i in found]

    @staticmethod
    def _rows(session, chosen, now: datetime) -> dict[int, BookingRow]:
        """The bookings whose id is in `chosen` (a list or a SELECT of ids), with their places
        counted per status from the index (booking_id, status)."""

        def chosen_ids(column):
            return among(column, chosen) if isinstance(chosen, list) else column.in_(chosen)

        days = reminder_days(session)
        counts: dict[int, dict[InvitationStatus, int]] = defaultdict(dict)
        per_status = (
            select(Invitation.booking_id, Invitation.status, func.count())
            .where(chosen_ids(Invitation.booking_id))
            .group_by(Invitation.booking_id, Invitation.status)
        )
        for booking_id, status, n in session.execute(per_status):
            counts[booking_id][status] = n
        along = dict(
            session.execute(
                select(Invitation.booking_id, func.count())
                .where(
                    chosen_ids(Invitation.booking_id),
                    Invitation.companion.is_(True),
                    Invitation.status.in_(HOLDING_STATUSES),
                )
                .group_by(Invitation.booking_id)
            ).all()
        )
        query = (
            up_to_partner(
                select(  # columns, not ORM objects
                    Booking.id,
                    Booking.performance_id,
                    Show.title,
                    Partner.name,
                    Performance.starts_at,
                    Booking.relay_id,
                    Relay.name,
                    func.coalesce(Referent.name, ""),
                    Booking.created_at,
                    Booking.places,
                    Booking.deadline_override,
                    Booking.names_on_tickets,
                ).join(Performance, Performance.id == Booking.performance_id)
            )
            .join(Relay, Relay.id == Booking.relay_id)
            .outerjoin(Referent, Referent.id == Booking.referent_id)
            .where(chosen_ids(Booking.id))
        )
        rows = {}
        for (
            bid,
            pid,
            title,
            partner,
            starts_at,
            rid,
            relay,
            referent,
            created_at,
            places,
            override,
            names,
        ) in session.execute(query):
            n = counts[bid]
            urgency = print_urgency(starts_at, now, days) if n.get(InvitationStatus.BOOKED) else None
            rows[bid] = BookingRow(
                bid,
                pid,
                title,
                partner,
                starts_at,
                rid,
                relay,
                referent,
                created_at,
                places,
                *(n.get(status, 0) for status in STATUSES),
                override,
                names,
                urgency,
                along.get(bid, 0),
            )
        return rows

    def unprinted(self, season_id: int, *, urgent_only: bool = False) -> list[UnprintedRow]:
        """The season's bookings with places booked and not printed: the urgent ones first (the
        performance is within the reminder's days), then those in good time, then those whose
        performance is past and whose tickets were never printed. Performances cancelled by the
        partner have no place left to print. `urgent_only`: the urgent ones alone (« À faire »),
        read from the performances of the next days instead of the whole season."""
        now = self._now()
        with self._reading() as session:
            days = reminder_days(session)
            performances = season_performance_ids(season_id)
            if urgent_only:  # narrows the reading only: print_urgency below still decides
                performances = performances.where(
                    Performance.starts_at > now, Performance.starts_at <= now + timedelta(days=days)
                )
            per_booking = _unprinted_per_booking(performances)
            query = (
                select(
                    Booking.id, Booking.performance_id, Show.title, Performance.starts_at, Relay.name, per_booking.c.n
                )
                .select_from(per_booking)
                .join(Booking, Booking.id == per_booking.c.booking_id)
                .join(Performance, Performance.id == Booking.performance_id)
                .join(Show, Show.id == Performance.show_id)
                .join(Relay, Relay.id == Booking.relay_id)
            )
            rows = [
                UnprintedRow(bid, pid, title, starts_at, relay, n, print_urgency(starts_at, now, days))
                for bid, pid, title, starts_at, relay, n in session.execute(query)
            ]
        if urgent_only:
            rows = [r for r in rows if r.urgency is PrintUrgency.URGENT]
        order = {PrintUrgency.URGENT: 0, PrintUrgency.LATER: 1, PrintUrgency.NEVER: 2}
        # Soonest first; among the past ones, the latest first (the freshest to ask the relay about).
        moment = lambda r: -r.starts_at.timestamp() if r.urgency is PrintUrgency.NEVER else r.starts_at.timestamp()
        return sorted(rows, key=lambda r: (order[r.urgency], moment(r), r.relay_name, r.booking_id))

    def unprinted_count(self, season_id: int) -> UnprintedCount:
        """What `unprinted` would list, counted: the bookings, and the urgent ones (read, they are
        few). A side tab's title, without reading a network's tens of thousands of bookings."""
        # The bookings with a place booked, counted performance by performance in the index
        # (performance_id, status, companion, booking_id): a booking's invitations are all of its
        # performance, so the sum is the season's count, and each count sorts a few dozen ids
        # instead of the season's 200,000 at a network's scale.
        performances = season_performance_ids(season_id).subquery()
        booked = (
            select(func.count(Invitation.booking_id.distinct()))
            .where(Invitation.performance_id == performances.c.id, Invitation.status == InvitationStatus.BOOKED)
            .scalar_subquery()
        )
        with self._reading() as session:
            bookings = int(session.scalar(select(func.coalesce(func.sum(booked), 0)).select_from(performances)) or 0)
        return UnprintedCount(bookings, len(self.unprinted(season_id, urgent_only=True)))

    def invitations_of(self, booking_id: int) -> list[InvitationRow]:
        query = (
            select(Invitation, NonUseReason.label)
            .outerjoin(NonUseReason, NonUseReason.id == Invitation.reason_id)
            .where(Invitation.booking_id == booking_id)
            .order_by(Invitation.id)
        )
        with self._reading() as session:
            return [
                InvitationRow(
                    i.id,
                    i.booking_id,
                    i.code,
                    i.status,
                    i.first_name,
                    i.print_count,
                    reason or "",
                    i.comment,
                    i.companion,
                )
                for i, reason in session.execute(query)
            ]

    def list_waiting(self, season_id: int, *, open_only: bool = True) -> list[WaitingRow]:
        query = (
            select(WaitingEntry, Show.title, Performance.starts_at, Relay.name)
            .join(Performance, Performance.id == WaitingEntry.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .join(Convention, Convention.id == Show.convention_id)
            .join(Relay, Relay.id == WaitingEntry.relay_id)
            .where(Convention.season_id == season_id)
            .order_by(Performance.starts_at, WaitingEntry.created_at, WaitingEntry.id)
        )
        if open_only:
            query = query.where(WaitingEntry.status.in_((WaitingStatus.WAITING, WaitingStatus.OFFERED)))
        with self._reading() as session:
            return [
                WaitingRow(
                    w.id,
                    w.performance_id,
                    title,
                    starts_at,
                    w.relay_id,
                    relay,
                    w.places,
                    w.offered_places,
                    w.status,
                    w.created_at,
                )
                for w, title, starts_at, relay in session.execute(query)
            ]

    def find_code(self, typed: str) -> CodeLookup | None:
        """The invitation with this ticket code (typed with or without dashes), if any."""
        code = ticket_codes.normalize(typed)
        query = (
            select(Invitation, Booking.relay_id, Show.title, Performance.starts_at, Relay.name, Convention.season_id)
            .join(Booking, Booking.id == Invitation.booking_id)
            .join(Performance, Performance.id == Invitation.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .join(Convention, Convention.id == Show.convention_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .where(Invitation.code == code)
        )
        with self._reading() as session:
            found = session.execute(query).first()
            if found is None:
                return None
            i, _relay_id, title, starts_at, relay, season_id = found
            return CodeLookup(
                i.id, i.booking_id, i.code, i.status, i.performance_id, title, starts_at, relay, season_id
            )


def _words(text: str) -> str:
    return text.strip().casefold()


def _listed(db: Connection, season_id: int, words: str) -> list[ColumnElement[bool]]:
    """The conditions on `Booking` of the season's bookings whose show, relay or dates, as shown,
    contain `words`: the relays and the season's performances that contain them are read first
    (5,000 names, 3,000 titles), then their bookings by index, given as lists of ids: a planner
    cannot guess how many names contain a text (PostgreSQL's guesses a third, and reads every
    booking of every season). Only a text of digits, / and : can be in a date: then every
    booking's date is read too."""
    season = season_performance_ids(season_id)
    if not words:
        return [Booking.performance_id.in_(season)]
    relays = select(Relay.id).where(position(fold(Relay.name), words) > 0)
    shown = position(fold(Show.title), words) > 0
    dates = set(words) <= DATE_CHARACTERS
    if dates:  # only then can the dates, as shown, contain the words
        shown = or_(shown, position(day_and_time(Performance.starts_at), words) > 0)
    found = [_among(db, Booking.relay_id, relays), _among(db, Booking.performance_id, season.where(shown))]
    if dates:
        found.append(position(day_and_time(Booking.created_at), words) > 0)
        return [Booking.performance_id.in_(season), or_(*found)]
    # Through the few bookings found by their relay or performance, the season checked.
    return [unindexed(Booking.performance_id).in_(season), or_(*found)]


def _among(db: Connection, column, ids: Select) -> ColumnElement[bool]:
    """`column IN (ids)`, the ids read first and given as a list when they are few."""
    found = db.scalars(ids.limit(ID_CHUNK + 1)).all()
    return among(column, found) if len(found) <= ID_CHUNK else column.in_(ids)


# The list's own order, after any other: performance date, relay, booking.
Key = list[tuple[Any, bool]]  # a sort key: each part (a column or an expression) with its direction
LIST_ORDER: Key = [
    (Performance.starts_at, False),
    (Relay.name, False),
    (Booking.id, False),
]


def _keys(order: str | None, descending: bool) -> Key:
    """The list's sort key, each part with its direction (True: descending)."""
    if order is None:
        return list(LIST_ORDER)
    if order == "number":  # unique: nothing after it
        return [(Booking.id, descending)]
    return [(_order_key(order), descending), *LIST_ORDER]


def _order_key(order: str) -> Any:
    """What leads an order. The performance's date, time and show and the relay's name are walked
    (`_walk`); a count of places (a subquery per booking) and the booking's date belong to the
    booking alone, which no index reads in that order for one season: every booking of the season
    is sorted (`_sorted`), at a network's 126,000 bookings 100 to 170 ms a page for a count on
    SQLite (300 on PostgreSQL), 50 to 90 ms for the date. Stopping early would take the counts kept
    on each booking (stored counters, which this project avoids) and an index reading one season's
    bookings in that order (a booking knows its season only through its performance)."""
    if order in COUNT_ORDERS:
        return (
            select(func.count())
            .where(Invitation.booking_id == Booking.id, Invitation.status.in_(COUNT_ORDERS[order]))
            .correlate(Booking)
            .scalar_subquery()
        )
    return {
        "date": Performance.starts_at,
        "time": time_of_day(Performance.starts_at),
        "show": fold(Show.title),
        "relay": fold(Relay.name),
        "created": Booking.created_at,
    }[order]


def _read(keys: Key) -> list[ColumnElement[Any]]:
    """The key's parts as read (`raw`), to give back as a page's `after`."""
    return [raw(key).label(f"key_{i}") for i, (key, _descending) in enumerate(keys)]


def _ordered(keys: Key) -> list[ColumnElement[Any]]:
    return [key.desc() if descending else key for key, descending in keys]


def _beyond(keys: Key, values: tuple, *, inclusive: bool = False) -> ColumnElement[bool]:
    """The rows whose key comes after `values` (the last row of a page: keyset paging), or from
    it with `inclusive`. Each part in its own direction, so not a row-value comparison."""
    condition = None
    for (key, descending), value in reversed(list(zip(keys, values, strict=True))):
        key = raw(key)  # compared as read: see `raw`
        if condition is None:
            past = (key <= value if descending else key >= value) if inclusive else None
            condition = past if past is not None else (key < value if descending else key > value)
        else:
            condition = or_(key < value if descending else key > value, and_(key == value, condition))
    assert condition is not None
    return condition


@dataclass(frozen=True)
class _Walk:
    """Orders led by what a performance (or a relay) says: the bookings are read by taking the
    performances (relays) in that order, a few at a time (see `_walk`)."""

    by_relay: bool  # else by performance
    leading: int  # how many parts of the key the performance (relay) decides; the rest: `LIST_ORDER`'s


_WALKS = {
    None: _Walk(False, 1),  # starts_at
    "date": _Walk(False, 2),  # starts_at, starts_at
    "time": _Walk(False, 2),  # time of day, starts_at
    "show": _Walk(False, 2),  # title, starts_at
    "relay": _Walk(True, 1),  # name
}
WALK_START = 8  # performances (relays) read at first for a page; doubled while the page is short
# Rows walked at most when every row is asked for (up to a booking far down the list): past them,
# the rest of the season sorted at once costs less than walking it (the 5,000 relays' bookings
# of every season, 2.4 s, against 0.15 s).
WALK_ROWS = 1000


def _sorted(db: Connection, query: Select, keys: Key, after, through, limit: int | None) -> list:
    """The rows of `query` (ids and keys, from `after`, up to `through`) in the order of `keys`,
    `limit` + 1 of them at most (without `limit`: the ids alone, the last key being known), by
    sorting every row `query` lists: the searches (their matches, read through the relays and
    shows found) and the orders no walk leads. Each row's key is computed once, in a subquery the
    planners keep whole (OFFSET 0), then compared: a count compared in three places would be
    counted three times."""
    listed = query.offset(0).subquery()
    keys = [(column, descending) for column, (_key, descending) in zip(list(listed.c)[1:], keys, strict=True)]
    page = select(*(listed.c if limit is not None else [listed.c.id])).order_by(*_ordered(keys))
    if after is not None:
        page = page.where(_beyond(keys, after))
    if through is not None:
        page = page.where(~_beyond(keys, tuple(through)))
    return list(db.execute(page.limit(None if limit is None else limit + 1)).all())


def _walk(
    db: Connection, walk: _Walk, season_id: int, query: Select, keys: Key, after, through, limit: int | None
) -> list:
    """The rows of `query` (ids and keys, from `after`, up to `through`) in the order of `keys`,
    `limit` + 1 of them at most: the season's performances (or the relays) in the order their part
    of the key gives (a few thousand, without their bookings), then the bookings of the first few,
    then of the next ones, twice as many each time, until the page is full. Each step's bookings
    come after the previous step's, so the first page of the default order reads about 8
    performances' bookings instead of sorting the whole season's. Performances (relays) tied on
    their part of the key are always read together (their bookings interleave)."""
    leading = keys[: walk.leading]
    if after is not None:
        query = query.where(_beyond(keys, after))
    if through is not None:
        query = query.where(~_beyond(keys, tuple(through)))
    column: Any
    itself: Any
    if walk.by_relay:
        column, entity, itself = Booking.relay_id, select(Relay.id), Relay.id
        # The relay's bookings of the season: its index first, the season's performances checked.
        query = query.where(unindexed(Booking.performance_id).in_(season_performance_ids(season_id)))
    else:  # the season's performances (joined to their show: a title can lead)
        column, entity, itself = Booking.performance_id, season_performance_ids(season_id), Performance.id
    groups = entity.add_columns(*_read(leading)).order_by(*_ordered(leading))
    if after is not None:
        groups = groups.where(_beyond(leading, after[: walk.leading], inclusive=True))
    if through is not None:
        groups = groups.where(~_beyond(leading, through[: walk.leading]))
    found = db.execute(groups).all()
    query = query.order_by(*_ordered(keys))
    wanted = None if limit is None else limit + 1
    rows: list = []
    start, size = 0, WALK_START
    while start < len(found) and (wanted is None or len(rows) < wanted):
        stop = min(start + size, len(found))
        while stop < len(found) and tuple(found[stop][1:]) == tuple(found[stop - 1][1:]):
            stop += 1  # tied with the last one taken: read together
        taken = [group[0] for group in found[start:stop]]
        # Said of the performances (relays) too: PostgreSQL then reads those few by index instead
        # of hashing all 30,000.
        step = query.where(among(column, taken), planner_only(among(itself, taken)))
        rows += db.execute(step if wanted is None else step.limit(wanted - len(rows))).all()
        start, size = stop, min(size * 2, ID_CHUNK)
    return rows


def _unprinted_per_booking(performances: Select):
    """The bookings of these performances with places booked and not printed, and how many:
    counted per booking from the index (performance_id, status, companion, booking_id), then each
    booking joined once to what names it (9,000 rows joined instead of 21,000 at a network's scale)."""
    return (
        select(Invitation.booking_id.label("booking_id"), func.count().label("n"))
        .where(Invitation.performance_id.in_(performances), Invitation.status == InvitationStatus.BOOKED)
        .group_by(Invitation.booking_id)
        .subquery()
    )
