"""The activity log, read: every change, when, what, before → after; searchable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_, select

from acs_desktop.models import ActivityEntry
from acs_desktop.services.base import Service

ACTIONS = {
    "create": "création",
    "update": "modification",
    "save": "enregistrement",
    "delete": "suppression",
    "book": "réservation",
    "cancel": "annulation",
    "attendance": "présence",
    "issue": "édition des billets",
    "state": "changement d'état",
    "archive": "archivage",
    "unarchive": "réactivation",
    "activate": "activation",
    "deactivate": "désactivation",
    "wait": "liste d'attente",
    "offer": "places proposées",
    "pass": "places déclinées",
    "withdraw": "retrait de la liste d'attente",
    "warned": "relais prévenu",
    "move": "ordre",
    "close": "clôture",
    "anonymise": "anonymisation",
    "erase": "effacement",
    "import": "import",
    "restore": "restauration",
    "login": "connexion",
}
ENTITIES = {
    "season": "saison",
    "settings": "association",
    "partner": "partenaire",
    "partner_contact": "contact",
    "venue": "salle",
    "convention": "convention",
    "surplus_allocation": "surplus",
    "follow_up": "suivi",
    "relay_follow_up": "suivi d'un relais",
    "discipline": "discipline",
    "show": "spectacle",
    "performance": "représentation",
    "relay_type": "type de relais",
    "relay": "relais",
    "referent": "référent",
    "booking": "réservation",
    "invitation": "invitation",
    "waiting_entry": "liste d'attente",
    "non_use_reason": "motif",
    "mediation_action": "action de médiation",
    "relay_feedback": "retour d'un relais",
    "account": "compte",
}


@dataclass(frozen=True)
class ActivityRow:
    id: int
    at: datetime
    action: str
    entity: str
    entity_id: int | None
    summary: str
    who: str | None = None  # the account that did it; None in a store without accounts


class ActivityService(Service):
    def entries(
        self, text: str = "", *, day_from: date | None = None, day_to: date | None = None, limit: int = 2000
    ) -> list[ActivityRow]:
        """Newest first; `text` is looked for in the summary and the author's name (case-insensitive)."""
        query = select(ActivityEntry).order_by(ActivityEntry.at.desc(), ActivityEntry.id.desc()).limit(limit)
        if text.strip():
            wanted = text.strip().lower()
            query = query.where(
                or_(
                    func.lower(ActivityEntry.summary).contains(wanted),
                    func.lower(func.coalesce(ActivityEntry.who, "")).contains(wanted),
                )
            )
        if day_from:
            query = query.where(ActivityEntry.at >= datetime.combine(day_from, time.min))
        if day_to:
            query = query.where(ActivityEntry.at <= datetime.combine(day_to, time.max))
        with self._reading() as session:
            return [
                ActivityRow(
                    e.id,
                    e.at,
                    ACTIONS.get(e.action, e.action),
                    ENTITIES.get(e.entity, e.entity),
                    e.entity_id,
                    e.summary,
                    e.who,
                )
                for e in session.scalars(query)
            ]

    def count(self) -> int:
        with self._reading() as session:
            return session.scalar(select(func.count()).select_from(ActivityEntry))
