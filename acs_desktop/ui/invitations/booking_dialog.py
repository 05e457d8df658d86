"""Book places for a relay on a performance, with the remaining places shown live.

The domain's refusal is shown as it is (over quota, deadline passed, inactive relay); after the
booking deadline the director may tick an explicit override; when the performance is full the
relay can be put on the waiting list instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_datetime, format_time
from acs_desktop.services import Services
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.offers import PerformanceFilter
from acs_desktop.ui.widgets.form_dialog import ERROR_STYLE, WARNING_STYLE, FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox, CountSpin
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

WAITING = "waiting"


def searchable(box: ChoiceBox) -> ChoiceBox:
    """Let the director type part of a name to find it in a long list."""
    box.setEditable(True)
    box.setInsertPolicy(ChoiceBox.InsertPolicy.NoInsert)
    completer = box.completer()
    completer.setFilterMode(completer.filterMode().MatchContains)
    completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    return box


class BookingDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        season_id: int,
        *,
        performance_id: int | None = None,
        relay_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__("Réserver des places", parent, ok_text="Réserver")
        self.services, self.season_id = services, season_id
        self.setMinimumWidth(760)
        self._performances = {
            p.id: p for p in services.offers.list_performances(season_id, PerformanceFilter(bookable_only=True))
        }
        self.performance = searchable(ChoiceBox())
        self.performance.set_choices(
            [
                (
                    f"{format_date(p.starts_at)} {format_time(p.starts_at)} · {p.show_title} · {p.partner_name} · {p.remaining} restante(s)",
                    p.id,
                )
                for p in self._performances.values()
            ],
            performance_id,
        )
        self.add_field("performance_id", "Représentation", self.performance)
        self.relay = searchable(ChoiceBox())
        relays = services.relays.list_relays(include_inactive=False)
        self.relay.set_choices([(f"{r.name} ({r.commune})", r.id) for r in relays], relay_id)
        self.add_field("relay_id", "Relais", self.relay)
        self.referent = ChoiceBox(empty_label="—")
        self.add_field("referent_id", "Référent", self.referent)
        self.places = self.add_field("places", "Nombre de places", CountSpin(minimum=1, maximum=100))
        self.companions = self.add_field("companions", "dont accompagnateurs", CountSpin(minimum=0, maximum=100))
        self.companions.setToolTip(
            "Places pour un proche ou un bénévole qui accompagne la personne : comptées à part dans le bilan"
        )
        self.names_on_tickets = self.add_field(
            "names_on_tickets", "Prénoms", QCheckBox("le relais demande le prénom sur les billets")
        )
        self.first_names = self.add_field(
            "first_names",
            "Prénoms sur les billets",
            QLineEdit(),
            hint="Facultatif : un prénom par place, séparés par des virgules (jamais de nom de famille).",
        )
        self.first_names.setEnabled(False)
        self.note = self.add_field("note", "Note", QLineEdit())
        self.override = QCheckBox("Réserver malgré la date limite (accord du partenaire)")
        self.override.hide()
        self.form.addRow("", self.override)
        self.availability = WrappingLabel()
        self.form.addRow("Disponibilité", self.availability)
        # The relay's charter and its places unused without notice: warned, never refused.
        self.relay_warning = WrappingLabel()
        self.relay_warning.setObjectName("relayWarning")
        self.relay_warning.setStyleSheet(WARNING_STYLE)
        self.relay_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.relay_warning.hide()
        self.form.addRow("", self.relay_warning)
        self.wait_button = QPushButton("Inscrire en liste d'attente")
        self.wait_button.setToolTip("La représentation est complète : le relais sera prévenu si des places se libèrent")
        self.wait_button.clicked.connect(self.join_waiting_list)
        self.wait_button.setAutoDefault(False)
        self.buttons.addButton(self.wait_button, self.buttons.ButtonRole.ActionRole)

        self.performance.currentIndexChanged.connect(self._update)
        self.relay.currentIndexChanged.connect(self._load_referents)
        self.places.valueChanged.connect(self._update)
        self.names_on_tickets.toggled.connect(self.first_names.setEnabled)
        self._load_referents()
        self._update()

    def _load_referents(self) -> None:
        relay_id = self.relay.value()
        referents = self.services.relays.get_relay(relay_id).referents if relay_id else ()
        active = [r for r in referents if r.active]
        self.referent.set_choices([(r.name, r.id) for r in active], active[0].id if active else None)
        lines = self.services.relays.booking_warnings(relay_id, self.season_id).lines if relay_id else ()
        self.relay_warning.setText("\n".join(f"Attention : {line}" for line in lines))
        self.relay_warning.setVisible(bool(lines))

    def remaining(self) -> int:
        performance_id = self.performance.value()
        return self.services.bookings.remaining(performance_id) if performance_id else 0

    def _update(self) -> None:
        performance = self._performances.get(self.performance.value())
        if performance is None:
            self.availability.setText("Aucune représentation à venir n'est ouverte à la réservation.")
            self.wait_button.setEnabled(False)
            return
        remaining = self.remaining()
        text = f"<b>{remaining}</b> place(s) restante(s) sur {performance.quota}"
        deadline = performance.booking_deadline
        late = performance.deadline_passed
        if deadline:
            text += f" · date limite : {format_datetime(deadline)}"
        if late:
            text += " — <span style='color:#b00020'>dépassée</span>"
        full = self.places.value() > remaining
        if full:
            text += (
                f"<br><span style='{ERROR_STYLE}'>Pas assez de places : inscrivez le relais en liste d'attente.</span>"
            )
        self.availability.setText(text)
        self.override.setVisible(late)
        self.wait_button.setEnabled(full)

    def request(self) -> BookingRequest:
        if self.performance.value() is None:
            raise DomainError("performance_required", "Choisissez une représentation.", field="performance_id")
        if self.relay.value() is None:
            raise DomainError("relay_required", "Choisissez le relais.", field="relay_id")
        names = (
            tuple(n.strip() for n in self.first_names.text().split(",") if n.strip())
            if self.names_on_tickets.isChecked()
            else ()
        )
        return BookingRequest(
            self.performance.value(),
            self.relay.value(),
            self.places.value(),
            self.referent.value(),
            names,
            self.names_on_tickets.isChecked(),
            self.override.isVisible() and self.override.isChecked(),
            self.note.text(),
            self.companions.value(),
        )

    def submit(self):
        return self.services.bookings.book_places(self.request())

    def join_waiting_list(self) -> None:
        self.clear_errors()
        try:
            request = self.request()
            self.services.bookings.join_waiting_list(
                request.performance_id, request.relay_id, request.places, request.note
            )
        except DomainError as error:
            self.show_error(error)
            return
        self.result_value = WAITING
        super(FormDialog, self).accept()
