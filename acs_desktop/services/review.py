"""The season review, computed by SQL aggregation (GROUP BY), never from stored counters nor
from loops over invitations; and the qualitative text the director saves with the season.

Two aggregate queries carry the review, each counting the season's invitations once, from the
covering indexes: the places per performance and status (then summed by partner, discipline,
month and for the whole season, over a few hundred performance lines), and the places per
relay and status (then summed by kind of relay and by commune). Each figure is defined once,
in French, in `acs_desktop.domain.review.FIGURES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.funding import places_funded, places_uncovered, shortfall, surplus
from acs_desktop.domain.relays import charter_status
from acs_desktop.domain.review import (
    TRENDS_MAX,
    ZERO,
    AllocationLine,
    DisciplineLine,
    GroupLine,
    MonthLine,
    PartnerLine,
    PlaceCounts,
    ReasonLine,
    RelayLine,
    SeasonFigures,
    SeasonNarrative,
    SeasonReview,
    TrendLine,
)
from acs_desktop.domain.seasons import previous_season_label
from acs_desktop.domain.states import ConventionState, InvitationStatus, PerformanceState
from acs_desktop.domain.validation import optional_text
from acs_desktop.models import (
    AssociationSettings,
    Booking,
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
)
from acs_desktop.services.base import Service, get_or_refuse
from acs_desktop.services.feedback import season_quotes
from acs_desktop.services.mediation import mediation_review, mediation_totals
from acs_desktop.services.queries import (
    ISSUED_STATUSES,
    companion_counts,
    counts_by_performance,
    counts_by_relay,
    season_performance_ids,
    status_counts,
)

NARRATIVE_MAX = 8000
NO_DISCIPLINE = "Sans discipline"
NO_TYPE = "Type non renseigné"
NO_COMMUNE = "Commune non renseignée"

# Kept for the callers of the first version (self-test, demo tests).
KeyFigures = SeasonFigures


@dataclass(frozen=True)
class _PerformanceLine:
    """One performance of the season (or a show not yet scheduled: `id` None) and its places."""

    id: int | None
    quota: int
    state: PerformanceState | None
    starts_at: datetime | None
    show_id: int
    discipline_id: int | None
    discipline: str | None
    convention_id: int
    places: PlaceCounts


@dataclass
class _Sum:
    """Performance lines summed (what `GROUP BY` gave in SQL, over a few hundred lines)."""

    shows: set = field(default_factory=set)
    performances: int = 0
    performances_cancelled: int = 0
    offered: int = 0
    counts: list[PlaceCounts] = field(default_factory=list)

    def add(self, line: _PerformanceLine) -> None:
        self.shows.add(line.show_id)
        if line.state is PerformanceState.ON_OFFER:
            self.performances += 1
            self.offered += line.quota
        elif line.state is PerformanceState.CANCELLED:
            self.performances_cancelled += 1
        self.counts.append(line.places)

    @cached_property
    def places(self) -> PlaceCounts:
        return PlaceCounts.total(self.counts)


def _sums(lines: Iterable[_PerformanceLine], key: Callable[[_PerformanceLine], Hashable]) -> dict[Hashable, _Sum]:
    sums: dict[Hashable, _Sum] = defaultdict(_Sum)
    for line in lines:
        sums[key(line)].add(line)
    return sums


class _SeasonQueries:
    """The aggregate queries of one season, inside one read transaction."""

    def __init__(self, session: Session, season: Season, now: datetime):
        self.s = session
        self.season = season
        self.now = now
        # The season's performances: the ids that every count of invitations is restricted to.
        self.performance_ids = season_performance_ids(season.id)

    # --- places per performance ---------------------------------------------------------------
    @cached_property
    def performance_lines(self) -> list[_PerformanceLine]:
        """Every show of the season with its performances (a show not yet scheduled counts as a
        show), each with its places: invitations counted per performance and status, one pass
        over the index (performance_id, status, …)."""
        per_status = counts_by_performance(self.s, self.performance_ids)
        shows = (
            select(
                Performance.id,
                Performance.quota,
                Performance.state,
                Performance.starts_at,
                Show.id,
                Show.discipline_id,
                Discipline.name,
                Convention.id,
            )
            .select_from(Show)
            .join(Convention, Convention.id == Show.convention_id)
            .outerjoin(Performance, Performance.show_id == Show.id)
            .outerjoin(Discipline, Discipline.id == Show.discipline_id)
            .where(Convention.season_id == self.season.id)
        )
        lines = []
        for pid, quota, state, starts_at, show_id, discipline_id, discipline, convention_id in self.s.execute(shows):
            counts = per_status.get(pid, ())
            past = starts_at is not None and starts_at <= self.now
            issued_past = sum(n for status, n in counts if status in ISSUED_STATUSES) if past else 0
            never_issued = sum(n for status, n in counts if status is InvitationStatus.BOOKED) if past else 0
            lines.append(
                _PerformanceLine(
                    pid,
                    quota or 0,
                    state,
                    starts_at,
                    show_id,
                    discipline_id,
                    discipline,
                    convention_id,
                    status_counts(counts, issued_past, never_issued),
                )
            )
        return lines

    def total(self) -> _Sum:
        return _sums(self.performance_lines, lambda _line: None).get(None, _Sum())

    # --- places per relay -------------------------------------------------------------------
    @cached_property
    def relay_places(self) -> dict[int, PlaceCounts]:
        """Per relay that booked this season: its places (invitations counted per relay and status)."""
        return {
            relay_id: activity.places
            for relay_id, activity in counts_by_relay(self.s, self.performance_ids, self.now).items()
        }

    @cached_property
    def relays(self) -> list[tuple[int, str, str | None, str]]:
        """(id, name, kind, commune) of the relays that booked this season, by name then commune."""
        ids = list(self.relay_places)
        found = []
        for start in range(0, len(ids), 500):
            found += self.s.execute(
                select(Relay.id, Relay.name, RelayType.name, Relay.commune)
                .outerjoin(RelayType, RelayType.id == Relay.relay_type_id)
                .where(Relay.id.in_(ids[start : start + 500]))
            ).all()
        return sorted(found, key=lambda r: (r[1], r[3]))

    def _groups(
        self, key: Callable[[tuple], str | None], order: Callable[[str | None, int], tuple], blank: str
    ) -> tuple[GroupLine, ...]:
        groups: dict[str | None, list[PlaceCounts]] = defaultdict(list)
        for relay in self.relays:
            groups[key(relay)].append(self.relay_places[relay[0]])
        ordered = sorted(groups.items(), key=lambda item: order(item[0], len(item[1])))
        return tuple(GroupLine(name or blank, len(places), PlaceCounts.total(places)) for name, places in ordered)

    # --- conventions ----------------------------------------------------------------------
    @cached_property
    def conventions(self):
        return self.s.execute(
            select(Convention, Partner.name)
            .join(Partner, Partner.id == Convention.partner_id)
            .where(Convention.season_id == self.season.id)
            .order_by(Partner.name)
        ).all()

    @cached_property
    def allocations(self):
        a = SurplusAllocation
        return self.s.execute(
            select(
                Partner.name,
                a.convention_id,
                a.kind,
                func.sum(a.planned_amount).label("planned_amount"),
                func.sum(a.planned_places).label("planned_places"),
                func.sum(a.done_amount).label("done_amount"),
                func.sum(a.done_places).label("done_places"),
            )
            .join(Convention, Convention.id == a.convention_id)
            .join(Partner, Partner.id == Convention.partner_id)
            .where(Convention.season_id == self.season.id)
            .group_by(a.convention_id, a.kind, Partner.id)
            .order_by(Partner.name, a.kind)
        ).all()

    def reasons(self) -> dict[str, int]:
        rows = self.s.execute(
            select(NonUseReason.label, func.count())
            .select_from(Invitation)
            .join(NonUseReason, NonUseReason.id == Invitation.reason_id)
            .where(Invitation.performance_id.in_(self.performance_ids), Invitation.status == InvitationStatus.UNUSED)
            .group_by(NonUseReason.id)
            .order_by(func.count().desc(), NonUseReason.position)
        ).all()
        return dict(rows)

    def booking_relays(self) -> tuple[int, int, int]:
        """(relays, their communes, those who signed the charter in force) among the relays that
        booked this season: one read of their rows, each relay's charter judged by the one rule
        (`domain.relays.charter_status`)."""
        settings = self.s.get(AssociationSettings, 1)
        current = settings.charter_version if settings else 1
        # DISTINCT: PostgreSQL otherwise reads every booking of each relay, all seasons (60 ms → 5 ms).
        booked = select(Booking.relay_id).distinct().where(Booking.performance_id.in_(self.performance_ids))
        rows = self.s.execute(
            select(Relay.commune, Relay.charter_version, Relay.charter_signed_on).where(Relay.id.in_(booked))
        ).all()
        communes = {commune for commune, _version, _signed_on in rows if commune is not None}
        signed = sum(
            1 for _commune, version, signed_on in rows if charter_status(version, signed_on, current).is_current
        )
        return len(rows), len(communes), signed

    # --- the key figures --------------------------------------------------------------------
    def figures(self) -> SeasonFigures:
        total = self.total()
        places = total.places
        conventions = self.conventions
        allocations = self.allocations
        relays, communes, charter_current = self.booking_relays()
        disciplines = len({line.discipline_id for line in self.performance_lines if line.discipline_id is not None})
        companions_booked, companions_used = companion_counts(self.s, self.performance_ids)
        mediation_actions, mediation_people = mediation_totals(self.mediation[0])
        return SeasonFigures(
            season_label=self.season.label,
            partners=len({c.partner_id for c, _ in conventions}),
            conventions=len(conventions),
            conventions_signed=sum(1 for c, _ in conventions if c.state is not ConventionState.DRAFT),
            shows=len(total.shows),
            performances=total.performances,
            performances_cancelled=total.performances_cancelled,
            disciplines=disciplines,
            relays_active=relays,
            relay_communes=communes,
            relays_charter_current=charter_current,
            solidarity_subscribers=sum(c.solidarity_subscribers for c, _ in conventions),
            donations=sum((c.donations for c, _ in conventions), ZERO),
            places_committed=sum(c.places_committed for c, _ in conventions),
            places_funded=sum(places_funded(c.donations, c.place_value) for c, _ in conventions),
            places_offered=total.offered,
            booked=places.booked,
            issued=places.issued,
            used=places.used,
            unused=places.unused,
            cancelled=places.cancelled,
            issued_past=places.issued_past,
            never_issued=places.never_issued,
            surplus=sum((surplus(c.donations, c.place_value, c.places_committed) for c, _ in conventions), ZERO),
            places_uncovered=sum(
                places_uncovered(c.donations, c.place_value, c.places_committed) for c, _ in conventions
            ),
            shortfall=sum((shortfall(c.donations, c.place_value, c.places_committed) for c, _ in conventions), ZERO),
            surplus_planned=sum((a.planned_amount or ZERO for a in allocations), ZERO),
            surplus_done=sum((a.done_amount or ZERO for a in allocations), ZERO),
            companions_booked=companions_booked,
            companions_used=companions_used,
            mediation_actions=mediation_actions,
            mediation_people=mediation_people,
        )

    @cached_property
    def mediation(self):
        """The season's mediation actions: per kind, and one by one."""
        return mediation_review(self.s, self.season.id)

    # --- the breakdowns -------------------------------------------------------------------
    def partner_lines(self) -> tuple[PartnerLine, ...]:
        counts = _sums(self.performance_lines, lambda line: line.convention_id)
        planned: dict[int, Decimal] = {}
        done: dict[int, Decimal] = {}
        for a in self.allocations:
            planned[a.convention_id] = planned.get(a.convention_id, ZERO) + (a.planned_amount or ZERO)
            done[a.convention_id] = done.get(a.convention_id, ZERO) + (a.done_amount or ZERO)
        lines = []
        for c, name in self.conventions:
            row = counts.get(c.id)
            lines.append(
                PartnerLine(
                    partner=name,
                    state=c.state.label,
                    shows=len(row.shows) if row else 0,
                    performances=row.performances if row else 0,
                    places_committed=c.places_committed,
                    places_offered=row.offered if row else 0,
                    solidarity_subscribers=c.solidarity_subscribers,
                    donations=c.donations,
                    place_value=c.place_value,
                    places_funded=places_funded(c.donations, c.place_value),
                    surplus=surplus(c.donations, c.place_value, c.places_committed),
                    places_uncovered=places_uncovered(c.donations, c.place_value, c.places_committed),
                    shortfall=shortfall(c.donations, c.place_value, c.places_committed),
                    surplus_planned=planned.get(c.id, ZERO),
                    surplus_done=done.get(c.id, ZERO),
                    places=row.places if row else PlaceCounts(),
                )
            )
        return tuple(lines)

    def allocation_lines(self) -> tuple[AllocationLine, ...]:
        return tuple(
            AllocationLine(
                a.name, a.kind.label, a.planned_amount or ZERO, a.planned_places or 0, a.done_amount, a.done_places
            )
            for a in self.allocations
        )

    def relay_lines(self) -> tuple[RelayLine, ...]:
        return tuple(
            RelayLine(name, kind or NO_TYPE, commune or NO_COMMUNE, self.relay_places[rid])
            for rid, name, kind, commune in self.relays
        )

    def relay_type_lines(self) -> tuple[GroupLine, ...]:
        return self._groups(lambda r: r[2], lambda name, n: (name is None, -n, name or ""), NO_TYPE)

    def commune_lines(self) -> tuple[GroupLine, ...]:
        return self._groups(lambda r: r[3], lambda name, n: (name == "", -n, name), NO_COMMUNE)

    def discipline_lines(self) -> tuple[DisciplineLine, ...]:
        sums = _sums(self.performance_lines, lambda line: line.discipline)
        ordered = sorted(sums.items(), key=lambda item: (item[0] is None, -item[1].places.booked, item[0] or ""))
        return tuple(
            DisciplineLine(name or NO_DISCIPLINE, len(s.shows), s.performances, s.offered, s.places)
            for name, s in ordered
        )

    def month_lines(self) -> tuple[MonthLine, ...]:
        scheduled = [line for line in self.performance_lines if line.starts_at is not None]
        sums = _sums(scheduled, lambda line: date(line.starts_at.year, line.starts_at.month, 1))
        return tuple(MonthLine(month, s.performances, s.offered, s.places) for month, s in sorted(sums.items()))


