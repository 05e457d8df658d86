"""« Actions de médiation… »: the association's work beside the places for the season (the
season's presentation to the relays, meetings, visits, meetings with artists, the closing event),
listed by date, recorded and changed here; the review counts them and the report lists them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.mediation import MediationAction, MediationKind
from acs_desktop.services import Services
from acs_desktop.services.mediation import MediationInput
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.formats import format_date, format_int
from acs_desktop.ui.widgets.inputs import ChoiceBox, CountSpin, DateEdit
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class CheckList(QListWidget):
    """Names to tick (partners, relays): `checked()` gives the ids ticked."""

    def __init__(self, items: list[tuple[str, int]], checked: tuple[int, ...] = (), parent=None):
        super().__init__(parent)
        for text, item_id in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMinimumHeight(110)

    def checked(self) -> tuple[int, ...]:
        return tuple(
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() is Qt.CheckState.Checked
        )

    def tick(self, item_id: int, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == item_id:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class MediationActionDialog(FormDialog):
    """One action: date, kind, partners, relays, people, a short note."""

    def __init__(
        self, services: Services, season_id: int, action: MediationAction | None = None, parent: QWidget | None = None
    ):
        super().__init__("Modifier l'action" if action else "Nouvelle action de médiation", parent)
        self.services, self.season_id, self.action = services, season_id, action
        self.setMinimumWidth(620)
        self.on = self.add_field("on", "Date", DateEdit())
        self.kind = self.add_field("kind", "Action", ChoiceBox())
        kinds = list(MediationKind)
        self.kind.set_choices([(k.label, i) for i, k in enumerate(kinds)], 0)
        self._kinds = kinds
        self.people = self.add_field("people", "Participants", CountSpin(maximum=100_000))
        partners = services.partners.list_partners()
        self.partners = self.add_field(
            "partner_ids",
            "Partenaires",
            CheckList([(p.name, p.id) for p in partners], action.partner_ids if action else ()),
        )
        relays = services.relays.list_relays(include_inactive=False)
        known = {r.id for r in relays}
        extra = [(name, rid) for rid, name in zip(action.relay_ids, action.relays, strict=True)] if action else []
        self.relays = self.add_field(
            "relay_ids",
            "Relais",
            CheckList(
                [(f"{r.name} ({r.commune})" if r.commune else r.name, r.id) for r in relays]
                + [item for item in extra if item[1] not in known],
                action.relay_ids if action else (),
            ),
            hint="Les structures présentes, jamais les personnes.",
        )
        self.note = self.add_field("note", "Note", QLineEdit())
        self.note.setMaxLength(300)
        if action is not None:
            self.on.set_value(action.on)
            self.kind.set_value(kinds.index(action.kind))
            self.people.setValue(action.people)
            self.note.setText(action.note)

    def values(self) -> MediationInput:
        index = self.kind.value()
        return MediationInput(
            self.on.value(),
            self._kinds[index] if index is not None else None,
            self.people.value(),
            self.partners.checked(),
            self.relays.checked(),
            self.note.text(),
        )

    def submit(self):
        if self.action is None:
            return self.services.mediation.create_action(self.season_id, self.values())
        return self.services.mediation.update_action(self.action.id, self.values(), version=self.action.version)


class MediationTableModel(RowsTableModel):
    COLUMNS = (
        Column("Date", lambda r: format_date(r.on), sort=lambda r: r.on),
        Column("Action", lambda r: r.kind_label),
        Column("Partenaires", lambda r: ", ".join(r.partners), stretch=True),
        Column("Relais", lambda r: ", ".join(r.relays), stretch=True),
        Column("Participants", lambda r: format_int(r.people), sort=lambda r: r.people, numeric=True),
        Column("Note", lambda r: r.note, stretch=True),
    )


class MediationActionsDialog(QDialog):
    """The season's actions, by date: add, change, delete (the shared `ListPanel`)."""

    def __init__(self, services: Services, season_id: int, season_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.season_id = services, season_id
        self.setWindowTitle(f"Actions de médiation — saison {season_label}")
        self.resize(1000, 520)
        self.changed = False
        intro = WrappingLabel(
            "Le travail de l'association à côté des places : présentation de saison aux relais, rencontres "
            "partenaires – relais, visites, rencontres avec les artistes, clôture de saison. Le bilan les compte "
            "par type avec les participants ; le rapport les liste dans « Actions réalisées »."
        )
        self.panel = ListPanel(
            "Actions de la saison",
            MediationTableModel(self),
            on_add=self.add,
            on_edit=self.edit,
            on_delete=self.delete,
            searchable=True,
        )
        self.view = self.panel.view
        self.view.setObjectName("mediationList")
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.reload()

    def reload(self) -> None:
        self.panel.set_rows(self.services.mediation.list_actions(self.season_id))

    def add(self) -> None:
        self._edited(MediationActionDialog(self.services, self.season_id, parent=self))

    def edit(self, row: object = None) -> None:
        """The action `row` (from the panel), or the one selected."""
        row = row or self.view.current_row()
        if isinstance(row, MediationAction):
            self._edited(MediationActionDialog(self.services, self.season_id, row, self))

    def _edited(self, dialog: MediationActionDialog) -> None:
        if dialog.exec():
            self.changed = True
            self.reload()

    def delete(self, row: object = None) -> None:
        row = row or self.view.current_row()
        if not isinstance(row, MediationAction) or not messages().question(
            self, "Supprimer l'action", f"Supprimer « {row.kind_label} » du {format_date(row.on)} ?", yes="Supprimer"
        ):
            return
        if perform(self, lambda: self.services.mediation.delete_action(row.id, version=row.version)):
            self.changed = True
            self.reload()
