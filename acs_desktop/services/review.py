"""The season review, computed by SQL aggregation (GROUP BY), never from stored counters nor
from loops over invitations; and the qualitative text the director saves with the season.

Every breakdown reads the same two subqueries: the season's performances (with their show,
discipline, convention and partner) and the invitations counted per performance. Each figure
is defined once, in French, in `acs_desktop.domain.review.FIGURES`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Select, and_, case, distinct, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.funding import places_funded, surplus
from acs_desktop.domain.review import (
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
)
from acs_desktop.domain.seasons import previous_season_label
from acs_desktop.domain.validation import optional_text
from acs_desktop.models import (
    HOLDING_STATUSES,
    AssociationSettings,
    Booking,
    Convention,
    ConventionState,
    Discipline,
    Invitation,
    InvitationStatus,
    NonUseReason,
    Partner,
    Performance,
    PerformanceState,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
)
from acs_desktop.services.base import Service, get_or_refuse

ISSUED_STATUSES = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)
NARRATIVE_MAX = 8000
NO_DISCIPLINE = "Sans discipline"
NO_TYPE = "Type non renseigné"
NO_COMMUNE = "Commune non renseignée"

# Kept for the callers of the first version (self-test, demo tests).
KeyFigures = SeasonFigures


def _count_if(condition, value=1):
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


class _SeasonQueries:
    """The aggregate queries of one season, inside one read transaction."""

    def __init__(self, session: Session, season: Season, now: datetime):
        self.s = session
        self.season = season
        self.now = now
        # Shows, with their performances if any (a show not yet scheduled still counts as a show).
        self.perf = (
            select(
                Performance.id.label("id"), Performance.quota.label("quota"), Performance.state.label("state"),
                Performance.starts_at.label("starts_at"), Show.id.label("show_id"), Show.discipline_id.label("discipline_id"),
                Convention.id.label("convention_id"),
            )
            .select_from(Show)
            .join(Convention, Convention.id == Show.convention_id)
            .outerjoin(Performance, Performance.show_id == Show.id)
            .where(Convention.season_id == season.id)
            .subquery("perf")
        )
        status = Invitation.status
        self.inv = (
            select(
                Invitation.performance_id.label("performance_id"),
                _count_if(status.in_(HOLDING_STATUSES)).label("booked"),
                _count_if(status.in_(ISSUED_STATUSES)).label("issued"),
                _count_if(status == InvitationStatus.USED).label("used"),
                _count_if(status == InvitationStatus.UNUSED).label("unused"),
                _count_if(status == InvitationStatus.CANCELLED).label("cancelled"),
            )
            .where(Invitation.performance_id.in_(select(self.perf.c.id).where(self.perf.c.id.is_not(None))))
            .group_by(Invitation.performance_id)
            .subquery("inv")
        )

    # --- by performance attributes (partner, discipline, month, whole season) ----------------
    def by(self, *keys) -> Select:
        p, i = self.perf, self.inv
        live = p.c.state == PerformanceState.ON_OFFER
        past = p.c.starts_at <= self.now
        return (
            select(
                *keys,
                func.count(distinct(p.c.show_id)).label("shows"),
                _count_if(live).label("performances"),
                _count_if(p.c.state == PerformanceState.CANCELLED).label("performances_cancelled"),
                _count_if(live, p.c.quota).label("offered"),
                func.coalesce(func.sum(i.c.booked), 0).label("booked"),
                func.coalesce(func.sum(i.c.issued), 0).label("issued"),
                func.coalesce(func.sum(i.c.used), 0).label("used"),
                func.coalesce(func.sum(i.c.unused), 0).label("unused"),
                func.coalesce(func.sum(i.c.cancelled), 0).label("cancelled"),
                _count_if(past, i.c.issued).label("issued_past"),
            )
            .select_from(p)
            .outerjoin(i, i.c.performance_id == p.c.id)
            .group_by(*keys)
        )

    @staticmethod
    def places(row) -> PlaceCounts:
        return PlaceCounts(row.booked, row.issued, row.used, row.unused, row.cancelled, row.issued_past)

    # --- by relay attributes ------------------------------------------------------------------
    def by_relay(self, *keys) -> Select:
        status = Invitation.status
        past = self.perf.c.starts_at <= self.now
        return (
            select(
                *keys,
                func.count(distinct(Relay.id)).label("relays"),
                _count_if(status.in_(HOLDING_STATUSES)).label("booked"),
                _count_if(status.in_(ISSUED_STATUSES)).label("issued"),
                _count_if(status == InvitationStatus.USED).label("used"),
                _count_if(status == InvitationStatus.UNUSED).label("unused"),
                _count_if(status == InvitationStatus.CANCELLED).label("cancelled"),
                _count_if(and_(status.in_(ISSUED_STATUSES), past)).label("issued_past"),
            )
            .select_from(Invitation)
            .join(self.perf, self.perf.c.id == Invitation.performance_id)
            .join(Booking, Booking.id == Invitation.booking_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .outerjoin(RelayType, RelayType.id == Relay.relay_type_id)
            .group_by(*keys)
        )

    # --- conventions ----------------------------------------------------------------------
    def conventions(self):
        return self.s.execute(
            select(Convention, Partner.name).join(Partner, Partner.id == Convention.partner_id)
            .where(Convention.season_id == self.season.id).order_by(Partner.name)
        ).all()

    def allocations(self):
        a = SurplusAllocation
        return self.s.execute(
            select(
                Partner.name, a.convention_id, a.kind,
                func.sum(a.planned_amount).label("planned_amount"), func.sum(a.planned_places).label("planned_places"),
                func.sum(a.done_amount).label("done_amount"), func.sum(a.done_places).label("done_places"),
            )
            .join(Convention, Convention.id == a.convention_id)
            .join(Partner, Partner.id == Convention.partner_id)
            .where(Convention.season_id == self.season.id)
            .group_by(a.convention_id, a.kind)
            .order_by(Partner.name, a.kind)
        ).all()

    def reasons(self) -> dict[str, int]:
        rows = self.s.execute(
            select(NonUseReason.label, func.count())
            .select_from(Invitation)
            .join(self.perf, self.perf.c.id == Invitation.performance_id)
            .join(NonUseReason, NonUseReason.id == Invitation.reason_id)
            .where(Invitation.status == InvitationStatus.UNUSED)
            .group_by(NonUseReason.id)
            .order_by(func.count().desc(), NonUseReason.position)
        ).all()
        return dict(rows)

    # --- the key figures --------------------------------------------------------------------
    def figures(self) -> SeasonFigures:
        total = self.s.execute(self.by()).one()
        conventions = self.conventions()
        allocations = self.allocations()
        relays = self.s.execute(
            select(func.count(distinct(Relay.id)).label("relays"), func.count(distinct(Relay.commune)).label("communes"))
            .select_from(Booking)
            .join(Relay, Relay.id == Booking.relay_id)
            .where(Booking.performance_id.in_(select(self.perf.c.id)))
        ).one()
        disciplines = self.s.scalar(select(func.count(distinct(self.perf.c.discipline_id))))
        return SeasonFigures(
            season_label=self.season.label,
            partners=len({c.partner_id for c, _ in conventions if c.state is not ConventionState.DRAFT}),
            conventions=len(conventions),
            shows=total.shows,
            performances=total.performances,
            performances_cancelled=total.performances_cancelled,
            disciplines=disciplines,
            relays_active=relays.relays,
            relay_communes=relays.communes,
            solidarity_subscribers=sum(c.solidarity_subscribers for c, _ in conventions),
            donations=sum((c.donations for c, _ in conventions), ZERO),
            places_committed=sum(c.places_committed for c, _ in conventions),
            places_funded=sum(places_funded(c.donations, c.place_value) for c, _ in conventions),
            places_offered=total.offered,
            booked=total.booked,
            issued=total.issued,
            used=total.used,
            unused=total.unused,
            cancelled=total.cancelled,
            issued_past=total.issued_past,
            surplus=sum((surplus(c.donations, c.place_value, c.places_committed) for c, _ in conventions), ZERO),
            surplus_planned=sum((a.planned_amount or ZERO for a in allocations), ZERO),
            surplus_done=sum((a.done_amount or ZERO for a in allocations), ZERO),
        )

    # --- the breakdowns -------------------------------------------------------------------
    def partner_lines(self) -> tuple[PartnerLine, ...]:
        counts = {row.convention_id: row for row in self.s.execute(self.by(self.perf.c.convention_id))}
        planned: dict[int, Decimal] = {}
        done: dict[int, Decimal] = {}
        for a in self.allocations():
            planned[a.convention_id] = planned.get(a.convention_id, ZERO) + (a.planned_amount or ZERO)
            done[a.convention_id] = done.get(a.convention_id, ZERO) + (a.done_amount or ZERO)
        lines = []
        for c, name in self.conventions():
            row = counts.get(c.id)
            lines.append(PartnerLine(
                partner=name, state=c.state.label,
                shows=row.shows if row else 0, performances=row.performances if row else 0,
                places_committed=c.places_committed, places_offered=row.offered if row else 0,
                solidarity_subscribers=c.solidarity_subscribers, donations=c.donations, place_value=c.place_value,
                places_funded=places_funded(c.donations, c.place_value),
                surplus=surplus(c.donations, c.place_value, c.places_committed),
                surplus_planned=planned.get(c.id, ZERO), surplus_done=done.get(c.id, ZERO),
                places=self.places(row) if row else PlaceCounts(),
            ))
        return tuple(lines)

    def allocation_lines(self) -> tuple[AllocationLine, ...]:
        return tuple(
            AllocationLine(a.name, a.kind.label, a.planned_amount or ZERO, a.planned_places or 0, a.done_amount, a.done_places)
            for a in self.allocations()
        )

    def relay_lines(self) -> tuple[RelayLine, ...]:
        query = self.by_relay(Relay.id, Relay.name, RelayType.name.label("kind"), Relay.commune).order_by(Relay.name, Relay.commune)
        return tuple(RelayLine(r.name, r.kind or NO_TYPE, r.commune or NO_COMMUNE, self.places(r)) for r in self.s.execute(query))

    def relay_type_lines(self) -> tuple[GroupLine, ...]:
        query = self.by_relay(RelayType.name.label("name")).order_by(RelayType.name.is_(None), func.count(distinct(Relay.id)).desc(), RelayType.name)
        return tuple(GroupLine(r.name or NO_TYPE, r.relays, self.places(r)) for r in self.s.execute(query))

    def commune_lines(self) -> tuple[GroupLine, ...]:
        query = self.by_relay(Relay.commune.label("name")).order_by(Relay.commune == "", func.count(distinct(Relay.id)).desc(), Relay.commune)
        return tuple(GroupLine(r.name or NO_COMMUNE, r.relays, self.places(r)) for r in self.s.execute(query))

    def discipline_lines(self) -> tuple[DisciplineLine, ...]:
        query = (
            self.by(Discipline.name.label("name"))
            .outerjoin(Discipline, Discipline.id == self.perf.c.discipline_id)
            .order_by(Discipline.name.is_(None), func.coalesce(func.sum(self.inv.c.booked), 0).desc(), Discipline.name)
        )
        return tuple(DisciplineLine(r.name or NO_DISCIPLINE, r.shows, r.performances, r.offered, self.places(r)) for r in self.s.execute(query))

    def month_lines(self) -> tuple[MonthLine, ...]:
        month = func.strftime("%Y-%m", self.perf.c.starts_at).label("month")
        query = self.by(month).where(self.perf.c.starts_at.is_not(None)).order_by(month)
        return tuple(
            MonthLine(date(int(r.month[:4]), int(r.month[5:7]), 1), r.performances, r.offered, self.places(r))
            for r in self.s.execute(query)
        )


class ReviewService(Service):
    def key_figures(self, season_id: int) -> SeasonFigures:
        with self._reading() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            return _SeasonQueries(session, season, self._now()).figures()

    def review(self, season_id: int) -> SeasonReview:
        """The whole review of a season, beside the previous season's key figures."""
        now = self._now()
        with self._reading() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
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
                    ReasonLine(label, reasons.get(label, 0), (reasons.get(label, 0) / figures.unused) if figures.unused else None,
                               None if previous_reasons is None else previous_reasons.get(label, 0))
                    for label in labels
                ),
                narrative=_narrative(season),
            )

    # --- the documents ----------------------------------------------------------------------
    def report_pdf(self, season_id: int) -> bytes:
        """The funders' report of the season (PDF bytes)."""
        from acs_desktop.printing.report import render_season_report

        with self._reading():
            review, identity = self.review(season_id), self.identity()
        return render_season_report(review, identity)

    def report_xlsx(self, season_id: int) -> bytes:
        """The review's tables as one workbook (XLSX bytes)."""
        from acs_desktop.exports.review_files import xlsx_bytes

        return xlsx_bytes(self.review(season_id))

    def report_csv(self, season_id: int, folder: Path) -> list[Path]:
        """The review's tables as CSV files in `folder`."""
        from acs_desktop.exports.review_files import write_csv

        review = self.review(season_id)
        try:
            return write_csv(review, Path(folder))
        except OSError as exc:
            raise DomainError("export_failed", f"Impossible d'écrire dans « {folder} » ({exc.strerror or exc}).") from None

    def identity(self):
        """Who issues the documents: the association's name, address, contacts and logo."""
        from acs_desktop.printing.layout import Identity

        with self._reading() as session:
            row = session.get(AssociationSettings, 1)
        if row is None:
            return Identity("")
        town = " ".join(part for part in (row.postal_code, row.commune) if part)
        address = ", ".join(part for part in (row.address, town) if part)
        contact = " · ".join(part for part in (row.phone, row.email, row.website) if part)
        return Identity(row.name, address, contact, row.logo_png)

    # --- the qualitative part -------------------------------------------------------------
    def narrative(self, season_id: int) -> SeasonNarrative:
        with self._reading() as session:
            return _narrative(get_or_refuse(session, Season, season_id, "Cette saison"))

    def save_narrative(self, season_id: int, narrative: SeasonNarrative) -> SeasonNarrative:
        clean = SeasonNarrative(
            objectives=optional_text(narrative.objectives, "Objectifs", "objectives", NARRATIVE_MAX, multiline=True),
            highlights=optional_text(narrative.highlights, "Faits marquants", "highlights", NARRATIVE_MAX, multiline=True),
            relay_feedback=optional_text(narrative.relay_feedback, "Retours des relais", "relay_feedback", NARRATIVE_MAX, multiline=True),
            next_steps=optional_text(narrative.next_steps, "Actions pour la saison prochaine", "next_steps", NARRATIVE_MAX, multiline=True),
            gaps=optional_text(narrative.gaps, "Explication des écarts", "gaps", NARRATIVE_MAX, multiline=True),
        )
        with self._writing() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            season.review_objectives, season.review_highlights = clean.objectives, clean.highlights
            season.review_relay_feedback, season.review_next_steps, season.review_gaps = clean.relay_feedback, clean.next_steps, clean.gaps
            self._log(session, "update", "season", season_id, f"Bilan qualitatif de la saison {season.label} enregistré")
            return clean


def _narrative(season: Season) -> SeasonNarrative:
    return SeasonNarrative(
        season.review_objectives, season.review_highlights, season.review_relay_feedback, season.review_next_steps, season.review_gaps,
    )