class ReviewService(Service):
    def key_figures(self, season_id: int) -> SeasonFigures:
        with self._reading() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            return _SeasonQueries(session, season, self._now()).figures()

    def review(self, season_id: int, *, as_of: datetime | None = None) -> SeasonReview:
        """The whole review of a season, beside the previous season's key figures; as of now, or
        of `as_of` (a report's date, to check that its figures still hold)."""
        now = as_of or self._now()
        with self._reading() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            # Held for the call: each season's figures then find the settings in the session's
            # identity map (weak: it forgets an object nobody holds) instead of reading them again.
            settings = session.get(AssociationSettings, 1)  # noqa: F841
            q = _SeasonQueries(session, season, now)
            figures = q.figures()
            before = session.scalar(select(Season).where(Season.label == previous_season_label(season.label)))
            previous = previous_reasons = None
            if before is not None:
                past = _SeasonQueries(session, before, now)
                previous, previous_reasons = past.figures(), past.reasons()
            reasons = q.reasons()
            labels = list(reasons) + [r for r in (previous_reasons or {}) if r not in reasons]
            return SeasonReview(
                season_label=season.label,
                as_of=now,
                figures=figures,
                previous=previous,
                partners=q.partner_lines(),
                allocations=q.allocation_lines(),
                relays=q.relay_lines(),
                relay_types=q.relay_type_lines(),
                communes=q.commune_lines(),
                disciplines=q.discipline_lines(),
                months=q.month_lines(),
                reasons=tuple(
                    ReasonLine(
                        label,
                        reasons.get(label, 0),
                        (reasons.get(label, 0) / figures.unused) if figures.unused else None,
                        None if previous_reasons is None else previous_reasons.get(label, 0),
                    )
                    for label in labels
                ),
                narrative=_narrative(season),
                trends=_trends(session, season, now, figures, previous),
                mediation_kinds=q.mediation[0],
                mediation=q.mediation[1],
                quotes=season_quotes(session, season.id),
            )

    # --- the qualitative part -------------------------------------------------------------
    def narrative(self, season_id: int) -> SeasonNarrative:
        with self._reading() as session:
            return _narrative(get_or_refuse(session, Season, season_id, "Cette saison"))

    def save_narrative(self, season_id: int, narrative: SeasonNarrative) -> SeasonNarrative:
        clean = SeasonNarrative(
            objectives=optional_text(narrative.objectives, "Objectifs", "objectives", NARRATIVE_MAX, multiline=True),
            highlights=optional_text(
                narrative.highlights, "Faits marquants", "highlights", NARRATIVE_MAX, multiline=True
            ),
            relay_feedback=optional_text(
                narrative.relay_feedback, "Retours des relais", "relay_feedback", NARRATIVE_MAX, multiline=True
            ),
            next_steps=optional_text(
                narrative.next_steps, "Actions pour la saison prochaine", "next_steps", NARRATIVE_MAX, multiline=True
            ),
            gaps=optional_text(narrative.gaps, "Explication des écarts", "gaps", NARRATIVE_MAX, multiline=True),
        )
        with self._writing() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            season.review_objectives, season.review_highlights = clean.objectives, clean.highlights
            season.review_relay_feedback, season.review_next_steps, season.review_gaps = (
                clean.relay_feedback,
                clean.next_steps,
                clean.gaps,
            )
            self._log(
                session, "update", "season", season_id, f"Bilan qualitatif de la saison {season.label} enregistré"
            )
            return clean


def _trends(
    session: Session, season: Season, now: datetime, figures: SeasonFigures, previous: SeasonFigures | None
) -> tuple[TrendLine, ...]:
    """The last seasons up to this one (at most `TRENDS_MAX`), oldest first: from the oldest
    season in the store among the last labels, each label a line, so that a season missing in
    between reads as such; each season's figures are its own key figures (`_SeasonQueries.figures`)."""
    labels = [season.label]
    for _ in range(TRENDS_MAX - 1):
        labels.insert(0, previous_season_label(labels[0]))
    stored = {s.label: s for s in session.scalars(select(Season).where(Season.label.in_(labels)))}
    while labels[0] not in stored:
        labels.pop(0)
    known = {season.label: figures} | ({previous.season_label: previous} if previous is not None else {})
    lines = []
    for label in labels:
        other = stored.get(label)
        if label in known:
            lines.append(TrendLine(label, known[label]))
        else:
            lines.append(TrendLine(label, _SeasonQueries(session, other, now).figures() if other else None))
    return tuple(lines)


def _narrative(season: Season) -> SeasonNarrative:
    return SeasonNarrative(
        season.review_objectives,
        season.review_highlights,
        season.review_relay_feedback,
        season.review_next_steps,
        season.review_gaps,
    )
