"""Conventions tab: the season's conventions with places committed, funded, booked and used."""

from PySide6.QtWidgets import QVBoxLayout

from acs_desktop.ui.conventions_table_model import ConventionsTableModel
from acs_desktop.ui.season_tab import SeasonTab
from acs_desktop.ui.widgets.records_view import RecordsView


class ConventionsTab(SeasonTab):
    title = "Conventions"

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.view = RecordsView(ConventionsTableModel(self), placeholder="Rechercher un partenaire…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.view.set_rows(self.services.conventions.list_conventions(self.season_id) if self.season_id else [])
