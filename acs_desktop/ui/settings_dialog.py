"""The association's identity, printed on every document: name, address, contact, logo; and what
it asks of the relays: the charter (text, version) and the threshold of places unused without notice;
the threshold of the small counts protected in what leaves the office."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.ticket_words import revealing_words
from acs_desktop.services import Services
from acs_desktop.ui.widgets.form_dialog import ERROR_STYLE, FormDialog
from acs_desktop.ui.widgets.inputs import CountSpin
from acs_desktop.ui.widgets.messages import messages


class SettingsDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("L'association", parent)
        self.services = services
        info = services.settings.get()
        self.name = self.add_field("name", "Nom de l'association", QLineEdit(info.name))
        self.ticket_name = self.add_field(
            "ticket_name",
            "Nom sur les billets",
            QLineEdit(info.ticket_name),
            hint="Vide : le nom de l'association. Un nom neutre : les billets ne disent pas ce qu'ils sont.",
        )
        self.ticket_warning = QLabel()
        self.ticket_warning.setStyleSheet(ERROR_STYLE)
        self.form.addRow("", self.ticket_warning)
        self.name.textChanged.connect(self._check_ticket_name)
        self.ticket_name.textChanged.connect(self._check_ticket_name)
        self.address = self.add_field("address", "Adresse", QLineEdit(info.address))
        self.postal_code = self.add_field("postal_code", "Code postal", QLineEdit(info.postal_code))
        self.commune = self.add_field("commune", "Commune", QLineEdit(info.commune))
        self.phone = self.add_field("phone", "Téléphone", QLineEdit(info.phone))
        self.email = self.add_field("email", "Courriel", QLineEdit(info.email))
        self.website = self.add_field("website", "Site web", QLineEdit(info.website))
        self.retention = self.add_field(
            "retention_months",
            "Conservation des prénoms (mois)",
            CountSpin(minimum=1, maximum=120),
            hint="Prénoms effacés ce nombre de mois après la fin d'une saison (CNIL : 24).",
        )
        self.retention.setValue(info.retention_months)
        self.reminder = self.add_field(
            "print_reminder_days",
            "Billets urgents (jours avant)",
            CountSpin(minimum=0, maximum=90),
            hint="Billets pas encore édités ce nombre de jours avant : signalés urgents.",
        )
        self.reminder.setValue(info.print_reminder_days)
        self.charter_version = self.add_field(
            "charter_version",
            "Version de la charte",
            CountSpin(minimum=1, maximum=999),
        )
        self.charter_version.setToolTip(
            "Passez à la version suivante quand la charte change : les relais qui ont signé l'ancienne sont signalés."
        )
        self.charter_version.setPrefix("v")
        self.charter_version.setValue(info.charter_version)
        self.charter_text = self.add_field("charter_text", "Texte de la charte", QPlainTextEdit(info.charter_text))
        self.charter_text.setFixedHeight(48)
        self.no_show_threshold = self.add_field(
            "no_show_threshold",
            "Seuil « sans prévenir »",
            CountSpin(minimum=1, maximum=999),
            hint="Dès ce nombre de places perdues sans prévenir, réserver est signalé.",
        )
        self.no_show_threshold.setValue(info.no_show_threshold)
        self.lock_minutes = self.add_field("lock_minutes", "Verrouillage après", CountSpin(minimum=0, maximum=480))
        self.lock_minutes.setSuffix(" min sans activité")
        self.lock_minutes.setSpecialValueText("jamais")
        self.lock_minutes.setToolTip(
            "Avec des comptes : la fenêtre se verrouille après ce temps sans une touche ni un clic."
        )
        self.lock_minutes.setValue(info.lock_minutes)
        self.small_count_threshold = self.add_field(
            "small_count_threshold",
            "Petits nombres protégés",
            CountSpin(minimum=0, maximum=99),
        )
        self.small_count_threshold.setToolTip(
            "Trois personnes d'un petit relais se reconnaissent : dans le rapport et les tableurs, un tel nombre se lit "
            "« moins de N », les totaux restent exacts. 0 : aucune protection. L'onglet Bilan garde les nombres exacts."
        )
        self.small_count_threshold.setPrefix("moins de ")
        self.small_count_threshold.setSuffix(" personnes")
        self.small_count_threshold.setSpecialValueText("aucune protection")
        self.small_count_threshold.setValue(info.small_count_threshold)
        self._logo: bytes | None = info.logo
        self.version = info.version  # the settings' as read: saving checks it
        self._logo_changed = False
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(56)
        choose = QPushButton("Choisir…")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton("Retirer")
        remove.clicked.connect(self._remove_logo)
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in (self.logo_preview, choose, remove):
            line.addWidget(widget)
        line.addStretch(1)
        self.add_field("logo", "Logo (PNG ou JPEG)", holder)
        self._show_logo()
        self._check_ticket_name()

    def _check_ticket_name(self) -> None:
        printed = self.ticket_name.text().strip() or self.name.text().strip()
        words = revealing_words(printed)
        self.ticket_warning.setText(
            f"Attention : « {printed} » serait imprimé sur les billets et contient « {words[0]} ». Donnez un nom neutre pour les billets."
            if words
            else ""
        )
        self.ticket_warning.setVisible(bool(words))

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(pixmap.scaledToHeight(52, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setText("aucun logo")

    def _choose_logo(self) -> None:
        path = messages().open_file(self, "Choisir le logo", str(Path.home()), "Images (*.png *.jpg *.jpeg)")
        if path:
            try:
                self._logo = Path(path).read_bytes()
            except OSError as exc:
                self.show_error(
                    DomainError("logo_unreadable", f"Le fichier ne peut pas être lu ({exc.strerror}).", field="logo")
                )
                return
            self._logo_changed = True
            self._show_logo()

    def _remove_logo(self) -> None:
        self._logo, self._logo_changed = None, True
        self._show_logo()

    def submit(self):
        info = self.services.settings.update(
            version=self.version,
            name=self.name.text(),
            address=self.address.text(),
            postal_code=self.postal_code.text(),
            commune=self.commune.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            retention_months=self.retention.value(),
            ticket_name=self.ticket_name.text(),
            print_reminder_days=self.reminder.value(),
            charter_text=self.charter_text.toPlainText(),
            charter_version=self.charter_version.value(),
            no_show_threshold=self.no_show_threshold.value(),
            lock_minutes=self.lock_minutes.value(),
            small_count_threshold=self.small_count_threshold.value(),
        )
        self.version = info.version  # saved: a refused logo below leaves the dialog open on this version
        if self._logo_changed:
            self.version = self.services.settings.set_logo(self._logo, version=self.version)
            self._logo_changed = False
        return info
