"""Privacy (RGPD): beneficiaries' first names are anonymised when a season closes, or when the
retention period after its end has passed; what is held about a referent or a partner contact
can be exported on request and erased."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, delete, func, inspect, select, update
from sqlalchemy.orm import Session

from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import ConventionState
from acs_desktop.models import (
    ActivityEntry,
    AssociationSettings,
    Booking,
    Convention,
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
    copies_erased: int = 0  # the copies of the store in the data folder erased the same way
    copies_unreachable: tuple[str, ...] = ()  # copies that could not be (damaged files), by path


@dataclass(frozen=True)
class Erased:
    """A person's data erased: in the store and in so many of its copies; those it could not reach."""

    copies_erased: int = 0
    copies_unreachable: tuple[str, ...] = ()


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last_day))


class PrivacyService(Service):
    def first_names_held(self, season_id: int) -> int:
        with self._reading() as session:
            return session.scalar(
                select(func.count()).where(
                    Invitation.performance_id.in_(season_performance_ids(season_id)), Invitation.first_name.is_not(None)
                )
            )

    def close_season(self, season_id: int) -> Anonymised:
        """Close the season: its conventions are closed and the beneficiaries' first names erased,
        in the store and in every copy of it in the data folder."""
        self._desk.require(Permission.CLOSE_SEASON)
        with self._writing() as session:
            season = get_or_refuse(session, Season, season_id, "Cette saison")
            if season.closed_at is not None:
                raise DomainError("season_closed", f"La saison {season.label} est déjà clôturée.")
            now = self._now()
            season.closed_at = now
            session.execute(
                update(Convention)
                .where(Convention.season_id == season_id)
                .values(state=ConventionState.CLOSED, version=Convention.version + 1)  # a bulk UPDATE: by hand
            )
            erased = self._anonymise(session, season, now)
            self._log(
                session, "close", "season", season_id, f"Saison {season.label} clôturée ; {erased} prénom(s) effacé(s)"
            )
            label = season.label
        copies = self._sessions.forget(lambda connection: erase_first_names(connection, (label,)))
        return Anonymised(label, erased, *_reach(copies))

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
                    self._log(
                        session,
                        "anonymise",
                        "season",
                        season.id,
                        f"Saison {season.label} : {erased} prénom(s) effacé(s) ({months} mois après la fin)",
                    )
        if not done:
            return done
        labels = tuple(d.season_label for d in done)
        copies = self._sessions.forget(lambda connection: erase_first_names(connection, labels))
        return [Anonymised(d.season_label, d.first_names, *_reach(copies)) for d in done]

    @staticmethod
    def _anonymise(session: Session, season: Season, now: datetime) -> int:
        season.names_anonymised_at = now
        return erase_first_names(session.connection(), (season.label,))

    # --- a person's data: referents of relays, contacts of partners ------------------------
    def export_referent(self, referent_id: int) -> str:
        """All that is held about a referent, as readable JSON (for a request of access)."""
        self._desk.require(Permission.PERSONAL_EXPORT)
        with self._reading() as session:
            referent = get_or_refuse(session, Referent, referent_id, "Ce référent")
            bookings = session.scalar(select(func.count()).where(Booking.referent_id == referent_id))
            data = {
                "type": "référent d'un relais",
                "nom": referent.name,
                "téléphone": referent.phone,
                "courriel": referent.email,
                "actif": referent.active,
                "relais": {"nom": referent.relay.name, "commune": referent.relay.commune},
                "réservations faites": bookings,
                "journal d'activité": self._mentions(session, referent.name),
            }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def export_contact(self, contact_id: int) -> str:
        self._desk.require(Permission.PERSONAL_EXPORT)
        with self._reading() as session:
            contact = get_or_refuse(session, PartnerContact, contact_id, "Ce contact")
            data = {
                "type": "contact d'un partenaire",
                "nom": contact.name,
                "fonction": contact.role,
                "téléphone": contact.phone,
                "courriel": contact.email,
                "partenaire": contact.partner.name,
                "journal d'activité": self._mentions(session, contact.name),
            }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def erase_referent(self, referent_id: int) -> Erased:
        """Erase a referent's personal data, under every name they had, in the store and in every
        copy of it in the data folder; the bookings they made stay, without their name."""
        self._desk.require(Permission.ERASE)
        with self._writing() as session:
            get_or_refuse(session, Referent, referent_id, "Ce référent")
            names = erase_referents(session.connection(), ids={referent_id})
            self._log(
                session, "erase", "referent", referent_id, f"Données personnelles du référent n° {referent_id} effacées"
            )
        return Erased(*_reach(self._sessions.forget(lambda connection: erase_referents(connection, names=names))))

    def erase_contact(self, contact_id: int) -> Erased:
        self._desk.require(Permission.ERASE)
        with self._writing() as session:
            get_or_refuse(session, PartnerContact, contact_id, "Ce contact")
            names = erase_contacts(session.connection(), ids={contact_id})
            self._log(
                session,
                "erase",
                "partner_contact",
                contact_id,
                f"Données personnelles du contact n° {contact_id} effacées",
            )
        return Erased(*_reach(self._sessions.forget(lambda connection: erase_contacts(connection, names=names))))

    @staticmethod
    def _mentions(session: Session, name: str) -> list[str]:
        rows = session.execute(
            select(ActivityEntry.at, ActivityEntry.summary)
            .where(ActivityEntry.summary.contains(name, autoescape=True))
            .order_by(ActivityEntry.at)
        )
        return [f"{at:%d/%m/%Y %H:%M} {summary}" for at, summary in rows]


