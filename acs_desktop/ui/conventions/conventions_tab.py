"""Conventions tab: the season's conventions (places committed, funded, booked, used), their
state changes, and for the one selected its surplus allocations and dated follow-up log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from acs_desktop.domain.french import format_money
from acs_desktop.services.conventions import allowed_next_states
from acs_desktop.ui.conventions.allocation_dialog import AllocationDialog
from acs_desktop.ui.conventions.convention_detail_models import AllocationsTableModel
from acs_desktop.ui.conventions.convention_dialog import ConventionDialog
from acs_desktop.ui.conventions.conventions_table_model import ConventionsTableModel
from acs_desktop.ui.events import Area
from acs_desktop.ui.widgets.actions import KeyboardToolBar, action
from acs_desktop.ui.widgets.follow_up_dialog import FollowUpDialog, FollowUpsTableModel, SaveFollowUp
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.season_tab import SeasonTab
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class ConventionsTab(SeasonTab):
    title = "Conventions"
    shows = frozenset(
        {Area.SEASONS, Area.PARTNERS, Area.CONVENTIONS, Area.OFFERS, Area.BOOKINGS}
    )  # not the settings nor the relays

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.view = RecordsView(ConventionsTableModel(self), placeholder="Rechercher un partenaire…  (Ctrl+F)")
        self.view.setObjectName("conventionsList")
        self.view.activated.connect(lambda _id: self.edit_convention())
        self.view.selection_changed.connect(self._show_selected)

        toolbar = KeyboardToolBar()
        self.new_action = action(self, "Nouvelle convention…", self.new_convention, shortcut="Ctrl+N")
        self.edit_action = action(self, "Modifier…", self.edit_convention, shortcut="Ctrl+E")
        self.delete_action = action(self, "Supprimer", self.delete_convention, shortcut="Del")
        self.forward_action = action(
            self, "État suivant", lambda: self.change_state(forward=True), shortcut="Ctrl+Right"
        )
        self.back_action = action(
            self, "État précédent", lambda: self.change_state(forward=False), shortcut="Ctrl+Left"
        )
        self.partners_action = action(self, "Partenaires…", self.open_partners, shortcut="Ctrl+Shift+P")
        action(self, "Rechercher", self.view.search.setFocus, shortcut="Ctrl+F")
        for item in (
            self.new_action,
            self.edit_action,
            self.delete_action,
            None,
            self.back_action,
            self.forward_action,
            None,
            self.partners_action,
        ):
            toolbar.addSeparator() if item is None else toolbar.addAction(item)

        self.allocations = ListPanel(
            "Affectations du surplus de don",
            AllocationsTableModel(self),
            on_add=self._new_allocation,
            on_edit=self._edit_allocation,
            on_delete=self._delete_allocation,
        )
        self.surplus_summary = WrappingLabel()  # a long partner name wraps
        allocations_page = QWidget()
        page_layout = QVBoxLayout(allocations_page)
        page_layout.addWidget(self.surplus_summary)
        page_layout.addWidget(self.allocations)
        self.follow_ups = ListPanel(
            "Journal de suivi (rencontres, décisions, échanges)",
            FollowUpsTableModel(self),
            on_add=self._new_follow_up,
            on_edit=self._edit_follow_up,
            on_delete=self._delete_follow_up,
        )
        self.details = QTabWidget()
        self.details.addTab(allocations_page, "Surplus de don")
        self.details.addTab(self.follow_ups, "Suivi")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(splitter)
        self._show_selected()

    # --- list -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.view.set_rows(self.services.conventions.list_conventions(self.season_id) if self.season_id else [])
        self._show_selected()

    def selected(self):
        return self.view.current_row()

    def _show_selected(self) -> None:
        row = self.selected()
        for item in (self.edit_action, self.delete_action):
            item.setEnabled(row is not None)
        self.new_action.setEnabled(self.season_id is not None)
        nexts = allowed_next_states(row.state) if row else []
        order = list(type(row.state)) if row else []
        forward = [s for s in nexts if order.index(s) > order.index(row.state)] if row else []
        back = [s for s in nexts if order.index(s) < order.index(row.state)] if row else []
        self.forward_action.setEnabled(bool(forward))
        self.forward_action.setText(f"Passer à « {forward[0].label} »" if forward else "État suivant")
        self.back_action.setEnabled(bool(back))
        self.back_action.setText(f"Revenir à « {back[0].label} »" if back else "État précédent")
        self.allocations.set_rows(self.services.conventions.list_allocations(row.id) if row else [])
        self.follow_ups.set_rows(self.services.conventions.list_follow_ups(row.id) if row else [])
        self.allocations.set_enabled_adding(row is not None)
        self.follow_ups.set_enabled_adding(row is not None)
        if row:
            planned = sum((a.data.planned_amount for a in self.allocations.view.model.rows()), start=row.surplus * 0)
            done = sum((a.data.done_amount or 0 for a in self.allocations.view.model.rows()), start=row.surplus * 0)
            if row.shortfall:
                self.surplus_summary.setText(
                    f"<b>{row.partner_name}</b> — <span style='color:#a00000'><b>{row.balance}</b></span> : aucun surplus à affecter."
                )
            else:
                self.surplus_summary.setText(
                    f"<b>{row.partner_name}</b> — surplus de don : <b>{format_money(row.surplus)}</b> · "
                    f"prévu : {format_money(planned)} · réalisé : {format_money(done)} · reste à affecter : {format_money(row.surplus - planned)}"
                )
        else:
            self.surplus_summary.setText("Choisissez une convention dans la liste.")

    # --- conventions ----------------------------------------------------------------------
    def new_convention(self) -> None:
        if self.season_id is None:
            return
        dialog = ConventionDialog(self.services, self.season_id, parent=self)
        if dialog.exec():
            self.announce(Area.CONVENTIONS)
            self.view.select_ids([dialog.result_value])

    def edit_convention(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ConventionDialog(self.services, self.season_id, row, parent=self)
        if dialog.exec():
            self.announce(Area.CONVENTIONS)

    def delete_convention(self) -> None:
        row = self.selected()
        if (
            row
            and messages().question(
                self,
                "Supprimer la convention",
                f"Supprimer la convention {row.season_label} avec « {row.partner_name} » ?",
            )
            and self.perform(lambda: self.services.conventions.delete_convention(row.id))
        ):
            self.announce(Area.CONVENTIONS, Area.OFFERS)

    def change_state(self, *, forward: bool) -> None:
        row = self.selected()
        if row is None:
            return
        order = list(type(row.state))
        targets = [s for s in allowed_next_states(row.state) if (order.index(s) > order.index(row.state)) == forward]
        if not targets:
            return
        target = targets[0]
        if target.value == "closed" and not messages().question(
            self,
            "Clôturer la convention",
            f"Clôturer la convention avec « {row.partner_name} » ? Plus aucune réservation ne sera possible sur ses spectacles.",
        ):
            return
        if self.perform(lambda: self.services.conventions.change_state(row.id, target)):
            self.announce(Area.CONVENTIONS, Area.OFFERS)

    def open_partners(self) -> None:
        from acs_desktop.ui.conventions.partners_dialog import PartnersDialog

        PartnersDialog(self.services, self.events, self).exec()

    # --- allocations and follow-up --------------------------------------------------------
    def _after_detail_change(self) -> None:
        self.announce(Area.CONVENTIONS)

    def _new_allocation(self) -> None:
        row = self.selected()
        if row and AllocationDialog(self.services, row.id, parent=self).exec():
            self._after_detail_change()

    def _edit_allocation(self, allocation) -> None:
        row = self.selected()
        if row and AllocationDialog(self.services, row.id, allocation, parent=self).exec():
            self._after_detail_change()

    def _delete_allocation(self, allocation) -> None:
        if messages().question(
            self, "Supprimer l'affectation", "Supprimer cette affectation du surplus ?"
        ) and self.perform(lambda: self.services.conventions.delete_allocation(allocation.id)):
            self._after_detail_change()

    def _save_follow_up(self, convention_id: int) -> SaveFollowUp:
        return lambda on, kind, text, entry_id, step, version: self.services.conventions.save_follow_up(
            convention_id, on, kind, text, entry_id, step, version=version
        )

    def _new_follow_up(self) -> None:
        row = self.selected()
        if row and FollowUpDialog(self.services, self._save_follow_up(row.id), parent=self).exec():
            self._after_detail_change()

    def _edit_follow_up(self, entry) -> None:
        row = self.selected()
        if row and FollowUpDialog(self.services, self._save_follow_up(row.id), entry, parent=self).exec():
            self._after_detail_change()

    def _delete_follow_up(self, entry) -> None:
        if messages().question(
            self, "Supprimer la ligne de suivi", f"Supprimer le suivi du {entry.on:%d/%m/%Y} ?"
        ) and self.perform(lambda: self.services.conventions.delete_follow_up(entry.id)):
            self._after_detail_change()
