"""Read-only lists of bookings, invitations and the waiting list, for the window and the prints."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select

from acs_desktop.db.sql import among, day_and_time, fold, position, time_of_day
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

    def booking_ids(
        self,
        season_id: int,
        *,
        text: str = "",
        order: str | None = None,
        descending: bool = False,
        performance_id: int | None = None,
        relay_id: int | None = None,
    ) -> list[int]:
        """The ids of the season's bookings, in the list's order or by `order` (one of
        `BOOKING_ORDERS`), keeping those whose show, relay, date or booking date, as shown,
        contain `text` (case-insensitive). Light: the window fetches the rows it shows."""
        if order is not None and order not in BOOKING_ORDERS:
            raise ValueError(f"unknown order {order!r}")
        words = text.strip().casefold()
        query = (
            select(Booking.id)
            .join(Performance, Performance.id == Booking.performance_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .where(Booking.performance_id.in_(season_performance_ids(season_id)))
        )
        if words or order == "show":  # the show's title only when needed: one join less on 12,000 rows
            query = query.join(Show, Show.id == Performance.show_id)
        if performance_id is not None:
            query = query.where(Booking.performance_id == performance_id)
        if relay_id is not None:
            query = query.where(Booking.relay_id == relay_id)
        if words:
            shown = fold(Show.title + "\n" + Relay.name)
            if set(words) <= DATE_CHARACTERS:  # only then can the dates, as shown, contain the words
                shown = shown + "\n" + day_and_time(Performance.starts_at) + "\n" + day_and_time(Booking.created_at)
            query = query.where(position(shown, words) > 0)
        default = (Performance.starts_at, Relay.name, Booking.id)
        if order is None:
            query = query.order_by(*default)
        else:
            key = self._order_key(order)
            query = query.order_by(key.desc() if descending else key, *default)
        with self._reading() as session:  # on the connection: plain ids, no ORM result machinery (12,600 rows)
            return session.connection().execute(query).scalars().all()

    @staticmethod
    def _order_key(order: str):
        if order in COUNT_ORDERS:
            return (
                select(func.count())
                .where(Invitation.booking_id == Booking.id, Invitation.status.in_(COUNT_ORDERS[order]))
                .correlate(Booking)
                .scalar_subquery()
            )
        return {
            "number": Booking.id,
            "date": Performance.starts_at,
            "time": time_of_day(Performance.starts_at),
            "show": fold(Show.title),
            "relay": fold(Relay.name),
            "created": Booking.created_at,
        }[order]

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
        # The bookings with a place booked: counted as they come in the index (performance_id,
        # status, booking_id), without grouping 150,000 invitations by booking first.
        query = select(func.count(Invitation.booking_id.distinct())).where(
            Invitation.performance_id.in_(season_performance_ids(season_id)),
            Invitation.status == InvitationStatus.BOOKED,
        )
        with self._reading() as session:
            bookings = session.scalar(query) or 0
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


def _unprinted_per_booking(performances: Select):
    """The bookings of these performances with places booked and not printed, and how many: counted
    per booking from the index (performance_id, status, booking_id), then each booking joined once to
    what names it (9,000 rows joined instead of 21,000 at a network's scale)."""
    return (
        select(Invitation.booking_id.label("booking_id"), func.count().label("n"))
        .where(Invitation.performance_id.in_(performances), Invitation.status == InvitationStatus.BOOKED)
        .group_by(Invitation.booking_id)
        .subquery()
    )
