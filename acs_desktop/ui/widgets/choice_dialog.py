"""Choosing one item in a list (a booking, a relay, a performance), with a search field and,
when a document has one, an option to tick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class ChoiceDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        items: list[tuple[int, str]],
        *,
        option: str | None = None,
        accept_text: str = "Continuer",
        selected_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 480)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Rechercher…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for item_id, text in items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, item_id)
            self.list.addItem(item)
            if item_id == selected_id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.option = QCheckBox(option, self) if option else None
        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self.accept_button.setEnabled(self.chosen_id() is not None))

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        if self.option is not None:
            layout.addWidget(self.option)
        layout.addWidget(self.buttons)
        self.search.setFocus()

    def chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(ID_ROLE)

    def option_checked(self) -> bool:
        return bool(self.option and self.option.isChecked())

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(word in item.text().casefold() for word in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_visible)
        self.accept_button.setEnabled(self.chosen_id() is not None)


def choose(
    parent: QWidget,
    title: str,
    prompt: str,
    items: list[tuple[int, str]],
    *,
    option: str | None = None,
    accept_text: str = "Continuer",
    selected_id: int | None = None,
) -> tuple[int, bool] | None:
    """(chosen id, option ticked), or None if the person cancelled."""
    dialog = ChoiceDialog(
        title, prompt, items, option=option, accept_text=accept_text, selected_id=selected_id, parent=parent
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen_id() is None:
        return None
    return dialog.chosen_id(), dialog.option_checked()
