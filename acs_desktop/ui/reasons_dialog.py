"""The editable list of reasons for non-use: add, rename, reorder, retire (never delete), and say
which ones count as « sans prévenir » (against the relay, never a person)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.formats import format_int
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class ReasonsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Motif", lambda r: r.label, stretch=True),
        Column("Utilisé", lambda r: format_int(r.uses), sort=lambda r: r.uses, numeric=True),
        Column("Dans la liste", lambda r: "oui" if r.active else "retiré"),
        Column(
            "Sans prévenir",
            lambda r: "compté" if r.without_notice else "",
            tip="Une place non utilisée pour ce motif compte parmi les places perdues sans prévenir du relais",
        ),
    )

    def is_muted(self, row) -> bool:
        return not row.active


class ReasonsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Motifs de non-utilisation")
        self.resize(760, 460)
        self.panel = ListPanel(
            "Motifs proposés quand une place n'a pas été utilisée",
            ReasonsTableModel(self),
            on_add=self._add,
            on_edit=self._rename,
        )
        self.panel.view.table.setSortingEnabled(False)
        row = self.panel.layout().itemAt(0).layout()
        for text, slot in (
            ("Monter", lambda: self._move(-1)),
            ("Descendre", lambda: self._move(1)),
            ("Retirer / remettre", self._toggle),
            ("Compter « sans prévenir » / non", self._toggle_without_notice),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.panel.set_rows(self.services.reasons.list_reasons(include_inactive=True))
        if select:
            self.panel.view.select_ids([select])

    def _add(self) -> None:
        label, ok = messages().text(self, "Nouveau motif", "Motif :")
        if ok:
            done = perform(self, lambda: self.services.reasons.save_reason(label))
            if done:
                self.reload(done.value)

    def _rename(self, row) -> None:
        label, ok = messages().text(self, "Renommer le motif", "Motif :", text=row.label)
        if ok:
            perform(self, lambda: self.services.reasons.save_reason(label, row.id, version=row.version))
            self.reload(row.id)  # renamed, or refused: the list shows what is stored now

    def _move(self, offset: int) -> None:
        row = self.panel.view.current_row()
        if row and perform(self, lambda: self.services.reasons.move(row.id, offset)):
            self.reload(row.id)

    def _toggle(self) -> None:
        row = self.panel.view.current_row()
        if row and perform(self, lambda: self.services.reasons.set_active(row.id, not row.active)):
            self.reload(row.id)

    def _toggle_without_notice(self) -> None:
        row = self.panel.view.current_row()
        if row and perform(self, lambda: self.services.reasons.set_without_notice(row.id, not row.without_notice)):
            self.reload(row.id)
