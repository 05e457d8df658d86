"""The window locks after a set time without a key or a click (« L'association… », 0: never), in a
store with accounts: every window of the application is covered, nothing of the data shows, and
the person who was there types their password — or another person logs in.

Idle time is watched by one event filter on the whole application: any key, click or wheel, in
any window or dialog, starts the wait again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.login_dialog import LoginDialog

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class Curtain(QWidget):
    """Covers a window while it is locked, following its size."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        label = QLabel("ACS Desktop est verrouillé.")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched, event) -> bool:
        window = self.parentWidget()
        if event.type() == QEvent.Type.Resize and window is not None and watched is window:
            self.setGeometry(window.rect())
        return False


class IdleLock(QObject):
    unlocked = Signal(object)  # the AccountInfo of the person now at the desk

    def __init__(self, window: QWidget, services: Services):
        super().__init__(window)
        self.window = window
        self.services = services
        self.dialog: LoginDialog | None = None
        self._curtains: list[Curtain] = []
        self._minutes = 0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._idle)
        self._app = QApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: int) -> None:
        """Lock after `minutes` without a key or a click; 0: never."""
        self._minutes = minutes
        self._timer.stop()
        if minutes > 0:
            self._timer.start(minutes * 60_000)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in ACTIVITY and self._minutes > 0 and not self.locked:
            self._timer.start(self._minutes * 60_000)
        return False

    def _idle(self) -> None:
        self.lock(f"Verrouillé après {self._minutes} minute(s) sans activité.")

    def lock(self, why: str = "Fenêtre verrouillée.") -> None:
        """Cover every window and ask who is there (a store without accounts never locks)."""
        if self.locked or not self.services.accounts.has_accounts():
            return
        person = self.services.accounts.who()
        self.services.accounts.log_out()
        self._curtains = [
            Curtain(w) for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, Curtain)
        ]
        self.dialog = LoginDialog(self.services, self.window, name=person.name if person else "", locked=why)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if not result:  # « Quitter »
            self.window.close()
            QApplication.quit()
            return
        for curtain in self._curtains:
            curtain.deleteLater()
        self._curtains = []
        self.set_minutes(self._minutes)
        self.unlocked.emit(dialog.result_value if dialog is not None else None)

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
