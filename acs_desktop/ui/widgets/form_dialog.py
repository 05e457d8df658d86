"""A dialog with a form whose refusals are shown in French next to the field concerned.

Subclasses add fields with `add_field(key, label, widget)` and implement `submit()`, which reads
the widgets, calls a service and raises `DomainError` on refusal: the dialog stays open, the
message appears under the field named by the error (or at the top), focus goes there. Enter
validates, Esc cancels (QDialog's defaults, kept).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from acs_desktop.domain.errors import DomainError

ERROR_STYLE = "color: #b00020;"


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, *, ok_text: str = "Enregistrer"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.top_error = QLabel()
        self.top_error.setStyleSheet(ERROR_STYLE)
        self.top_error.setWordWrap(True)
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

    def add_field(self, key: str, label: str, widget: QWidget, *, hint: str = "") -> QWidget:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint)  # not wrapped: a wrapped label under-reports its height in a form
            note.setStyleSheet("color: #666666;")
            column.addWidget(note)
        column.addWidget(error)
        self.form.addRow(label, holder)
        self._fields[key] = (widget, error)
        return widget

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
