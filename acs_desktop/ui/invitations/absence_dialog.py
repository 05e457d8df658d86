"""Why the selected invitations were not used: a reason from the editable list, and a comment."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from acs_desktop.services import Services
from acs_desktop.services.reasons import UNKNOWN_REASON
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox


class AbsenceDialog(FormDialog):
    """`apply(reason_id, comment)` records it (several invitations, or the rest of a sheet)."""

    def __init__(
        self,
        services: Services,
        title: str,
        intro: str,
        apply,
        parent: QWidget | None = None,
        *,
        with_comment: bool = True,
        default_unknown: bool = False,
    ):
        super().__init__(title, parent, ok_text="Enregistrer")
        self._apply = apply
        self.setToolTip(intro)
        self.reason = ChoiceBox(empty_label="— choisir un motif —")
        reasons = services.reasons.list_reasons()
        self.reason.set_choices([(r.label, r.id) for r in reasons])
        if default_unknown:
            self.reason.set_value(next((r.id for r in reasons if r.label == UNKNOWN_REASON), None))
        self.add_field("reason_id", "Motif de non-utilisation", self.reason, hint=intro)
        self.comment = QPlainTextEdit()
        self.comment.setFixedHeight(70)
        if with_comment:
            self.add_field("comment", "Commentaire", self.comment)

    def submit(self):
        return self._apply(self.reason.value(), self.comment.toPlainText())
