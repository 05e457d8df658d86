"""Read-only lists of bookings, invitations and the waiting list, for the window and the prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from acs_desktop.domain import ticket_codes
from acs_desktop.models import (
    Booking,
    Convention,
    Invitation,
    InvitationStatus,
    NonUseReason,
    Partner,
    Performance,
    Referent,
    Relay,
    Show,
    WaitingEntry,
    WaitingStatus,
)
from acs_desktop.services.base import Service
from acs_desktop.services.queries import season_performance_ids


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


def _status_sum(status: InvitationStatus):
    return func.sum(case((Invitation.status == status, 1), else_=0))


class BookingListService(Service):
    def list_bookings(self, season_id: int, *, performance_id: int | None = None, relay_id: int | None = None) -> list[BookingRow]:
        counts = (
            select(
                Invitation.booking_id.label("booking_id"),
                *(_status_sum(s).label(s.value) for s in InvitationStatus),
            )
            .where(Invitation.performance_id.in_(season_performance_ids(season_id)))
            .group_by(Invitation.booking_id)
            .subquery()
        )
        query = (
            select(  # columns, not ORM objects: a season lists thousands of bookings
                Booking.id, Booking.performance_id, Show.title, Partner.name, Performance.starts_at, Booking.relay_id, Relay.name,
                func.coalesce(Referent.name, ""), Booking.created_at, Booking.places,
                *(counts.c[s.value] for s in InvitationStatus),
                Booking.deadline_override, Booking.names_on_tickets,
            )
            .join(Performance, Performance.id == Booking.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .join(Convention, Convention.id == Show.convention_id)
            .join(Partner, Partner.id == Convention.partner_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .outerjoin(Referent, Referent.id == Booking.referent_id)
            .join(counts, counts.c.booking_id == Booking.id)
            .where(Convention.season_id == season_id)
            .order_by(Performance.starts_at, Relay.name, Booking.id)
        )
        if performance_id is not None:
            query = query.where(Booking.performance_id == performance_id)
        if relay_id is not None:
            query = query.where(Booking.relay_id == relay_id)
        with self._reading() as session:
            return [BookingRow(*row) for row in session.execute(query)]

    def invitations_of(self, booking_id: int) -> list[InvitationRow]:
        query = (
            select(Invitation, NonUseReason.label)
            .outerjoin(NonUseReason, NonUseReason.id == Invitation.reason_id)
            .where(Invitation.booking_id == booking_id)
            .order_by(Invitation.id)
        )
        with self._reading() as session:
            return [
                InvitationRow(i.id, i.booking_id, i.code, i.status, i.first_name, i.print_count, reason or "", i.comment)
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
                WaitingRow(w.id, w.performance_id, title, starts_at, w.relay_id, relay, w.places, w.offered_places, w.status, w.created_at)
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
            return CodeLookup(i.id, i.booking_id, i.code, i.status, i.performance_id, title, starts_at, relay, season_id)
