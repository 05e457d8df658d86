"""Offres tab: shows and their performances with quota, booked, remaining and used places;
filters (discipline, partner, dates, places left); a partner's cancellation and the relays to warn."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout

from acs_desktop.domain.french import format_date, format_time
from acs_desktop.domain.states import PerformanceState
from acs_desktop.services.offers import PerformanceFilter
from acs_desktop.ui.events import Area
from acs_desktop.ui.offers.offers_table_model import OffersTableModel
from acs_desktop.ui.offers.performance_dialog import PerformanceDialog
from acs_desktop.ui.offers.relays_to_warn_dialog import RelaysToWarnDialog
from acs_desktop.ui.offers.show_dialog import ShowDialog
from acs_desktop.ui.widgets.actions import KeyboardToolBar, action
from acs_desktop.ui.widgets.inputs import ChoiceBox, DateEdit
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.question_dialog import ask_text
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.season_tab import SeasonTab


class OffersTab(SeasonTab):
    title = "Offres"
    shows = frozenset(
        {Area.SEASONS, Area.PARTNERS, Area.CONVENTIONS, Area.OFFERS, Area.BOOKINGS}
    )  # not the settings nor the relays

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.view = RecordsView(
            OffersTableModel(self), placeholder="Rechercher un spectacle, un partenaire, une salle…  (Ctrl+F)"
        )
        self.view.setObjectName("offersList")
        self.view.activated.connect(lambda _id: self.edit_performance())
        self.view.selection_changed.connect(self._update_actions)

        toolbar = KeyboardToolBar()
        self.new_action = action(self, "Nouvelle représentation…", self.new_performance, shortcut="Ctrl+N")
        self.new_show_action = action(self, "Nouveau spectacle…", self.new_show, shortcut="Ctrl+Shift+N")
        self.edit_action = action(self, "Modifier…", self.edit_performance, shortcut="Ctrl+E")
        self.edit_show_action = action(self, "Modifier le spectacle…", self.edit_show)
        self.shows_action = action(self, "Spectacles…", self.open_shows)
        self.delete_action = action(self, "Supprimer", self.delete_performance, shortcut="Del")
        self.cancel_action = action(self, "Annulée par le partenaire…", self.cancel_performance)
        self.warn_action = action(self, "Relais à prévenir…", self.relays_to_warn)
        self.attendance_action = action(self, "Relever la présence…", self.record_attendance, shortcut="Ctrl+R")
        action(self, "Rechercher", self.view.search.setFocus, shortcut="Ctrl+F")
        for item in (
            self.new_action,
            self.new_show_action,
            self.edit_action,
            self.edit_show_action,
            self.delete_action,
            self.shows_action,
            None,
            self.cancel_action,
            self.warn_action,
            None,
            self.attendance_action,
        ):
            toolbar.addSeparator() if item is None else toolbar.addAction(item)

        self.discipline = ChoiceBox(empty_label="Toutes les disciplines")
        self.partner = ChoiceBox(empty_label="Tous les partenaires")
        self.date_from = DateEdit(optional=True)
        self.date_to = DateEdit(optional=True)
        self.places_left = QCheckBox("Places restantes seulement")
        filters = QHBoxLayout()
        for label, widget in (
            ("Discipline", self.discipline),
            ("Partenaire", self.partner),
            ("Du", self.date_from),
            ("au", self.date_to),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.places_left)
        filters.addStretch(1)
        for signal in (
            self.discipline.currentIndexChanged,
            self.partner.currentIndexChanged,
            self.date_from.dateChanged,
            self.date_to.dateChanged,
            self.places_left.toggled,
        ):
            signal.connect(lambda *_: self.reload())
        self.summary = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)

    def filters(self) -> PerformanceFilter:
        return PerformanceFilter(
            discipline_id=self.discipline.value(),
            partner_id=self.partner.value(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            places_left_only=self.places_left.isChecked(),
        )

    def reload(self) -> None:
        self.discipline.set_choices([(d.name, d.id) for d in self.services.offers.list_disciplines()])
        self.partner.set_choices([(p.name, p.id) for p in self.services.partners.list_partners()])
        rows = self.services.offers.list_performances(self.season_id, self.filters()) if self.season_id else []
        self.view.set_rows(rows)
        quota = sum(r.quota for r in rows if r.state is PerformanceState.ON_OFFER)
        booked = sum(r.booked for r in rows)
        remaining = sum(r.remaining for r in rows)
        self.summary.setText(
            f"{len(rows)} représentation(s) · {quota} places offertes · {booked} réservées · {remaining} restantes"
        )
        self._update_actions()

    def selected(self):
        return self.view.current_row()

    def _update_actions(self) -> None:
        row = self.selected()
        now = self.services.clock()
        for item in (self.edit_action, self.edit_show_action, self.delete_action):
            item.setEnabled(row is not None)
        self.cancel_action.setEnabled(
            row is not None and row.state is PerformanceState.ON_OFFER and row.used + row.unused == 0
        )
        self.warn_action.setEnabled(row is not None and row.state is PerformanceState.CANCELLED)
        self.attendance_action.setEnabled(
            row is not None and row.state is PerformanceState.ON_OFFER and row.starts_at <= now
        )
        self.new_action.setEnabled(self.season_id is not None)
        self.new_show_action.setEnabled(self.season_id is not None)
        self.shows_action.setEnabled(self.season_id is not None)

    def label(self, row) -> str:
        return f"« {row.show_title} » du {format_date(row.starts_at)} à {format_time(row.starts_at)}"

    # --- shows and performances -----------------------------------------------------------
    def new_show(self) -> None:
        dialog = ShowDialog(self.services, self.season_id, parent=self)
        if dialog.exec():
            self.announce(Area.OFFERS)
            if messages().question(
                self, "Nouveau spectacle", "Spectacle enregistré. Ajouter maintenant sa première représentation ?"
            ):
                self.new_performance(show_id=dialog.result_value)

    def edit_show(self) -> None:
        row = self.selected()
        if row is None:
            return
        show = next((s for s in self.services.offers.list_shows(self.season_id) if s.id == row.show_id), None)
        if show and ShowDialog(self.services, self.season_id, show, parent=self).exec():
            self.announce(Area.OFFERS)

    def open_shows(self) -> None:
        from acs_desktop.ui.offers.shows_dialog import ShowsDialog

        ShowsDialog(self.services, self.events, self.season_id, self).exec()

    def new_performance(self, show_id: int | None = None) -> None:
        if self.season_id is None:
            return
        dialog = PerformanceDialog(self.services, self.season_id, show_id=show_id, parent=self)
        if dialog.exec():
            self.announce(Area.OFFERS)
            self.view.select_ids([dialog.result_value])

    def edit_performance(self) -> None:
        row = self.selected()
        if row and PerformanceDialog(self.services, self.season_id, row, parent=self).exec():
            self.announce(Area.OFFERS)

    def delete_performance(self) -> None:
        row = self.selected()
        if (
            row
            and messages().question(
                self, "Supprimer la représentation", f"Supprimer la représentation {self.label(row)} ?"
            )
            and self.perform(lambda: self.services.offers.delete_performance(row.id))
        ):
            self.announce(Area.OFFERS, Area.BOOKINGS)

    def cancel_performance(self) -> None:
        row = self.selected()
        if row is None:
            return
        note = ask_text(
            self,
            "Représentation annulée par le partenaire",
            f"La représentation {self.label(row)} est annulée par le partenaire.\n"
            "Ses places seront libérées et ses réservations signalées.\n\nMotif (facultatif) :",
        )
        if note is None:
            return
        done = self.perform(lambda: self.services.offers.cancel_performance(row.id, note))
        if done:
            self.announce(Area.OFFERS, Area.BOOKINGS)
            if done.value:
                RelaysToWarnDialog(
                    self.services, self.events, row.id, f"Représentation {self.label(row)} annulée.", self
                ).exec()
            else:
                messages().information(
                    self, "Représentation annulée", "Aucune réservation n'était faite : aucun relais à prévenir."
                )

    def relays_to_warn(self) -> None:
        row = self.selected()
        if row:
            RelaysToWarnDialog(
                self.services, self.events, row.id, f"Représentation {self.label(row)} annulée.", self
            ).exec()

    def record_attendance(self) -> None:
        row = self.selected()
        if row:
            from acs_desktop.ui.invitations.attendance_dialog import AttendanceDialog

            AttendanceDialog(self.services, self.events, row.id, self).exec()
