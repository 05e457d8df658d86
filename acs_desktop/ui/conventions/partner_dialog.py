"""Create or edit a partner (structure culturelle): name, address, contact details, notes."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from acs_desktop.services import Services
from acs_desktop.services.partners import PartnerInput
from acs_desktop.ui.widgets.form_dialog import FormDialog


class PartnerDialog(FormDialog):
    def __init__(self, services: Services, partner_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Modifier le partenaire" if partner_id else "Nouveau partenaire", parent)
        self.services, self.partner_id = services, partner_id
        self.version: int | None = None  # the partner's version as read: saving checks it
        self.name = self.add_field("name", "Nom", QLineEdit())
        self.address = self.add_field("address", "Adresse", QLineEdit())
        self.postal_code = self.add_field("postal_code", "Code postal", QLineEdit())
        self.commune = self.add_field("commune", "Commune", QLineEdit())
        self.phone = self.add_field("phone", "Téléphone", QLineEdit())
        self.email = self.add_field("email", "Courriel", QLineEdit())
        self.notes = self.add_field("notes", "Notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        if partner_id:
            detail = services.partners.get_partner(partner_id)
            data, self.version = detail.data, detail.version
            for widget, value in (
                (self.name, data.name),
                (self.address, data.address),
                (self.postal_code, data.postal_code),
                (self.commune, data.commune),
                (self.phone, data.phone),
                (self.email, data.email),
            ):
                widget.setText(value)
            self.notes.setPlainText(data.notes)

    def submit(self) -> int:
        data = PartnerInput(
            self.name.text(),
            self.address.text(),
            self.postal_code.text(),
            self.commune.text(),
            self.phone.text(),
            self.email.text(),
            self.notes.toPlainText(),
        )
        if self.partner_id:
            self.services.partners.update_partner(self.partner_id, data, version=self.version)
            return self.partner_id
        return self.services.partners.create_partner(data)
