"""Social relays: their kinds, referents, active flag and what they booked this season."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.relays import NOT_SIGNED, CharterStatus, charter_status, no_show_reached, no_show_warning
from acs_desktop.domain.review import PlaceCounts
from acs_desktop.domain.states import FollowUpKind
from acs_desktop.domain.validation import optional_email, optional_text, required_text, same_label, same_name
from acs_desktop.models import (
    AssociationSettings,
    Booking,
    Referent,
    Relay,
    RelayFollowUp,
    RelayType,
    Season,
    WaitingEntry,
)
from acs_desktop.services.base import Service, get_or_refuse, save_named
from acs_desktop.services.follow_ups import (
    DueFollowUp,
    FollowUpLine,
    NextStep,
    checked_follow_up,
    checked_next_step,
    line_of,
    write_follow_up,
)
from acs_desktop.services.offers import NamedItem
from acs_desktop.services.queries import (
    RelayActivity,
    counts_by_relay,
    season_performance_ids,
    without_notice_by_relay,
)


@dataclass(frozen=True)
class RelayInput:
    name: str
    relay_type_id: int | None = None
    commune: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    active: bool = True
    charter_version: int | None = None  # the charter version the relay signed (None: not signed)
    charter_signed_on: date | None = None


@dataclass(frozen=True)
class ReferentInfo:
    id: int
    relay_id: int
    name: str
    phone: str
    email: str
    active: bool
    version: int  # as read: saving the referent with it is refused if another desk saved it meanwhile


@dataclass(frozen=True)
class SeasonCounts:
    """What every relay booked and used in a season (`RelayService.relay_counts`): one pass over
    the season's invitations, apart from the relays' names so that the list can show before it."""

    season_id: int | None
    activity: Mapping[int, RelayActivity]
    without_notice: Mapping[int, int]


@dataclass(frozen=True)
class RelayRow:
    id: int
    name: str
    relay_type: str
    commune: str
    phone: str
    email: str
    active: bool
    referents: int
    booked: int
    used: int
    unused: int
    issued_past: int
    last_booking: datetime | None
    never_issued: int = 0  # booked for past performances, tickets never issued (the review's figure)
    charter: CharterStatus = NOT_SIGNED
    without_notice: int = 0  # places of the season unused without notice (the reasons list says which)
    no_show_threshold: int = 0  # the setting: from this many, booking for the relay is warned
    counted: bool = True  # false: listed without the season's counts yet (`RelayService.relay_counts`)

    def with_counts(self, counts: SeasonCounts) -> RelayRow:
        """This row with the relay's counts of the season (zeros for a relay that booked nothing)."""
        done = counts.activity.get(self.id)
        c = done.places if done else PlaceCounts()
        return replace(
            self,
            booked=c.booked,
            used=c.used,
            unused=c.unused,
            issued_past=c.issued_past,
            last_booking=done.last_booking if done else None,
            never_issued=c.never_issued,
            without_notice=counts.without_notice.get(self.id, 0),
            counted=True,
        )

    @property
    def no_show_alert(self) -> bool:
        """The places unused without notice reached the threshold."""
        return no_show_reached(self.without_notice, self.no_show_threshold)

    @property
    def no_show_rate(self) -> float | None:
        """Unused ÷ issued, for performances already past (the season review's definition)."""
        return self.unused / self.issued_past if self.issued_past else None


@dataclass(frozen=True)
class RelayDetail:
    id: int
    data: RelayInput
    referents: tuple[ReferentInfo, ...]
    version: int  # as read: saving the relay with it is refused if another desk saved it meanwhile


@dataclass(frozen=True)
class BookingWarnings:
    """What a booking for a relay is warned of (never refused): its charter, its no-shows."""

    charter: str = ""
    no_shows: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in (self.charter, self.no_shows) if line)


