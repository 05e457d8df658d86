"""What is on offer: disciplines, shows and their performances, with booked and remaining places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_time
from acs_desktop.domain.states import (
    HOLDING_STATUSES,
    ConventionState,
    InvitationStatus,
    PerformanceState,
    WaitingStatus,
)
from acs_desktop.domain.validation import count, optional_text, required_text, same_label
from acs_desktop.models import (
    Booking,
    Convention,
    Discipline,
    Invitation,
    Partner,
    Performance,
    Referent,
    Relay,
    Show,
    Venue,
    WaitingEntry,
)
from acs_desktop.services.base import Service, get_or_refuse, save_named
from acs_desktop.services.queries import counts_by_performance, season_performance_ids, status_counts, up_to_partner


@dataclass(frozen=True)
class NamedItem:
    id: int
    name: str


@dataclass(frozen=True)
class ShowRow:
    id: int
    convention_id: int
    title: str
    partner_id: int
    partner_name: str
    discipline: str
    discipline_id: int | None
    description: str
    performances: int
    version: int  # as read: saving the show with it is refused if another desk saved it meanwhile


@dataclass(frozen=True)
class PerformanceInput:
    show_id: int
    starts_at: datetime
    quota: int
    venue_id: int | None = None
    booking_deadline: datetime | None = None
    past: bool = False  # entered on purpose as a performance that took place (history)


@dataclass(frozen=True)
class PerformanceRow:
    id: int
    show_id: int
    show_title: str
    partner_id: int
    partner_name: str
    discipline: str
    venue_id: int | None
    venue_name: str
    starts_at: datetime
    booking_deadline: datetime | None
    quota: int
    booked: int
    held_for_waiting: int
    used: int
    unused: int
    waiting: int
    state: PerformanceState
    version: int  # as read: saving the performance with it is refused if another desk saved it meanwhile
    deadline_passed: bool = False  # at the time of the list: booking needs the explicit override

    @property
    def remaining(self) -> int:
        if self.state is PerformanceState.CANCELLED:
            return 0
        return max(self.quota - self.booked - self.held_for_waiting, 0)


@dataclass(frozen=True)
class PerformanceFilter:
    discipline_id: int | None = None
    partner_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    places_left_only: bool = False
    bookable_only: bool = False  # what `book_places` accepts now (the deadline aside: it can be overridden)
    text: str = ""


@dataclass(frozen=True)
class CancellationNotice:
    """A relay still to be told that the partner cancelled a performance it had places for."""

    booking_id: int
    performance_id: int
    show_title: str
    starts_at: datetime
    relay_name: str
    places: int


@dataclass(frozen=True)
class RelayToWarn:
    booking_id: int
    relay_name: str
    referent: str
    phone: str
    email: str
    places: int
    warned: bool


def waiting_counts(performance_ids):
    """Per performance: relays waiting, and places held for a relay to which they were offered."""
    return (
        select(
            WaitingEntry.performance_id.label("performance_id"),
            func.sum(case((WaitingEntry.status == WaitingStatus.WAITING, 1), else_=0)).label("waiting"),
            func.sum(case((WaitingEntry.status == WaitingStatus.OFFERED, WaitingEntry.offered_places), else_=0)).label(
                "held"
            ),
        )
        .where(
            WaitingEntry.performance_id.in_(performance_ids),
            WaitingEntry.status.in_((WaitingStatus.WAITING, WaitingStatus.OFFERED)),
        )
        .group_by(WaitingEntry.performance_id)
        .subquery()
    )


def deadline_passed(deadline: datetime | None, now: datetime) -> bool:
    """The booking deadline rule, in one place: passed once `now` is after it."""
    return deadline is not None and now > deadline


def remaining_places(session: Session, performance: Performance) -> int:
    """Quota − places held − places offered to a waiting relay. Computed, never stored."""
    if performance.state is PerformanceState.CANCELLED:
        return 0
    held = session.scalar(
        select(func.count()).where(Invitation.performance_id == performance.id, Invitation.status.in_(HOLDING_STATUSES))
    )
    offered = session.scalar(
        select(func.coalesce(func.sum(WaitingEntry.offered_places), 0)).where(
            WaitingEntry.performance_id == performance.id, WaitingEntry.status == WaitingStatus.OFFERED
        )
    )
    return max(performance.quota - held - offered, 0)


class OfferService(Service):
    # --- disciplines ----------------------------------------------------------------------
    def list_disciplines(self) -> list[NamedItem]:
        with self._reading() as session:
            return [NamedItem(d.id, d.name) for d in session.scalars(select(Discipline).order_by(Discipline.name))]

    def get_or_create_discipline(self, name: str) -> int:
        """The discipline called `name`: the one that exists under that name (case and accents
        ignored: typing "danse" picks « Danse »), or a new one."""
        clean = required_text(name, "Le nom de la discipline", "name", 60)
        with self._writing() as session:
            for other in session.scalars(select(Discipline)):
                if same_label(other.name, clean):
                    return other.id
            discipline = Discipline(name=clean)
            session.add(discipline)
            session.flush()
            self._log(session, "create", "discipline", discipline.id, f"Discipline « {clean} » créée")
            return discipline.id

    # --- shows ----------------------------------------------------------------------------
    def list_shows(self, season_id: int) -> list[ShowRow]:
        n_perf = select(func.count()).where(Performance.show_id == Show.id).scalar_subquery()
        query = (
            select(Show, Partner.id, Partner.name, Discipline.name, n_perf)
            .join(Convention, Convention.id == Show.convention_id)
            .join(Partner, Partner.id == Convention.partner_id)
            .outerjoin(Discipline, Discipline.id == Show.discipline_id)
            .where(Convention.season_id == season_id)
            .order_by(Show.title)
        )
        with self._reading() as session:
            return [
                ShowRow(
                    s.id,
                    s.convention_id,
                    s.title,
                    partner_id,
                    partner,
                    discipline or "",
                    s.discipline_id,
                    s.description,
                    n,
                    s.version,
                )
                for s, partner_id, partner, discipline, n in session.execute(query)
            ]

    def save_show(
        self,
        convention_id: int,
        title: str,
        discipline_id: int | None = None,
        description: str = "",
        show_id: int | None = None,
        *,
        version: int | None = None,
    ) -> int:
        clean_title = required_text(title, "Le titre du spectacle", "title", 160)
        clean_description = optional_text(description, "Présentation", "description", 4000, multiline=True)
        with self._writing() as session:
            convention = self._bookable_convention(session, convention_id)
            if discipline_id is not None:
                get_or_refuse(session, Discipline, discipline_id, "Cette discipline")
            show = save_named(
                session,
                Show,
                show_id,
                {
                    "convention_id": convention_id,
                    "title": clean_title,
                    "discipline_id": discipline_id,
                    "description": clean_description,
                },
                what="Ce spectacle",
                version=version,
                siblings=session.execute(select(Show.id, Show.title).where(Show.convention_id == convention_id)),
                refusal=lambda taken: DomainError(
                    "show_exists", f"« {taken} » est déjà au programme de cette convention.", field="title"
                ),
            )
            self._log(
                session, "save", "show", show.id, f"Spectacle « {show.title} » ({convention.partner.name}) enregistré"
            )
            return show.id

    def delete_show(self, show_id: int) -> None:
        with self._writing() as session:
            show = get_or_refuse(session, Show, show_id, "Ce spectacle")
            n = session.scalar(select(func.count()).where(Performance.show_id == show_id))
            if n:
                raise DomainError("show_in_use", f"« {show.title} » a {n} représentation(s) : supprimez-les d'abord.")
            session.delete(show)
            self._log(session, "delete", "show", show_id, f"Spectacle « {show.title} » supprimé")

    # --- performances ---------------------------------------------------------------------
    def list_performances(
        self, season_id: int, filters: PerformanceFilter | None = None, *, performance_id: int | None = None
    ) -> list[PerformanceRow]:
        f = filters or PerformanceFilter()
        season_performances = season_performance_ids(season_id)
        if performance_id is not None:
            season_performances = season_performances.where(Performance.id == performance_id)
        waits = waiting_counts(season_performances)
        query = (
            up_to_partner(
                select(  # columns, not ORM objects: lists stay fast on large seasons
                    Performance.id,
                    Performance.show_id,
                    Show.title,
                    Partner.id,
                    Partner.name,
                    func.coalesce(Discipline.name, ""),
                    Performance.venue_id,
                    func.coalesce(Venue.name, ""),
                    Performance.starts_at,
                    Performance.booking_deadline,
                    Performance.quota,
                    func.coalesce(waits.c.held, 0),
                    func.coalesce(waits.c.waiting, 0),
                    Performance.state,
                    Performance.version,
                )
            )
            .outerjoin(Discipline, Discipline.id == Show.discipline_id)
            .outerjoin(Venue, Venue.id == Performance.venue_id)
            .outerjoin(waits, waits.c.performance_id == Performance.id)
            .where(Convention.season_id == season_id)
            .order_by(Performance.starts_at, Show.title)
        )
        if performance_id is not None:
            query = query.where(Performance.id == performance_id)
        if f.discipline_id is not None:
            query = query.where(Show.discipline_id == f.discipline_id)
        if f.partner_id is not None:
            query = query.where(Convention.partner_id == f.partner_id)
        if f.date_from is not None:
            query = query.where(Performance.starts_at >= datetime.combine(f.date_from, datetime.min.time()))
        if f.date_to is not None:
            query = query.where(Performance.starts_at < datetime.combine(f.date_to, datetime.max.time()))
        now = self._now()
        if f.bookable_only:  # the rules of `check_bookable`, as a query (a test holds them together)
            query = query.where(
                Performance.state == PerformanceState.ON_OFFER,
                Performance.starts_at > now,
                Convention.state != ConventionState.CLOSED,
            )
        if f.text.strip():
            like = f"%{f.text.strip()}%"
            query = query.where(Show.title.ilike(like) | Partner.name.ilike(like) | Venue.name.ilike(like))
        with self._reading() as session:
            counts = counts_by_performance(session, season_performances)
            rows = []
            for (
                pid,
                show_id,
                title,
                partner_id,
                partner,
                discipline,
                venue_id,
                venue,
                starts_at,
                deadline,
                quota,
                held,
                waiting,
                state,
                version,
            ) in session.execute(query):
                c = status_counts(counts.get(pid, ()))
                rows.append(
                    PerformanceRow(
                        pid,
                        show_id,
                        title,
                        partner_id,
                        partner,
                        discipline,
                        venue_id,
                        venue,
                        starts_at,
                        deadline,
                        quota,
                        c.booked,
                        held,
                        c.used,
                        c.unused,
                        waiting,
                        state,
                        version,
                        deadline_passed(deadline, now),
                    )
                )
        if f.places_left_only:
            rows = [r for r in rows if r.remaining > 0 and r.starts_at > now]
        return rows

    def performances_with_places(self, season_id: int, *, upcoming_only: bool = False) -> list[PerformanceRow]:
        """Performances on offer with places booked: those tickets (upcoming only) or an attendance
        sheet can be made for."""
        now = self._now()
        return [
            p
            for p in self.list_performances(season_id)
            if p.booked and p.state is PerformanceState.ON_OFFER and (p.starts_at > now or not upcoming_only)
        ]

    def get_performance(self, performance_id: int) -> PerformanceRow:
        with self._reading() as session:
            season_id = get_or_refuse(
                session, Performance, performance_id, "Cette représentation"
            ).show.convention.season_id
            return self.list_performances(season_id, performance_id=performance_id)[0]

    def save_performance(
        self, data: PerformanceInput, performance_id: int | None = None, *, version: int | None = None
    ) -> int:
        """Create (`performance_id` None) or change a performance; a change with the `version` the
        dialog read is refused if another desk saved the performance since."""
        quota = count(data.quota, "Le quota de places", "quota")
        if not isinstance(data.starts_at, datetime):
            raise DomainError(
                "date_invalid", "La date et l'heure de la représentation sont obligatoires.", field="starts_at"
            )
        if data.booking_deadline is not None and data.booking_deadline > data.starts_at:
            raise DomainError(
                "deadline_after_performance",
                "La date limite de réservation doit précéder la représentation.",
                field="booking_deadline",
            )
        if performance_id is None and data.starts_at <= self._now() and not data.past:  # a typing slip, most likely
            raise DomainError(
                "performance_past",
                f"Le {format_date(data.starts_at)} à {format_time(data.starts_at)} est déjà passé. Pour garder la trace d'une "
                "représentation qui a eu lieu, cochez « Représentation passée (historique) ».",
                field="starts_at",
            )
        with self._writing() as session:
            show = get_or_refuse(session, Show, data.show_id, "Ce spectacle")
            convention = self._bookable_convention(session, show.convention_id)
            if data.venue_id is not None:
                venue = get_or_refuse(session, Venue, data.venue_id, "Cette salle")
                if venue.partner_id != convention.partner_id:
                    raise DomainError(
                        "venue_other_partner",
                        f"La salle « {venue.name} » n'est pas une salle de « {convention.partner.name} ».",
                        field="venue_id",
                    )
            clash = session.scalar(
                select(Performance.id).where(
                    Performance.show_id == show.id,
                    Performance.starts_at == data.starts_at,
                    Performance.id != (performance_id or -1),
                )
            )
            if clash is not None:
                raise DomainError(
                    "performance_exists",
                    f"« {show.title} » a déjà une représentation le {data.starts_at:%d/%m/%Y à %H:%M}.",
                    field="starts_at",
                )
            if performance_id is None:
                performance = Performance(
                    show_id=show.id,
                    starts_at=data.starts_at,
                    quota=quota,
                    venue_id=data.venue_id,
                    booking_deadline=data.booking_deadline,
                )
                session.add(performance)
            else:
                performance = get_or_refuse(
                    session, Performance, performance_id, "Cette représentation", version=version
                )
                held = session.scalar(
                    select(func.count()).where(
                        Invitation.performance_id == performance_id, Invitation.status.in_(HOLDING_STATUSES)
                    )
                )
                if quota < held:
                    raise DomainError(
                        "quota_below_booked",
                        f"{held} places sont déjà réservées : le quota ne peut pas descendre à {quota}.",
                        field="quota",
                    )
                performance.show_id, performance.starts_at, performance.quota = show.id, data.starts_at, quota
                performance.venue_id, performance.booking_deadline = data.venue_id, data.booking_deadline
            session.flush()
            self._log(
                session,
                "save",
                "performance",
                performance.id,
                f"Représentation de « {show.title} » le {data.starts_at:%d/%m/%Y %H:%M}, {quota} places",
            )
            return performance.id

    def delete_performance(self, performance_id: int) -> None:
        with self._writing() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            n = session.scalar(select(func.count()).where(Booking.performance_id == performance_id))
            if n:
                raise DomainError(
                    "performance_in_use",
                    f"Cette représentation a {n} réservation(s) : annulez-la plutôt que de la supprimer.",
                )
            session.execute(WaitingEntry.__table__.delete().where(WaitingEntry.performance_id == performance_id))
            session.delete(performance)
            self._log(
                session,
                "delete",
                "performance",
                performance_id,
                f"Représentation de « {performance.show.title} » du {performance.starts_at:%d/%m/%Y} supprimée",
            )

    def cancel_performance(self, performance_id: int, note: str = "") -> list[RelayToWarn]:
        """The partner cancels: places are released, bookings flagged, the relays to warn listed."""
        clean_note = optional_text(note, "Motif", "note", 300)
        with self._writing() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            if performance.state is PerformanceState.CANCELLED:
                raise DomainError("performance_cancelled", "Cette représentation est déjà annulée.")
            recorded = session.scalar(
                select(func.count()).where(
                    Invitation.performance_id == performance_id,
                    Invitation.status.in_((InvitationStatus.USED, InvitationStatus.UNUSED)),
                )
            )
            if recorded:
                raise DomainError(
                    "performance_already_recorded",
                    "La présence a déjà été relevée pour cette représentation : elle ne peut plus être annulée.",
                )
            now = self._now()
            performance.state, performance.cancelled_at, performance.cancel_note = (
                PerformanceState.CANCELLED,
                now,
                clean_note,
            )
            for invitation in session.scalars(
                select(Invitation).where(
                    Invitation.performance_id == performance_id, Invitation.status.in_(HOLDING_STATUSES)
                )
            ):
                invitation.status, invitation.cancelled_at = InvitationStatus.CANCELLED, now
                invitation.booking.places_cancelled_by_partner += 1
            for entry in session.scalars(
                select(WaitingEntry).where(
                    WaitingEntry.performance_id == performance_id,
                    WaitingEntry.status.in_((WaitingStatus.WAITING, WaitingStatus.OFFERED)),
                )
            ):
                entry.status, entry.resolved_at, entry.offered_places = WaitingStatus.WITHDRAWN, now, 0
            session.flush()
            self._log(
                session,
                "cancel",
                "performance",
                performance_id,
                f"Représentation de « {performance.show.title} » du {performance.starts_at:%d/%m/%Y} annulée par le partenaire",
            )
            return self._relays_to_warn(session, performance_id)

    def relays_to_warn(self, performance_id: int) -> list[RelayToWarn]:
        with self._reading() as session:
            return self._relays_to_warn(session, performance_id)

    def cancellation_notices(self, season_id: int) -> list[CancellationNotice]:
        query = (
            select(
                Booking.id,
                Performance.id,
                Show.title,
                Performance.starts_at,
                Relay.name,
                Booking.places_cancelled_by_partner,
            )
            .join(Performance, Performance.id == Booking.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .where(
                # The season's cancelled performances (a few), then their bookings by index: not
                # every booking of the season read for its flag (126,000 at a network's scale).
                Booking.performance_id.in_(
                    season_performance_ids(season_id).where(Performance.state == PerformanceState.CANCELLED)
                ),
                Booking.places_cancelled_by_partner > 0,
                Booking.warned_at.is_(None),
            )
            .order_by(Performance.starts_at, Relay.name)
        )
        with self._reading() as session:
            return [CancellationNotice(*row) for row in session.execute(query)]

    def mark_relay_warned(self, booking_id: int) -> None:
        with self._writing() as session:
            booking = get_or_refuse(session, Booking, booking_id, "Cette réservation")
            booking.warned_at = self._now()
            self._log(session, "warned", "booking", booking_id, f"« {booking.relay.name} » prévenu de l'annulation")

    @staticmethod
    def _relays_to_warn(session: Session, performance_id: int) -> list[RelayToWarn]:
        """Bookings whose places the partner's cancellation took away (not those returned before)."""
        query = (
            select(Booking, Relay.name, Referent.name, Referent.phone, Referent.email, Relay.phone, Relay.email)
            .join(Relay, Relay.id == Booking.relay_id)
            .outerjoin(Referent, Referent.id == Booking.referent_id)
            .where(Booking.performance_id == performance_id, Booking.places_cancelled_by_partner > 0)
            .order_by(Relay.name, Booking.id)
        )
        return [
            RelayToWarn(
                b.id,
                relay,
                referent or "",
                ref_phone or relay_phone,
                ref_email or relay_email,
                b.places_cancelled_by_partner,
                b.warned_at is not None,
            )
            for b, relay, referent, ref_phone, ref_email, relay_phone, relay_email in session.execute(query)
        ]

    @staticmethod
    def _bookable_convention(session: Session, convention_id: int) -> Convention:
        convention = get_or_refuse(session, Convention, convention_id, "Cette convention")
        if convention.state is ConventionState.CLOSED:
            raise DomainError(
                "convention_closed",
                f"La convention avec « {convention.partner.name} » est clôturée : son programme ne peut plus changer.",
            )
        return convention
