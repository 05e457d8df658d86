"""The association's mediation actions of a season: recorded, changed, deleted, listed, and
counted for the review (per kind, people reached) without naming any person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date
from acs_desktop.domain.mediation import (
    MAX_PEOPLE,
    NOTE_MAX,
    MediationAction,
    MediationKind,
    MediationKindLine,
    MediationLine,
)
from acs_desktop.domain.validation import count, optional_text
from acs_desktop.models import MediationAction as ActionRecord
from acs_desktop.models import Partner, Relay, Season
from acs_desktop.services.base import Service, fetch_all, get_or_refuse


@dataclass(frozen=True)
class MediationInput:
    on: date | None
    kind: MediationKind | str | None
    people: int = 0
    partner_ids: tuple[int, ...] = ()
    relay_ids: tuple[int, ...] = ()
    note: str = ""


_LINKED = (selectinload(ActionRecord.partners), selectinload(ActionRecord.relays))


def _row(action: ActionRecord) -> MediationAction:
    return MediationAction(
        action.id,
        action.on,
        action.kind,
        tuple(p.id for p in action.partners),
        tuple(p.name for p in action.partners),
        tuple(r.id for r in action.relays),
        tuple(r.name for r in action.relays),
        action.people,
        action.note,
        action.version,
    )


def _clean(values: MediationInput) -> tuple[date, MediationKind, int, str]:
    if values.on is None:
        raise DomainError("date_required", "La date de l'action est obligatoire.", field="on")
    try:
        kind = MediationKind(values.kind) if values.kind is not None else None
    except ValueError:
        kind = None
    if kind is None:
        raise DomainError("kind_required", "Choisissez le type d'action.", field="kind")
    people = count(values.people, "Le nombre de personnes", "people", maximum=MAX_PEOPLE)
    note = optional_text(values.note, "Note", "note", NOTE_MAX)
    return values.on, kind, people, note


class MediationService(Service):
    def list_actions(self, season_id: int) -> list[MediationAction]:
        """The season's actions, by date."""
        with self._reading() as session:
            get_or_refuse(session, Season, season_id, "Cette saison")
            actions = session.scalars(
                select(ActionRecord)
                .options(*_LINKED)
                .where(ActionRecord.season_id == season_id)
                .order_by(ActionRecord.on, ActionRecord.id)
            )
            return [_row(a) for a in actions]

    def get_action(self, action_id: int) -> MediationAction:
        with self._reading() as session:
            return _row(get_or_refuse(session, ActionRecord, action_id, "Cette action de médiation"))

    def create_action(self, season_id: int, values: MediationInput) -> MediationAction:
        on, kind, people, note = _clean(values)
        with self._writing() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            action = ActionRecord(season_id=season.id, on=on, kind=kind, people=people, note=note)
            self._set_links(session, action, values)
            session.add(action)
            session.flush()
            self._log(session, "create", "mediation_action", action.id, f"Action de médiation : {_summary(action)}")
            return _row(action)

    def update_action(self, action_id: int, values: MediationInput, *, version: int | None = None) -> MediationAction:
        on, kind, people, note = _clean(values)
        with self._writing() as session:
            action = get_or_refuse(session, ActionRecord, action_id, "Cette action de médiation", version=version)
            action.on, action.kind, action.people, action.note = on, kind, people, note
            self._set_links(session, action, values)
            session.flush()
            self._log(
                session, "update", "mediation_action", action.id, f"Action de médiation modifiée : {_summary(action)}"
            )
            return _row(action)

    def delete_action(self, action_id: int, *, version: int | None = None) -> None:
        with self._writing() as session:
            action = get_or_refuse(session, ActionRecord, action_id, "Cette action de médiation", version=version)
            summary = _summary(action)
            session.delete(action)
            self._log(session, "delete", "mediation_action", action_id, f"Action de médiation supprimée : {summary}")

    @staticmethod
    def _set_links(session: Session, action: ActionRecord, values: MediationInput) -> None:
        action.partners = fetch_all(session, Partner, list(dict.fromkeys(values.partner_ids)), "Ce partenaire")
        action.relays = fetch_all(session, Relay, list(dict.fromkeys(values.relay_ids)), "Ce relais")


def _summary(action: ActionRecord) -> str:
    return f"{action.kind.label}, le {format_date(action.on)} ({action.people} personne(s))"


def mediation_review(
    session: Session, season_id: int
) -> tuple[tuple[MediationKindLine, ...], tuple[MediationLine, ...]]:
    """The season's actions counted per kind (in the kinds' order, only those that took place) and
    listed one by one, for the review and the report: partners and relays named, no person."""
    per_kind = dict(
        (kind, (n, people or 0))
        for kind, n, people in session.execute(
            select(ActionRecord.kind, func.count(), func.sum(ActionRecord.people))
            .where(ActionRecord.season_id == season_id)
            .group_by(ActionRecord.kind)
        )
    )
    kinds = tuple(MediationKindLine(kind.label, *per_kind[kind]) for kind in MediationKind if kind in per_kind)
    actions = list(
        session.scalars(
            select(ActionRecord)
            .options(*_LINKED)
            .where(ActionRecord.season_id == season_id)
            .order_by(ActionRecord.on, ActionRecord.id)
        )
    )
    lines = tuple(
        MediationLine(a.on, a.kind.label, tuple(p.name for p in a.partners), tuple(r.name for r in a.relays), a.people)
        for a in actions
    )
    return kinds, lines


def mediation_totals(kinds: tuple[MediationKindLine, ...]) -> tuple[int, int]:
    """(actions, people) of the season."""
    return sum(line.actions for line in kinds), sum(line.people for line in kinds)
