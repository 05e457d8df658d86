"""The « Documents » menu of the main window: tickets (of a booking, of a relay, of a
performance), the attendance sheet, the relay slip, the season catalogue and the week ahead.

Each action asks what it needs in a short list, makes the document in the background (with a
progress bar and « Annuler »), then shows it in the preview, from which it is printed, saved or
opened in the system's PDF viewer. Printing tickets marks them issued: the tabs are told.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from acs_desktop.domain.documents import Document
from acs_desktop.domain.french import format_datetime, quantity
from acs_desktop.domain.progress import Progress
from acs_desktop.services import Services
from acs_desktop.services.documents import TicketSelection
from acs_desktop.ui import pdf_output
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import Operation, perform
from acs_desktop.ui.widgets.choice_dialog import choose
from acs_desktop.ui.widgets.messages import messages

REPRINT_OPTION = "Réimprimer aussi les billets déjà imprimés (ils porteront la mention « Duplicata »)"
# The venue's copy never names the relays (like the tickets): their names are for the association.
WITH_RELAYS_OPTION = "Avec le nom des relais (exemplaire de l'association)"


class DocumentsMenu(QMenu):
    def __init__(self, services: Services, season_id: Callable[[], int | None], parent: QWidget, events: AppEvents):
        super().__init__("&Documents", parent)
        self.services = services
        self.season_id = season_id
        self.events = events
        self._owner = parent
        self.operations: list[Operation] = []
        self.booking_tickets = self._action("Billets d'une réservation…", self.print_booking_tickets)
        self.relay_tickets = self._action(
            "Billets à imprimer d'un relais…", self.print_relay_tickets, QKeySequence("Ctrl+P")
        )
        self.performance_tickets = self._action("Billets d'une représentation…", self.print_performance_tickets)
        self.addSeparator()
        self.attendance = self._action("Feuille d'émargement d'une représentation…", self.print_attendance_sheet)
        self.slip = self._action("Bordereau de remise à un relais…", self.print_relay_slip)
        self.booking_forms = self._action("Bons de réservation…", self.write_booking_forms)
        self.addSeparator()
        self.catalogue = self._action("Catalogue de la saison", self.print_catalogue)
        self.week_ahead = self._action("Semaine à venir", self.print_week_ahead)
        self.aboutToShow.connect(self._enable)

    # --- tickets ----------------------------------------------------------------------------
    def print_booking_tickets(self) -> None:
        season = self._season()
        if season is None:
            return
        rows = self.services.booking_lists.bookings_with_tickets(season.id)
        items = [
            (
                b.id,
                f"{format_datetime(b.starts_at)} · {b.show_title} — {b.relay_name} · {quantity(b.booked + b.issued, 'place')}"
                + (f", {b.booked} à imprimer" if b.booked else ", déjà imprimée(s)"),
            )
            for b in rows
        ]
        answer = self._choose(
            "Billets d'une réservation",
            "Les réservations à venir de la saison :",
            items,
            empty=f"Aucune réservation à venir n'a de place pour la saison {season.label}.",
        )
        if answer is not None:
            self._print_tickets(TicketSelection(booking_id=answer[0]))

    def print_relay_tickets(self) -> None:
        season = self._season()
        if season is None:
            return
        relays = [r for r in self.services.documents.relays_with_places(season.id) if r.to_print]
        items = [(r.relay_id, f"{_relay(r)} · {quantity(r.to_print, 'billet')} à imprimer") for r in relays]
        answer = self._choose(
            "Billets d'un relais",
            f"Les relais qui ont des billets à imprimer (saison {season.label}) :",
            items,
            empty=f"Aucun relais n'a de billet à imprimer pour la saison {season.label}.",
        )
        if answer is not None:
            self._print_tickets(TicketSelection(relay_id=answer[0], season_id=season.id))

    def print_performance_tickets(self) -> None:
        season = self._season()
        if season is None:
            return
        performances = self.services.offers.performances_with_places(season.id, upcoming_only=True)
        items = [
            (
                p.id,
                f"{format_datetime(p.starts_at)} · {p.show_title} — {p.partner_name} · {quantity(p.booked, 'place réservée', 'places réservées')}",
            )
            for p in performances
        ]
        answer = self._choose(
            "Billets d'une représentation",
            "Les représentations à venir qui ont des places réservées :",
            items,
            empty=f"Aucune représentation à venir n'a de place réservée pour la saison {season.label}.",
            option=REPRINT_OPTION,
        )
        if answer is not None:
            self._print_tickets(TicketSelection(performance_id=answer[0], include_printed=answer[1]))

    def _print_tickets(self, selection: TicketSelection) -> None:
        def work(progress: Progress) -> Document:
            return self.services.documents.prepare_tickets(selection, progress)

        def done(document: Document) -> None:
            def issued() -> str | None:  # printed, saved or opened: now they may be on paper
                result = perform(
                    self._owner,
                    lambda: self.services.documents.issue_tickets(document),
                    changes=Changes.of(Area.BOOKINGS),
                    events=self.events,
                )
                return result.value if result else None

            pdf_output.show_document(self._owner, document, on_output=issued)

        self._run("Impression des billets", work, done)

    # --- the other documents ----------------------------------------------------------------
    def print_attendance_sheet(self) -> None:
        season = self._season()
        if season is None:
            return
        now = self.services.clock()
        performances = self.services.offers.performances_with_places(season.id)
        upcoming = next((p.id for p in performances if p.starts_at > now), None)
        items = [
            (
                p.id,
                f"{format_datetime(p.starts_at)} · {p.show_title} — {p.partner_name} · {quantity(p.booked, 'place')}",
            )
            for p in performances
        ]
        answer = self._choose(
            "Feuille d'émargement",
            "Pour quelle représentation ?",
            items,
            selected_id=upcoming,
            empty=f"Aucune représentation de la saison {season.label} n'a de place réservée.",
            option=WITH_RELAYS_OPTION,
        )
        if answer is not None:
            performance_id, with_relays = answer
            self._run(
                "Feuille d'émargement",
                lambda _progress: self.services.documents.attendance_sheet(performance_id, with_relays=with_relays),
                self._show,
            )

    def print_relay_slip(self) -> None:
        season = self._season()
        if season is None:
            return
        relays = self.services.documents.relays_with_places(season.id)
        items = [(r.relay_id, f"{_relay(r)} · {quantity(r.held, 'place')} à venir") for r in relays]
        answer = self._choose(
            "Bordereau de remise",
            f"Les relais qui ont des places à venir (saison {season.label}) :",
            items,
            empty=f"Aucun relais n'a de place à venir pour la saison {season.label}.",
        )
        if answer is not None:
            self._run(
                "Bordereau de remise",
                lambda _progress: self.services.documents.relay_slip(relay_id=answer[0], season_id=season.id),
                self._show,
            )

    def write_booking_forms(self) -> None:
        """A relay's booking form, or every active relay's (see `booking_forms_action`)."""
        from acs_desktop.ui.booking_forms_action import write_booking_forms

        season = self._season()
        if season is not None:
            operation = write_booking_forms(self._owner, self.services, season.id, season.label)
            if operation is not None:
                self.operations.append(operation)
                operation.ended.connect(lambda: self.operations.remove(operation))

    def print_catalogue(self) -> None:
        season = self._season()
        if season is not None:
            self._run(
                "Catalogue de la saison", lambda _progress: self.services.documents.catalogue(season.id), self._show
            )

    def print_week_ahead(self) -> None:
        """The call list of the seven days from today: of every season, so no season is asked."""
        self._run("Semaine à venir", lambda _progress: self.services.week.week_ahead(), self._show)

    # --- helpers ----------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], None], shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _enable(self) -> None:
        has_season = self.season_id() is not None
        for action in self.actions():
            action.setEnabled(has_season or action is self.week_ahead)

    def _season(self):
        season_id = self.season_id()
        season = next((s for s in self.services.seasons.list_seasons() if s.id == season_id), None)
        if season is None:
            messages().information(self._owner, "Documents", "Choisissez d'abord une saison.")
        return season

    def _choose(
        self,
        title: str,
        prompt: str,
        items: list[tuple[int, str]],
        *,
        empty: str,
        option: str | None = None,
        selected_id: int | None = None,
    ):
        if not items:
            messages().information(self._owner, title, empty)
            return None
        return choose(
            self._owner,
            title,
            prompt,
            items,
            option=option,
            accept_text="Préparer le document",
            selected_id=selected_id,
        )

    def _run(self, label: str, work: Callable[[Progress], Document], done: Callable[[Document], None]) -> Operation:
        operation = Operation(
            self._owner,
            work,
            label=label,
            dialog_title="Préparation du document",
            title="Document non produit",
            cancelled_text="Impression annulée : aucun billet n'a été marqué comme édité.",
        )
        self.operations.append(operation)
        operation.succeeded.connect(done)
        operation.ended.connect(lambda: self.operations.remove(operation))
        return operation.start()

    def _show(self, document: Document) -> None:
        pdf_output.show_document(self._owner, document)


def _relay(relay) -> str:
    """ "CCAS de Rezé", "Centre social Bellevue (Nantes)": the town when the name does not say it."""
    return relay.name if relay.commune.casefold() in relay.name.casefold() else f"{relay.name} ({relay.commune})"
