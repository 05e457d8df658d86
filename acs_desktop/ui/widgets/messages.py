"""What the window says and asks in blocking dialogs — a message, a refusal, a yes/no question, a
choice among buttons, a line of text, a file (or several) or a folder — in one object.

Widgets reach it through `messages()`: `messages().refusal(self, error.message)`,
`messages().question(self, "Supprimer", "Supprimer ce relais ?", yes="Supprimer")`. Tests put a
stand-in in its place with `use_messages(stand_in)` (tests/ui/conftest.py records what was said and
answers the questions): one place to replace, not `QMessageBox` and `QFileDialog` in every module.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Messages:
    """The blocking dialogs of Qt, as the window uses them (French titles come from the callers)."""

    def information(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.information(parent, title, message)

    def warning(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)

    def critical(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.critical(parent, title, message)

    def refusal(self, parent: QWidget | None, message: str, title: str = "Impossible") -> None:
        """A refusal (the domain's French message): nothing was done."""
        self.warning(parent, title, message)

    def question(self, parent: QWidget | None, title: str, question: str, *, yes: str = "Oui") -> bool:
        """Ask before a destructive action; the safe answer is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton("Non", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button

    def choice(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[str], *, details: str = ""
    ) -> int | None:
        """One button per option and « Annuler »: the index of the option chosen, None if cancelled."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        if details:
            box.setInformativeText(details)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return next((index for index, button in enumerate(buttons) if box.clickedButton() is button), None)

    def text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
        """A line typed by the person, and whether it was confirmed (as `QInputDialog.getText`)."""
        return QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)

    def save_file(self, parent: QWidget | None, title: str, start: str, filters: str) -> str:
        """The path of a file to write, "" if cancelled."""
        return QFileDialog.getSaveFileName(parent, title, start, filters)[0]

    def open_file(self, parent: QWidget | None, title: str, start: str, filters: str) -> str:
        """The path of a file to read, "" if cancelled."""
        return QFileDialog.getOpenFileName(parent, title, start, filters)[0]

    def open_files(self, parent: QWidget | None, title: str, start: str, filters: str) -> list[str]:
        """The paths of one or several files to read, [] if cancelled."""
        return QFileDialog.getOpenFileNames(parent, title, start, filters)[0]

    def folder(self, parent: QWidget | None, title: str, start: str) -> str:
        """The path of a folder, "" if cancelled."""
        return QFileDialog.getExistingDirectory(parent, title, start)


_current = Messages()


def messages() -> Messages:
    """The object every widget asks (the real dialogs, or the stand-in a test put in place)."""
    return _current


def use_messages(stand_in: Messages) -> Messages:
    """Put `stand_in` in place of the dialogs; returns the one it replaces (to put it back)."""
    global _current
    previous, _current = _current, stand_in
    return previous
