"""After a performance: the attendance sheet, filled by typing or scanning ticket codes.

A USB barcode scanner types the code then Enter, like a keyboard: the code field keeps the
focus, each code is checked at once and the answer said plainly (present, unknown, already
recorded, for another performance). The rest is marked absent with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_time
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.domain.ticket_codes import display
from acs_desktop.services import Services
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.invitations.absence_dialog import AbsenceDialog
from acs_desktop.ui.invitations.attendance_table_model import AttendanceTableModel
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.actions import action
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

OK_STYLE = "color: #1b5e20; font-weight: 600;"
ERROR_STYLE = "color: #b00020; font-weight: 600;"


class AttendanceDialog(QDialog):
    def __init__(self, services: Services, events: AppEvents, performance_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events, self.performance_id = services, events, performance_id
        performance = services.offers.get_performance(performance_id)
        self.setWindowTitle(f"Présence — {performance.show_title}")
        self.resize(900, 620)
        heading = WrappingLabel(
            f"<b>{performance.show_title}</b> — {performance.partner_name}, {performance.venue_name or 'salle non précisée'}<br>"
            f"{format_date(performance.starts_at)} à {format_time(performance.starts_at)}"
        )
        self.code = QLineEdit()
        self.code.setPlaceholderText("Tapez ou scannez un code de billet, puis Entrée")
        font = QFont(self.code.font())
        font.setPointSize(font.pointSize() + 4)
        self.code.setFont(font)
        self.code.returnPressed.connect(self.record_code)
        self.feedback = WrappingLabel(" ")

        self.view = RecordsView(AttendanceTableModel(self), placeholder="Rechercher un code, un relais…")
        self.view.setObjectName("attendanceList")
        self.counts = QLabel()
        buttons = QHBoxLayout()
        self.present_button = QPushButton("Présent")
        self.present_button.clicked.connect(self.mark_present)
        self.absent_button = QPushButton("Absent…")
        self.absent_button.clicked.connect(self.mark_absent)
        self.clear_button = QPushButton("Effacer le relevé")
        self.clear_button.clicked.connect(self.clear_records)
        self.close_sheet_button = QPushButton("Clore la feuille…")
        self.close_sheet_button.setToolTip("Les billets non relevés passent en « absent » avec un motif")
        self.close_sheet_button.clicked.connect(self.close_sheet)
        self.feedback_button = QPushButton("Retour du relais…")
        self.feedback_button.setToolTip("Les mots du relais après la représentation (billet choisi : sa réservation)")
        self.feedback_button.clicked.connect(self.relay_feedback)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        sheet_buttons = (
            self.present_button,
            self.absent_button,
            self.clear_button,
            self.close_sheet_button,
            self.feedback_button,
        )
        for button in sheet_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        action(self, "Présent", self.mark_present, shortcut="Ctrl+Shift+P")
        action(self, "Absent", self.mark_absent, shortcut="Ctrl+Shift+A")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.code)
        layout.addWidget(self.feedback)
        layout.addWidget(self.view)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        for button in (*sheet_buttons, close):
            button.setAutoDefault(False)  # Enter belongs to the code field
        self.reload()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        lines = self.services.attendance.sheet(self.performance_id)
        self.view.set_rows(lines)
        present = sum(1 for line in lines if line.status is InvitationStatus.USED)
        absent = sum(1 for line in lines if line.status is InvitationStatus.UNUSED)
        pending = sum(1 for line in lines if line.status is InvitationStatus.ISSUED)
        self.counts.setText(
            f"{len(lines)} billet(s) · présents : {present} · absents : {absent} · à relever : {pending}"
        )

    def say(self, text: str, *, ok: bool) -> None:
        self.feedback.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.feedback.setText(text)

    def _changed(self) -> None:
        self.reload()
        self.events.announce(Changes.of(Area.BOOKINGS))

    # --- typing or scanning ---------------------------------------------------------------
    def record_code(self) -> None:
        typed = self.code.text()
        self.code.clear()
        try:
            outcome = self.services.attendance.record_code(self.performance_id, typed)
        except DomainError as error:
            self.say(error.message, ok=False)
            return
        who = f" — {outcome.first_name}" if outcome.first_name else ""
        self.say(f"✔ {display(outcome.code)} présent ({outcome.relay_name}{who})", ok=True)
        self._changed()
        self.view.select_ids([outcome.invitation_id])

    # --- by selection ---------------------------------------------------------------------
    def _selected_ids(self) -> list[int]:
        return [line.invitation_id for line in self.view.selected_rows()]

    def mark_present(self) -> None:
        ids = self._selected_ids()
        if ids and perform(self, lambda: self.services.attendance.mark_used(ids)):
            self.say(f"{len(ids)} billet(s) marqué(s) présent(s).", ok=True)
            self._changed()

    def mark_absent(self) -> None:
        ids = self._selected_ids()
        if not ids:
            self.say("Choisissez d'abord les billets dans la liste.", ok=False)
            return
        dialog = AbsenceDialog(
            self.services,
            "Billets non utilisés",
            f"{len(ids)} billet(s) sélectionné(s).",
            lambda reason_id, comment: self.services.attendance.mark_unused(ids, reason_id, comment),
            self,
        )
        if dialog.exec():
            self.say(f"{len(ids)} billet(s) marqué(s) absent(s).", ok=True)
            self._changed()

    def clear_records(self) -> None:
        ids = self._selected_ids()
        if ids and perform(self, lambda: self.services.attendance.clear(ids)):
            self._changed()

    def close_sheet(self) -> None:
        dialog = AbsenceDialog(
            self.services,
            "Clore la feuille",
            "Tous les billets encore « à relever » passent en « absent » avec ce motif.",
            lambda reason_id, _comment: self.services.attendance.close_sheet(self.performance_id, reason_id),
            self,
            with_comment=False,
            default_unknown=True,
        )
        if dialog.exec():
            self.say(f"{dialog.result_value} billet(s) marqué(s) absent(s).", ok=True)
            self._changed()

    # --- the relay's word -------------------------------------------------------------------
    def relay_feedback(self) -> None:
        """The relay's feedback on the booking of the ticket chosen (one per relay and performance)."""
        from acs_desktop.ui.invitations.relay_feedback_dialog import RelayFeedbackDialog

        line = self.view.current_row()
        if line is None:
            self.say("Choisissez d'abord un billet du relais dans la liste.", ok=False)
            return
        title = self.services.offers.get_performance(self.performance_id).show_title
        if RelayFeedbackDialog(self.services, line.booking_id, line.relay_name, title, self).exec():
            self.say(f"Retour de « {line.relay_name} » enregistré.", ok=True)
            self.events.announce(Changes.of(Area.BOOKINGS))
