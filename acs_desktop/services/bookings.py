"""Booking places for a relay, cancelling or returning them, and the waiting list.

The rules of `domain.md` are checked here, inside the write transaction that books: places
booked never exceed the quota (remaining places are counted, never stored), only active relays
book, nothing is booked on a cancelled or past performance or a closed convention, and after
the booking deadline only with an explicit override.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import quantity
from acs_desktop.domain.states import (
    HOLDING_STATUSES,
    ConventionState,
    InvitationStatus,
    PerformanceState,
    WaitingStatus,
)
from acs_desktop.domain.validation import count, optional_text
from acs_desktop.models import Booking, Invitation, Performance, Referent, Relay, WaitingEntry
from acs_desktop.services.base import Clock, Service, Sessions, fetch_all, get_or_refuse, system_clock
from acs_desktop.services.offers import deadline_passed, remaining_places

FIRST_NAME_MAX = 40
CANCELLABLE = (InvitationStatus.BOOKED, InvitationStatus.ISSUED)


@dataclass(frozen=True)
class BookingRequest:
    performance_id: int
    relay_id: int
    places: int
    referent_id: int | None = None
    first_names: tuple[str, ...] = ()
    names_on_tickets: bool = False
    override_deadline: bool = False
    note: str = ""
    companions: int = 0  # how many of `places` are for companions (family member, volunteer going along)


@dataclass(frozen=True)
class BookingResult:
    booking_id: int
    codes: tuple[str, ...]
    remaining: int


@dataclass(frozen=True)
class WaitingOffer:
    """Places offered to a relay on the waiting list, to accept or pass."""

    waiting_id: int
    relay_name: str
    places: int


@dataclass(frozen=True)
class IssueResult:
    first_print: tuple[int, ...]
    reprint: tuple[int, ...]


@dataclass(frozen=True)
class ReturnResult:
    places_returned: int
    remaining: int
    offers: tuple[WaitingOffer, ...]


def performance_label(performance: Performance) -> str:
    return f"« {performance.show.title} » du {performance.starts_at:%d/%m/%Y à %H:%M}"


def check_bookable(performance: Performance, now: datetime, *, override_deadline: bool) -> None:
    """Raise the domain's refusal if places cannot be booked on `performance` at `now`."""
    label = performance_label(performance)
    if performance.state is PerformanceState.CANCELLED:
        raise DomainError("performance_cancelled", f"La représentation {label} est annulée : plus aucune réservation.")
    if performance.starts_at <= now:
        raise DomainError(
            "performance_past", f"La représentation {label} a déjà eu lieu : elle ne peut plus être réservée."
        )
    convention = performance.show.convention
    if convention.state is ConventionState.CLOSED:
        raise DomainError(
            "convention_closed",
            f"La convention avec « {convention.partner.name} » est clôturée : plus aucune réservation.",
        )
    deadline = performance.booking_deadline
    if deadline_passed(deadline, now) and not override_deadline:
        raise DomainError(
            "deadline_passed",
            f"La date limite de réservation ({deadline:%d/%m/%Y à %H:%M}) est passée pour {label}. "
            "Cochez « Réserver malgré la date limite » si le partenaire est d'accord.",
        )


def companions_among(companions: object, places: int) -> int:
    """How many of a booking's `places` are for companions: none up to all of them."""
    n = count(companions, "Le nombre d'accompagnateurs", "companions")
    if n > places:
        raise DomainError(
            "too_many_companions",
            f"{quantity(n, 'accompagnateur')} pour {quantity(places, 'place')} : "
            "les accompagnateurs sont comptés parmi les places réservées.",
            field="companions",
        )
    return n


def check_relay(relay: Relay) -> None:
    if not relay.active:
        raise DomainError("relay_inactive", f"Le relais « {relay.name} » est inactif : réactivez-le pour réserver.")


