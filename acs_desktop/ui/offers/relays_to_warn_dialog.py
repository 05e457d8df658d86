"""After a partner cancels a performance: the relays whose places it took, to be told."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.formats import format_int, yes_no
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class RelaysToWarnTableModel(RowsTableModel):
    COLUMNS = (
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column("Référent", lambda r: r.referent, stretch=True),
        Column("Téléphone", lambda r: r.phone),
        Column("Courriel", lambda r: r.email),
        Column("Places", lambda r: format_int(r.places), sort=lambda r: r.places, numeric=True),
        Column("Prévenu", lambda r: yes_no(r.warned)),
    )

    def is_muted(self, row) -> bool:
        return row.warned


class RelaysToWarnDialog(QDialog):
    def __init__(
        self, services: Services, events: AppEvents, performance_id: int, heading: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services, self.events, self.performance_id = services, events, performance_id
        self.setWindowTitle("Relais à prévenir")
        self.resize(820, 380)
        self.view = RecordsView(RelaysToWarnTableModel(self))
        self.view.search.hide()
        self.mark = QPushButton("Marquer comme prévenu")
        self.mark.clicked.connect(self._mark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.addButton(self.mark, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = WrappingLabel(
            f"{heading}<br>Ces relais avaient des places : prévenez-les, puis marquez-les comme prévenus."
        )
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.view.set_rows(self.services.offers.relays_to_warn(self.performance_id))

    def _mark(self) -> None:
        for row in self.view.selected_rows():
            if not perform(self, lambda r=row: self.services.offers.mark_relay_warned(r.booking_id)):
                break
        self.reload()
        self.events.announce(Changes.of(Area.BOOKINGS))
