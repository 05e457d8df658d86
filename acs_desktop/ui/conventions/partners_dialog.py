"""The partners (structures culturelles): their list, and for the one selected its contacts and halls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from acs_desktop.domain.accounts import Permission
from acs_desktop.services import Services
from acs_desktop.ui.conventions.partner_dialog import PartnerDialog
from acs_desktop.ui.conventions.partners_table_models import ContactsTableModel, PartnersTableModel, VenuesTableModel
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import perform
from acs_desktop.ui.safety_actions import export_person, report_erasure
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.text_fields_dialog import TextFieldsDialog


class PartnersDialog(QDialog):
    def __init__(self, services: Services, events: AppEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Partenaires culturels")
        self.resize(980, 640)
        self.services, self.events = services, events

        self.partners = ListPanel(
            "Partenaires",
            PartnersTableModel(self),
            on_add=self._new_partner,
            on_edit=self._edit_partner,
            on_delete=self._delete_partner,
            add_text="Nouveau partenaire…",
            searchable=True,
        )
        self.partners.view.setObjectName("partnersList")
        self.archive_button = QPushButton("Archiver")
        self.archive_button.clicked.connect(self._toggle_archive)
        self.partners.layout().itemAt(0).layout().addWidget(self.archive_button)
        self.partners.view.selection_changed.connect(self._show_partner)

        self.contacts = ListPanel(
            "Contacts",
            ContactsTableModel(self),
            on_add=self._new_contact,
            on_edit=self._edit_contact,
            on_delete=self._delete_contact,
        )
        allowed = services.accounts.permissions()
        for text, slot, permission in (
            ("Exporter…", self._export_contact, Permission.PERSONAL_EXPORT),
            ("Effacer…", self._erase_contact, Permission.ERASE),
        ):
            button = self.contacts.add_button_for(text, slot)
            button.setToolTip(f"{text.rstrip('…')} les données personnelles de ce contact")
            button.setHidden(permission not in allowed)
        self.venues = ListPanel(
            "Salles",
            VenuesTableModel(self),
            on_add=self._new_venue,
            on_edit=self._edit_venue,
            on_delete=self._delete_venue,
        )
        details = QWidget()
        row = QHBoxLayout(details)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.contacts)
        row.addWidget(self.venues)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.partners)
        splitter.addWidget(details)
        splitter.setSizes([380, 220])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(close)
        self.reload()

    # --- partners -------------------------------------------------------------------------
    def reload(self) -> None:
        self.partners.set_rows(self.services.partners.list_partners())
        self._show_partner()

    def current_partner_id(self) -> int | None:
        row = self.partners.view.current_row()
        return row.id if row else None

    def _show_partner(self) -> None:
        partner_id = self.current_partner_id()
        detail = self.services.partners.get_partner(partner_id) if partner_id else None
        self.contacts.set_rows(detail.contacts if detail else [])
        self.venues.set_rows(detail.venues if detail else [])
        self.contacts.set_enabled_adding(detail is not None)
        self.venues.set_enabled_adding(detail is not None)
        self.archive_button.setEnabled(detail is not None)
        self.archive_button.setText("Réactiver" if detail and detail.archived else "Archiver")

    def _changed(self, select_id: int | None = None) -> None:
        self.reload()
        if select_id:
            self.partners.view.select_ids([select_id])
        self.events.announce(Changes.of(Area.PARTNERS))

    def _new_partner(self) -> None:
        dialog = PartnerDialog(self.services, parent=self)
        if dialog.exec():
            self._changed(dialog.result_value)

    def _edit_partner(self, row) -> None:
        dialog = PartnerDialog(self.services, row.id, parent=self)
        if dialog.exec():
            self._changed(row.id)

    def _delete_partner(self, row) -> None:
        if messages().question(
            self, "Supprimer le partenaire", f"Supprimer « {row.name} » et ses contacts et salles ?"
        ) and self._attempt(lambda: self.services.partners.delete_partner(row.id)):
            self._changed()

    def _toggle_archive(self) -> None:
        row = self.partners.view.current_row()
        if row and self._attempt(lambda: self.services.partners.set_archived(row.id, not row.archived)):
            self._changed(row.id)

    # --- contacts and halls ---------------------------------------------------------------
    def _contact_dialog(self, contact=None) -> None:
        partner_id = self.current_partner_id()
        c = contact
        fields = [
            ("name", "Nom", c.name if c else ""),
            ("role", "Fonction", c.role if c else ""),
            ("phone", "Téléphone", c.phone if c else ""),
            ("email", "Courriel", c.email if c else ""),
        ]
        dialog = TextFieldsDialog(
            "Modifier le contact" if c else "Nouveau contact",
            fields,
            lambda v: self.services.partners.save_contact(
                partner_id,
                v["name"],
                v["role"],
                v["phone"],
                v["email"],
                contact_id=c.id if c else None,
                version=c.version if c else None,
            ),
            self,
        )
        if dialog.exec():
            self._changed(partner_id)

    def _new_contact(self) -> None:
        self._contact_dialog()

    def _edit_contact(self, row) -> None:
        self._contact_dialog(row)

    def _delete_contact(self, row) -> None:
        if messages().question(
            self, "Supprimer le contact", f"Supprimer le contact « {row.name} » ?"
        ) and self._attempt(lambda: self.services.partners.delete_contact(row.id)):
            self._changed(self.current_partner_id())

    def _export_contact(self) -> None:
        contact = self.contacts.view.current_row()
        if contact is not None:
            done = perform(self, lambda: self.services.privacy.export_contact(contact.id))
            if done:
                export_person(self, "Données d'un contact", done.value, f"contact-{contact.id}.json")

    def _erase_contact(self) -> None:
        contact = self.contacts.view.current_row()
        if contact and messages().question(
            self,
            "Effacer les données du contact",
            f"Effacer définitivement « {contact.name} » et ses coordonnées (aussi dans le journal d'activité) ?",
            yes="Effacer",
        ):
            done = perform(self, lambda: self.services.privacy.erase_contact(contact.id))
            if done:
                self._changed(self.current_partner_id())
                report_erasure(self, "Données du contact effacées", done.value)

    def _venue_dialog(self, venue=None) -> None:
        partner_id = self.current_partner_id()
        v = venue
        fields = [
            ("name", "Salle", v.name if v else ""),
            ("address", "Adresse", v.address if v else ""),
            ("postal_code", "Code postal", v.postal_code if v else ""),
            ("commune", "Commune", v.commune if v else ""),
        ]
        dialog = TextFieldsDialog(
            "Modifier la salle" if v else "Nouvelle salle",
            fields,
            lambda x: self.services.partners.save_venue(
                partner_id,
                x["name"],
                x["address"],
                x["postal_code"],
                x["commune"],
                venue_id=v.id if v else None,
                version=v.version if v else None,
            ),
            self,
        )
        if dialog.exec():
            self._changed(partner_id)

    def _new_venue(self) -> None:
        self._venue_dialog()

    def _edit_venue(self, row) -> None:
        self._venue_dialog(row)

    def _delete_venue(self, row) -> None:
        if messages().question(self, "Supprimer la salle", f"Supprimer la salle « {row.name} » ?") and self._attempt(
            lambda: self.services.partners.delete_venue(row.id)
        ):
            self._changed(self.current_partner_id())

    def _attempt(self, call) -> bool:
        return bool(perform(self, call))