class BookingService(Service):
    def __init__(self, sessions: Sessions, clock: Clock = system_clock, rng: random.Random | None = None):
        super().__init__(sessions, clock)
        self._rng = rng  # None: codes from the system's cryptographic generator

    # --- booking --------------------------------------------------------------------------
    def book_places(self, request: BookingRequest) -> BookingResult:
        places = count(request.places, "Le nombre de places", "places", minimum=1)
        names = self._clean_names(request.first_names, places)
        note = optional_text(request.note, "Note", "note", 300)
        companions = companions_among(request.companions, places)
        with self._writing() as session:
            return self._book(session, request, places, names, note, companions)

    def _book(
        self,
        session: Session,
        request: BookingRequest,
        places: int,
        names: list[str | None],
        note: str,
        companions: int = 0,
    ) -> BookingResult:
        now = self._now()
        performance = get_or_refuse(session, Performance, request.performance_id, "Cette représentation")
        relay = get_or_refuse(session, Relay, request.relay_id, "Ce relais")
        check_relay(relay)
        if request.referent_id is not None:
            referent = get_or_refuse(session, Referent, request.referent_id, "Ce référent")
            if referent.relay_id != relay.id:
                raise DomainError(
                    "referent_other_relay",
                    f"« {referent.name} » n'est pas référent de « {relay.name} ».",
                    field="referent_id",
                )
        check_bookable(performance, now, override_deadline=request.override_deadline)
        remaining = remaining_places(session, performance)
        if places > remaining:
            left = "il n'en reste aucune" if remaining == 0 else f"il en reste {remaining}"
            raise DomainError(
                "quota_exceeded",
                f"Il ne reste plus assez de places sur {performance_label(performance)} : {left}, "
                f"{quantity(places, 'place')} demandée{'s' if places > 1 else ''}. "
                "Inscrivez le relais sur la liste d'attente.",
                field="places",
            )
        booking = Booking(
            performance_id=performance.id,
            relay_id=relay.id,
            referent_id=request.referent_id,
            places=places,
            created_at=now,
            deadline_override=bool(request.override_deadline and deadline_passed(performance.booking_deadline, now)),
            names_on_tickets=request.names_on_tickets,
            note=note,
        )
        session.add(booking)
        session.flush()
        codes = self._new_codes(session, places)
        # The companions' places are the booking's last ones (the first names, if any, go first).
        session.add_all(
            Invitation(
                booking_id=booking.id,
                performance_id=performance.id,
                code=code,
                first_name=name,
                companion=index >= places - companions,
            )
            for index, (code, name) in enumerate(zip(codes, names, strict=True))
        )
        override = " (malgré la date limite)" if booking.deadline_override else ""
        along = f", dont {companions} accompagnateur(s)" if companions else ""
        self._log(
            session,
            "book",
            "booking",
            booking.id,
            f"{places} place(s){along} pour « {relay.name} » sur {performance_label(performance)}{override}",
        )
        return BookingResult(booking.id, tuple(codes), remaining - places)

    @staticmethod
    def _clean_names(first_names: tuple[str, ...], places: int) -> list[str | None]:
        if len(first_names) > places:
            raise DomainError(
                "too_many_names", f"{len(first_names)} prénoms pour {places} place(s).", field="first_names"
            )
        names = [optional_text(n, "Prénom", "first_names", FIRST_NAME_MAX) or None for n in first_names]
        return names + [None] * (places - len(names))

    def _new_codes(self, session: Session, n: int) -> list[str]:
        codes: list[str] = []
        while len(codes) < n:
            batch = {ticket_codes.new_code(self._rng) for _ in range(n - len(codes))} - set(codes)
            taken = set(session.scalars(select(Invitation.code).where(Invitation.code.in_(batch))))
            codes.extend(sorted(batch - taken))
        return codes

    # --- cancelling and returning ---------------------------------------------------------
    def cancel_booking(self, booking_id: int) -> ReturnResult:
        """Cancel every place of a booking not yet used (before the performance)."""
        with self._writing() as session:
            booking = get_or_refuse(session, Booking, booking_id, "Cette réservation")
            invitations = [i for i in booking.invitations if i.status in CANCELLABLE]
            return self._return(session, booking, invitations, "Réservation annulée")

    def return_places(self, booking_id: int, places: int) -> ReturnResult:
        """The relay gives back some places: unprinted ones first, then the latest printed."""
        n = count(places, "Le nombre de places rendues", "places", minimum=1)
        with self._writing() as session:
            booking = get_or_refuse(session, Booking, booking_id, "Cette réservation")
            open_ones = [i for i in booking.invitations if i.status in CANCELLABLE]
            if n > len(open_ones):
                raise DomainError(
                    "return_too_many", f"Cette réservation n'a que {len(open_ones)} place(s) à rendre.", field="places"
                )
            open_ones.sort(key=lambda i: (i.status is InvitationStatus.BOOKED, i.id), reverse=True)
            return self._return(session, booking, open_ones[:n], f"{n} place(s) rendue(s)")

    def cancel_invitations(self, invitation_ids: list[int]) -> ReturnResult:
        """Cancel chosen invitations (all of one booking)."""
        with self._writing() as session:
            invitations = fetch_all(session, Invitation, invitation_ids, "Cette invitation")
            bookings = {i.booking_id for i in invitations}
            if len(bookings) != 1:
                raise DomainError("mixed_bookings", "Choisissez des invitations d'une même réservation.")
            for invitation in invitations:
                if invitation.status not in CANCELLABLE:
                    raise DomainError(
                        "invitation_not_cancellable",
                        f"L'invitation {ticket_codes.display(invitation.code)} est « {invitation.status.label} » : elle ne peut plus être annulée.",
                    )
            booking = invitations[0].booking
            return self._return(session, booking, invitations, f"{len(invitations)} invitation(s) annulée(s)")

    def _return(self, session: Session, booking: Booking, invitations: list[Invitation], what: str) -> ReturnResult:
        performance = booking.performance
        now = self._now()
        if performance.starts_at <= now:
            raise DomainError(
                "performance_past",
                f"La représentation {performance_label(performance)} a eu lieu : relevez la présence au lieu d'annuler.",
            )
        if not invitations:
            raise DomainError("nothing_to_cancel", "Cette réservation n'a plus de place à annuler.")
        for invitation in invitations:
            invitation.status, invitation.cancelled_at = InvitationStatus.CANCELLED, now
        session.flush()
        offers = self._offer_to_waiting(session, performance)
        self._log(
            session,
            "cancel",
            "booking",
            booking.id,
            f"{what} : « {booking.relay.name} », {performance_label(performance)}",
        )
        return ReturnResult(len(invitations), remaining_places(session, performance), tuple(offers))

    # --- waiting list ---------------------------------------------------------------------
    def join_waiting_list(self, performance_id: int, relay_id: int, places: int, note: str = "") -> int:
        wanted = count(places, "Le nombre de places", "places", minimum=1)
        clean_note = optional_text(note, "Note", "note", 300)
        with self._writing() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            check_relay(relay)
            check_bookable(performance, self._now(), override_deadline=True)
            remaining = remaining_places(session, performance)
            if remaining >= wanted:
                raise DomainError(
                    "places_available", f"Il reste {remaining} place(s) : réservez-les directement.", field="places"
                )
            already = session.scalar(
                select(WaitingEntry.id).where(
                    WaitingEntry.performance_id == performance_id,
                    WaitingEntry.relay_id == relay_id,
                    WaitingEntry.status.in_((WaitingStatus.WAITING, WaitingStatus.OFFERED)),
                )
            )
            if already is not None:
                raise DomainError(
                    "already_waiting", f"« {relay.name} » est déjà sur la liste d'attente de cette représentation."
                )
            entry = WaitingEntry(
                performance_id=performance_id, relay_id=relay_id, places=wanted, created_at=self._now(), note=clean_note
            )
            session.add(entry)
            session.flush()
            self._log(
                session,
                "wait",
                "waiting_entry",
                entry.id,
                f"« {relay.name} » en attente de {wanted} place(s) sur {performance_label(performance)}",
            )
            return entry.id

    def accept_offer(
        self,
        waiting_id: int,
        places: int | None = None,
        referent_id: int | None = None,
        first_names: tuple[str, ...] = (),
    ) -> BookingResult:
        """The relay takes the places it was offered (all, or fewer: the rest go to the next)."""
        with self._writing() as session:
            entry = self._offered(session, waiting_id)
            n = entry.offered_places if places is None else count(places, "Le nombre de places", "places", minimum=1)
            if n > entry.offered_places:
                raise DomainError(
                    "offer_exceeded", f"{entry.offered_places} place(s) seulement ont été proposées.", field="places"
                )
            entry.status, entry.resolved_at, entry.offered_places = WaitingStatus.ACCEPTED, self._now(), 0
            session.flush()
            request = BookingRequest(
                entry.performance_id,
                entry.relay_id,
                n,
                referent_id,
                first_names,
                override_deadline=True,
                note="Liste d'attente",
            )
            result = self._book(session, request, n, self._clean_names(first_names, n), request.note)
            self._offer_to_waiting(session, entry.performance)
            return result

    def pass_offer(self, waiting_id: int) -> tuple[WaitingOffer, ...]:
        """The relay declines: its places are offered to the next relay waiting."""
        with self._writing() as session:
            entry = self._offered(session, waiting_id)
            entry.status, entry.resolved_at, entry.offered_places = WaitingStatus.PASSED, self._now(), 0
            session.flush()
            self._log(
                session, "pass", "waiting_entry", entry.id, f"« {entry.relay.name} » décline les places proposées"
            )
            return tuple(self._offer_to_waiting(session, entry.performance))

    def withdraw(self, waiting_id: int) -> tuple[WaitingOffer, ...]:
        with self._writing() as session:
            entry = get_or_refuse(session, WaitingEntry, waiting_id, "Cette inscription en liste d'attente")
            if entry.status not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
                raise DomainError("waiting_closed", "Cette inscription n'est plus en attente.")
            entry.status, entry.resolved_at, entry.offered_places = WaitingStatus.WITHDRAWN, self._now(), 0
            session.flush()
            self._log(
                session, "withdraw", "waiting_entry", entry.id, f"« {entry.relay.name} » retiré de la liste d'attente"
            )
            return tuple(self._offer_to_waiting(session, entry.performance))

    @staticmethod
    def _offered(session: Session, waiting_id: int) -> WaitingEntry:
        entry = get_or_refuse(session, WaitingEntry, waiting_id, "Cette inscription en liste d'attente")
        if entry.status is not WaitingStatus.OFFERED:
            raise DomainError("no_offer", f"Aucune place n'est proposée à « {entry.relay.name} » pour le moment.")
        return entry

    def _offer_to_waiting(self, session: Session, performance: Performance) -> list[WaitingOffer]:
        """Free places go to the first relays waiting, in order of arrival, until none are left."""
        offers = []
        if performance.state is PerformanceState.CANCELLED or performance.starts_at <= self._now():
            return offers
        queue = session.scalars(
            select(WaitingEntry)
            .where(WaitingEntry.performance_id == performance.id, WaitingEntry.status == WaitingStatus.WAITING)
            .order_by(WaitingEntry.created_at, WaitingEntry.id)
        ).all()
        for entry in queue:
            free = remaining_places(session, performance)
            if free <= 0:
                break
            if not entry.relay.active:
                continue
            entry.status, entry.offered_at, entry.offered_places = (
                WaitingStatus.OFFERED,
                self._now(),
                min(entry.places, free),
            )
            session.flush()
            offers.append(WaitingOffer(entry.id, entry.relay.name, entry.offered_places))
            self._log(
                session,
                "offer",
                "waiting_entry",
                entry.id,
                f"{entry.offered_places} place(s) proposée(s) à « {entry.relay.name} » sur {performance_label(performance)}",
            )
        return offers

    # --- issuing ---------------------------------------------------------------------------
    def issue_invitations(self, invitation_ids: list[int]) -> IssueResult:
        """Tickets were printed: booked → issued; a second print is counted as a reprint."""
        now = self._now()
        with self._writing() as session:
            invitations = fetch_all(session, Invitation, invitation_ids, "Cette invitation")
            first, again = [], []
            for invitation in invitations:
                if invitation.status is InvitationStatus.CANCELLED:
                    raise DomainError(
                        "invitation_cancelled",
                        f"L'invitation {ticket_codes.display(invitation.code)} est annulée : pas de billet.",
                    )
                if invitation.status is InvitationStatus.BOOKED:
                    invitation.status, invitation.issued_at = InvitationStatus.ISSUED, now
                    first.append(invitation.id)
                else:
                    again.append(invitation.id)
                invitation.print_count += 1
            self._log(
                session, "issue", "invitation", None, f"{len(first)} billet(s) édité(s), {len(again)} réimprimé(s)"
            )
            return IssueResult(tuple(first), tuple(again))

    # --- reading --------------------------------------------------------------------------
    def remaining(self, performance_id: int) -> int:
        with self._reading() as session:
            return remaining_places(
                session, get_or_refuse(session, Performance, performance_id, "Cette représentation")
            )

    def held_places(self, performance_id: int) -> int:
        with self._reading() as session:
            return session.scalar(
                select(func.count()).where(
                    Invitation.performance_id == performance_id, Invitation.status.in_(HOLDING_STATUSES)
                )
            )
