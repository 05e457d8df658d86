"""Privacy (RGPD): beneficiaries' first names are anonymised when a season closes, or when the
retention period after its end has passed; what is held about a referent or a partner contact
can be exported on request and erased."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.models import (
    ActivityEntry,
    AssociationSettings,
    Booking,
    Convention,
    ConventionState,
    Invitation,
    PartnerContact,
    Referent,
    Season,
)
from acs_desktop.services.base import Service, get_or_refuse
from acs_desktop.services.queries import season_performance_ids

ERASED = "[effacé]"


@dataclass(frozen=True)
class Anonymised:
    season_label: str
    first_names: int


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(day.day, last_day))


class PrivacyService(Service):
    def first_names_held(self, season_id: int) -> int:
        with self._reading() as session:
            return session.scalar(
                select(func.count()).where(Invitation.performance_id.in_(season_performance_ids(season_id)), Invitation.first_name.is_not(None))
            )

    def close_season(self, season_id: int) -> Anonymised:
        """Close the season: its conventions are closed and the beneficiaries' first names erased."""
        with self._writing() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            if season.closed_at is not None:
                raise DomainError("season_closed", f"La saison {season.label} est déjà clôturée.")
            now = self._now()
            season.closed_at = now
            session.execute(update(Convention).where(Convention.season_id == season_id).values(state=ConventionState.CLOSED))
            erased = self._anonymise(session, season, now)
            self._log(session, "close", "season", season_id, f"Saison {season.label} clôturée ; {erased} prénom(s) effacé(s)")
            done = Anonymised(season.label, erased)
        self._sessions.forget()
        return done

    def apply_retention(self) -> list[Anonymised]:
        """At start-up: anonymise the seasons ended more than the retention period ago."""
        with self._writing() as session:
            months = session.get(AssociationSettings, 1).retention_months if session.get(AssociationSettings, 1) else 24
            now = self._now()
            done = []
            for season in session.scalars(select(Season).where(Season.names_anonymised_at.is_(None))):
                if add_months(season.ends_on, months) < now.date():
                    erased = self._anonymise(session, season, now)
                    done.append(Anonymised(season.label, erased))
                    self._log(session, "anonymise", "season", season.id, f"Saison {season.label} : {erased} prénom(s) effacé(s) ({months} mois après la fin)")
        if done:
            self._sessions.forget()
        return done

    @staticmethod
    def _anonymise(session: Session, season: Season, now: datetime) -> int:
        result = session.execute(
            update(Invitation)
            .where(Invitation.performance_id.in_(season_performance_ids(season.id)), Invitation.first_name.is_not(None))
            .values(first_name=None)
        )
        season.names_anonymised_at = now
        return result.rowcount or 0

    # --- a person's data: referents of relays, contacts of partners ------------------------
    def export_referent(self, referent_id: int) -> str:
        """All that is held about a referent, as readable JSON (for a request of access)."""
        with self._reading() as session:
            referent = get_or_refuse(session, Referent, referent_id, "Ce référent")
            bookings = session.scalar(select(func.count()).where(Booking.referent_id == referent_id))
            data = {
                "type": "référent d'un relais",
                "nom": referent.name, "téléphone": referent.phone, "courriel": referent.email, "actif": referent.active,
                "relais": {"nom": referent.relay.name, "commune": referent.relay.commune},
                "réservations faites": bookings,
                "journal d'activité": self._mentions(session, referent.name),
            }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def export_contact(self, contact_id: int) -> str:
        with self._reading() as session:
            contact = get_or_refuse(session, PartnerContact, contact_id, "Ce contact")
            data = {
                "type": "contact d'un partenaire",
                "nom": contact.name, "fonction": contact.role, "téléphone": contact.phone, "courriel": contact.email,
                "partenaire": contact.partner.name,
                "journal d'activité": self._mentions(session, contact.name),
            }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def erase_referent(self, referent_id: int) -> None:
        """Erase a referent's personal data; the bookings they made stay, without their name."""
        with self._writing() as session:
            referent = get_or_refuse(session, Referent, referent_id, "Ce référent")
            name = referent.name
            referent.name, referent.phone, referent.email, referent.active = f"Référent effacé n° {referent.id}", "", "", False
            self._scrub(session, name)
            self._log(session, "erase", "referent", referent_id, f"Données personnelles du référent n° {referent_id} effacées")
        self._sessions.forget()

    def erase_contact(self, contact_id: int) -> None:
        with self._writing() as session:
            contact = get_or_refuse(session, PartnerContact, contact_id, "Ce contact")
            name = contact.name
            session.delete(contact)
            self._scrub(session, name)
            self._log(session, "erase", "partner_contact", contact_id, f"Données personnelles du contact n° {contact_id} effacées")
        self._sessions.forget()

    @staticmethod
    def _mentions(session: Session, name: str) -> list[str]:
        rows = session.execute(select(ActivityEntry.at, ActivityEntry.summary).where(ActivityEntry.summary.contains(name, autoescape=True)).order_by(ActivityEntry.at))
        return [f"{at:%d/%m/%Y %H:%M} {summary}" for at, summary in rows]

    @staticmethod
    def _scrub(session: Session, name: str) -> None:
        if name.strip():
            session.execute(
                update(ActivityEntry).where(ActivityEntry.summary.contains(name, autoescape=True)).values(summary=func.replace(ActivityEntry.summary, name, ERASED))
            )
