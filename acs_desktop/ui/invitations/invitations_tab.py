"""Invitations tab: book places, cancel or return them, the waiting list, the performances whose
attendance is to record, the relays to warn, and finding a ticket by its code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QTabWidget, QVBoxLayout

from acs_desktop.domain.french import format_date, format_time
from acs_desktop.domain.states import WaitingStatus
from acs_desktop.domain.ticket_codes import display
from acs_desktop.services.booking_lists import UnprintedCount
from acs_desktop.ui.events import Area
from acs_desktop.ui.invitations.booking_dialog import WAITING, BookingDialog
from acs_desktop.ui.invitations.bookings_detail_models import (
    InvitationsTableModel,
    PendingSheetsTableModel,
    UnprintedTableModel,
    WaitingTableModel,
    WarningsTableModel,
)
from acs_desktop.ui.invitations.bookings_table_model import SeasonBookings, SeasonBookingsTableModel
from acs_desktop.ui.offers.relays_to_warn_dialog import RelaysToWarnDialog
from acs_desktop.ui.widgets.actions import KeyboardToolBar, action
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.question_dialog import ask_number
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.season_tab import SeasonTab


def offers_text(offers) -> str:
    if not offers:
        return ""
    told = ", ".join(f"« {o.relay_name} » ({o.places})" for o in offers)
    return f"\n\nPlaces proposées à la liste d'attente : {told}. Appelez le relais, puis « Accepter » ou « Décliner »."


class InvitationsTab(SeasonTab):
    title = "Invitations"

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.view = RecordsView(
            SeasonBookingsTableModel(self),
            placeholder="Rechercher un relais, un spectacle…  (Ctrl+F)",
            counted="réservation",
        )
        self.view.setObjectName("bookingsList")
        self.view.selection_changed.connect(self._show_selected)
        self.invitations = ListPanel("Invitations de la réservation", InvitationsTableModel(self))
        self.invitations.view.setObjectName("invitationsList")

        toolbar = KeyboardToolBar()
        self.book_action = action(self, "Réserver…", self.book, shortcut="Ctrl+N")
        self.cancel_action = action(self, "Annuler la réservation", self.cancel_booking, shortcut="Del")
        self.return_action = action(self, "Rendre des places…", self.return_places)
        self.attendance_action = action(self, "Relever la présence…", self.record_attendance, shortcut="Ctrl+R")
        self.find_action = action(self, "Chercher un code…", self.find_code, shortcut="Ctrl+K")
        action(self, "Rechercher", self.view.search.setFocus, shortcut="Ctrl+F")
        for item in (
            self.book_action,
            self.cancel_action,
            self.return_action,
            None,
            self.attendance_action,
            None,
            self.find_action,
        ):
            toolbar.addSeparator() if item is None else toolbar.addAction(item)

        self.waiting = ListPanel("Liste d'attente", WaitingTableModel(self))
        self.accept_button = QPushButton("Accepter")
        self.pass_button = QPushButton("Décliner")
        self.withdraw_button = QPushButton("Retirer")
        for button, slot in (
            (self.accept_button, self.accept_offer),
            (self.pass_button, self.pass_offer),
            (self.withdraw_button, self.withdraw),
        ):
            button.clicked.connect(lambda _=False, s=slot: s())
            self.waiting.layout().itemAt(0).layout().addWidget(button)
        self.waiting.view.selection_changed.connect(self._update_waiting_buttons)
        self.pending = ListPanel("Présence à relever", PendingSheetsTableModel(self))
        self.pending.view.activated.connect(self.open_sheet)
        self.warnings = ListPanel("Relais à prévenir (représentations annulées)", WarningsTableModel(self))
        self.warnings.view.activated.connect(self.open_warning)
        self.unprinted = ListPanel(
            "Billets à éditer : urgents, puis à venir, puis jamais édités", UnprintedTableModel(self)
        )
        self.unprinted.view.setObjectName("unprintedList")
        self.unprinted.view.activated.connect(self.show_booking)
        self.side = QTabWidget()
        self.side.addTab(self.waiting, "Liste d'attente")
        self.side.addTab(self.pending, "Présence à relever")
        self.side.addTab(self.warnings, "Relais à prévenir")
        self.side.addTab(self.unprinted, "Billets à éditer")
        self._unprinted_stale = True  # its rows are read when it is shown: its title says how many
        self.side.currentChanged.connect(lambda _index: self._load_unprinted())

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.view)
        left.addWidget(self.invitations)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.side)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 1)
        main.setSizes([880, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(main)

    def reload(self) -> None:
        has_season = self.season_id is not None
        self.view.set_source(SeasonBookings(self.services.booking_lists, self.season_id) if has_season else None)
        self.waiting.set_rows(self.services.booking_lists.list_waiting(self.season_id) if has_season else [])
        self.pending.set_rows(self.services.attendance.pending_sheets(self.season_id) if has_season else [])
        self.warnings.set_rows(self.services.offers.cancellation_notices(self.season_id) if has_season else [])
        self._unprinted_stale = True
        self._load_unprinted()
        for index, panel, title in (
            (0, self.waiting, "Liste d'attente"),
            (1, self.pending, "Présence à relever"),
            (2, self.warnings, "Relais à prévenir"),
        ):
            count = panel.view.model.rowCount()
            self.side.setTabText(index, f"{title} ({count})" if count else title)
        counted = self.services.booking_lists.unprinted_count(self.season_id) if has_season else UnprintedCount(0, 0)
        self.side.setTabText(
            3,
            f"Billets à éditer ({counted.bookings}, dont {counted.urgent} urgents)"
            if counted.urgent
            else (f"Billets à éditer ({counted.bookings})" if counted.bookings else "Billets à éditer"),
        )
        self.book_action.setEnabled(has_season)
        self._show_selected()
        self._update_waiting_buttons()

    def _load_unprinted(self) -> None:
        """« Billets à éditer » read when shown (a network's season has tens of thousands)."""
        if self._unprinted_stale and self.side.currentWidget() is self.unprinted:
            season_id = self.season_id
            self.unprinted.set_rows(self.services.booking_lists.unprinted(season_id) if season_id is not None else [])
            self._unprinted_stale = False

    def selected(self):
        return self.view.current_row()

    def _show_selected(self) -> None:
        row = self.selected()
        self.invitations.set_rows(self.services.booking_lists.invitations_of(row.id) if row else [])
        future = row is not None and row.starts_at > self.services.clock()
        open_places = row is not None and row.booked + row.issued > 0
        self.cancel_action.setEnabled(future and open_places)
        self.return_action.setEnabled(future and open_places)
        self.attendance_action.setEnabled(row is not None and not future)

    def describe(self, row) -> str:
        return f"« {row.show_title} » du {format_date(row.starts_at)} à {format_time(row.starts_at)}"

    # --- booking, cancelling, returning ---------------------------------------------------
    def book(self, performance_id: int | None = None) -> None:
        if self.season_id is None:
            return
        dialog = BookingDialog(self.services, self.season_id, performance_id=performance_id, parent=self)
        if not dialog.exec():
            return
        self.announce(Area.BOOKINGS)
        if dialog.result_value == WAITING:
            messages().information(
                self, "Liste d'attente", "Le relais est inscrit sur la liste d'attente de cette représentation."
            )
            self.side.setCurrentWidget(self.waiting)
            return
        result = dialog.result_value
        self.view.select_ids([result.booking_id])
        codes = ", ".join(display(code) for code in result.codes)
        messages().information(
            self,
            "Places réservées",
            f"{len(result.codes)} place(s) réservée(s).\nCodes des billets : {codes}\n\nIl reste {result.remaining} place(s).",
        )

    def cancel_booking(self) -> None:
        row = self.selected()
        if row is None or not messages().question(
            self,
            "Annuler la réservation",
            f"Annuler les places de « {row.relay_name} » pour {self.describe(row)} ?",
            yes="Annuler la réservation",
        ):
            return
        done = self.perform(lambda: self.services.bookings.cancel_booking(row.id))
        if done:
            self.announce(Area.BOOKINGS)
            messages().information(
                self,
                "Réservation annulée",
                f"{done.value.places_returned} place(s) rendue(s) ; il en reste {done.value.remaining}.{offers_text(done.value.offers)}",
            )

    def return_places(self) -> None:
        row = self.selected()
        if row is None:
            return
        open_places = row.booked + row.issued
        number = ask_number(
            self,
            "Rendre des places",
            f"Combien de places « {row.relay_name} » rend-il pour {self.describe(row)} ?",
            1,
            1,
            open_places,
        )
        if number is None:
            return
        done = self.perform(lambda: self.services.bookings.return_places(row.id, number))
        if done:
            self.announce(Area.BOOKINGS)
            messages().information(
                self,
                "Places rendues",
                f"{done.value.places_returned} place(s) rendue(s) ; il en reste {done.value.remaining}.{offers_text(done.value.offers)}",
            )

    # --- waiting list ---------------------------------------------------------------------
    def _waiting_row(self):
        return self.waiting.view.current_row()

    def _update_waiting_buttons(self) -> None:
        row = self._waiting_row()
        offered = row is not None and row.status is WaitingStatus.OFFERED
        self.accept_button.setEnabled(offered)
        self.pass_button.setEnabled(offered)
        self.withdraw_button.setEnabled(row is not None)

    def accept_offer(self) -> None:
        row = self._waiting_row()
        if row is None:
            return
        done = self.perform(lambda: self.services.bookings.accept_offer(row.id))
        if done:
            self.announce(Area.BOOKINGS)
            self.view.select_ids([done.value.booking_id])

    def pass_offer(self) -> None:
        row = self._waiting_row()
        if row is None:
            return
        done = self.perform(lambda: self.services.bookings.pass_offer(row.id))
        if done:
            self.announce(Area.BOOKINGS)
            if done.value:
                messages().information(self, "Places proposées", offers_text(done.value).strip())

    def withdraw(self) -> None:
        row = self._waiting_row()
        if (
            row
            and messages().question(
                self, "Retirer de la liste d'attente", f"Retirer « {row.relay_name} » de la liste d'attente ?"
            )
            and self.perform(lambda: self.services.bookings.withdraw(row.id))
        ):
            self.announce(Area.BOOKINGS)

    # --- attendance, warnings, codes ------------------------------------------------------
    def open_sheet(self, performance_id: int) -> None:
        from acs_desktop.ui.invitations.attendance_dialog import AttendanceDialog

        AttendanceDialog(self.services, self.events, performance_id, self).exec()

    def record_attendance(self) -> None:
        row = self.selected()
        if row:
            self.open_sheet(row.performance_id)

    def show_booking(self, booking_id: int) -> None:
        """From the list of tickets to print: the booking, selected in the season's list (its
        tickets are printed from the Documents menu; for a past performance, its relay is asked)."""
        self.view.search.clear()
        self.view.apply_search()
        self.view.select_ids([booking_id])

    def open_warning(self, booking_id: int) -> None:
        warning = next((w for w in self.warnings.view.model.rows() if w.booking_id == booking_id), None)
        if warning:
            heading = f"Représentation « {warning.show_title} » du {format_date(warning.starts_at)} annulée par le partenaire."
            RelaysToWarnDialog(self.services, self.events, warning.performance_id, heading, self).exec()

    def find_code(self) -> None:
        typed, ok = messages().text(self, "Chercher un billet", "Code du billet (avec ou sans tirets) :")
        if not ok or not typed.strip():
            return
        found = self.services.booking_lists.find_code(typed)
        if found is None:
            messages().information(self, "Billet introuvable", f"Aucun billet ne porte le code « {typed.strip()} ».")
            return
        if found.season_id != self.season_id:
            self.window().select_season(found.season_id) if hasattr(self.window(), "select_season") else None
        self.view.search.clear()
        self.view.apply_search()  # now, not after the pause given to typing
        self.view.select_ids([found.booking_id])
        messages().information(
            self,
            "Billet trouvé",
            f"Billet {display(found.code)} : « {found.status.label} »\n"
            f"« {found.show_title} » du {format_date(found.starts_at)} à {format_time(found.starts_at)}\nRelais : {found.relay_name}",
        )
