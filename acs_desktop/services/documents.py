"""The printed documents: the data each one needs, gathered in one read, and the PDF made from it.

- Tickets of a booking, of a relay for a season (those not yet printed), or of a performance.
  Only invitations that hold a place get a ticket; the first name only when the booking asked
  for names on tickets. The window calls `prepare_tickets` (render, mark nothing), then
  `issue_tickets` once the tickets leave the preview (printed, saved or opened); the command line
  calls `render_and_issue_tickets` (both at once: the file written is the print). Nothing is marked if
  rendering fails or is cancelled, and a reprint says "Duplicata" with its code.
- The attendance sheet of a performance: the tickets handed out, without the relays (the venue's
  copy) or grouped by relay (the association's).
- The relay slip: the upcoming places handed to a relay (for a season, or one booking).
- The relay's booking form: a workbook to fill and return, and its printable twin.
- The season catalogue: performances with places still available.
- The season review for the funders: the report (PDF), its tables as a workbook (XLSX) or as
  CSV files (one document per table), from the figures of `ReviewService`.

Every method gives a `Document` (title, file name, kind, content), or a tuple of them for the
CSV tables. The window and the command line call the same methods; the renderers under
`printing/` and the exporters under `exports/` never see the database.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.documents import (
    CSV,
    PDF,
    XLSX,
    AttendanceEntry,
    AttendanceGroup,
    AttendanceSheetData,
    BookingFormData,
    CatalogueData,
    CatalogueEntry,
    Document,
    FormBooking,
    FormPerformance,
    Identity,
    PerformanceHeading,
    RelaySlipData,
    SlipLine,
    SlipTicket,
    TicketBatch,
    TicketData,
    address_line,
    review_file_stem,
)
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import quantity
from acs_desktop.domain.progress import Progress, report
from acs_desktop.domain.review import SeasonReview
from acs_desktop.domain.review_protection import ReviewProtection, protect_review
from acs_desktop.domain.review_stamp import ReportCheck, figures_fingerprint, read_stamp
from acs_desktop.domain.states import InvitationStatus, PerformanceState
from acs_desktop.exports.booking_form import booking_form_xlsx
from acs_desktop.exports.review_files import csv_bytes, xlsx_bytes
from acs_desktop.exports.review_tables import review_tables
from acs_desktop.models import Booking, Convention, Invitation, Partner, Performance, Relay, Season, Show, Venue
from acs_desktop.printing import renderers
from acs_desktop.services.base import Clock, Service, Sessions, get_or_refuse, system_clock
from acs_desktop.services.bookings import BookingService, performance_label
from acs_desktop.services.offers import OfferService, PerformanceFilter, deadline_passed
from acs_desktop.services.queries import up_to_partner
from acs_desktop.services.review import ReviewService
from acs_desktop.services.settings import SettingsService

OPEN = (InvitationStatus.BOOKED, InvitationStatus.ISSUED)  # tickets that can still be printed
ON_SHEET = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)


@dataclass(frozen=True)
class TicketSelection:
    """Which tickets to print: one booking, one relay's unprinted tickets of a season, or one
    performance (its unprinted tickets, or all of them with `include_printed`)."""

    booking_id: int | None = None
    relay_id: int | None = None
    season_id: int | None = None
    performance_id: int | None = None
    include_printed: bool = False


@dataclass(frozen=True)
class RelayPlaces:
    """A relay holding upcoming places in a season (for choosing whose tickets or slip to print)."""

    relay_id: int
    name: str
    commune: str
    to_print: int  # booked, ticket not printed yet
    held: int  # booked or issued


class DocumentService(Service):
    def __init__(
        self,
        sessions: Sessions,
        clock: Clock = system_clock,
        *,
        settings: SettingsService,
        offers: OfferService,
        bookings: BookingService,
        review: ReviewService,
    ):
        super().__init__(sessions, clock)
        self._settings = settings
        self._offers = offers
        self._bookings = bookings
        self._review = review

    def identity(self, *, on_tickets: bool = False) -> Identity:
        """Who issues the documents; on tickets, the name chosen for tickets (never a revealing one)."""
        info = self._settings.get()
        contact = " · ".join(part for part in (info.phone, info.email, info.website) if part)
        name = info.name_on_tickets if on_tickets else info.name
        return Identity(name or "L'association", info.address_line, contact, info.logo)

    # --- tickets ----------------------------------------------------------------------------
    def ticket_batch(self, selection: TicketSelection) -> TicketBatch:
        """The tickets of `selection`, in printing order; refused when there is none to print."""
        return self._prepare(selection)[0]

    def _prepare(self, selection: TicketSelection) -> tuple[TicketBatch, str]:
        """The batch and a file name for it."""
        identity = self.identity(on_tickets=True)
        with self._reading() as session:
            query = _ticket_query()
            if selection.booking_id is not None:
                booking = get_or_refuse(session, Booking, selection.booking_id, "Cette réservation")
                self._check_printable(booking.performance)
                query = query.where(Invitation.booking_id == booking.id, Invitation.status.in_(OPEN)).order_by(
                    Invitation.id
                )
                empty = "Cette réservation n'a plus de place : aucun billet à imprimer."
                filename = f"billets-reservation-{booking.id}.pdf"
            elif selection.relay_id is not None:
                relay = get_or_refuse(session, Relay, selection.relay_id, "Ce relais")
                season = self._season(session, selection.season_id)
                query = query.where(
                    Booking.relay_id == relay.id,
                    Convention.season_id == season.id,
                    Invitation.status == InvitationStatus.BOOKED,
                    Performance.state != PerformanceState.CANCELLED,
                    Performance.starts_at > self._now(),
                ).order_by(Performance.starts_at, Show.title, Booking.id, Invitation.id)
                empty = (
                    f"« {relay.name} » n'a aucun billet à imprimer pour la saison {season.label}. "
                    "Pour réimprimer des billets, choisissez la réservation."
                )
                filename = f"billets-{slug(relay.name)}-{self._now():%Y-%m-%d}.pdf"
            elif selection.performance_id is not None:
                performance = get_or_refuse(session, Performance, selection.performance_id, "Cette représentation")
                self._check_printable(performance)
                statuses = OPEN if selection.include_printed else (InvitationStatus.BOOKED,)
                query = query.where(
                    Invitation.performance_id == performance.id, Invitation.status.in_(statuses)
                ).order_by(Relay.name, Booking.id, Invitation.id)
                empty = f"Aucun billet à imprimer pour {performance_label(performance)}."
                if not selection.include_printed:
                    empty += " Les billets déjà imprimés ne sont réimprimés (en duplicata) que sur demande."
                filename = f"billets-{performance.starts_at:%Y-%m-%d}-{slug(performance.show.title)}.pdf"
            else:
                raise DomainError("selection_empty", "Choisissez une réservation, un relais ou une représentation.")
            tickets = tuple(_ticket(row) for row in session.execute(query))
            if not tickets:
                raise DomainError("no_tickets", empty)
            if any(t.reprint for t in tickets):  # saved next to the first print, it must not replace it
                filename = filename.removesuffix(".pdf") + "-duplicata.pdf"
            return TicketBatch(identity, tickets, row_per_group=selection.performance_id is not None), filename

    def prepare_tickets(self, selection: TicketSelection, progress: Progress | None = None) -> Document:
        """Prepare → render, marking nothing: the window marks the tickets issued (`issue_tickets`)
        only when they leave the preview — printed, saved or opened —, so a preview closed
        unprinted leaves them to print, not to reprint as duplicates."""
        batch, filename = self._prepare(selection)
        pdf = renderers.tickets_pdf(batch, progress)
        again = sum(1 for t in batch.tickets if t.reprint)
        said = _first_and_again(
            len(batch.tickets) - again, again, "à imprimer pour la première fois", "duplicata (mêmes codes)"
        )
        summary = f"{quantity(len(batch.tickets), 'billet')} : {said}."
        return Document("Billets", filename, PDF, pdf, summary, tuple(t.invitation_id for t in batch.tickets))

    def issue_tickets(self, document: Document) -> str:
        """The tickets of `document` were printed or saved: booked → issued, counted as printed
        once more. Returns what it did, in French."""
        issued = self._bookings.issue_invitations(list(document.tickets))
        return (
            _first_and_again(
                len(issued.first_print),
                len(issued.reprint),
                ("marqué édité", "marqués édités"),
                ("duplicata compté", "duplicata comptés"),
            )
            + "."
        )

    def render_and_issue_tickets(self, selection: TicketSelection, progress: Progress | None = None) -> Document:
        """Prepare → render → mark issued at once (the command line: the file written is the print).
        A failed or cancelled rendering marks nothing."""
        return self.printed(self.prepare_tickets(selection, progress))

    def printed(self, document: Document) -> Document:
        """The prepared tickets of `document` are in a file now (the command line's print): mark
        them issued; the same document, saying what was marked."""
        issued = self._bookings.issue_invitations(list(document.tickets))
        said = _first_and_again(
            len(issued.first_print),
            len(issued.reprint),
            ("imprimé pour la première fois", "imprimés pour la première fois"),
            "duplicata (mêmes codes)",
        )
        summary = f"{quantity(len(document.tickets), 'billet')} : {said}."
        return replace(document, summary=summary)

    def relays_with_places(self, season_id: int) -> list[RelayPlaces]:
        """Relays holding places on upcoming performances of the season, by name."""
        upcoming = (
            select(
                Booking.relay_id.label("relay_id"),
                func.sum(case((Invitation.status == InvitationStatus.BOOKED, 1), else_=0)).label("to_print"),
                func.count().label("held"),
            )
            .join(Invitation, Invitation.booking_id == Booking.id)
            .join(Performance, Performance.id == Booking.performance_id)
            .join(Show, Show.id == Performance.show_id)
            .join(Convention, Convention.id == Show.convention_id)
            .where(
                Convention.season_id == season_id,
                Invitation.status.in_(OPEN),
                Performance.state != PerformanceState.CANCELLED,
                Performance.starts_at > self._now(),
            )
            .group_by(Booking.relay_id)
            .subquery()
        )
        query = (
            select(Relay.id, Relay.name, Relay.commune, upcoming.c.to_print, upcoming.c.held)
            .join(upcoming, upcoming.c.relay_id == Relay.id)
            .order_by(Relay.name, Relay.commune)
        )
        with self._reading() as session:
            return [RelayPlaces(*row) for row in session.execute(query)]

    # --- attendance sheet -------------------------------------------------------------------
    def attendance_data(self, performance_id: int, *, with_relays: bool = False) -> AttendanceSheetData:
        """The tickets handed out for a performance. The venue's copy holds the codes alone, in
        order (it never says which relay follows whom); `with_relays`, the association's copy,
        groups them by relay."""
        identity = self.identity()
        with self._reading() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            if performance.state is PerformanceState.CANCELLED:
                raise DomainError(
                    "performance_cancelled",
                    f"La représentation {performance_label(performance)} est annulée : pas de feuille d'émargement.",
                )
            order = (Relay.name, Relay.id, Invitation.code) if with_relays else (Invitation.code,)
            rows = session.execute(
                select(Invitation.code, Invitation.first_name, Invitation.status, Booking.names_on_tickets, Relay.name)
                .join(Booking, Booking.id == Invitation.booking_id)
                .join(Relay, Relay.id == Booking.relay_id)
                .where(Invitation.performance_id == performance_id, Invitation.status.in_(ON_SHEET))
                .order_by(*order)
            ).all()
            not_printed = session.scalar(
                select(func.count()).where(
                    Invitation.performance_id == performance_id, Invitation.status == InvitationStatus.BOOKED
                )
            )
            if not rows:
                more = (
                    f" ({quantity(not_printed, 'place réservée', 'places réservées')}, billets pas encore imprimés)"
                    if not_printed
                    else ""
                )
                raise DomainError(
                    "no_tickets",
                    f"Aucun billet n'a été remis pour {performance_label(performance)}{more} : la feuille d'émargement serait vide.",
                )
            groups: dict[str | None, list[AttendanceEntry]] = {}
            for code, first_name, status, names_on_tickets, relay_name in rows:
                present = {InvitationStatus.USED: True, InvitationStatus.UNUSED: False}.get(status)
                groups.setdefault(relay_name if with_relays else None, []).append(
                    AttendanceEntry(code, first_name if names_on_tickets else None, present)
                )
            return AttendanceSheetData(
                identity,
                _heading(performance),
                tuple(AttendanceGroup(name, tuple(entries)) for name, entries in groups.items()),
                self._now(),
                not_printed,
            )

    def attendance_sheet(self, performance_id: int, *, with_relays: bool = False) -> Document:
        """The venue's copy by default; `with_relays`, the association's (another file name)."""
        data = self.attendance_data(performance_id, with_relays=with_relays)
        p = data.performance
        copy = "-association" if with_relays else ""
        relays = f", {quantity(len(data.groups), 'relais', 'relais')}" if with_relays else ""
        return Document(
            "Feuille d'émargement",
            f"emargement-{p.starts_at:%Y-%m-%d}-{slug(p.show_title)}{copy}.pdf",
            PDF,
            renderers.attendance_sheet_pdf(data),
            f"Feuille d'émargement : {quantity(data.total, 'billet')}{relays}.",
        )

    # --- relay slip -------------------------------------------------------------------------
    def slip_data(
        self, *, relay_id: int | None = None, season_id: int | None = None, booking_id: int | None = None
    ) -> RelaySlipData:
        """What a relay holds on upcoming performances: of a season, or of one booking."""
        now, identity = self._now(), self.identity()
        with self._reading() as session:
            query = (
                select(
                    Invitation.code,
                    Invitation.first_name,
                    Invitation.status,
                    Booking.names_on_tickets,
                    Performance.id,
                    Booking.id,
                )
                .join(Booking, Booking.id == Invitation.booking_id)
                .join(Performance, Performance.id == Invitation.performance_id)
                .join(Show, Show.id == Performance.show_id)
                .join(Convention, Convention.id == Show.convention_id)
                .where(
                    Invitation.status.in_(OPEN),
                    Performance.state != PerformanceState.CANCELLED,
                    Performance.starts_at > now,
                )
                .order_by(Performance.starts_at, Show.title, Booking.id, Invitation.id)
            )
            if booking_id is not None:
                booking = get_or_refuse(session, Booking, booking_id, "Cette réservation")
                self._check_printable(booking.performance)
                relay, season = booking.relay, booking.performance.show.convention.season
                query = query.where(Invitation.booking_id == booking_id)
            elif relay_id is not None:
                relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
                season = self._season(session, season_id)
                query = query.where(Booking.relay_id == relay_id, Convention.season_id == season.id)
            else:
                raise DomainError("selection_empty", "Choisissez un relais ou une réservation.")
            by_performance: dict[int, list[SlipTicket]] = {}
            bookings: dict[int, set[int]] = {}
            for code, first_name, status, names_on_tickets, performance_id, booking_number in session.execute(query):
                by_performance.setdefault(performance_id, []).append(
                    SlipTicket(
                        code, first_name if names_on_tickets else None, printed=status is InvitationStatus.ISSUED
                    )
                )
                bookings.setdefault(performance_id, set()).add(booking_number)
            if not by_performance:
                raise DomainError(
                    "no_places",
                    f"« {relay.name} » n'a aucune place sur une représentation à venir de la saison {season.label}.",
                )
            lines = tuple(
                SlipLine(_heading(session.get(Performance, pid)), tuple(tickets), tuple(sorted(bookings[pid])))
                for pid, tickets in by_performance.items()
            )
            referents = tuple(r.name for r in relay.referents if r.active)
            return RelaySlipData(identity, relay.name, relay.commune, referents, season.label, lines, now)

    def relay_slip(
        self, *, relay_id: int | None = None, season_id: int | None = None, booking_id: int | None = None
    ) -> Document:
        data = self.slip_data(relay_id=relay_id, season_id=season_id, booking_id=booking_id)
        return Document(
            "Bordereau de remise",
            f"bordereau-{slug(data.relay_name)}-{data.issued_at:%Y-%m-%d}.pdf",
            PDF,
            renderers.relay_slip_pdf(data),
            f"Bordereau de « {data.relay_name} » : {quantity(data.places, 'place')}, {quantity(len(data.lines), 'représentation')}.",
        )

    # --- booking form ---------------------------------------------------------------------------
    def booking_form_data(self, relay_id: int, season_id: int | None) -> BookingFormData:
        """A relay's booking form: the performances open to booking now (the offers' own rule,
        `bookable_only`, and the booking deadline not passed: an override is the director's call,
        not the relay's) with their remaining places, and the relay's upcoming bookings that hold
        places. A relay has no stored wish for names on tickets (it is chosen per booking), so
        the form always offers the « Prénoms (facultatif) » column."""
        now = self._now()
        with self._reading() as session:
            relay = get_or_refuse(session, Relay, relay_id, "Ce relais")
            season = self._season(session, season_id)
            if not relay.active:
                raise DomainError("relay_inactive", f"« {relay.name} » n'est plus actif : pas de bon de réservation.")
            relay_name, relay_commune, season_label = relay.name, relay.commune, season.label
            held = func.count(Invitation.id)
            printed = func.sum(case((Invitation.status == InvitationStatus.ISSUED, 1), else_=0))
            bookings = tuple(
                FormBooking(bid, pid, starts_at, title, partner, venue or "", n, int(n_printed or 0))
                for bid, pid, starts_at, title, partner, venue, n, n_printed in session.execute(
                    up_to_partner(
                        select(
                            Booking.id,
                            Performance.id,
                            Performance.starts_at,
                            Show.title,
                            Partner.name,
                            Venue.name,
                            held,
                            printed,
                        ).join(Performance, Performance.id == Booking.performance_id)
                    )
                    .join(Invitation, Invitation.booking_id == Booking.id)
                    .outerjoin(Venue, Venue.id == Performance.venue_id)
                    .where(
                        Booking.relay_id == relay.id,
                        Convention.season_id == season.id,
                        Invitation.status.in_(OPEN),
                        Performance.state != PerformanceState.CANCELLED,
                        Performance.starts_at > now,
                    )
                    .group_by(Booking.id, Performance.id, Show.id, Partner.id, Venue.id)
                    .order_by(Performance.starts_at, Show.title, Booking.id)
                )
            )
        performances = tuple(
            FormPerformance(
                r.id,
                r.starts_at,
                r.show_title,
                r.partner_name,
                r.venue_name,
                r.discipline,
                r.remaining,
                r.booking_deadline,
            )
            for r in self._offers.list_performances(season.id, PerformanceFilter(bookable_only=True))
            if not deadline_passed(r.booking_deadline, now)  # the import would refuse it: not offered
        )
        if not performances and not bookings:
            raise DomainError(
                "nothing_to_book",
                f"Aucune représentation n'est ouverte à la réservation pour la saison {season_label}, "
                f"et « {relay_name} » n'a pas de réservation à venir : le bon serait vide.",
            )
        number = uuid.uuid4().hex[:12].upper()
        return BookingFormData(
            self.identity(),
            f"{number[:4]}-{number[4:8]}-{number[8:]}",
            relay_id,
            relay_name,
            relay_commune,
            season.id,
            season_label,
            now,
            performances,
            bookings,
        )

    def booking_form(self, relay_id: int, season_id: int | None) -> tuple[Document, Document]:
        """The relay's form as a workbook to fill and return (XLSX) and its printable twin (PDF):
        one form, one number, two files of the same name."""
        return _form_documents(self.booking_form_data(relay_id, season_id))

    def booking_forms(self, season_id: int | None, progress: Progress | None = None) -> tuple[Document, ...]:
        """Every active relay's form (XLSX and PDF each), by name: for a folder written all at once."""
        relays = self._active_relays()
        if not relays:
            raise DomainError("no_relay", "Aucun relais actif : pas de bon de réservation à faire.")
        documents: list[Document] = []
        for done, relay_id in enumerate(relays):
            report(progress, done, len(relays), "Préparation des bons de réservation…")
            documents += self.booking_form(relay_id, season_id)
        return tuple(documents)

    def _active_relays(self) -> list[int]:
        with self._reading() as session:
            return list(
                session.scalars(select(Relay.id).where(Relay.active.is_(True)).order_by(Relay.name, Relay.commune))
            )

    # --- season catalogue -------------------------------------------------------------------
    def catalogue_data(self, season_id: int, *, everything: bool = False) -> CatalogueData:
        """Upcoming performances with places left; with `everything`, all the season's
        performances that are not cancelled (past and full ones too)."""
        with self._reading() as session:
            season = self._season(session, season_id)
        rows = self._offers.list_performances(season.id, PerformanceFilter(places_left_only=not everything))
        rows = [r for r in rows if r.state is not PerformanceState.CANCELLED]
        venue_ids = {r.venue_id for r in rows if r.venue_id is not None}
        with self._reading() as session:
            communes = {
                vid: commune
                for vid, commune in session.execute(select(Venue.id, Venue.commune).where(Venue.id.in_(venue_ids)))
            }
        entries = tuple(
            CatalogueEntry(
                r.starts_at,
                r.show_title,
                r.discipline,
                r.partner_name,
                r.venue_name,
                communes.get(r.venue_id, ""),
                r.remaining,
                r.booking_deadline,
            )
            for r in rows
        )
        return CatalogueData(self.identity(), season.label, entries, self._now(), everything)

    def catalogue(self, season_id: int, *, everything: bool = False) -> Document:
        data = self.catalogue_data(season_id, everything=everything)
        return Document(
            "Catalogue de la saison",
            f"catalogue-{data.season_label}.pdf",
            PDF,
            renderers.catalogue_pdf(data),
            f"Catalogue {data.season_label} : {quantity(len(data.entries), 'représentation')}, "
            f"{quantity(data.places, 'place disponible', 'places disponibles')}.",
        )

    # --- season review --------------------------------------------------------------------
    def review_for_funders(
        self, season_id: int, *, as_of: datetime | None = None, threshold: int | None = None
    ) -> tuple[SeasonReview, ReviewProtection]:
        """The review as it leaves the office: its figures as of now (to the second, the instant
        the report's stamp names) or `as_of`, and which of its counts read « moins de N » (the
        settings' threshold, or `threshold`)."""
        review = self._review.review(season_id, as_of=as_of or self._now().replace(microsecond=0))
        if threshold is None:
            threshold = self._settings.get().small_count_threshold
        return review, protect_review(review, threshold)

    def review_report(self, season_id: int, progress: Progress | None = None) -> Document:
        """The funders' report of the season, small counts protected, stamped with its fingerprint."""
        report(progress, 10, 100, "Calcul du bilan…")
        review, protection = self.review_for_funders(season_id)
        report(progress, 40, 100, "Mise en page du rapport…")
        pdf = renderers.season_report_pdf(review, self.identity(), protection)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        return Document(
            f"Bilan de la saison {review.season_label}",
            f"{review_file_stem(review.season_label)}.pdf",
            PDF,
            pdf,
            f"Bilan de la saison {review.season_label} : {pages} pages.",
        )

    def check_report(self, content: bytes) -> ReportCheck:
        """Does a report's fingerprint still match the store? Its figures recomputed as of its date,
        with its threshold. Refused when the file carries no fingerprint."""
        stamp = read_stamp(content)
        with self._reading() as session:
            season_id = session.scalar(select(Season.id).where(Season.label == stamp.season_label))
        if season_id is None:
            return ReportCheck(stamp, None)
        review, protection = self.review_for_funders(season_id, as_of=stamp.as_of, threshold=stamp.threshold)
        return ReportCheck(stamp, figures_fingerprint(review, protection))

    def review_workbook(self, season_id: int) -> Document:
        """The review's tables as one workbook, a sheet per table (small counts protected)."""
        review, protection = self.review_for_funders(season_id)
        return Document(
            f"Tableaux du bilan {review.season_label}",
            f"{review_file_stem(review.season_label)}.xlsx",
            XLSX,
            xlsx_bytes(review, protection),
            "Tableaux du bilan en classeur XLSX.",
        )

    def review_csv(self, season_id: int) -> tuple[Document, ...]:
        """The review's tables as CSV files, one document per table (small counts protected): the
        window and the command line write them together into one folder, all or none."""
        review, protection = self.review_for_funders(season_id)
        return tuple(
            Document(
                table.title, f"{table.name}.csv", CSV, csv_bytes(table), f"{table.title} — saison {review.season_label}"
            )
            for table in review_tables(review, protection)
        )

    # --- helpers ----------------------------------------------------------------------------
    def _check_printable(self, performance: Performance) -> None:
        if performance.state is PerformanceState.CANCELLED:
            raise DomainError(
                "performance_cancelled",
                f"La représentation {performance_label(performance)} est annulée : pas de billet.",
            )
        if performance.starts_at <= self._now():
            raise DomainError(
                "performance_past",
                f"La représentation {performance_label(performance)} a déjà eu lieu : pas de billet.",
            )

    def _season(self, session: Session, season_id: int | None) -> Season:
        if season_id is None:
            raise DomainError("season_missing", "Choisissez une saison.")
        return get_or_refuse(session, Season, season_id, "Cette saison")


def _form_documents(data: BookingFormData) -> tuple[Document, Document]:
    """The form's workbook and its PDF twin, under one name."""
    stem = f"bon-reservation-{slug(data.relay_name)}-{data.relay_id}-{data.made_at:%Y-%m-%d}"
    said = (
        f"Bon de réservation n° {data.form_id} de « {data.relay_name} » : "
        f"{quantity(len(data.performances), 'représentation ouverte', 'représentations ouvertes')}, "
        f"{quantity(len(data.bookings), 'réservation')} en cours"
    )
    return (
        Document("Bon de réservation", f"{stem}.xlsx", XLSX, booking_form_xlsx(data), f"{said} (classeur)."),
        Document("Bon de réservation", f"{stem}.pdf", PDF, renderers.booking_form_pdf(data), f"{said} (à imprimer)."),
    )


def _first_and_again(
    first: int, again: int, first_words: str | tuple[str, str], again_words: str | tuple[str, str]
) -> str:
    """ "3 imprimés pour la première fois, 1 duplicata (mêmes codes)": the parts that are not zero.
    Words are one form for both numbers, or (singular, plural)."""
    parts = []
    for n, words in ((first, first_words), (again, again_words)):
        if n:
            singular, plural = (words, words) if isinstance(words, str) else words
            parts.append(quantity(n, singular, plural))
    return ", ".join(parts)


def _ticket_query():
    return up_to_partner(
        select(
            Invitation.id,
            Invitation.code,
            Invitation.status,
            Invitation.print_count,
            Invitation.first_name,
            Booking.names_on_tickets,
            Booking.id,
            Booking.relay_id,
            Show.title,
            Partner.name,
            Partner.address,
            Partner.postal_code,
            Partner.commune,
            Venue.name,
            Venue.address,
            Venue.postal_code,
            Venue.commune,
            Performance.starts_at,
        )
        .join(Booking, Booking.id == Invitation.booking_id)
        .join(Relay, Relay.id == Booking.relay_id)
        .join(Performance, Performance.id == Invitation.performance_id)
        .outerjoin(Venue, Venue.id == Performance.venue_id)
    )


def _ticket(row) -> TicketData:
    (
        invitation_id,
        code,
        status,
        print_count,
        first_name,
        names_on_tickets,
        booking_id,
        relay_id,
        title,
        partner,
        p_address,
        p_postal,
        p_commune,
        venue,
        v_address,
        v_postal,
        v_commune,
        starts_at,
    ) = row
    address = address_line(v_address, v_postal, v_commune) if venue else address_line(p_address, p_postal, p_commune)
    return TicketData(
        invitation_id,
        code,
        title,
        partner,
        venue or "",
        address,
        starts_at,
        first_name if names_on_tickets and first_name else None,
        reprint=status is not InvitationStatus.BOOKED or print_count > 0,
        group=relay_id,
        booking_id=booking_id,
    )


def _heading(performance: Performance) -> PerformanceHeading:
    partner = performance.show.convention.partner
    venue = performance.venue
    if venue is not None:
        return PerformanceHeading(
            performance.show.title,
            partner.name,
            venue.name,
            address_line(venue.address, venue.postal_code, venue.commune),
            performance.starts_at,
        )
    return PerformanceHeading(
        performance.show.title,
        partner.name,
        "",
        address_line(partner.address, partner.postal_code, partner.commune),
        performance.starts_at,
    )


def slug(text: str, limit: int = 40) -> str:
    """ "Théâtre de l'Estuaire" → "theatre-de-l-estuaire" (for file names)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].rstrip("-") or "document"