def _clean(data: RelayInput) -> dict:
    if (data.charter_version is None) != (data.charter_signed_on is None):
        raise DomainError(
            "charter_incomplete",
            "Indiquez à la fois la version de la charte signée et la date de signature (ou ni l'une ni l'autre).",
            field="charter_version",
        )
    if data.charter_version is not None and data.charter_version < 1:
        raise DomainError("charter_version_invalid", "La version de la charte commence à 1.", field="charter_version")
    return {
        "charter_version": data.charter_version,
        "charter_signed_on": data.charter_signed_on,
        "name": required_text(data.name, "Le nom du relais", "name"),
        "relay_type_id": data.relay_type_id,
        "commune": required_text(data.commune, "La commune du relais", "commune", 80),
        "address": optional_text(data.address, "Adresse", "address"),
        "phone": optional_text(data.phone, "Téléphone", "phone", 30),
        "email": optional_email(data.email),
        "notes": optional_text(data.notes, "Notes", "notes", 4000, multiline=True),
        "active": bool(data.active),
    }


class RelayService(Service):
    # --- kinds of relay -------------------------------------------------------------------
    def list_relay_types(self) -> list[NamedItem]:
        with self._reading() as session:
            return [NamedItem(t.id, t.name) for t in session.scalars(select(RelayType).order_by(RelayType.name))]

    def get_or_create_relay_type(self, name: str) -> int:
        """The kind of relay called `name`: the one that exists under that name (case and accents
        ignored: "epicerie solidaire" picks « Épicerie solidaire »), or a new one."""
        clean = required_text(name, "Le type de relais", "name", 80)
        with self._writing() as session:
            for other in session.scalars(select(RelayType)):
                if same_label(other.name, clean):
                    return other.id
            kind = RelayType(name=clean)
            session.add(kind)
            session.flush()
            self._log(session, "create", "relay_type", kind.id, f"Type de relais « {clean} » créé")
            return kind.id

    # --- relays ---------------------------------------------------------------------------
    def list_relays(
        self, season_id: int | None = None, *, include_inactive: bool = True, counted: bool = True
    ) -> list[RelayRow]:
        """Every relay, with what it booked and used in `season_id` (zeros without a season). With
        `counted` false, without the season's counts (`counted` false in each row, unless there is
        no season): the names at once, the counts from `relay_counts` a moment later (at 3,000,000
        invitations the counts take 0.3 to 0.5 s, the names 20 ms)."""
        referents = select(Referent.relay_id, func.count()).group_by(Referent.relay_id)
        query = (
            select(
                Relay.id,
                Relay.name,
                func.coalesce(RelayType.name, ""),
                Relay.commune,
                Relay.phone,
                Relay.email,
                Relay.active,
                Relay.charter_version,
                Relay.charter_signed_on,
            )
            .outerjoin(RelayType, RelayType.id == Relay.relay_type_id)
            .order_by(Relay.name, Relay.commune)
        )
        if not include_inactive:
            query = query.where(Relay.active.is_(True))
        with self._reading() as session:
            settings = self._settings(session)
            n_referents = dict(session.execute(referents).all())
            rows = [
                RelayRow(
                    relay_id,
                    name,
                    kind,
                    commune,
                    phone,
                    email,
                    active,
                    n_referents.get(relay_id, 0),
                    0,
                    0,
                    0,
                    0,
                    None,
                    charter=charter_status(signed_version, signed_on, settings.charter_version),
                    no_show_threshold=settings.no_show_threshold,
                    counted=season_id is None,
                )
                for relay_id, name, kind, commune, phone, email, active, signed_version, signed_on in session.execute(
                    query
                )
            ]
            if not counted or season_id is None:
                return rows
            counts = self._season_counts(session, season_id)
        return [row.with_counts(counts) for row in rows]

    def relay_counts(self, season_id: int) -> SeasonCounts:
        """What every relay booked and used in the season, for the rows of `list_relays(counted=False)`."""
        with self._reading() as session:
            return self._season_counts(session, season_id)

    def _season_counts(self, session: Session, season_id: int) -> SeasonCounts:
        performances = season_performance_ids(season_id)
        return SeasonCounts(
            season_id,
            counts_by_relay(session, performances, self._now()),
            without_notice_by_relay(session, performances),
        )

    @staticmethod
    def _settings(session: Session) -> AssociationSettings:
        return session.get(AssociationSettings, 1) or AssociationSettings(charter_version=1, no_show_threshold=3)

    def charter_status(self, relay_id: int) -> CharterStatus:
        """Where the relay stands with the charter in force (the settings' version)."""
        with self._reading() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            current = self._settings(session).charter_version
            return charter_status(relay.charter_version, relay.charter_signed_on, current)

    def without_notice(self, relay_id: int, season_id: int) -> int:
        """The relay's places of the season unused without notice."""
        with self._reading() as session:
            return without_notice_by_relay(session, season_performance_ids(season_id), relay_id).get(relay_id, 0)

    def booking_warnings(self, relay_id: int, season_id: int | None) -> BookingWarnings:
        """What a booking for the relay is warned of: a charter not signed or older than the one
        in force, and places unused without notice in the season from the threshold on."""
        with self._reading() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            settings = self._settings(session)
            status = charter_status(relay.charter_version, relay.charter_signed_on, settings.charter_version)
            no_shows = ""
            season = session.get(Season, season_id) if season_id is not None else None
            if season is not None:
                n = without_notice_by_relay(session, season_performance_ids(season.id), relay_id).get(relay_id, 0)
                no_shows = no_show_warning(relay.name, n, settings.no_show_threshold, season.label)
            return BookingWarnings(status.warning(relay.name, settings.charter_version), no_shows)

    def get_relay(self, relay_id: int) -> RelayDetail:
        with self._reading() as session:
            r = get_or_refuse(session, Relay, relay_id, "Ce relais")
            return RelayDetail(
                r.id,
                RelayInput(
                    r.name,
                    r.relay_type_id,
                    r.commune,
                    r.address,
                    r.phone,
                    r.email,
                    r.notes,
                    r.active,
                    r.charter_version,
                    r.charter_signed_on,
                ),
                tuple(
                    ReferentInfo(x.id, x.relay_id, x.name, x.phone, x.email, x.active, x.version) for x in r.referents
                ),
                r.version,
            )

    def create_relay(self, data: RelayInput) -> int:
        values = _clean(data)
        with self._writing() as session:
            self._check(session, values)
            relay = Relay(**values)
            session.add(relay)
            session.flush()
            self._log(session, "create", "relay", relay.id, f"Relais « {relay.name} » ({relay.commune}) créé")
            return relay.id

    def update_relay(self, relay_id: int, data: RelayInput, *, version: int | None = None) -> None:
        """`version`: the one the dialog read; refused if another desk saved the relay since."""
        values = _clean(data)
        with self._writing() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais", version=version)
            self._check(session, values, exclude_id=relay_id)
            before = f"{relay.name} ({relay.commune})"
            for key, value in values.items():
                setattr(relay, key, value)
            self._log(session, "update", "relay", relay_id, f"Relais « {before} » modifié")

    def set_active(self, relay_id: int, active: bool) -> None:
        with self._writing() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            relay.active = bool(active)
            self._log(
                session,
                "activate" if active else "deactivate",
                "relay",
                relay_id,
                f"Relais « {relay.name} » {'activé' if active else 'désactivé'}",
            )

    def delete_relay(self, relay_id: int) -> None:
        """Only a relay that never booked can be deleted; others are deactivated instead."""
        with self._writing() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            used = session.scalar(select(func.count()).where(Booking.relay_id == relay_id))
            used += session.scalar(select(func.count()).where(WaitingEntry.relay_id == relay_id))
            if used:
                raise DomainError(
                    "relay_in_use",
                    f"« {relay.name} » a déjà réservé des places : il ne peut pas être supprimé. Désactivez-le plutôt.",
                )
            session.delete(relay)
            self._log(session, "delete", "relay", relay_id, f"Relais « {relay.name} » supprimé")

    @staticmethod
    def _check(session: Session, values: dict, exclude_id: int | None = None) -> None:
        if values["relay_type_id"] is not None:
            get_or_refuse(session, RelayType, values["relay_type_id"], "Ce type de relais")
        same_commune = select(Relay.id, Relay.name, Relay.commune)
        for other_id, other_name, other_commune in session.execute(same_commune):
            if (
                other_id != exclude_id
                and same_name(other_name, values["name"])
                and same_name(other_commune, values["commune"])
            ):
                raise DomainError(
                    "relay_exists", f"Un relais « {other_name} » existe déjà à {other_commune}.", field="name"
                )

    # --- referents ------------------------------------------------------------------------
    def save_referent(
        self,
        relay_id: int,
        name: str,
        phone: str = "",
        email: str = "",
        active: bool = True,
        referent_id: int | None = None,
        *,
        version: int | None = None,
    ) -> int:
        values = {
            "name": required_text(name, "Le nom du référent", "name"),
            "phone": optional_text(phone, "Téléphone", "phone", 30),
            "email": optional_email(email),
            "active": bool(active),
        }
        with self._writing() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            referent = save_named(
                session,
                Referent,
                referent_id,
                {"relay_id": relay_id, **values},
                what="Ce référent",
                version=version,
                siblings=((r.id, r.name) for r in relay.referents),
                refusal=lambda taken: DomainError(
                    "referent_exists", f"« {taken} » est déjà référent de ce relais.", field="name"
                ),
            )
            self._log(
                session, "save", "referent", referent.id, f"Référent « {referent.name} » de « {relay.name} » enregistré"
            )
            return referent.id

    def delete_referent(self, referent_id: int) -> None:
        with self._writing() as session:
            referent = get_or_refuse(session, Referent, referent_id, "Ce référent")
            used = session.scalar(select(func.count()).where(Booking.referent_id == referent_id))
            if used:
                raise DomainError(
                    "referent_in_use",
                    f"« {referent.name} » a fait {used} réservation(s) : désactivez ce référent plutôt que de le supprimer.",
                )
            session.delete(referent)
            self._log(session, "delete", "referent", referent_id, f"Référent « {referent.name} » supprimé")

    # --- follow-up log --------------------------------------------------------------------
    def list_follow_ups(self, relay_id: int) -> list[FollowUpLine]:
        """The relay's follow-up log, newest first: the exchanges about what keeps people from coming."""
        with self._reading() as session:
            rows = session.scalars(
                select(RelayFollowUp)
                .where(RelayFollowUp.relay_id == relay_id)
                .order_by(RelayFollowUp.on.desc(), RelayFollowUp.id.desc())
            )
            return [line_of(e, e.relay_id) for e in rows]

    def due_follow_ups(self) -> list[DueFollowUp]:
        """The relays' next steps whose date has come (today included), not done, the most overdue first."""
        today = self._now().date()
        with self._reading() as session:
            rows = session.execute(
                select(RelayFollowUp, Relay.name)
                .join(Relay, RelayFollowUp.relay_id == Relay.id)
                .where(RelayFollowUp.due_on.is_not(None), RelayFollowUp.due_on <= today, RelayFollowUp.done.is_(False))
                .order_by(RelayFollowUp.due_on, RelayFollowUp.id)
            )
            return [
                DueFollowUp(e.id, e.relay_id, name, e.next_step, e.due_on) for e, name in rows if e.due_on is not None
            ]

    def save_follow_up(
        self,
        relay_id: int,
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
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            entry = write_follow_up(
                session, RelayFollowUp, {"relay_id": relay_id}, entry_id, day, kind, clean, step, version
            )
            self._log(session, "save", "relay_follow_up", entry.id, f"Suivi du {day:%d/%m/%Y} avec « {relay.name} »")
            return entry.id

    def delete_follow_up(self, entry_id: int) -> None:
        with self._writing() as session:
            entry = get_or_refuse(session, RelayFollowUp, entry_id, "Cette ligne de suivi")
            session.delete(entry)
            self._log(session, "delete", "relay_follow_up", entry_id, f"Suivi du {entry.on:%d/%m/%Y} supprimé")
