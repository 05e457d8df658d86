"""Base of the five tabs: each shows one season and reloads when told to."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from acs_desktop.services import Services


class SeasonTab(QWidget):
    title = ""

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.season_id: int | None = None

    def set_season(self, season_id: int | None) -> None:
        self.season_id = season_id
        self.reload()

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError
