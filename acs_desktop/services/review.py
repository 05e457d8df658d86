"""The season's key figures, computed by SQL aggregation (never stored counters)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, distinct, func, select

from acs_desktop.domain.funding import places_funded
from acs_desktop.models import (
    Booking,
    Convention,
    Invitation,
    InvitationStatus,
    Performance,
    PerformanceState,
    Season,
    Show,
)
from acs_desktop.services.base import Service, get_or_refuse

ISSUED_STATUSES = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)


@dataclass(frozen=True)
class KeyFigures:
    season_label: str
    partners: int
    conventions: int
    shows: int
    performances: int
    relays_active: int
    solidarity_subscribers: int
    donations: Decimal
    places_committed: int
    places_offered: int
    places_funded: int
    booked: int
    issued: int
    used: int
    unused: int
    cancelled: int
    issued_past: int  # issued for performances that have taken place

    @property
    def participation_rate(self) -> float | None:
        """Used ÷ issued, over performances that have taken place (None before any)."""
        return self.used / self.issued_past if self.issued_past else None


class ReviewService(Service):
    def key_figures(self, season_id: int) -> KeyFigures:
        with self._reading() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            conventions = session.execute(
                select(Convention.partner_id, Convention.solidarity_subscribers, Convention.donations, Convention.place_value, Convention.places_committed)
                .where(Convention.season_id == season_id)
            ).all()
            performances = (
                select(Performance.id, Performance.quota, Performance.state, Performance.starts_at, Show.id.label("show_id"))
                .join(Show, Show.id == Performance.show_id)
                .join(Convention, Convention.id == Show.convention_id)
                .where(Convention.season_id == season_id)
                .subquery()
            )
            n_shows, n_perf, offered = session.execute(
                select(
                    func.count(distinct(performances.c.show_id)),
                    func.count(performances.c.id),
                    func.coalesce(func.sum(case((performances.c.state == PerformanceState.ON_OFFER, performances.c.quota), else_=0)), 0),
                )
            ).one()
            past = performances.c.starts_at <= self._now()
            rows = session.execute(
                select(Invitation.status, past, func.count())
                .join(performances, performances.c.id == Invitation.performance_id)
                .group_by(Invitation.status, past)
            ).all()
            by_status: dict[InvitationStatus, int] = {}
            for status, _is_past, n in rows:
                by_status[status] = by_status.get(status, 0) + n
            issued_past = sum(n for status, is_past, n in rows if is_past and status in ISSUED_STATUSES)
            relays = session.scalar(
                select(func.count(distinct(Booking.relay_id))).where(Booking.performance_id.in_(select(performances.c.id)))
            )
        get = lambda s: by_status.get(s, 0)  # noqa: E731
        used, unused, issued = get(InvitationStatus.USED), get(InvitationStatus.UNUSED), get(InvitationStatus.ISSUED)
        return KeyFigures(
            season_label=season.label,
            partners=len({c.partner_id for c in conventions}),
            conventions=len(conventions),
            shows=n_shows,
            performances=n_perf,
            relays_active=relays,
            solidarity_subscribers=sum(c.solidarity_subscribers for c in conventions),
            donations=sum((c.donations for c in conventions), Decimal("0.00")),
            places_committed=sum(c.places_committed for c in conventions),
            places_offered=offered,
            places_funded=sum(places_funded(c.donations, c.place_value) for c in conventions),
            booked=get(InvitationStatus.BOOKED) + issued + used + unused,
            issued=issued + used + unused,
            used=used,
            unused=unused,
            cancelled=get(InvitationStatus.CANCELLED),
            issued_past=issued_past,
        )
