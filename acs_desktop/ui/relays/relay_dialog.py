"""Create or edit a relay (relais social): name, kind, commune, contact details, active or not,
and the charter version it signed, with the date."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from acs_desktop.services import Services
from acs_desktop.services.relays import RelayInput
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox, CountSpin, DateEdit
from acs_desktop.ui.widgets.messages import messages


class RelayDialog(FormDialog):
    def __init__(self, services: Services, relay_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Modifier le relais" if relay_id else "Nouveau relais", parent)
        self.services, self.relay_id = services, relay_id
        self.name = self.add_field("name", "Nom", QLineEdit())
        self.kind = ChoiceBox(empty_label="—")
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.kind, 1)
        new_kind = QPushButton("Nouveau type…")
        new_kind.clicked.connect(self._new_kind)
        line.addWidget(new_kind)
        self.add_field("relay_type_id", "Type", holder)
        self.commune = self.add_field("commune", "Commune", QLineEdit())
        self.address = self.add_field("address", "Adresse", QLineEdit())
        self.phone = self.add_field("phone", "Téléphone", QLineEdit())
        self.email = self.add_field("email", "Courriel", QLineEdit())
        self.notes = self.add_field("notes", "Notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        self.active = self.add_field("active", "Actif", QCheckBox("peut réserver des places"))
        self.active.setChecked(True)
        self.current_charter = services.settings.get().charter_version
        self.charter_version = CountSpin(minimum=1, maximum=999, optional=True)
        self.charter_version.setPrefix("v")
        self.charter_signed_on = DateEdit(optional=True)
        signed_now = QPushButton(f"Signée ce jour (v{self.current_charter})")
        signed_now.clicked.connect(self._signed_now)
        charter = QWidget()
        line = QHBoxLayout(charter)
        line.setContentsMargins(0, 0, 0, 0)
        for part in (self.charter_version, QLabel("le"), self.charter_signed_on, signed_now):
            line.addWidget(part)
        line.addStretch(1)
        self.add_field(
            "charter_version",
            "Charte signée",
            charter,
            hint=f"Version signée et date ; « — » : pas signée. Version en vigueur : v{self.current_charter}.",
        )
        self._load_kinds()
        self.version: int | None = None  # the relay's version as read: saving checks it
        if relay_id:
            detail = services.relays.get_relay(relay_id)
            data, self.version = detail.data, detail.version
            for widget, value in (
                (self.name, data.name),
                (self.commune, data.commune),
                (self.address, data.address),
                (self.phone, data.phone),
                (self.email, data.email),
            ):
                widget.setText(value)
            self.kind.set_value(data.relay_type_id)
            self.notes.setPlainText(data.notes)
            self.active.setChecked(data.active)
            self.charter_version.set_number(data.charter_version)
            self.charter_signed_on.set_value(data.charter_signed_on)

    def _signed_now(self) -> None:
        self.charter_version.set_number(self.current_charter)
        self.charter_signed_on.set_value(self.services.clock().date())

    def _load_kinds(self, selected: int | None = None) -> None:
        self.kind.set_choices([(k.name, k.id) for k in self.services.relays.list_relay_types()], selected)

    def _new_kind(self) -> None:
        name, ok = messages().text(self, "Nouveau type de relais", "Type de relais :")
        if ok:
            # One that exists under that name (case and accents aside) is chosen, not refused.
            chosen = perform(self, lambda: self.services.relays.get_or_create_relay_type(name))
            if chosen:
                self._load_kinds(chosen.value)

    def submit(self) -> int:
        data = RelayInput(
            self.name.text(),
            self.kind.value(),
            self.commune.text(),
            self.address.text(),
            self.phone.text(),
            self.email.text(),
            self.notes.toPlainText(),
            self.active.isChecked(),
            self.charter_version.number(),
            self.charter_signed_on.value(),
        )
        if self.relay_id:
            self.services.relays.update_relay(self.relay_id, data, version=self.version)
            return self.relay_id
        return self.services.relays.create_relay(data)
