"""A titled list with « Ajouter », « Modifier », « Supprimer » buttons (double-click edits,
Suppr deletes after asking)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import RowsTableModel


class ListPanel(QWidget):
    def __init__(
        self,
        title: str,
        model: RowsTableModel,
        *,
        on_add: Callable[[], None] | None = None,
        on_edit: Callable[[object], None] | None = None,
        on_delete: Callable[[object], None] | None = None,
        add_text: str = "Ajouter…",
        searchable: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.view = RecordsView(model, placeholder="Rechercher…")
        self.view.search.setVisible(searchable)
        self.title = QLabel(f"<b>{title}</b>")
        self._on_edit, self._on_delete = on_edit, on_delete
        buttons = self._buttons = QHBoxLayout()
        buttons.addWidget(self.title)
        buttons.addStretch(1)
        self.add_button = self._button(buttons, add_text, on_add)
        self.edit_button = self._button(buttons, "Modifier…", on_edit and self._edit_current)
        self.delete_button = self._button(buttons, "Supprimer", on_delete and self._delete_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        if on_edit:
            self.view.activated.connect(lambda _id: self._edit_current())
        if on_delete:
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._delete_current)
        self.view.selection_changed.connect(self._update_buttons)
        self._update_buttons()

    def add_button_for(self, text: str, slot: Callable[[], object]) -> QPushButton:
        """One more button on the panel's row (after « Ajouter… », « Modifier… », « Supprimer »)."""
        button = self._button(self._buttons, text, slot)
        assert button is not None
        return button

    @staticmethod
    def _button(layout: QHBoxLayout, text: str, slot) -> QPushButton | None:
        if slot is None:
            return None
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        layout.addWidget(button)
        return button

    def set_rows(self, rows) -> None:
        self.view.set_rows(rows)
        self._update_buttons()

    def set_enabled_adding(self, enabled: bool) -> None:
        if self.add_button:
            self.add_button.setEnabled(enabled)

    def _edit_current(self) -> None:
        row = self.view.current_row()
        if row is not None and self._on_edit:
            self._on_edit(row)

    def _delete_current(self) -> None:
        row = self.view.current_row()
        if row is not None and self._on_delete:
            self._on_delete(row)

    def _update_buttons(self) -> None:
        has = self.view.current_row() is not None
        for button in (self.edit_button, self.delete_button):
            if button:
                button.setEnabled(has)
