"""One dated line of a convention's follow-up log: a meeting, a decision, an exchange."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services import Services
from acs_desktop.services.conventions import FollowUpInfo
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import DateEdit


class FollowUpDialog(FormDialog):
    def __init__(
        self, services: Services, convention_id: int, entry: FollowUpInfo | None = None, parent: QWidget | None = None
    ):
        super().__init__("Suivi de la convention", parent)
        self.services, self.convention_id, self.entry = services, convention_id, entry
        self.on = self.add_field("on", "Date", DateEdit())
        self.kind = QComboBox()
        for kind in FollowUpKind:
            self.kind.addItem(kind.label.capitalize(), kind)
        self.add_field("kind", "Nature", self.kind)
        self.text = self.add_field("text", "Compte rendu", QPlainTextEdit())
        self.text.setMinimumHeight(120)
        if entry:
            self.on.set_value(entry.on)
            self.kind.setCurrentIndex(self.kind.findData(entry.kind))
            self.text.setPlainText(entry.text)
        else:
            self.on.set_value(services.clock().date())

    def submit(self) -> int:
        return self.services.conventions.save_follow_up(
            self.convention_id,
            self.on.value(),
            self.kind.currentData(),
            self.text.toPlainText(),
            self.entry.id if self.entry else None,
        )
