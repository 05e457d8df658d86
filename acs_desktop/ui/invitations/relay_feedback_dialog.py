"""« Retour du relais… »: after a performance, the relay's word on its booking — a short text and
an optional 1–4 scale — recorded beside the attendance (a volunteer may record it; the direction
chooses, in the review, which to quote without names)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from acs_desktop.domain.mediation import FEEDBACK_MAX, SCALE_LABELS
from acs_desktop.services import Services
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox


class RelayFeedbackDialog(FormDialog):
    def __init__(
        self, services: Services, booking_id: int, relay_name: str, show_title: str, parent: QWidget | None = None
    ):
        super().__init__(f"Retour du relais — {relay_name}, après « {show_title} »", parent)
        self.services, self.booking_id = services, booking_id
        self.setMinimumWidth(560)
        self.found = services.feedback.feedback_of(booking_id)
        self.text = self.add_field(
            "text",
            "Retour du relais",
            QPlainTextEdit(),
            hint=f"Les mots du relais, {FEEDBACK_MAX} caractères au plus ; sans nom de personne "
            "(le bilan ne cite jamais ni la personne ni le relais).",
        )
        self.text.setFixedHeight(110)
        self.scale = self.add_field("scale", "Appréciation", ChoiceBox(empty_label="— (non donnée)"))
        self.scale.set_choices([(label, value) for value, label in SCALE_LABELS.items()])
        if self.found is not None:
            self.text.setPlainText(self.found.text)
            self.scale.set_value(self.found.scale)

    def submit(self):
        return self.services.feedback.save_feedback(
            self.booking_id,
            self.text.toPlainText(),
            self.scale.value(),
            version=self.found.version if self.found is not None else None,
        )
