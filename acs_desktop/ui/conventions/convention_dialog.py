"""Create or edit a convention: partner, places committed, subscribers, donations, value of a
place — with the places funded and the donation surplus computed live as the director types."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_int, format_money
from acs_desktop.domain.funding import balance_text, places_funded, shortfall, surplus
from acs_desktop.services import Services
from acs_desktop.services.conventions import ConventionFigures, ConventionRow
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox, CountSpin, DateEdit, MoneyEdit


class ConventionDialog(FormDialog):
    def __init__(
        self, services: Services, season_id: int, row: ConventionRow | None = None, parent: QWidget | None = None
    ):
        super().__init__("Modifier la convention" if row else "Nouvelle convention", parent)
        self.services, self.season_id, self.row = services, season_id, row

        self.partner = ChoiceBox()
        partner_line = QWidget()
        line = QHBoxLayout(partner_line)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.partner, 1)
        self.new_partner = QPushButton("Nouveau partenaire…")
        self.new_partner.clicked.connect(self._create_partner)
        line.addWidget(self.new_partner)
        self.add_field("partner_id", "Partenaire", partner_line)
        self._fields["partner_id"] = (self.partner, self._fields["partner_id"][1])

        self.places = self.add_field("places_committed", "Places engagées", CountSpin())
        self.subscribers = self.add_field("solidarity_subscribers", "Abonnés solidaires", CountSpin())
        self.donations = self.add_field("donations", "Dons collectés (€)", MoneyEdit("donations", "Dons collectés"))
        self.place_value = self.add_field(
            "place_value", "Valeur d'une place (€)", MoneyEdit("place_value", "Valeur d'une place")
        )
        self.signed_on = self.add_field("signed_on", "Signée le", DateEdit(optional=True))
        self.notes = self.add_field("notes", "Notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)
        self.funded = QLabel()
        self.surplus = QLabel()
        self.form.addRow("Places financées", self.funded)
        self.form.addRow("Surplus ou manque", self.surplus)

        for widget in (self.donations, self.place_value):
            widget.textChanged.connect(self._update_live)
        self.places.valueChanged.connect(self._update_live)
        self._load()

    def _load(self) -> None:
        partners = self.services.partners.list_partners(include_archived=self.row is not None)
        self.partner.set_choices([(p.name, p.id) for p in partners])
        if self.row:
            self.partner.set_value(self.row.partner_id)
            self.partner.setEnabled(False)
            self.new_partner.setEnabled(False)
            self.places.setValue(self.row.places_committed)
            self.subscribers.setValue(self.row.solidarity_subscribers)
            self.donations.set_value(self.row.donations)
            self.place_value.set_value(self.row.place_value)
            self.signed_on.set_value(self.row.signed_on)
            self.notes.setPlainText(self.row.notes)
        self._update_live()

    def _update_live(self) -> None:
        try:
            donations, value = self.donations.value(), self.place_value.value()
        except DomainError:
            self.funded.setText("—")
            self.surplus.setText("—")
            return
        self.funded.setText(f"<b>{format_int(places_funded(donations, value))}</b> (dons ÷ valeur d'une place)")
        places = self.places.value()
        if shortfall(donations, value, places):
            self.surplus.setText(f"<span style='color:#a00000'><b>{balance_text(donations, value, places)}</b></span>")
        else:
            self.surplus.setText(
                f"<b>{format_money(surplus(donations, value, places))}</b> de surplus (dons − places engagées × valeur)"
            )

    def _create_partner(self) -> None:
        from acs_desktop.ui.conventions.partner_dialog import PartnerDialog

        dialog = PartnerDialog(self.services, parent=self)
        if dialog.exec():
            self._load()
            self.partner.set_value(dialog.result_value)

    def figures(self) -> ConventionFigures:
        return ConventionFigures(
            places_committed=self.places.value(),
            solidarity_subscribers=self.subscribers.value(),
            donations=self.donations.value(),
            place_value=self.place_value.value(),
            signed_on=self.signed_on.value(),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> int:
        figures = self.figures()
        if self.row:
            self.services.conventions.update_figures(self.row.id, figures, version=self.row.version)
            return self.row.id
        if self.partner.value() is None:
            raise DomainError("partner_required", "Choisissez le partenaire (ou créez-le).", field="partner_id")
        return self.services.conventions.create_convention(self.partner.value(), self.season_id, figures)
