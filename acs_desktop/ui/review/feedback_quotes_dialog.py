"""« Retours des relais… »: the season's feedback, recorded with the attendance, for the
direction to choose which the report quotes (without names: « Un relais (centre social),
après « Titre » : … »). The list itself is the office's: it names the relays."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.mediation import scale_label
from acs_desktop.services import Services
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.formats import format_date
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class FeedbackTableModel(RowsTableModel):
    COLUMNS = (
        Column("Cité", lambda r: "✔ cité" if r.quoted else "", sort=lambda r: r.quoted),
        Column("Date", lambda r: format_date(r.starts_at), sort=lambda r: r.starts_at),
        Column("Spectacle", lambda r: r.show_title),
        Column("Relais", lambda r: r.relay),
        Column("Appréciation", lambda r: scale_label(r.scale), sort=lambda r: r.scale or 0),
        Column("Retour", lambda r: r.text, stretch=True),
    )


class FeedbackQuotesDialog(QDialog):
    def __init__(self, services: Services, season_id: int, season_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.season_id = services, season_id
        self.setWindowTitle(f"Retours des relais — saison {season_label}")
        self.resize(1000, 500)
        self.changed = False
        intro = WrappingLabel(
            "Les retours notés avec la présence, après chaque représentation. Choisissez ceux que le rapport cite : "
            "il les cite sans nom, ni de personne ni de relais, seulement le type de relais."
        )
        self.view = RecordsView(FeedbackTableModel(self), placeholder="Rechercher un relais, un spectacle, un mot…")
        self.view.setObjectName("feedbackList")
        self.view.activated.connect(lambda _id: self.toggle())
        self.quote_button = QPushButton("Citer / ne plus citer")
        self.quote_button.clicked.connect(self.toggle)
        self.quote_button.setEnabled(services.accounts.can(Permission.QUOTE_FEEDBACK))
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quote_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.view.set_rows(self.services.feedback.list_feedback(self.season_id))

    def toggle(self) -> None:
        row = self.view.current_row()
        if row is None:
            return
        if perform(self, lambda: self.services.feedback.set_quoted(row.id, not row.quoted, version=row.version)):
            self.changed = True
            self.reload()
            self.view.select_ids([row.id])
