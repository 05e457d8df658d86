"""Base of the five tabs: each shows one season, reloads when told to (lazily when hidden),
and shows a refused operation as the domain's French message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from acs_desktop.services import Services
from acs_desktop.ui.events import AppEvents
from acs_desktop.ui.widgets.actions import Attempt, attempt


class SeasonTab(QWidget):
    title = ""

    def __init__(self, services: Services, events: AppEvents, parent=None):
        super().__init__(parent)
        self.services = services
        self.events = events
        self.season_id: int | None = None
        self._dirty = True

    def set_season(self, season_id: int | None) -> None:
        self.season_id = season_id
        self._dirty = True
        self.refresh()

    def refresh(self) -> None:
        """Reload now if shown, else when next shown (a hidden tab costs nothing)."""
        if self.isVisible():
            self.reload()
            self._dirty = False
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        if self._dirty:
            self.reload()
            self._dirty = False
        super().showEvent(event)

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def attempt(self, call: Callable[[], object]) -> Attempt:
        """Run a service call; a refusal is shown as is (the result is then false)."""
        return attempt(self, call)

    def changed(self) -> None:
        """Tell every tab (this one included) that the store changed."""
        self.events.data_changed.emit()
