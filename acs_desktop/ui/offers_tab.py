"""Offres tab: the season's performances with quota, booked, remaining and used places."""

from PySide6.QtWidgets import QVBoxLayout

from acs_desktop.ui.offers_table_model import OffersTableModel
from acs_desktop.ui.season_tab import SeasonTab
from acs_desktop.ui.widgets.records_view import RecordsView


class OffersTab(SeasonTab):
    title = "Offres"

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.view = RecordsView(OffersTableModel(self), placeholder="Rechercher un spectacle, un partenaire, une salle…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.view.set_rows(self.services.offers.list_performances(self.season_id) if self.season_id else [])
