"""The activity log: every change, when, by whom (with accounts) and what, searchable — "who booked
what, and when"."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.widgets.formats import format_datetime, format_int
from acs_desktop.ui.widgets.inputs import DateEdit
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel

LIMIT = 2000


class ActivityTableModel(RowsTableModel):
    COLUMNS = (
        Column("Quand", lambda r: format_datetime(r.at), sort=lambda r: r.at),
        Column("Qui", lambda r: r.who or "", tip="Le compte qui l'a fait (vide : une base sans comptes)"),
        Column("Action", lambda r: r.action),
        Column("Sur", lambda r: r.entity),
        Column(
            "N°",
            lambda r: "" if r.entity_id is None else str(r.entity_id),
            sort=lambda r: r.entity_id or 0,
            numeric=True,
        ),
        Column("Détail (avant → après)", lambda r: r.summary, stretch=True),
    )


class ActivityDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Journal d'activité")
        self.resize(1100, 640)
        self.view = RecordsView(
            ActivityTableModel(self),
            placeholder="Chercher dans le journal : un relais, un spectacle, un code, une personne…",
        )
        self.view.setObjectName("activityList")
        self.day_from = DateEdit(optional=True)
        self.day_to = DateEdit(optional=True)
        self.count = QLabel()
        dates = QHBoxLayout()
        for label, widget in (("Du", self.day_from), ("au", self.day_to)):
            dates.addWidget(QLabel(label))
            dates.addWidget(widget)
        dates.addStretch(1)
        dates.addWidget(self.count)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.view)
        layout.addWidget(close)
        # The search runs in the store (the whole log, not only the rows shown), once typing pauses.
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.reload)
        self.view.search.textChanged.disconnect()
        self.view.search.textChanged.connect(lambda _text: self._timer.start())
        self.day_from.dateChanged.connect(lambda *_: self.reload())
        self.day_to.dateChanged.connect(lambda *_: self.reload())
        self.reload()

    def reload(self) -> None:
        rows = self.services.activity.entries(
            self.view.search.text(), day_from=self.day_from.value(), day_to=self.day_to.value(), limit=LIMIT
        )
        self.view.set_rows(rows)
        more = " (les plus récentes)" if len(rows) == LIMIT else ""
        self.count.setText(f"{format_int(len(rows))} ligne(s){more}")
