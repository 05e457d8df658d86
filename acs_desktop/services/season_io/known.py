"""What the store already holds, read once at the start of an import check: names to match
(partners, relays, kinds, disciplines, halls, reasons), seasons, conventions and performances with
the places they already hold."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.states import HOLDING_STATUSES, PerformanceState
from acs_desktop.models import (
    Convention,
    Discipline,
    Invitation,
    NonUseReason,
    Partner,
    Performance,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
    Venue,
)
from acs_desktop.services.queries import up_to_partner
from acs_desktop.services.season_io.files import plain
from acs_desktop.services.season_io.records import ConventionRec, PerformanceRec, key


class Known:
    """The store as it is, inside the caller's transaction."""

    def __init__(self, s: Session):
        self.partners = {key(name): (pid, name) for pid, name in s.execute(select(Partner.id, Partner.name))}
        self.seasons = {
            label: (sid, any(texts))
            for sid, label, *texts in s.execute(
                select(
                    Season.id,
                    Season.label,
                    Season.review_objectives,
                    Season.review_highlights,
                    Season.review_relay_feedback,
                    Season.review_next_steps,
                    Season.review_gaps,
                )
            )
        }
        planned = dict(
            s.execute(
                select(SurplusAllocation.convention_id, func.sum(SurplusAllocation.planned_amount)).group_by(
                    SurplusAllocation.convention_id
                )
            ).all()
        )
        self.conventions = {
            (key(name), label): ConventionRec(
                key(name),
                label,
                c.state,
                c.places_committed,
                c.solidarity_subscribers,
                c.donations,
                c.place_value,
                c.signed_on,
                c.notes,
                c.id,
                planned.get(c.id) or Decimal("0.00"),
            )
            for c, name, label in s.execute(
                select(Convention, Partner.name, Season.label)
                .join(Partner, Partner.id == Convention.partner_id)
                .join(Season, Season.id == Convention.season_id)
            )
        }
        self.relays: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for rid, name, commune in s.execute(select(Relay.id, Relay.name, Relay.commune)):
            self.relays[key(name)].append((commune, rid))
        self.kinds = {key(n) for n in s.scalars(select(RelayType.name))}
        self.disciplines = {key(n) for n in s.scalars(select(Discipline.name))}
        self.reasons: dict[str, int] = {}
        self.reason_labels: list[str] = []
        for rid, label in s.execute(select(NonUseReason.id, NonUseReason.label).order_by(NonUseReason.position)):
            self.reasons[plain(label)] = rid
            self.reasons.setdefault(plain(label.split(" (")[0]), rid)  # "Appréhension" alone
            self.reason_labels.append(label)
        held = func.sum(case((Invitation.status.in_(HOLDING_STATUSES), 1), else_=0))
        held_by = dict(s.execute(select(Invitation.performance_id, held).group_by(Invitation.performance_id)).all())
        self.performances: dict[tuple, list[PerformanceRec]] = defaultdict(list)
        query = up_to_partner(select(Performance, Show.title, Partner.name, Season.label)).join(
            Season, Season.id == Convention.season_id
        )
        for p, title, partner, label in s.execute(query):
            rec = PerformanceRec(
                key(partner),
                label,
                title,
                "",
                "",
                p.starts_at,
                p.quota,
                p.booking_deadline,
                p.state is PerformanceState.CANCELLED,
                p.id,
                held_by.get(p.id, 0) or 0,
            )
            self.performances[(key(title), p.starts_at)].append(rec)
        self.venues = {
            (key(partner), key(name))
            for name, partner in s.execute(
                select(Venue.name, Partner.name).join(Partner, Partner.id == Venue.partner_id)
            )
        }
        self.shows = {
            (key(partner), label, key(title))
            for title, partner, label in s.execute(
                select(Show.title, Partner.name, Season.label)
                .join(Convention, Convention.id == Show.convention_id)
                .join(Partner, Partner.id == Convention.partner_id)
                .join(Season, Season.id == Convention.season_id)
            )
        }
