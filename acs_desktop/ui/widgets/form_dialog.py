"""A dialog with a form whose refusals are shown in French next to the field concerned.

Subclasses add fields with `add_field(key, label, widget)` and implement `submit()`, which reads
the widgets, calls a service and raises `DomainError` on refusal: the dialog stays open, the
message appears under the field named by the error (or at the top), focus goes there, and it
goes away as soon as that field is edited. Enter validates, Esc cancels (QDialog's defaults,
kept). Hints and errors wrap (long names never widen the dialog) and are never cut.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.errors import DomainError
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel, fit_height_to_text

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #666666;"
WARNING_STYLE = "color: #8a5300;"  # a warning that does not stop the action (amber, readable on white)
# What each kind of input emits when the director changes it.
EDITED_SIGNALS = (
    (QLineEdit, "textEdited"),
    (QPlainTextEdit, "textChanged"),
    (QTextEdit, "textChanged"),
    (QComboBox, "currentIndexChanged"),
    (QSpinBox, "valueChanged"),
    (QDateTimeEdit, "dateTimeChanged"),
    (QAbstractButton, "toggled"),
)

W = TypeVar("W", bound=QWidget)  # the field's own widget type, returned as given


def edited_signals(field: QWidget) -> list:
    """The change signals of a field and of the inputs inside it (a field may be a row of them)."""
    signals = []
    for widget in (field, *field.findChildren(QWidget)):
        for kind, name in EDITED_SIGNALS:
            if isinstance(widget, kind):
                signals.append(getattr(widget, name))
                if isinstance(widget, QComboBox) and widget.isEditable():
                    signals.append(widget.editTextChanged)
                break
    return signals


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, *, ok_text: str = "Enregistrer"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.top_error = WrappingLabel()
        self.top_error.setStyleSheet(ERROR_STYLE)
        self.top_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.top_error)
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.body.addWidget(self.buttons)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.result_value = None

    def add_field(self, key: str, label: str, widget: W, *, hint: str = "") -> W:
        error = WrappingLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = WrappingLabel(hint)
            note.setStyleSheet(HINT_STYLE)
            column.addWidget(note)
        column.addWidget(error)
        self.form.addRow(label, holder)
        self._fields[key] = (widget, error)
        for signal in edited_signals(widget):
            signal.connect(lambda *_args, e=error: e.hide())  # corrected: the refusal no longer holds
        return widget

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height_to_text(self)

    def submit(self):  # pragma: no cover - subclasses implement it
        raise NotImplementedError

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self.submit()
        except DomainError as error:
            self.show_error(error)
            return
        super().accept()

    def clear_errors(self) -> None:
        self.top_error.hide()
        for _widget, label in self._fields.values():
            label.hide()

    def show_error(self, error: DomainError) -> None:
        if error.field in self._fields:
            widget, label = self._fields[error.field]
            label.setText(error.message)
            label.show()
            widget.setFocus()
        else:
            self.top_error.setText(error.message)
            self.top_error.show()

    def error_text(self) -> str:
        """What the dialog currently says is wrong (for tests and accessibility)."""
        texts = [self.top_error.text()] if self.top_error.isVisible() else []
        texts += [label.text() for _w, label in self._fields.values() if not label.isHidden()]
        return "\n".join(texts)
