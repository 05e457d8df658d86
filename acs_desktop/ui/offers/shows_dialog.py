"""The season's shows, with or without performances yet: add, edit, delete an empty one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.offers.show_dialog import ShowDialog
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.formats import format_int
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class ShowsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Spectacle", lambda r: r.title, stretch=True),
        Column("Partenaire", lambda r: r.partner_name, stretch=True),
        Column("Discipline", lambda r: r.discipline, stretch=True),
        Column("Représentations", lambda r: format_int(r.performances), sort=lambda r: r.performances, numeric=True),
    )


class ShowsDialog(QDialog):
    def __init__(self, services: Services, events: AppEvents, season_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.events, self.season_id = services, events, season_id
        self.setWindowTitle("Spectacles de la saison")
        self.resize(820, 520)
        self.panel = ListPanel(
            "Spectacles",
            ShowsTableModel(self),
            on_add=self._add,
            on_edit=self._edit,
            on_delete=self._delete,
            add_text="Nouveau spectacle…",
            searchable=True,
        )
        self.panel.view.setObjectName("showsList")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.panel.set_rows(self.services.offers.list_shows(self.season_id))

    def _changed(self) -> None:
        self.reload()
        self.events.announce(Changes.of(Area.OFFERS))

    def _add(self) -> None:
        if ShowDialog(self.services, self.season_id, parent=self).exec():
            self._changed()

    def _edit(self, row) -> None:
        if ShowDialog(self.services, self.season_id, row, parent=self).exec():
            self._changed()

    def _delete(self, row) -> None:
        if messages().question(self, "Supprimer le spectacle", f"Supprimer « {row.title} » ?") and perform(
            self, lambda: self.services.offers.delete_show(row.id)
        ):
            self._changed()
