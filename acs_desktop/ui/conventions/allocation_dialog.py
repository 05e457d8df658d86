"""Plan, then record, one use of the donation surplus: extra places or invitation management."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from acs_desktop.domain.states import AllocationKind
from acs_desktop.services import Services
from acs_desktop.services.conventions import AllocationInfo, AllocationInput
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import CountSpin, DateEdit, MoneyEdit


class AllocationDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        convention_id: int,
        allocation: AllocationInfo | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__("Affectation du surplus de don", parent)
        self.services, self.convention_id, self.allocation = services, convention_id, allocation
        self.kind = QComboBox()
        for kind in AllocationKind:
            self.kind.addItem(kind.label.capitalize(), kind)
        self.add_field("kind", "Usage", self.kind)
        self.planned_amount = self.add_field(
            "planned_amount", "Montant prévu (€)", MoneyEdit("planned_amount", "Montant prévu")
        )
        self.planned_places = self.add_field("planned_places", "Places prévues", CountSpin())
        self.decided_on = self.add_field("decided_on", "Décidé le", DateEdit(optional=True))
        self.done_amount = self.add_field(
            "done_amount",
            "Montant réalisé (€)",
            MoneyEdit("done_amount", "Montant réalisé", optional=True),
            hint="Laisser vide tant que ce n'est pas réalisé.",
        )
        self.done_places = self.add_field("done_places", "Places réalisées", CountSpin(optional=True))
        self.done_on = self.add_field("done_on", "Réalisé le", DateEdit(optional=True))
        self.note = self.add_field("note", "Note", QLineEdit())
        if allocation:
            d = allocation.data
            self.kind.setCurrentIndex(self.kind.findData(d.kind))
            self.planned_amount.set_value(d.planned_amount)
            self.planned_places.setValue(d.planned_places)
            self.decided_on.set_value(d.decided_on)
            self.done_amount.set_value(d.done_amount)
            self.done_places.set_number(d.done_places)
            self.done_on.set_value(d.done_on)
            self.note.setText(d.note)

    def submit(self) -> int:
        data = AllocationInput(
            kind=self.kind.currentData(),
            planned_amount=self.planned_amount.value(),
            planned_places=self.planned_places.value(),
            decided_on=self.decided_on.value(),
            done_amount=self.done_amount.value(),
            done_places=self.done_places.number(),
            done_on=self.done_on.value(),
            note=self.note.text(),
        )
        return self.services.conventions.save_allocation(
            self.convention_id,
            data,
            self.allocation.id if self.allocation else None,
            version=self.allocation.version if self.allocation else None,
        )
