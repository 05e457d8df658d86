"""A follow-up log (a convention's, a relay's): its lines as a table, and the dialog of one line
(a date, a kind, a text, and maybe a next step with its date and its « fait » mark)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services import Services
from acs_desktop.services.follow_ups import NextStep
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.formats import format_date
from acs_desktop.ui.widgets.inputs import DateEdit
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel

# save(on, kind, text, entry_id, next_step, version) -> the line's id: the owner's service verb, its
# owner bound; `version` is the line's as the dialog read it (None for a new line).
SaveFollowUp = Callable[[date | None, FollowUpKind, str, int | None, NextStep, int | None], int]


def next_step_text(row) -> str:
    if not row.next_step:
        return ""
    return f"{row.next_step} — {'fait' if row.done else 'prévu le ' + format_date(row.due_on)}"


class FollowUpsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Date", lambda r: format_date(r.on), sort=lambda r: r.on),
        Column("Nature", lambda r: r.kind.label),
        Column("Compte rendu", lambda r: r.text.replace("\n", " "), stretch=True),
        Column("À faire", next_step_text, sort=lambda r: (r.done, r.due_on or date.max)),
    )


class FollowUpDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        save: SaveFollowUp,
        entry=None,
        parent: QWidget | None = None,
        *,
        title: str = "Suivi de la convention",
        text_label: str = "Compte rendu",
    ):
        super().__init__(title, parent)
        self.services, self.save, self.entry = services, save, entry
        self.on = self.add_field("on", "Date", DateEdit())
        self.kind = QComboBox()
        for kind in FollowUpKind:
            self.kind.addItem(kind.label.capitalize(), kind)
        self.add_field("kind", "Nature", self.kind)
        self.text = self.add_field("text", text_label, QPlainTextEdit())
        self.text.setMinimumHeight(120)
        self.next_step = self.add_field(
            "next_step", "Prochaine étape", QLineEdit(), hint="Ce qu'il reste à faire (relancer, envoyer…)"
        )
        self.due_on = self.add_field(
            "due_on", "À faire pour le", DateEdit(optional=True), hint="La page « À faire » le rappelle ce jour-là."
        )
        self.done_mark = self.add_field("done", "", QCheckBox("Fait"))
        if entry:
            self.on.set_value(entry.on)
            self.kind.setCurrentIndex(self.kind.findData(entry.kind))
            self.text.setPlainText(entry.text)
            self.next_step.setText(entry.next_step)
            self.due_on.set_value(entry.due_on)
            self.done_mark.setChecked(entry.done)
        else:
            self.on.set_value(services.clock().date())

    def submit(self) -> int:
        step = NextStep(self.next_step.text(), self.due_on.value(), self.done_mark.isChecked())
        return self.save(
            self.on.value(),
            self.kind.currentData(),
            self.text.toPlainText(),
            self.entry.id if self.entry else None,
            step,
            self.entry.version if self.entry else None,
        )
