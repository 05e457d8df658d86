"""Building actions with French labels and shortcuts that act only in their own tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget


def action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    *,
    shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
    tip: str = "",
) -> QAction:
    """An action whose shortcut fires only while `owner` (a tab, a dialog) is shown."""
    item = QAction(text, owner)
    if shortcut is not None:
        sequence = QKeySequence(shortcut)
        item.setShortcut(sequence)
        item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = f"{tip or text.replace('…', '')} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
    if tip:
        item.setToolTip(tip)
        item.setStatusTip(tip)
    item.triggered.connect(lambda _checked=False: slot())
    owner.addAction(item)
    return item


class KeyboardToolBar(QToolBar):
    """A tab's toolbar whose buttons Tab reaches (QToolBar's own take no focus: a keyboard could
    only use them through their shortcuts, and half of them have none)."""

    def actionEvent(self, event) -> None:
        super().actionEvent(event)
        if event.type() == QEvent.Type.ActionAdded:
            button = self.widgetForAction(event.action())
            if isinstance(button, QToolButton):
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
