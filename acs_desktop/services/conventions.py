"""Conventions: one partner × one season, its figures, state, surplus allocations and follow-up log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_money
from acs_desktop.domain.funding import (
    PLACE_VALUE_REQUIRED,
    ZERO,
    balance_text,
    place_value_missing,
    places_funded,
    places_uncovered,
    shortfall,
    surplus,
)
from acs_desktop.domain.states import HOLDING_STATUSES, AllocationKind, ConventionState, FollowUpKind, InvitationStatus
from acs_desktop.domain.validation import count, money, optional_text
from acs_desktop.models import (
    Convention,
    FollowUpEntry,
    Invitation,
    Partner,
    Performance,
    Season,
    Show,
    SurplusAllocation,
)
from acs_desktop.services.base import Service, describe_changes, get_or_refuse
from acs_desktop.services.follow_ups import (
    DueFollowUp,
    FollowUpLine,
    NextStep,
    checked_follow_up,
    checked_next_step,
    line_of,
    write_follow_up,
)

STATE_ORDER = list(ConventionState)
FIGURE_LABELS = {
    "places_committed": "Places engagées",
    "solidarity_subscribers": "Abonnés solidaires",
    "donations": "Dons collectés",
    "place_value": "Valeur d'une place",
    "signed_on": "Signée le",
    "notes": "Notes",
}


@dataclass(frozen=True)
class ConventionFigures:
    places_committed: int = 0
    solidarity_subscribers: int = 0
    donations: Decimal = Decimal("0.00")
    place_value: Decimal = Decimal("0.00")
    signed_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ConventionRow:
    id: int
    partner_id: int
    partner_name: str
    season_label: str
    state: ConventionState
    places_committed: int
    solidarity_subscribers: int
    donations: Decimal
    place_value: Decimal
    signed_on: date | None
    places_funded: int
    surplus: Decimal
    booked: int
    used: int
    shows: int
    version: int  # as read: saving the figures with it is refused if another desk saved them meanwhile
    notes: str = ""
    places_uncovered: int = 0  # committed places the donations do not fund
    shortfall: Decimal = ZERO  # what the donations lack to fund them

    @property
    def balance(self) -> str:
        """The surplus, or the shortfall said plainly (`domain.funding.balance_text`)."""
        return balance_text(self.donations, self.place_value, self.places_committed)


@dataclass(frozen=True)
class AllocationInput:
    kind: AllocationKind
    planned_amount: Decimal = Decimal("0.00")
    planned_places: int = 0
    decided_on: date | None = None
    done_amount: Decimal | None = None
    done_places: int | None = None
    done_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class AllocationInfo:
    id: int
    convention_id: int
    data: AllocationInput
    version: int


def allowed_next_states(state: ConventionState) -> list[ConventionState]:
    """One step forward or back along brouillon → signée → en cours → bilan → clôturée."""
    index = STATE_ORDER.index(state)
    return [STATE_ORDER[i] for i in (index + 1, index - 1) if 0 <= i < len(STATE_ORDER)]


class ConventionService(Service):
    def list_conventions(self, season_id: int) -> list[ConventionRow]:
        holding = func.sum(case((Invitation.status.in_(HOLDING_STATUSES), 1), else_=0))
        used = func.sum(case((Invitation.status == InvitationStatus.USED, 1), else_=0))
        season_conventions = select(Convention.id).where(Convention.season_id == season_id)
        counts = (
            select(Show.convention_id.label("convention_id"), holding.label("booked"), used.label("used"))
            .select_from(Invitation)
            .join(Performance, Performance.id == Invitation.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .where(Show.convention_id.in_(season_conventions))
            .group_by(Show.convention_id)
            .subquery()
        )
        shows = select(func.count()).where(Show.convention_id == Convention.id).scalar_subquery()
        query = (
            select(Convention, Partner.name, Season.label, counts.c.booked, counts.c.used, shows)
            .join(Partner, Partner.id == Convention.partner_id)
            .join(Season, Season.id == Convention.season_id)
            .outerjoin(counts, counts.c.convention_id == Convention.id)
            .where(Convention.season_id == season_id)
            .order_by(Partner.name)
        )
        with self._reading() as session:
            return [
                self._row(c, name, label, booked or 0, used_n or 0, n_shows)
                for c, name, label, booked, used_n, n_shows in session.execute(query)
            ]

    def get_convention(self, convention_id: int) -> ConventionRow:
        with self._reading() as session:
            season_id = get_or_refuse(session, Convention, convention_id, "Cette convention").season_id
            return next(row for row in self.list_conventions(season_id) if row.id == convention_id)

    @staticmethod
    def _row(c: Convention, partner_name: str, season_label: str, booked: int, used: int, shows: int) -> ConventionRow:
        return ConventionRow(
            c.id,
            c.partner_id,
            partner_name,
            season_label,
            c.state,
            c.places_committed,
            c.solidarity_subscribers,
            c.donations,
            c.place_value,
            c.signed_on,
            places_funded(c.donations, c.place_value),
            surplus(c.donations, c.place_value, c.places_committed),
            booked,
            used,
            shows,
            c.version,
            c.notes,
            places_uncovered(c.donations, c.place_value, c.places_committed),
            shortfall(c.donations, c.place_value, c.places_committed),
        )

    def create_convention(self, partner_id: int, season_id: int, figures: ConventionFigures | None = None) -> int:
        values = self._clean(figures or ConventionFigures())
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            if partner.archived:
                raise DomainError(
                    "partner_archived", f"« {partner.name} » est archivé : réactivez-le avant de signer une convention."
                )
            exists = session.scalar(
                select(Convention.id).where(Convention.partner_id == partner_id, Convention.season_id == season_id)
            )
            if exists is not None:
                raise DomainError(
                    "convention_exists", f"« {partner.name} » a déjà une convention pour la saison {season.label}."
                )
            convention = Convention(partner_id=partner_id, season_id=season_id, **values)
            session.add(convention)
            session.flush()
            self._log(
                session,
                "create",
                "convention",
                convention.id,
                f"Convention {season.label} avec « {partner.name} » créée",
            )
            return convention.id

    def update_figures(self, convention_id: int, figures: ConventionFigures, *, version: int | None = None) -> None:
        """`version`: the one the dialog read; refused if another desk saved the convention since."""
        values = self._clean(figures)
        with self._writing() as session:
            convention = self._open_convention(session, convention_id, version)
            if place_value_missing(values["place_value"], draft=convention.state is ConventionState.DRAFT):
                raise DomainError(
                    "place_value_missing", f"Valeur d'une place : {PLACE_VALUE_REQUIRED}", field="place_value"
                )
            before = {key: getattr(convention, key) for key in values}
            for key, value in values.items():
                setattr(convention, key, value)
            changes = describe_changes(FIGURE_LABELS, before, values)
            self._log(
                session, "update", "convention", convention_id, f"Convention « {convention.partner.name} » : {changes}"
            )

    def change_state(self, convention_id: int, state: ConventionState) -> None:
        with self._writing() as session:
            convention = get_or_refuse(session, Convention, convention_id, "Cette convention")
            if state not in allowed_next_states(convention.state):
                raise DomainError(
                    "state_change_invalid",
                    f"Une convention « {convention.state.label} » ne peut pas passer directement à « {state.label} ».",
                )
            if place_value_missing(convention.place_value, draft=state is ConventionState.DRAFT):
                raise DomainError(
                    "place_value_missing",
                    f"La convention avec « {convention.partner.name} » ne peut pas passer à « {state.label} » : {PLACE_VALUE_REQUIRED}",
                )
            before = convention.state
            convention.state = state
            if state is ConventionState.SIGNED and convention.signed_on is None:
                convention.signed_on = self._now().date()
            self._log(
                session,
                "state",
                "convention",
                convention_id,
                f"Convention « {convention.partner.name} » : {before.label} → {state.label}",
            )

    def delete_convention(self, convention_id: int) -> None:
        with self._writing() as session:
            convention = get_or_refuse(session, Convention, convention_id, "Cette convention")
            shows = session.scalar(select(func.count()).where(Show.convention_id == convention_id))
            if shows:
                raise DomainError(
                    "convention_in_use",
                    f"Cette convention a {shows} spectacle(s) : supprimez-les d'abord, ou clôturez-la.",
                )
            name = convention.partner.name
            session.delete(convention)
            self._log(session, "delete", "convention", convention_id, f"Convention avec « {name} » supprimée")

    @staticmethod
    def _clean(f: ConventionFigures) -> dict:
        return {
            "places_committed": count(f.places_committed, "Places engagées", "places_committed"),
            "solidarity_subscribers": count(f.solidarity_subscribers, "Abonnés solidaires", "solidarity_subscribers"),
            "donations": money(f.donations, "Dons collectés", "donations"),
            "place_value": money(f.place_value, "Valeur d'une place", "place_value"),
            "signed_on": f.signed_on,
            "notes": optional_text(f.notes, "Notes", "notes", 4000, multiline=True),
        }

    @staticmethod
    def _open_convention(session: Session, convention_id: int, version: int | None = None) -> Convention:
        convention = get_or_refuse(session, Convention, convention_id, "Cette convention", version=version)
        if convention.state is ConventionState.CLOSED:
            raise DomainError(
                "convention_closed",
                f"La convention avec « {convention.partner.name} » est clôturée : repassez-la en « bilan » pour la modifier.",
            )
        return convention

    # --- surplus allocations --------------------------------------------------------------
    def list_allocations(self, convention_id: int) -> list[AllocationInfo]:
        with self._reading() as session:
            rows = session.scalars(
                select(SurplusAllocation)
                .where(SurplusAllocation.convention_id == convention_id)
                .order_by(SurplusAllocation.id)
            )
            return [
                AllocationInfo(
                    a.id,
                    a.convention_id,
                    AllocationInput(
                        a.kind,
                        a.planned_amount,
                        a.planned_places,
                        a.decided_on,
                        a.done_amount,
                        a.done_places,
                        a.done_on,
                        a.note,
                    ),
                    a.version,
                )
                for a in rows
            ]

    def save_allocation(
        self, convention_id: int, data: AllocationInput, allocation_id: int | None = None, *, version: int | None = None
    ) -> int:
        values = {
            "kind": AllocationKind(data.kind),
            "planned_amount": money(data.planned_amount, "Montant prévu", "planned_amount"),
            "planned_places": count(data.planned_places, "Places prévues", "planned_places"),
            "decided_on": data.decided_on,
            "done_amount": None
            if data.done_amount is None
            else money(data.done_amount, "Montant réalisé", "done_amount"),
            "done_places": None
            if data.done_places is None
            else count(data.done_places, "Places réalisées", "done_places"),
            "done_on": data.done_on,
            "note": optional_text(data.note, "Note", "note", 300),
        }
        with self._writing() as session:
            convention = self._open_convention(session, convention_id)
            available = surplus(convention.donations, convention.place_value, convention.places_committed)
            others = sum((a.planned_amount for a in convention.allocations if a.id != allocation_id), Decimal("0.00"))
            if others + values["planned_amount"] > available:
                raise DomainError(
                    "allocation_exceeds_surplus",
                    f"Le surplus de don est de {format_money(available)} ; {format_money(others)} sont déjà prévus : "
                    f"{format_money(values['planned_amount'])} de plus le dépasseraient.",
                    field="planned_amount",
                )
            if allocation_id is None:
                allocation = SurplusAllocation(convention_id=convention_id, **values)
                session.add(allocation)
            else:
                allocation = get_or_refuse(
                    session, SurplusAllocation, allocation_id, "Cette affectation", version=version
                )
                for key, value in values.items():
                    setattr(allocation, key, value)
            session.flush()
            self._log(
                session,
                "save",
                "surplus_allocation",
                allocation.id,
                f"Affectation du surplus ({allocation.kind.label}, {allocation.planned_amount} €) pour « {convention.partner.name} »",
            )
            return allocation.id

    def delete_allocation(self, allocation_id: int) -> None:
        with self._writing() as session:
            allocation = get_or_refuse(session, SurplusAllocation, allocation_id, "Cette affectation")
            self._open_convention(session, allocation.convention_id)
            session.delete(allocation)
            self._log(
                session,
                "delete",
                "surplus_allocation",
                allocation_id,
                f"Affectation du surplus ({allocation.kind.label}) supprimée",
            )

    # --- follow-up log --------------------------------------------------------------------
    def list_follow_ups(self, convention_id: int) -> list[FollowUpLine]:
        with self._reading() as session:
            rows = session.scalars(
                select(FollowUpEntry)
                .where(FollowUpEntry.convention_id == convention_id)
                .order_by(FollowUpEntry.on.desc(), FollowUpEntry.id.desc())
            )
            return [line_of(e, e.convention_id) for e in rows]

    def due_follow_ups(self, season_id: int) -> list[DueFollowUp]:
        """The next steps of the season's conventions whose date has come (today included), not done,
        the most overdue first."""
        today = self._now().date()
        with self._reading() as session:
            rows = session.execute(
                select(FollowUpEntry, Partner.name)
                .join(Convention, FollowUpEntry.convention_id == Convention.id)
                .join(Partner, Convention.partner_id == Partner.id)
                .where(
                    Convention.season_id == season_id,
                    FollowUpEntry.due_on.is_not(None),
                    FollowUpEntry.due_on <= today,
                    FollowUpEntry.done.is_(False),
                )
                .order_by(FollowUpEntry.due_on, FollowUpEntry.id)
            )
            return [
                DueFollowUp(e.id, e.convention_id, name, e.next_step, e.due_on)
                for e, name in rows
                if e.due_on is not None
            ]

    def save_follow_up(
        self,
        convention_id: int,
        on: date | None,
        kind: FollowUpKind,
        text: str,
        entry_id: int | None = None,
        next_step: NextStep | None = None,
        *,
        version: int | None = None,
    ) -> int:
        day, clean = checked_follow_up(on, text)
        step = checked_next_step(next_step)
        with self._writing() as session:
            convention = get_or_refuse(session, Convention, convention_id, "Cette convention")
            entry = write_follow_up(
                session, FollowUpEntry, {"convention_id": convention_id}, entry_id, day, kind, clean, step, version
            )
            self._log(
                session, "save", "follow_up", entry.id, f"Suivi du {day:%d/%m/%Y} pour « {convention.partner.name} »"
            )
            return entry.id

    def delete_follow_up(self, entry_id: int) -> None:
        with self._writing() as session:
            entry = get_or_refuse(session, FollowUpEntry, entry_id, "Cette ligne de suivi")
            session.delete(entry)
            self._log(session, "delete", "follow_up", entry_id, f"Suivi du {entry.on:%d/%m/%Y} supprimé")
