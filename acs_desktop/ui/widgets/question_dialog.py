"""A question with one answer (a number, a text), whose wording wraps: QInputDialog's label does
not, and a question naming a long show and a long relay made it wider than the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from acs_desktop.ui.widgets.wrapping_label import WrappingLabel, fit_height_to_text

QUESTION_WIDTH = 460  # the dialog opens this wide; the question wraps to it


class QuestionDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, question: str, answer: QWidget):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.question = WrappingLabel(question)
        self.answer = answer
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Valider")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(answer)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(QUESTION_WIDTH, self.sizeHint().height())
        answer.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height_to_text(self)


def number_question(
    parent: QWidget | None, title: str, question: str, value: int, minimum: int, maximum: int
) -> QuestionDialog:
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setValue(value)
    spin.selectAll()
    return QuestionDialog(parent, title, question, spin)


def ask_number(parent: QWidget | None, title: str, question: str, value: int, minimum: int, maximum: int) -> int | None:
    """The number given, or None if the question was cancelled."""
    dialog = number_question(parent, title, question, value, minimum, maximum)
    return dialog.answer.value() if dialog.exec() else None


def ask_text(parent: QWidget | None, title: str, question: str, text: str = "") -> str | None:
    """The text typed, or None if the question was cancelled."""
    dialog = QuestionDialog(parent, title, question, QLineEdit(text))
    return dialog.answer.text() if dialog.exec() else None
