"""A word-wrapped label that is never squeezed: headings, hints and errors with long names.

A plain wrapped QLabel tells its layout a minimum height computed for a width it does not have,
and a window asks its layout for a minimum size, not for a height at its width: in a form or a
dialog the label then gets fewer lines than its text needs and is cut, or drawn over its
neighbours. This one's minimum height is the height its text takes at its current width, and it
asks its layout again whenever that width changes (it tells no height for a width: layouts that
use one size a form for its narrowest width). Its minimum width is its longest word, so a long
name wraps instead of widening the window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class WrappingLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # as tall as its text, no taller
        self._width_asked = -1  # the width a layout gave, known from the first resize

    def needed_height(self) -> int:
        """The height of the text at the label's width, once a layout has given it one."""
        if self._width_asked > 0:
            return max(self.heightForWidth(self._width_asked), self.fontMetrics().lineSpacing())
        return (
            super().sizeHint().height()
        )  # not yet laid out: QLabel's guess of a width (its minimum one is a word wide)

    def hasHeightForWidth(self) -> bool:
        # Layouts that know a height for a width compute a form's minimum height for its
        # narrowest width (a word per line): the dialog opened far too tall. The minimum
        # height below follows the real width instead.
        return False

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        return QSize(base.width(), self.needed_height() if self.text() else base.height())

    def minimumSizeHint(self) -> QSize:
        base = super().minimumSizeHint()
        return QSize(base.width(), self.needed_height() if self.text() else base.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width_asked:
            self._width_asked = event.size().width()
            self.updateGeometry()  # another width, maybe another number of lines


def fit_height_to_text(window: QWidget) -> None:
    """Once shown, a window as tall as its wrapped labels need at their real width, not at the
    width QLabel guessed before they were laid out (narrow, so too many lines)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    height = max(window.sizeHint().height(), window.minimumSizeHint().height())
    if height < window.height():
        window.resize(window.width(), height)
