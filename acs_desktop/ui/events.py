"""One application-level signal: after a change, every tab knows it must reload."""

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    data_changed = Signal()
