"""Relais tab: relays and their referents, active or not, and per relay what it booked and
used this season (no-show rate, places unused without notice, last booking), where it stands
with the charter, and its follow-up log (the exchanges about what keeps people from coming)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout

from acs_desktop.domain.accounts import Permission
from acs_desktop.ui.events import Area
from acs_desktop.ui.invitations.bookings_table_model import BookingsTableModel
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.relays.relay_dialog import RelayDialog
from acs_desktop.ui.relays.relays_table_model import RelaysTableModel
from acs_desktop.ui.safety_actions import export_person, report_erasure
from acs_desktop.ui.widgets.actions import KeyboardToolBar, action
from acs_desktop.ui.widgets.follow_up_dialog import FollowUpDialog, FollowUpsTableModel
from acs_desktop.ui.widgets.formats import yes_no
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.season_tab import SeasonTab
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.text_fields_dialog import TextFieldsDialog


class ReferentsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Référent", lambda r: r.name, stretch=True),
        Column("Téléphone", lambda r: r.phone),
        Column("Courriel", lambda r: r.email),
        Column("Actif", lambda r: yes_no(r.active)),
    )

    def is_muted(self, row) -> bool:
        return not row.active


class RelaysTab(SeasonTab):
    title = "Relais"
    # Not the conventions; the settings for the charter's version, the no-show threshold and the
    # reasons that count as « sans prévenir ».
    shows = frozenset({Area.SEASONS, Area.PARTNERS, Area.OFFERS, Area.RELAYS, Area.BOOKINGS, Area.SETTINGS})

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.loading = False  # the season's counts being counted (the self-test waits for them)
        self._generation = 0  # each reload's number: counts asked by an earlier one are dropped
        self._counts = None  # the season's counts last drawn (`SeasonCounts`)
        self.view = RecordsView(
            RelaysTableModel(self), placeholder="Rechercher un relais, un type, une commune…  (Ctrl+F)"
        )
        self.view.setObjectName("relaysList")
        self.view.activated.connect(lambda _id: self.edit_relay())
        self.view.selection_changed.connect(self._show_selected)
        self.show_inactive = QCheckBox("Afficher les relais inactifs")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _on: self.reload())

        toolbar = KeyboardToolBar()
        self.new_action = action(self, "Nouveau relais…", self.new_relay, shortcut="Ctrl+N")
        self.edit_action = action(self, "Modifier…", self.edit_relay, shortcut="Ctrl+E")
        self.toggle_action = action(self, "Désactiver", self.toggle_active, shortcut="Ctrl+D")
        self.delete_action = action(self, "Supprimer", self.delete_relay, shortcut="Del")
        action(self, "Rechercher", self.view.search.setFocus, shortcut="Ctrl+F")
        for item in (self.new_action, self.edit_action, self.toggle_action, self.delete_action):
            toolbar.addAction(item)
        toolbar.addSeparator()
        toolbar.addWidget(self.show_inactive)

        self.referents = ListPanel(
            "Référents",
            ReferentsTableModel(self),
            on_add=self._new_referent,
            on_edit=self._edit_referent,
            on_delete=self._delete_referent,
        )
        self.person_buttons: list[tuple[QPushButton, Permission]] = []  # shown to who may use them
        for text, slot, permission in (
            ("Exporter ses données…", self._export_referent, Permission.PERSONAL_EXPORT),
            ("Effacer ses données…", self._erase_referent, Permission.ERASE),
        ):
            self.person_buttons.append((self.referents.add_button_for(text, slot), permission))
        self.follow_ups = ListPanel(
            "Échanges avec le relais : repérer les freins et mieux les anticiper",
            FollowUpsTableModel(self),
            on_add=self._new_follow_up,
            on_edit=self._edit_follow_up,
            on_delete=self._delete_follow_up,
        )
        self.follow_ups.setObjectName("relayFollowUps")
        self.details = QTabWidget()
        self.details.addTab(self.referents, "Référents")
        self.details.addTab(self.follow_ups, "Suivi")
        self.bookings = ListPanel("Réservations de la saison", BookingsTableModel(self))
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.details)
        bottom.addWidget(self.bookings)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(splitter)

    def reload(self) -> None:
        """The relays at once; the season's counts a moment later, counted in the background (at
        3,000,000 invitations they take 0.3 to 0.5 s, the names 20 ms). Reloading the same season,
        the counts shown stay until the new ones come, rather than blinking to « … »."""
        allowed = self.services.accounts.permissions()  # the person at the desk may have changed
        for button, permission in self.person_buttons:
            button.setHidden(permission not in allowed)
        self._generation += 1
        rows = self.services.relays.list_relays(
            self.season_id, include_inactive=self.show_inactive.isChecked(), counted=False
        )
        if self._counts is not None and self._counts.season_id == self.season_id:
            rows = [row.with_counts(self._counts) for row in rows]
        self.view.set_rows(rows)
        self._show_selected()
        self.loading = self.season_id is not None
        if self.season_id is not None:
            self._count(self._generation, self.season_id)

    def _count(self, generation: int, season_id: int) -> None:
        services = self.services
        counting = Operation(self, lambda _progress: services.relays.relay_counts(season_id))  # a refusal said
        counting.succeeded.connect(lambda counts: self._counts_ready(generation, counts))
        counting.refused.connect(lambda _message: self._counts_ready(generation, None))
        counting.start()

    def _counts_ready(self, generation: int, counts) -> None:
        """The counts drawn into the rows listed, if nothing was listed since they were asked."""
        if generation != self._generation:
            return
        self.loading = False
        if counts is None:  # refused (said to the person): the rows keep « … » rather than false zeros
            return
        self._counts = counts
        self.view.set_rows([row.with_counts(counts) for row in self.view.model.rows()])

    def selected(self):
        return self.view.current_row()

    def _show_selected(self) -> None:
        row = self.selected()
        for item in (self.edit_action, self.toggle_action, self.delete_action):
            item.setEnabled(row is not None)
        self.toggle_action.setText("Réactiver" if row and not row.active else "Désactiver")
        self.referents.set_rows(self.services.relays.get_relay(row.id).referents if row else [])
        self.referents.set_enabled_adding(row is not None)
        self.follow_ups.set_rows(self.services.relays.list_follow_ups(row.id) if row else [])
        self.follow_ups.set_enabled_adding(row is not None)
        bookings = (
            self.services.booking_lists.list_bookings(self.season_id, relay_id=row.id) if row and self.season_id else []
        )
        self.bookings.set_rows(bookings)

    def new_relay(self) -> None:
        dialog = RelayDialog(self.services, parent=self)
        if dialog.exec():
            self.announce(Area.RELAYS)
            self.view.select_ids([dialog.result_value])

    def edit_relay(self) -> None:
        row = self.selected()
        if row and RelayDialog(self.services, row.id, parent=self).exec():
            self.announce(Area.RELAYS)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not messages().question(
            self, "Désactiver le relais", f"Désactiver « {row.name} » ? Il ne pourra plus réserver de places."
        ):
            return
        if self.perform(lambda: self.services.relays.set_active(row.id, not row.active)):
            self.announce(Area.RELAYS, Area.BOOKINGS)

    def delete_relay(self) -> None:
        row = self.selected()
        if (
            row
            and messages().question(
                self, "Supprimer le relais", f"Supprimer « {row.name} » ({row.commune}) et ses référents ?"
            )
            and self.perform(lambda: self.services.relays.delete_relay(row.id))
        ):
            self.announce(Area.RELAYS, Area.BOOKINGS)

    # --- follow-up log -----------------------------------------------------------------------
    def _follow_up_dialog(self, entry=None) -> None:
        relay = self.selected()
        if relay is None:
            return
        dialog = FollowUpDialog(
            self.services,
            lambda on, kind, text, entry_id, step, version: self.services.relays.save_follow_up(
                relay.id, on, kind, text, entry_id, step, version=version
            ),
            entry,
            self,
            title=f"Suivi du relais « {relay.name} »",
            text_label="Échange, freins repérés",
        )
        if dialog.exec():
            self.announce(Area.RELAYS)

    def _new_follow_up(self) -> None:
        self._follow_up_dialog()

    def _edit_follow_up(self, entry) -> None:
        self._follow_up_dialog(entry)

    def _delete_follow_up(self, entry) -> None:
        if messages().question(
            self, "Supprimer la ligne de suivi", f"Supprimer le suivi du {entry.on:%d/%m/%Y} ?"
        ) and self.perform(lambda: self.services.relays.delete_follow_up(entry.id)):
            self.announce(Area.RELAYS)

    # --- referents ------------------------------------------------------------------------
    def _referent_dialog(self, referent=None) -> None:
        relay = self.selected()
        if relay is None:
            return
        r = referent
        fields = [
            ("name", "Nom", r.name if r else ""),
            ("phone", "Téléphone", r.phone if r else ""),
            ("email", "Courriel", r.email if r else ""),
            ("active", "Actif", r.active if r else True),
        ]
        dialog = TextFieldsDialog(
            "Modifier le référent" if r else "Nouveau référent",
            fields,
            lambda v: self.services.relays.save_referent(
                relay.id,
                v["name"],
                v["phone"],
                v["email"],
                v["active"],
                referent_id=r.id if r else None,
                version=r.version if r else None,
            ),
            self,
        )
        if dialog.exec():
            self.announce(Area.RELAYS)

    def _new_referent(self) -> None:
        self._referent_dialog()

    def _edit_referent(self, referent) -> None:
        self._referent_dialog(referent)

    def _export_referent(self) -> None:
        referent = self.referents.view.current_row()
        if referent is not None:
            done = self.perform(lambda: self.services.privacy.export_referent(referent.id))
            if done:
                export_person(self, "Données d'un référent", done.value, f"referent-{referent.id}.json")

    def _erase_referent(self) -> None:
        referent = self.referents.view.current_row()
        if referent and messages().question(
            self,
            "Effacer les données du référent",
            f"Effacer définitivement le nom, le téléphone et le courriel de « {referent.name} » "
            "(aussi dans le journal d'activité) ? Ses réservations restent, sans son nom.",
            yes="Effacer",
        ):
            done = self.perform(lambda: self.services.privacy.erase_referent(referent.id))
            if done:
                self.announce(Area.RELAYS, Area.BOOKINGS)
                report_erasure(self, "Données du référent effacées", done.value)

    def _delete_referent(self, referent) -> None:
        if messages().question(
            self, "Supprimer le référent", f"Supprimer le référent « {referent.name} » ?"
        ) and self.perform(lambda: self.services.relays.delete_referent(referent.id)):
            self.announce(Area.RELAYS)
