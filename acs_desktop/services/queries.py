"""Query pieces shared by several services.

Counting invitations: `GROUP BY …, status` with `count(*)` reads the covering index
(performance_id, status, companion, booking_id) in order and returns a few rows per performance or relay;
the statuses are then added up in Python (`status_counts`). It is several times faster than
`sum(CASE WHEN status …)` evaluated on every invitation of a season.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from acs_desktop.db.sql import planner_only
from acs_desktop.domain.review import PlaceCounts
from acs_desktop.domain.states import HOLDING_STATUSES, InvitationStatus
from acs_desktop.models import Booking, Convention, Invitation, NonUseReason, Partner, Performance, Show

ISSUED_STATUSES = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)
PerStatus = list[tuple[InvitationStatus, int]]


def up_to_partner(query: Select) -> Select:
    """`query` joined from Performance through its show and convention to the partner: the way
    every list names a performance (« Titre » — Partenaire)."""
    return (
        query.join(Show, Show.id == Performance.show_id)
        .join(Convention, Convention.id == Show.convention_id)
        .join(Partner, Partner.id == Convention.partner_id)
    )


def season_performance_ids(season_id: int | None) -> Select:
    """SELECT of the ids of the season's performances (for `IN (…)` filters)."""
    return (
        select(Performance.id)
        .join(Show, Show.id == Performance.show_id)
        .join(Convention, Convention.id == Show.convention_id)
        .where(Convention.season_id == season_id)
    )


def status_counts(
    per_status: Iterable[tuple[InvitationStatus, int]], issued_past: int = 0, never_issued: int = 0
) -> PlaceCounts:
    """PlaceCounts from the number of invitations in each status (and, for the performances
    already past, how many were issued and how many stayed booked, never issued)."""
    n = dict.fromkeys(InvitationStatus, 0)
    for status, count in per_status:
        n[status] += count
    return PlaceCounts(  # map, not a generator: a season's review calls this for every performance and relay
        booked=sum(map(n.__getitem__, HOLDING_STATUSES)),
        issued=sum(map(n.__getitem__, ISSUED_STATUSES)),
        used=n[InvitationStatus.USED],
        unused=n[InvitationStatus.UNUSED],
        cancelled=n[InvitationStatus.CANCELLED],
        issued_past=issued_past,
        never_issued=never_issued,
    )


def counts_by_performance(session: Session, performance_ids: Select) -> dict[int, PerStatus]:
    """Per performance: how many invitations in each status."""
    found: dict[int, PerStatus] = defaultdict(list)
    query = (
        select(Invitation.performance_id, Invitation.status, func.count())
        .where(Invitation.performance_id.in_(performance_ids))
        .group_by(Invitation.performance_id, Invitation.status)
    )
    for performance_id, status, count in session.execute(query):
        found[performance_id].append((status, count))
    return found


def invitations_with_bookings(query: Select, performance_ids: Select) -> Select:
    """`query` over the invitations of these performances joined to their bookings. The bookings
    are chosen by the same performances too (an invitation's performance is its booking's): it
    changes no row, but PostgreSQL then reads the season's bookings by their index instead of
    every booking of every season; SQLite, which reads each invitation's booking by its key, is
    left without it (`planner_only`)."""
    return (
        query.select_from(Invitation)
        .join(Booking, Booking.id == Invitation.booking_id)
        .where(
            Invitation.performance_id.in_(performance_ids), planner_only(Booking.performance_id.in_(performance_ids))
        )
    )


@dataclass(frozen=True)
class RelayActivity:
    places: PlaceCounts
    last_booking: datetime | None


def counts_by_relay(session: Session, performance_ids: Select, now: datetime) -> dict[int, RelayActivity]:
    """Per relay that holds invitations for these performances: what became of them (the
    issued ones of performances past at `now` apart), and when it last booked. One pass over
    the invitations, grouped by relay, status and whether the performance is past."""
    per_status: dict[int, PerStatus] = defaultdict(list)
    last: dict[int, datetime] = {}
    issued_past: dict[int, int] = defaultdict(int)
    never_issued: dict[int, int] = defaultdict(int)
    past = Invitation.performance_id.in_(performance_ids.where(Performance.starts_at <= now)).label("past")
    query = invitations_with_bookings(
        select(Booking.relay_id, Invitation.status, past, func.count(), func.max(Booking.created_at)), performance_ids
    ).group_by(Booking.relay_id, Invitation.status, past)
    for relay_id, status, is_past, count, latest in session.execute(query):
        per_status[relay_id].append((status, count))
        last[relay_id] = max(last.get(relay_id, latest), latest)
        if is_past and status is InvitationStatus.BOOKED:
            never_issued[relay_id] += count
        elif is_past and status in ISSUED_STATUSES:
            issued_past[relay_id] += count
    return {
        relay_id: RelayActivity(status_counts(counts, issued_past[relay_id], never_issued[relay_id]), last[relay_id])
        for relay_id, counts in per_status.items()
    }


def without_notice_by_relay(session: Session, performance_ids: Select, relay_id: int | None = None) -> dict[int, int]:
    """Per relay: its places unused for these performances for a reason that counts as « sans
    prévenir » (the reasons list says which). Counted against the relay: no person is stored."""
    query = (
        select(Booking.relay_id, func.count())
        .select_from(Invitation)
        .join(Booking, Booking.id == Invitation.booking_id)
        .join(NonUseReason, NonUseReason.id == Invitation.reason_id)
        .where(
            Invitation.performance_id.in_(performance_ids),
            Invitation.status == InvitationStatus.UNUSED,
            NonUseReason.without_notice.is_(True),
        )
        .group_by(Booking.relay_id)
    )
    if relay_id is not None:
        query = query.where(Booking.relay_id == relay_id)
    return {relay: count for relay, count in session.execute(query)}


def companion_counts(session: Session, performance_ids: Select) -> tuple[int, int]:
    """(booked, used): the companions' places among those held and those used for these performances."""
    query = (
        select(Invitation.status, func.count())
        .where(
            Invitation.performance_id.in_(performance_ids),
            Invitation.companion.is_(True),
            Invitation.status.in_(HOLDING_STATUSES),
        )
        .group_by(Invitation.status)
    )
    per_status = dict(session.execute(query).all())
    return sum(per_status.values()), per_status.get(InvitationStatus.USED, 0)
