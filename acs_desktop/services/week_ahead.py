"""The week ahead: whom to call, the day before, about the performances of the next seven days.

The call list is the first lever against non-use: a referent reminded the day before tells the
person, or gives the place back in time. For each performance of the seven days from `start`
(the start day included, the eighth excluded, the whole of each day whatever the hour), the
relays holding places on it, with:

- the referent to call: the booking's referent when it names one, else the relay's first active
  referent (by name), else « pas de référent »; the referent's phone, else the relay's;
- the places held (booked or issued; used or unused once attendance is recorded that day) and how
  many of their tickets are printed (issued).

A performance the partner cancelled is listed apart, with the relays that had places on it and
whether they were told: people who were not told may come to a closed door, so that call comes
first. A performance with no place held is still listed (the director sees the whole week).

Read in a fixed number of queries (performances, bookings with their counts, referents),
whatever the number of rows. A separate service from `DocumentService` so that it stays one
short module; it borrows the association's identity from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select

from acs_desktop.domain.documents import PDF, Document, Identity, PerformanceHeading, address_line
from acs_desktop.domain.states import HOLDING_STATUSES, PerformanceState
from acs_desktop.domain.week_ahead import WEEK_DAYS, CallLine, WeekAheadData, WeekPerformance
from acs_desktop.models import Booking, Invitation, Partner, Performance, Referent, Relay, Show, Venue
from acs_desktop.printing import renderers
from acs_desktop.services.base import Clock, Service, Sessions, system_clock
from acs_desktop.services.queries import ISSUED_STATUSES, up_to_partner


@dataclass
class _Relay:
    """One relay's bookings on one performance, added up."""

    name: str
    commune: str
    phone: str
    referent: tuple[str, str] | None = None  # (name, phone) of the first booking that names one
    places: int = 0
    printed: int = 0
    cancelled: int = 0
    warned: list[datetime | None] = field(default_factory=list)


class WeekAheadService(Service):
    def __init__(self, sessions: Sessions, clock: Clock = system_clock, *, identity: Callable[[], Identity]):
        super().__init__(sessions, clock)
        self._identity = identity

    def week_ahead(self, start: date | None = None) -> Document:
        """The call list of the seven days from `start` (today by default), as a PDF."""
        data = self.week_ahead_data(start)
        return Document(
            "Semaine à venir",
            f"semaine-{data.start:%Y-%m-%d}.pdf",
            PDF,
            renderers.week_ahead_pdf(data),
            data.summary,
        )

    def week_ahead_data(self, start: date | None = None) -> WeekAheadData:
        first = start or self._now().date()
        begin = datetime.combine(first, time())
        end = begin + timedelta(days=WEEK_DAYS)
        identity = self._identity()
        with self._reading() as session:
            performances = session.execute(
                up_to_partner(
                    select(
                        Performance.id,
                        Performance.starts_at,
                        Performance.state,
                        Show.title,
                        Partner.name,
                        Partner.address,
                        Partner.postal_code,
                        Partner.commune,
                        Venue.name,
                        Venue.address,
                        Venue.postal_code,
                        Venue.commune,
                    ).outerjoin(Venue, Venue.id == Performance.venue_id)
                )
                .where(Performance.starts_at >= begin, Performance.starts_at < end)
                .order_by(Performance.starts_at, Show.title, Performance.id)
            ).all()
            ids = [row[0] for row in performances]
            holding = func.sum(case((Invitation.status.in_(HOLDING_STATUSES), 1), else_=0))
            printed = func.sum(case((Invitation.status.in_(ISSUED_STATUSES), 1), else_=0))
            bookings = session.execute(
                select(
                    Booking.performance_id,
                    Booking.relay_id,
                    Relay.name,
                    Relay.commune,
                    Relay.phone,
                    Referent.name,
                    Referent.phone,
                    Booking.places_cancelled_by_partner,
                    Booking.warned_at,
                    holding,
                    printed,
                )
                .select_from(Booking)
                .join(Relay, Relay.id == Booking.relay_id)
                .outerjoin(Referent, Referent.id == Booking.referent_id)
                .outerjoin(Invitation, Invitation.booking_id == Booking.id)
                .where(Booking.performance_id.in_(ids))
                .group_by(Booking.id, Relay.id, Referent.id)
                .order_by(Booking.id)
            ).all()
            relay_ids = {row[1] for row in bookings}
            first_referents: dict[int, tuple[str, str]] = {}
            for relay_id, name, phone in session.execute(
                select(Referent.relay_id, Referent.name, Referent.phone)
                .where(Referent.relay_id.in_(relay_ids), Referent.active.is_(True))
                .order_by(Referent.relay_id, Referent.name, Referent.id)
            ):
                first_referents.setdefault(relay_id, (name, phone))

        relays: dict[int, dict[int, _Relay]] = {}
        for (
            performance_id,
            relay_id,
            relay_name,
            relay_commune,
            relay_phone,
            referent_name,
            referent_phone,
            cancelled,
            warned_at,
            held,
            issued,
        ) in bookings:
            relay = relays.setdefault(performance_id, {}).setdefault(
                relay_id, _Relay(relay_name, relay_commune, relay_phone)
            )
            if relay.referent is None and referent_name:
                relay.referent = (referent_name, referent_phone)
            relay.places += held or 0
            relay.printed += issued or 0
            relay.cancelled += cancelled
            if cancelled:
                relay.warned.append(warned_at)

        on_offer: list[WeekPerformance] = []
        called_off: list[WeekPerformance] = []
        for row in performances:
            performance_id, state = row[0], row[2]
            cancelled = state is PerformanceState.CANCELLED
            calls = tuple(
                sorted(
                    (
                        _call(relay, first_referents.get(relay_id), cancelled)
                        for relay_id, relay in relays.get(performance_id, {}).items()
                        if (relay.cancelled if cancelled else relay.places)
                    ),
                    key=lambda call: call.sort_key,
                )
            )
            (called_off if cancelled else on_offer).append(
                WeekPerformance(performance_id, _heading(row), calls, cancelled)
            )
        return WeekAheadData(identity, first, tuple(on_offer), tuple(called_off), self._now())


def _call(relay: _Relay, first_referent: tuple[str, str] | None, cancelled: bool) -> CallLine:
    name, phone = relay.referent or first_referent or ("", "")
    places = relay.cancelled if cancelled else relay.places
    warned = None
    if cancelled and relay.warned and all(relay.warned):
        warned = max(w for w in relay.warned if w is not None)
    return CallLine(
        relay.name,
        relay.commune,
        name,
        phone or relay.phone,
        not phone and bool(relay.phone),
        places,
        places if cancelled else relay.printed,
        warned,
    )


def _heading(row) -> PerformanceHeading:
    (_, starts_at, _, title, partner, p_address, p_postal, p_commune, venue, v_address, v_postal, v_commune) = row
    if venue is not None:
        return PerformanceHeading(title, partner, venue, address_line(v_address, v_postal, v_commune), starts_at)
    return PerformanceHeading(title, partner, "", address_line(p_address, p_postal, p_commune), starts_at)
