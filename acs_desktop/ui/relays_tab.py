"""Relais tab: relays with what they booked and used this season."""

from PySide6.QtWidgets import QVBoxLayout

from acs_desktop.ui.relays_table_model import RelaysTableModel
from acs_desktop.ui.season_tab import SeasonTab
from acs_desktop.ui.widgets.records_view import RecordsView


class RelaysTab(SeasonTab):
    title = "Relais"

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.view = RecordsView(RelaysTableModel(self), placeholder="Rechercher un relais, une commune…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.view.set_rows(self.services.relays.list_relays(self.season_id))
