"""Create or edit a show: which convention (partner) it belongs to, its title and discipline."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import ConventionState
from acs_desktop.services import Services
from acs_desktop.services.offers import ShowRow
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.inputs import ChoiceBox
from acs_desktop.ui.widgets.messages import messages


class ShowDialog(FormDialog):
    def __init__(self, services: Services, season_id: int, show: ShowRow | None = None, parent: QWidget | None = None):
        super().__init__("Modifier le spectacle" if show else "Nouveau spectacle", parent)
        self.services, self.season_id, self.show_row = services, season_id, show
        self.convention = ChoiceBox()
        conventions = [
            c for c in services.conventions.list_conventions(season_id) if c.state is not ConventionState.CLOSED
        ]
        self.convention.set_choices([(c.partner_name, c.id) for c in conventions])
        self.add_field("convention_id", "Partenaire (convention)", self.convention)
        self.title_edit = self.add_field("title", "Titre", QLineEdit())
        self.discipline = ChoiceBox(empty_label="—")
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.discipline, 1)
        new_discipline = QPushButton("Nouvelle discipline…")
        new_discipline.clicked.connect(self._new_discipline)
        line.addWidget(new_discipline)
        self.add_field("discipline_id", "Discipline", holder)
        self.description = self.add_field("description", "Présentation", QPlainTextEdit())
        self.description.setFixedHeight(80)
        self._load_disciplines()
        if show:
            self.convention.set_value(show.convention_id)
            self.convention.setEnabled(False)
            self.title_edit.setText(show.title)
            self.discipline.set_value(show.discipline_id)
            self.description.setPlainText(show.description)

    def _load_disciplines(self, selected: int | None = None) -> None:
        self.discipline.set_choices([(d.name, d.id) for d in self.services.offers.list_disciplines()], selected)

    def _new_discipline(self) -> None:
        name, ok = messages().text(self, "Nouvelle discipline", "Nom de la discipline :")
        if ok:
            # One that exists under that name (case and accents aside) is chosen, not refused.
            chosen = perform(self, lambda: self.services.offers.get_or_create_discipline(name))
            if chosen:
                self._load_disciplines(chosen.value)

    def submit(self) -> int:
        if self.convention.value() is None:
            raise DomainError(
                "convention_required",
                "Il faut d'abord une convention ouverte avec le partenaire.",
                field="convention_id",
            )
        return self.services.offers.save_show(
            self.convention.value(),
            self.title_edit.text(),
            self.discipline.value(),
            self.description.toPlainText(),
            self.show_row.id if self.show_row else None,
            version=self.show_row.version if self.show_row else None,
        )
