"""Importing seasons from spreadsheets: choose a folder of CSV files or an XLSX workbook, read what
would be created (or every line to correct, with its file and line, and the lines waiting for
them), then import on confirmation. Reading, checking and writing run in the background with
their progress shown, and « Annuler » stops them: nothing is written before « Importer », and
nothing at all when the import is cancelled (its single transaction is rolled back)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from acs_desktop.ui.operations import Operation
from acs_desktop.ui.widgets.formats import format_int
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

FILES_HINT = (
    "Choisissez un <b>dossier de fichiers CSV</b> (partenaires.csv, conventions.csv, relais.csv, offres.csv, "
    "reservations.csv, et si besoin affectations.csv, bilan.csv) ou un <b>classeur XLSX</b> dont les feuilles portent "
    "ces noms. Séparateur point-virgule, dates JJ/MM/AAAA, heures HH:MM, montants avec une virgule.<br>"
    "L'import est <b>tout ou rien</b> : rien n'est écrit avant votre confirmation, et rien du tout si une ligne est à corriger."
)


class PlanTableModel(RowsTableModel):
    COLUMNS = (
        Column("Élément", lambda line: line.kind, stretch=True),
        Column("À créer", lambda line: format_int(line.new), sort=lambda line: line.new, numeric=True),
        Column(
            "Déjà dans la base (repris)",
            lambda line: format_int(line.existing) if line.existing else "",
            sort=lambda line: line.existing,
            numeric=True,
        ),
    )


class ProblemsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Fichier", lambda p: p.where),
        Column("Ligne", lambda p: format_int(p.line) if p.line else "", sort=lambda p: p.line or 0, numeric=True),
        Column(
            "En attente de",
            lambda p: p.depends_on or "",
            tip="La ligne refusée dont celle-ci dépend : elle sera vérifiée après sa correction.",
        ),
        Column("À corriger", lambda p: p.message, stretch=True),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return str(self.row_at(index.row()))
        return super().data(index, role)


class ImportDialog(QDialog):
    imported = Signal(object)  # the plan that was written

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.plan = None
        self.task: Operation | None = None
        self.setWindowTitle("Importer une saison")
        self.resize(860, 560)

        hint = WrappingLabel(FILES_HINT)
        self.folder_button = QPushButton("Dossier de fichiers CSV…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.workbook_button = QPushButton("Classeur XLSX…")
        self.workbook_button.clicked.connect(self.choose_workbook)
        self.path_label = QLabel("Aucun fichier choisi.")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QHBoxLayout()
        choose.addWidget(self.folder_button)
        choose.addWidget(self.workbook_button)
        choose.addWidget(self.path_label, 1)

        self.summary = WrappingLabel()
        self.summary.setObjectName("importSummary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.plan_view = RecordsView(PlanTableModel(self), placeholder="Rechercher…")
        self.problems_view = RecordsView(
            ProblemsTableModel(self), placeholder="Rechercher dans les problèmes (fichier, motif…)"
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(QLabel())
        self.pages.addWidget(self.plan_view)
        self.pages.addWidget(self.problems_view)

        self.copy_button = QPushButton("Copier la liste des problèmes")
        self.copy_button.clicked.connect(self.copy_problems)
        self.copy_button.hide()
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("Importer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button.setToolTip("Arrête la lecture ou l'import en cours : rien n'est écrit.")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

    # --- choosing ------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = messages().folder(self, "Dossier des fichiers CSV de la saison", str(Path.home()))
        if folder:
            self.check(Path(folder))

    def choose_workbook(self) -> None:
        path = messages().open_file(self, "Classeur de la saison", str(Path.home()), "Classeur Excel (*.xlsx)")
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> None:
        """Read and check `path` in the background; show the plan or the problems."""
        self.plan = None
        self.pages.setCurrentIndex(0)  # what an earlier check found is not this file's
        self.copy_button.hide()
        self.path_label.setText(str(path))
        self.summary.setText("Lecture et vérification de chaque ligne…")
        services = self.services
        self._run(
            lambda progress: services.season_io.plan(path, progress),
            self._show_plan,
            "Vérification annulée : rien n'a été écrit.",
        )

    def _show_plan(self, plan) -> None:
        self.plan = plan
        if plan.problems:
            self.problems_view.set_rows([*plan.problems, *plan.unlisted])
            self.pages.setCurrentWidget(self.problems_view)
            self.summary.setText(
                f"<b style='color:#a00'>Import impossible : {plan.refusal}.</b> "
                "Rien ne sera écrit. Corrigez les fichiers, puis choisissez-les de nouveau."
            )
        elif not plan.ok:
            self.pages.setCurrentIndex(0)
            self.summary.setText("Ces fichiers ne contiennent rien de nouveau à importer.")
        else:
            self.plan_view.set_rows([line for line in plan.lines if line.new or line.existing])
            self.pages.setCurrentWidget(self.plan_view)
            places = next((line.new for line in plan.lines if line.kind.startswith("Places")), 0)
            self.summary.setText(
                f"<b>Tout est vérifié.</b> Saison(s) {', '.join(plan.seasons)} : voici ce qui sera créé "
                f"({format_int(places)} places). Cliquez sur « Importer » pour l'écrire dans la base."
            )
        self.import_button.setEnabled(plan.ok)
        self.copy_button.setVisible(bool(plan.problems))

    def copy_problems(self) -> None:
        if self.plan is not None:
            QGuiApplication.clipboard().setText("\n".join(str(p) for p in (*self.plan.problems, *self.plan.unlisted)))

    # --- writing ---------------------------------------------------------------------------------
    def commit(self) -> None:
        if self.plan is None or not self.plan.ok:
            return
        plan, services = self.plan, self.services
        self.summary.setText("Import en cours…")
        self._run(
            lambda progress: services.season_io.apply(plan, progress), self._done, "Import annulé : rien n'a été écrit."
        )

    def _done(self, plan) -> None:
        self.summary.setText(f"<b>Import terminé</b> : saison(s) {', '.join(plan.seasons)} ajoutée(s) à la base.")
        self.import_button.setEnabled(False)
        self.plan = None
        self.imported.emit(plan)

    # --- background --------------------------------------------------------------------------------
    def _run(self, work, on_done, cancelled_text: str) -> None:
        self._busy(True)
        self.task = Operation(self, work, say_refusal=False)  # said in the dialog itself
        self.task.progressed.connect(self._progress)
        self.task.succeeded.connect(lambda result: (self._busy(False), on_done(result)))
        self.task.refused.connect(self._refused)
        self.task.cancelled.connect(lambda: self._cancelled(cancelled_text))
        self.task.ended.connect(self._ended)
        self.task.start()

    def _ended(self) -> None:
        self.task = None

    def _progress(self, percent: int, _total: int, text: str) -> None:
        if self.task is not None and self.cancel_button.isEnabled():
            self.progress.setValue(percent)
            self.summary.setText(text)

    def cancel(self) -> None:
        """Ask the work under way to stop at its next line; it writes nothing."""
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText("Annulation…")

    def _cancelled(self, text: str) -> None:
        self._busy(False)
        self.summary.setText(f"<b>{text}</b>")
        self.import_button.setEnabled(self.plan is not None and self.plan.ok)  # the plan checked still stands

    def _refused(self, message: str) -> None:
        self._busy(False)
        self.import_button.setEnabled(False)
        self.summary.setText(f"<b style='color:#a00'>{message}</b>")

    def _busy(self, busy: bool) -> None:
        if not busy:
            self.task = None
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        for button in (self.folder_button, self.workbook_button, self.close_button):
            button.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)

    def reject(self) -> None:
        if self.task is None:
            super().reject()
        else:  # Échap or the window's cross while working: stop the work, and stay open to say so
            self.cancel()