# --- erasures, written on a connection: made in the store, then the same in each of its copies ---
# (Core statements on the few columns concerned, which every schema revision has, so that an
# older copy, taken before a migration, is erased too.)

# How the activity log names a referent or a contact (services/relays.py, services/partners.py):
# the names they had before are read back from there, so that a renamed person is erased under each.
_REFERENT_LOGGED = re.compile(r"^Référent « (.+?) » (?:de « |supprimé)")
_CONTACT_LOGGED = re.compile(r"^Contact « (.+?) » (?:de « |supprimé)")


def erase_first_names(connection: Connection, season_labels: tuple[str, ...]) -> int:
    """The beneficiaries' first names of these seasons, erased; how many there were."""
    erased = 0
    for label in season_labels:
        season_id = connection.scalar(select(Season.id).where(Season.label == label))
        if season_id is None:
            continue
        result = connection.execute(
            update(Invitation)
            .where(Invitation.performance_id.in_(season_performance_ids(season_id)), Invitation.first_name.is_not(None))
            .values(first_name=None)
        )
        erased += result.rowcount or 0
    return erased


def erase_referents(connection: Connection, *, ids: set[int] = frozenset(), names: set[str] = frozenset()) -> set[str]:
    """The referents `ids` (in the store) or named one of `names` (in a copy) lose their name,
    phone and email; every name they had is replaced in the activity log. Returns those names."""
    found = _people(connection, Referent, ids, names)
    every_name = set(names) | set(found.values()) | _logged_names(connection, "referent", found, _REFERENT_LOGGED)
    for referent_id in found:
        connection.execute(
            update(Referent)
            .where(Referent.id == referent_id)
            .values(
                name=f"Référent effacé n° {referent_id}",
                phone="",
                email="",
                active=False,
                **_raised_version(connection, Referent),
            )
        )
    _scrub(connection, every_name)
    return every_name


def erase_contacts(connection: Connection, *, ids: set[int] = frozenset(), names: set[str] = frozenset()) -> set[str]:
    """The partners' contacts `ids` (in the store) or named one of `names` (in a copy) are
    deleted; every name they had is replaced in the activity log. Returns those names."""
    found = _people(connection, PartnerContact, ids, names)
    every_name = set(names) | set(found.values()) | _logged_names(connection, "partner_contact", found, _CONTACT_LOGGED)
    if found:
        connection.execute(delete(PartnerContact).where(PartnerContact.id.in_(found)))
    _scrub(connection, every_name)
    return every_name


def _raised_version(connection: Connection, model: type[Referent]) -> dict:
    """`version = version + 1` for a bulk UPDATE (the ORM raises it only for the records it
    saves): a dialog opened before then cannot write the old values back. A copy of the store
    made before schema 0011 has no version: nothing to raise there."""
    columns = {column["name"] for column in inspect(connection).get_columns(model.__tablename__)}
    return {"version": model.version + 1} if "version" in columns else {}


def _people(
    connection: Connection, model: type[Referent] | type[PartnerContact], ids: set[int], names: set[str]
) -> dict[int, str]:
    """{id: name} of the records chosen by id, or by name (ignoring case) in a copy."""
    folded = {name.casefold() for name in names}
    rows = connection.execute(select(model.id, model.name))
    return {i: name for i, name in rows if i in ids or name.casefold() in folded}


def _logged_names(connection: Connection, entity: str, ids: dict[int, str], pattern: re.Pattern[str]) -> set[str]:
    if not ids:
        return set()
    rows = connection.execute(
        select(ActivityEntry.summary).where(ActivityEntry.entity == entity, ActivityEntry.entity_id.in_(ids))
    )
    return {match.group(1) for (summary,) in rows if (match := pattern.match(summary))}


def _scrub(connection: Connection, names: set[str]) -> None:
    for name in sorted((n for n in names if n.strip()), key=len, reverse=True):  # « Anne-Marie » before « Anne »
        connection.execute(
            update(ActivityEntry)
            .where(ActivityEntry.summary.contains(name, autoescape=True))
            .values(summary=func.replace(ActivityEntry.summary, name, ERASED))
        )


def copies_text(copies_erased: int, copies_unreachable: tuple[str, ...]) -> str:
    """What an erasure reached beyond the store, said to the director."""
    text = (
        f"Effacé aussi dans les {copies_erased} copies de la base gardées dans le dossier des données (sauvegardes)."
        if copies_erased > 1
        else "Effacé aussi dans la copie de la base gardée dans le dossier des données."
        if copies_erased == 1
        else "Aucune copie de la base n'était gardée dans le dossier des données."
    )
    if copies_unreachable:
        text += (
            f"\n\n{len(copies_unreachable)} copie(s) endommagée(s) n'ont pas pu être modifiées et gardent encore ces "
            "données ; supprimez-les quand vous n'en avez plus besoin :\n" + "\n".join(copies_unreachable)
        )
    return text + "\n\nLes copies sur une clé USB ou un disque externe sont à effacer à la main."


def _reach(copies: object) -> tuple[int, tuple[str, ...]]:
    """(copies erased, copies that could not be) from what the store's `forget` tells."""
    erased = getattr(copies, "erased", 0)
    unreachable = tuple(str(path) for path in getattr(copies, "unreachable", ()))
    return erased, unreachable
