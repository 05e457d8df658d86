"""Base of the five tabs: each shows one season, reloads when a change touches what it shows
(lazily when hidden), and runs service calls through the window's one way of doing them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from acs_desktop.services import Services
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import Attempt, perform


class SeasonTab(QWidget):
    title = ""
    shows: frozenset[Area] = frozenset(Area)  # the parts of the store drawn in the tab

    def __init__(self, services: Services, events: AppEvents, parent=None):
        super().__init__(parent)
        self.services = services
        self.events = events
        self.season_id: int | None = None
        self._dirty = True
        self.reloads = 0  # how many times the tab read the store (a test counts them)
        events.changed.connect(self._on_changed)

    def set_season(self, season_id: int | None) -> None:
        self.season_id = season_id
        self._dirty = True
        self.refresh()

    def refresh(self) -> None:
        """Reload now if shown, else when next shown (a hidden tab costs nothing)."""
        if self.isVisible():
            self._reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        if self._dirty:
            self._reload()
        super().showEvent(event)

    def _reload(self) -> None:
        self.reloads += 1
        self.reload()
        self._dirty = False

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh()

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def perform(self, call: Callable[[], object], *changed: Area) -> Attempt:
        """Run a service call; a refusal is shown as is (the result is then false); a success
        announces the parts of the store it `changed`."""
        return perform(self, call, changes=Changes.of(*changed), events=self.events)

    def announce(self, *changed: Area) -> None:
        """Tell the tabs (this one included) which parts of the store changed."""
        self.events.announce(Changes.of(*changed))
