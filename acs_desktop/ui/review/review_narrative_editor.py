"""The qualitative part of the review, written by the director and saved with the season:
objectives, highlights, relays' feedback, next steps and the explanation of gaps."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.review import DEFAULT_OBJECTIVES, NARRATIVE_FIELDS, SeasonNarrative

HINTS = {
    "objectives": "Laissé vide, le rapport reprend le texte de présentation de l'Abonnement Culturel Solidaire.",
    "highlights": "Ce qui a marqué la saison : une sortie, une rencontre, un nouveau partenaire…",
    "relay_feedback": "Ce que disent les relais sociaux et les personnes accompagnées (sans nommer personne).",
    "next_steps": "Ce qui sera fait la saison prochaine pour lever les freins et élargir l'accès.",
    "gaps": "Pourquoi les chiffres s'écartent de ce qui était prévu (places, surplus, annulations).",
}


class NarrativeEditor(QWidget):
    """Emits `save_requested(SeasonNarrative)`; the tab saves it and calls `mark_saved`."""

    save_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for attr, label in NARRATIVE_FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"narrative_{attr}")
            edit.setPlaceholderText(DEFAULT_OBJECTIVES if attr == "objectives" else HINTS[attr])
            edit.setToolTip(HINTS[attr])
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.textChanged.connect(self._changed)
            self.fields[attr] = edit
            form.addRow(f"{label} :", edit)
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setToolTip("Enregistrer le bilan qualitatif avec la saison (Ctrl+S)")
        self.save_button.clicked.connect(self.request_save)
        self.state = QLabel()
        self.state.setObjectName("narrativeState")
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self.request_save)
        buttons = QHBoxLayout()
        buttons.addWidget(
            QLabel("Ce texte figure dans le rapport aux financeurs. Il ne doit nommer aucune personne accompagnée.")
        )
        buttons.addStretch(1)
        buttons.addWidget(self.state)
        buttons.addWidget(self.save_button)
        fields = QWidget()
        fields.setLayout(form)
        scroll = QScrollArea()  # five fields of four lines: on a small screen they scroll, the buttons stay
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._dirty = False
        self._loading = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_narrative(self, narrative: SeasonNarrative | None) -> None:
        self._loading = True
        for attr, edit in self.fields.items():
            edit.setPlainText(getattr(narrative, attr) if narrative else "")
            edit.setEnabled(narrative is not None)
        self._loading = False
        self.save_button.setEnabled(narrative is not None)
        self._set_dirty(False, "")

    def narrative(self) -> SeasonNarrative:
        return SeasonNarrative(**{attr: edit.toPlainText() for attr, edit in self.fields.items()})

    def request_save(self) -> None:
        if self.save_button.isEnabled():
            self.save_requested.emit(self.narrative())

    def mark_saved(self, narrative: SeasonNarrative) -> None:
        self.set_narrative(narrative)
        self._set_dirty(False, "Enregistré.")

    def _changed(self) -> None:
        if not self._loading:
            self._set_dirty(True, "Modifications non enregistrées")

    def _set_dirty(self, dirty: bool, text: str) -> None:
        self._dirty = dirty
        self.state.setText(text)
