"""Create or edit a performance: show, date and time, hall, quota of places, booking deadline."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.services import Services
from acs_desktop.services.offers import PerformanceInput, PerformanceRow
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox, CountSpin, DateEdit, TimeEdit

DEADLINE_DAYS = 3
DEADLINE_TIME = time(18, 0)


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return holder


class PerformanceDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        season_id: int,
        performance: PerformanceRow | None = None,
        *,
        show_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__("Modifier la représentation" if performance else "Nouvelle représentation", parent)
        self.services, self.season_id, self.performance = services, season_id, performance
        self.show_box = ChoiceBox()
        new_show = QPushButton("Nouveau spectacle…")
        new_show.clicked.connect(self._new_show)
        self.add_field("show_id", "Spectacle", _row(self.show_box, new_show))
        self._fields["show_id"] = (self.show_box, self._fields["show_id"][1])
        self.day = DateEdit()
        self.hour = TimeEdit()
        self.add_field("starts_at", "Date et heure", _row(self.day, QLabel("à"), self.hour))
        self._fields["starts_at"] = (self.day, self._fields["starts_at"][1])
        self.venue = ChoiceBox(empty_label="—")
        self.add_field("venue_id", "Salle", self.venue)
        self.quota = self.add_field("quota", "Places offertes (quota)", CountSpin(maximum=10_000))
        self.deadline_day = DateEdit(optional=True)
        self.deadline_hour = TimeEdit(default=DEADLINE_TIME)
        self.add_field(
            "booking_deadline",
            "Date limite de réservation",
            _row(self.deadline_day, QLabel("à"), self.deadline_hour),
            hint=f"Par défaut {DEADLINE_DAYS} jours avant ; « — » : pas de date limite.",
        )
        self._fields["booking_deadline"] = (self.deadline_day, self._fields["booking_deadline"][1])
        # A date already gone is refused at creation unless entered on purpose, for history.
        self.past = QCheckBox("Représentation passée (historique)")
        if performance is None:
            self.add_field("past", "", self.past)
        self.show_box.currentIndexChanged.connect(self._load_venues)
        self.day.dateChanged.connect(self._suggest_deadline)
        self._shows = []
        self._load_shows(show_id or (performance.show_id if performance else None))
        if performance:
            self.day.set_value(performance.starts_at)
            self.hour.set_value(performance.starts_at)
            self.venue.set_value(performance.venue_id)
            self.quota.setValue(performance.quota)
            self.deadline_day.set_value(performance.booking_deadline)
            if performance.booking_deadline:
                self.deadline_hour.set_value(performance.booking_deadline)
        else:
            self.day.set_value(services.clock().date() + timedelta(days=30))
            self.quota.setValue(6)
            self._suggest_deadline()

    def _load_shows(self, selected: int | None = None) -> None:
        self._shows = self.services.offers.list_shows(self.season_id)
        self.show_box.set_choices([(f"{s.title} — {s.partner_name}", s.id) for s in self._shows], selected)
        self._load_venues()

    def _load_venues(self) -> None:
        show = next((s for s in self._shows if s.id == self.show_box.value()), None)
        venues = self.services.partners.list_venues(show.partner_id) if show else []
        current = (
            self.venue.value() if self.venue.count() else (self.performance.venue_id if self.performance else None)
        )
        self.venue.set_choices([(v.name, v.id) for v in venues], current)
        if self.venue.value() is None and len(venues) == 1:
            self.venue.set_value(venues[0].id)

    def _suggest_deadline(self) -> None:
        if self.performance is None:
            self.deadline_day.set_value(self.day.value() - timedelta(days=DEADLINE_DAYS))

    def _new_show(self) -> None:
        from acs_desktop.ui.offers.show_dialog import ShowDialog

        dialog = ShowDialog(self.services, self.season_id, parent=self)
        if dialog.exec():
            self._load_shows(dialog.result_value)

    def data(self) -> PerformanceInput:
        if self.show_box.value() is None:
            raise DomainError("show_required", "Choisissez le spectacle (ou créez-le).", field="show_id")
        starts_at = datetime.combine(self.day.value(), self.hour.value())
        deadline_day = self.deadline_day.value()
        deadline = datetime.combine(deadline_day, self.deadline_hour.value()) if deadline_day else None
        return PerformanceInput(
            self.show_box.value(),
            starts_at,
            self.quota.value(),
            self.venue.value(),
            deadline,
            past=self.past.isChecked(),
        )

    def submit(self) -> int:
        return self.services.offers.save_performance(
            self.data(),
            self.performance.id if self.performance else None,
            version=self.performance.version if self.performance else None,
        )
