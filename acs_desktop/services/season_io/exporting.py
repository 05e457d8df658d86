"""A season as spreadsheet tables (the same files an import reads): partners, conventions,
relays, offers, bookings, surplus allocations and the qualitative text.

Bookings are written from counts per booking, status and reason (SQL GROUP BY). A booking whose
places ended differently is written on several lines (one per reason for non-use, one for places
not yet recorded), so that importing the files gives back the same figures. First names are
never exported.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.states import InvitationStatus, PerformanceState
from acs_desktop.models import (
    Booking,
    Convention,
    Discipline,
    Invitation,
    NonUseReason,
    Partner,
    PartnerContact,
    Performance,
    Referent,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
    Venue,
)
from acs_desktop.services.queries import up_to_partner
from acs_desktop.services.season_io.files import Cell


def season_tables(session: Session, season: Season) -> dict[str, list[list[Cell]]]:
    season_conventions = select(Convention.id).where(Convention.season_id == season.id)
    performances = (
        select(Performance.id)
        .join(Show, Show.id == Performance.show_id)
        .where(Show.convention_id.in_(season_conventions))
    )
    tables = {
        "partenaires": _partners(session, season),
        "conventions": _conventions(session, season),
        "relais": _relays(session, performances),
        "offres": _offers(session, season),
        "reservations": _bookings(session, performances),
        "affectations": _allocations(session, season),
        "bilan": [
            [
                season.label,
                season.review_objectives,
                season.review_highlights,
                season.review_relay_feedback,
                season.review_next_steps,
                season.review_gaps,
            ]
        ],
    }
    return tables


def _first(model, owner_column, name_column):
    """The first (by name) contact or referent of each owner."""
    return (
        select(owner_column.label("owner_id"), func.min(name_column).label("name"))
        .group_by(owner_column)
        .subquery(model.__tablename__)
    )


def _partners(session: Session, season: Season) -> list[list[Cell]]:
    contact = _first(PartnerContact, PartnerContact.partner_id, PartnerContact.name)
    query = (
        select(Partner, contact.c.name)
        .outerjoin(contact, contact.c.owner_id == Partner.id)
        .where(Partner.id.in_(select(Convention.partner_id).where(Convention.season_id == season.id)))
        .order_by(Partner.name)
    )
    return [
        [p.name, p.address, p.postal_code, p.commune, name or "", p.phone, p.email]
        for p, name in session.execute(query)
    ]


def _conventions(session: Session, season: Season) -> list[list[Cell]]:
    query = (
        select(Convention, Partner.name)
        .join(Partner, Partner.id == Convention.partner_id)
        .where(Convention.season_id == season.id)
        .order_by(Partner.name)
    )
    return [
        [
            name,
            season.label,
            c.state.label,
            c.places_committed,
            c.solidarity_subscribers,
            c.donations,
            c.place_value,
            c.signed_on,
            c.notes,
        ]
        for c, name in session.execute(query)
    ]


def _relays(session: Session, performances) -> list[list[Cell]]:
    referent = _first(Referent, Referent.relay_id, Referent.name)
    query = (
        select(Relay, RelayType.name, referent.c.name)
        .outerjoin(RelayType, RelayType.id == Relay.relay_type_id)
        .outerjoin(referent, referent.c.owner_id == Relay.id)
        .where(Relay.id.in_(select(Booking.relay_id).where(Booking.performance_id.in_(performances))))
        .order_by(Relay.name, Relay.commune)
    )
    return [
        [r.name, kind or "", r.commune, name or "", r.phone, r.email, r.active]
        for r, kind, name in session.execute(query)
    ]


def _offers(session: Session, season: Season) -> list[list[Cell]]:
    query = (
        select(Show.title, Discipline.name, Partner.name, Venue.name, Performance)
        .select_from(Show)
        .join(Convention, Convention.id == Show.convention_id)
        .join(Partner, Partner.id == Convention.partner_id)
        .outerjoin(Discipline, Discipline.id == Show.discipline_id)
        .outerjoin(Performance, Performance.show_id == Show.id)
        .outerjoin(Venue, Venue.id == Performance.venue_id)
        .where(Convention.season_id == season.id)
        .order_by(Performance.starts_at, Show.title)
    )
    rows = []
    for title, discipline, partner, venue, p in session.execute(query):
        if p is None:  # a show with no performance yet
            rows.append([title, discipline or "", partner, "", None, None, None, None, season.label, ""])
            continue
        cancelled = "oui" if p.state is PerformanceState.CANCELLED else ""
        rows.append(
            [
                title,
                discipline or "",
                partner,
                venue or "",
                p.starts_at.date(),
                p.starts_at.time(),
                p.quota,
                p.booking_deadline,
                season.label,
                cancelled,
            ]
        )
    return rows


def _bookings(session: Session, performances) -> list[list[Cell]]:
    counts = session.execute(
        select(Invitation.booking_id, Invitation.status, NonUseReason.label, func.count())
        .outerjoin(NonUseReason, NonUseReason.id == Invitation.reason_id)
        .where(Invitation.performance_id.in_(performances))
        .group_by(Invitation.booking_id, Invitation.status, NonUseReason.label)
    ).all()
    by_booking: dict[int, dict] = defaultdict(lambda: {"reasons": {}})
    for booking_id, status, reason, n in counts:
        entry = by_booking[booking_id]
        if status is InvitationStatus.UNUSED:
            entry["reasons"][reason or "Motif inconnu"] = entry["reasons"].get(reason or "Motif inconnu", 0) + n
        else:
            entry[status] = entry.get(status, 0) + n
    query = (
        up_to_partner(
            select(Booking.id, Show.title, Performance.starts_at, Partner.name, Relay.name, Relay.commune).join(
                Performance, Performance.id == Booking.performance_id
            )
        )
        .join(Relay, Relay.id == Booking.relay_id)
        .where(Booking.performance_id.in_(performances))
        .order_by(Performance.starts_at, Show.title, Relay.name, Booking.id)
    )
    rows = []
    for booking_id, title, starts_at, partner, relay, commune in session.execute(query):
        entry = by_booking.get(booking_id)
        if entry is None:
            continue
        head = [title, starts_at.date(), starts_at.time(), relay]
        tail = [partner, commune]
        for held, issued, used, reason, cancelled in booking_lines(entry):
            rows.append([*head, held, used, reason, *tail, issued, cancelled])
    return rows


def booking_lines(entry: dict) -> list[tuple[int, int, int | None, str, int]]:
    """(places, editees, presents, motif, annulees) lines that give back one booking's invitations."""
    used = entry.get(InvitationStatus.USED, 0)
    reasons = sorted(entry["reasons"].items())
    lines: list[list] = []
    if used or reasons:
        first_reason, first_n = reasons[0] if reasons else ("", 0)
        lines.append([used + first_n, used + first_n, used, first_reason, 0])
        lines += [[n, n, 0, reason, 0] for reason, n in reasons[1:]]
    issued = entry.get(InvitationStatus.ISSUED, 0)
    booked = entry.get(InvitationStatus.BOOKED, 0)
    if issued or booked or not lines:
        lines.append([issued + booked, issued, None, "", 0])
    lines[0][4] = entry.get(InvitationStatus.CANCELLED, 0)
    return [tuple(line) for line in lines]


def _allocations(session: Session, season: Season) -> list[list[Cell]]:
    query = (
        select(SurplusAllocation, Partner.name)
        .join(Convention, Convention.id == SurplusAllocation.convention_id)
        .join(Partner, Partner.id == Convention.partner_id)
        .where(Convention.season_id == season.id)
        .order_by(Partner.name, SurplusAllocation.id)
    )
    return [
        [
            name,
            season.label,
            a.kind.label,
            a.planned_amount or Decimal("0.00"),
            a.planned_places,
            a.done_amount,
            a.done_places,
            a.decided_on,
            a.done_on,
            a.note,
        ]
        for a, name in session.execute(query)
    ]
