"""A small form of text fields (a contact, a hall, a referent…) saved by one service call."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from acs_desktop.ui.widgets.form_dialog import FormDialog


class TextFieldsDialog(FormDialog):
    """`fields`: (key, label, initial value); a bool initial value makes a check box.
    `save(values)` receives {key: text or bool} and returns the saved record's id."""

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str | bool]],
        save: Callable[[dict], object],
        parent: QWidget | None = None,
    ):
        super().__init__(title, parent)
        self._save = save
        self.inputs: dict[str, QLineEdit | QCheckBox] = {}
        for key, label, initial in fields:
            if isinstance(initial, bool):
                box = QCheckBox()
                box.setChecked(initial)
                self.inputs[key] = self.add_field(key, label, box)
            else:
                edit = QLineEdit(initial)
                self.inputs[key] = self.add_field(key, label, edit)

    def values(self) -> dict:
        return {key: (w.isChecked() if isinstance(w, QCheckBox) else w.text()) for key, w in self.inputs.items()}

    def submit(self):
        return self._save(self.values())
