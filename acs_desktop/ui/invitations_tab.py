"""Invitations tab: the season's bookings and what became of their places."""

from PySide6.QtWidgets import QVBoxLayout

from acs_desktop.ui.bookings_table_model import BookingsTableModel
from acs_desktop.ui.season_tab import SeasonTab
from acs_desktop.ui.widgets.records_view import RecordsView


class InvitationsTab(SeasonTab):
    title = "Invitations"

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.view = RecordsView(BookingsTableModel(self), placeholder="Rechercher un relais, un spectacle…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.view.set_rows(self.services.booking_lists.list_bookings(self.season_id) if self.season_id else [])
