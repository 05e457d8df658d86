"""« Fichier › Importer des bons de réservation… »: the booking forms the relays sent back.

The person chooses one or several files; they are read and run through the booking verbs in the
background (`FormImportService.preview`, nothing written), and the dialog lists, form by form in
the order they will be applied, what each filled line would become: booked, waiting list, places
returned or refused with the services' own reason — a form refused whole says so on its first row.
« Monter » and « Descendre » change the order (the forms compete for the last places), « Importer »
applies them (`apply`, each form all or nothing) and says what was done; « Annuler » or Échap
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.form_imports import FormOutcome, FormsImport, LineOutcome
from acs_desktop.domain.french import quantity
from acs_desktop.domain.ticket_codes import display
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.review.review_tab import documents_dir
from acs_desktop.ui.widgets.formats import format_int
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

TITLE = "Importer des bons de réservation"
RED = QBrush(QColor("#a00000"))


@dataclass(frozen=True)
class PreviewRow:
    """One row of the table: a form's own row (its file and relay, or why it is refused whole),
    then one row per filled line."""

    id: int  # the form's place in the import order (its rows share it)
    form: str  # on the form's own row only
    line: str
    performance: str
    asked: int | None
    result: str
    detail: str  # the whole sentence, as a tooltip
    heading: bool = False
    refused: bool = False


def line_result(outcome: LineOutcome, asked: int, detail: str, codes: tuple[str, ...]) -> str:
    if outcome is LineOutcome.BOOKED:
        said = f"Réservé : {quantity(asked, 'place')}"
        return f"{said} — {', '.join(display(code) for code in codes)}" if codes else said
    if outcome is LineOutcome.WAITING:
        return "Liste d'attente"
    if outcome is LineOutcome.RETURNED:
        return f"Rendu : {quantity(asked, 'place')}"
    return f"Refusé : {detail}"


def form_summary(form: FormOutcome) -> str:
    if form.refused:
        return f"Bon refusé : {form.refusal}"
    if not form.lines:
        return "Aucune ligne remplie : rien à importer."
    parts = [
        (form.count(LineOutcome.BOOKED), "réservation", "réservations"),
        (form.count(LineOutcome.WAITING), "en liste d'attente", "en liste d'attente"),
        (form.count(LineOutcome.RETURNED), "retour de places", "retours de places"),
        (form.count(LineOutcome.REFUSED), "ligne refusée", "lignes refusées"),
    ]
    return ", ".join(quantity(n, one, many) for n, one, many in parts if n)


def rows_of(result: FormsImport) -> list[PreviewRow]:
    rows = []
    for number, form in enumerate(result.forms):
        relay = f" — « {form.relay_name} »" if form.relay_name else ""
        summary = form_summary(form)
        name = f"{number + 1}. {form.file_name}{relay}"
        if form.refused:  # said across the whole row (see `ImportRequestsDialog._span_refusals`)
            rows.append(PreviewRow(number, f"{name} — {summary}", "", "", None, "", summary, True, True))
        else:
            rows.append(PreviewRow(number, name, "", "", None, summary, f"{name}\n{summary}", True))
        for line in form.lines:
            rows.append(
                PreviewRow(
                    number,
                    "",
                    f"{line.sheet}, ligne {line.line}",
                    line.performance,
                    line.asked,
                    # a preview's codes are those of a rolled-back transaction: not the ones the import gives
                    line_result(line.outcome, line.asked, line.detail, line.codes if result.applied else ()),
                    line.detail,
                    refused=line.outcome is LineOutcome.REFUSED,
                )
            )
    return rows


def totals(result: FormsImport) -> str:
    codes = sum(len(line.codes) for form in result.forms for line in form.lines)
    booked = quantity(result.count(LineOutcome.BOOKED), "réservation", "réservations")
    if result.applied and codes:
        booked += f" ({quantity(codes, 'billet', 'billets')} avec leur code)"
    waiting, returned, refused = (
        result.count(o) for o in (LineOutcome.WAITING, LineOutcome.RETURNED, LineOutcome.REFUSED)
    )
    parts = [booked]
    if waiting:
        parts.append(quantity(waiting, "inscription", "inscriptions") + " en liste d'attente")
    if returned:
        parts.append(quantity(returned, "retour", "retours") + " de places")
    if refused:
        parts.append(quantity(refused, "ligne refusée", "lignes refusées"))
    if result.refused_forms:
        parts.append(quantity(result.refused_forms, "bon refusé", "bons refusés") + " en entier")
    return ", ".join(parts)


class PreviewTableModel(RowsTableModel):
    COLUMNS = (
        Column("Bon (fichier, relais)", lambda r: r.form, stretch=True),
        Column("Ligne", lambda r: r.line),
        Column("Représentation", lambda r: r.performance, stretch=True),
        Column("Places", lambda r: "" if r.asked is None else format_int(r.asked), numeric=True),
        Column("Résultat", lambda r: r.result, stretch=True),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid():
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.detail
            if role == Qt.ItemDataRole.ForegroundRole and row.refused:
                return RED
            if role == Qt.ItemDataRole.FontRole and row.heading:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class ImportRequestsDialog(QDialog):
    imported = Signal(object)  # the FormsImport applied

    def __init__(self, services, paths, events: AppEvents | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.events = events
        self.paths = [Path(p) for p in paths]
        self.preview: FormsImport | None = None
        self.reordered = False  # the person changed the order the forms arrived in
        self.task: Operation | None = None
        self.setWindowTitle(TITLE)
        self.resize(1100, 560)

        self.summary = WrappingLabel("Lecture des bons…")
        self.summary.setObjectName("importRequestsSummary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.view = RecordsView(PreviewTableModel(self), placeholder="Rechercher (bon, relais, représentation, motif…)")
        self.view.table.setSortingEnabled(False)  # the rows stay in the order the forms are applied
        self.view.model.modelReset.connect(self._span_refusals)
        self.view.selection_changed.connect(self._update_buttons)

        self.up_button = QPushButton("Monter")
        self.up_button.setToolTip("Importer ce bon avant le précédent (les bons se disputent les dernières places).")
        self.up_button.clicked.connect(lambda: self.move_form(-1))
        self.down_button = QPushButton("Descendre")
        self.down_button.setToolTip("Importer ce bon après le suivant.")
        self.down_button.clicked.connect(lambda: self.move_form(1))
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Importer", QDialogButtonBox.ButtonRole.AcceptRole)
        for button in (self.up_button, self.down_button):
            button.setAutoDefault(False)  # Enter imports, whichever button was clicked last
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setToolTip("Fermer sans rien écrire (ou arrêter la lecture en cours).")
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.up_button)
        bottom.addWidget(self.down_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._update_buttons()

    # --- preview -------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the forms in the order they arrived (their file times)."""
        services, paths = self.services, list(self.paths)
        self._run(lambda progress: services.form_imports.preview(paths, progress), self._show_preview)

    def move_form(self, step: int) -> None:
        """Move the selected form up or down in the import order, and preview again in that order."""
        chosen = self.view.selected_ids()
        if self.preview is None or not chosen or self.task is not None:
            return
        here = chosen[0]
        there = here + step
        if not 0 <= there < len(self.paths):
            return
        self.paths[here], self.paths[there] = self.paths[there], self.paths[here]
        self.reordered = True
        services, paths = self.services, list(self.paths)

        def shown(preview: FormsImport) -> None:
            self._show_preview(preview)
            self.view.select_ids([there])  # the form moved stays selected

        self._run(
            lambda progress: services.form_imports.preview_in_order(paths, progress),
            shown,
        )

    def _show_preview(self, preview: FormsImport) -> None:
        self.preview = preview
        self.paths = [Path(form.path) for form in preview.forms]
        self.view.set_rows(rows_of(preview))
        self.view.fit_columns()
        order = " « Monter » et « Descendre » changent cet ordre." if len(preview.forms) > 1 else ""
        which = "celui que vous avez choisi" if self.reordered else "celui de leur arrivée : la date des fichiers"
        if preview.has_work:
            self.summary.setText(
                f"<b>{quantity(len(preview.forms), 'bon lu', 'bons lus')}</b>, dans l'ordre où ils seront importés "
                f"({which}), chacun en entier ou pas du tout.{order}<br>"
                f"Si vous importez : {totals(preview)}. <b>Rien n'est écrit avant « Importer ».</b>"
            )
        else:
            self.summary.setText(
                f"<b style='color:#a00'>Rien à importer</b> dans {quantity(len(preview.forms), 'ce bon', 'ces bons')} : "
                f"{totals(preview)}."
                + (
                    " Un bon refusé n'a rien réservé : demandez au relais de renvoyer le bon tel qu'il l'a reçu, rempli."
                    if preview.refused_forms
                    else ""
                )
            )
        self._update_buttons()

    def _span_refusals(self) -> None:
        """A form refused whole says why across its row, wrapped: the reason is the news, not a cell;
        another form's name (file and relay) runs up to its result."""
        table = self.view.table
        table.clearSpans()
        font = QFont(table.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        width = max(table.horizontalHeader().length(), 300) - 12  # the row's width, its columns together
        model = self.view.model
        for number, row in enumerate(model.visible_rows()):
            if row.heading and not row.refused:  # the file and relay take the empty cells before the result
                table.setSpan(number, 0, 1, model.columnCount() - 1)
            elif row.heading:
                table.setSpan(number, 0, 1, model.columnCount())
                needed = metrics.boundingRect(QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap, row.form).height()
                table.setRowHeight(number, max(needed + 8, 24))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._span_refusals()  # the reason wraps again at the new width

    # --- import ----------------------------------------------------------------------------------
    def commit(self) -> None:
        if self.preview is None or not self.preview.has_work or self.task is not None:
            return
        preview, services = self.preview, self.services
        self.summary.setText("Import en cours…")
        self._run(lambda progress: services.form_imports.apply(preview, progress), self._done, applying=True)

    def _done(self, result: FormsImport) -> None:
        self.preview = None
        self.view.set_rows(rows_of(result))
        self.view.fit_columns()
        self.summary.setText(f"<b>Import terminé</b> : {totals(result)}.")
        self.cancel_button.setText("Fermer")
        self._update_buttons()
        self.imported.emit(result)

    # --- background --------------------------------------------------------------------------------
    def _run(self, work, on_done, *, applying: bool = False) -> None:
        changes = Changes.of(Area.BOOKINGS) if applying else None  # the waiting list is the bookings' area
        self.task = Operation(self, work, say_refusal=False, changes=changes, events=self.events)
        self.task.progressed.connect(self._progress)
        self.task.succeeded.connect(lambda result: self._succeeded(on_done, result))
        self.task.refused.connect(self._refused)
        self.task.cancelled.connect(lambda: self._cancelled(applying))
        self.progress.setValue(0)
        self.progress.show()
        self._update_buttons()
        self.task.start()

    def _succeeded(self, on_done, result) -> None:
        self._idle()
        on_done(result)

    def _idle(self) -> None:
        self.task = None
        self.progress.hide()
        self._update_buttons()

    def _progress(self, done: int, total: int, text: str) -> None:
        if self.task is not None and not self.task.is_cancelled:
            self.progress.setValue(100 * done // total if total else 0)
            if text:
                self.summary.setText(text)

    def _refused(self, message: str) -> None:
        self._idle()
        self.preview = None
        self.summary.setText(f"<b style='color:#a00'>{message}</b>")
        self._update_buttons()

    def _cancelled(self, applying: bool) -> None:
        self._idle()
        if applying:  # each form is its own transaction: those already applied stay, and are announced
            if self.events is not None:
                self.events.announce(Changes.of(Area.BOOKINGS))
            self.preview = None
            self.summary.setText(
                "<b>Import arrêté.</b> Les bons déjà importés le restent ; importez de nouveau les autres "
                "(un bon déjà importé ne réserve rien deux fois)."
            )
        elif self.preview is None:
            self.summary.setText("<b>Lecture annulée : rien n'a été écrit.</b>")
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.task is None
        self.import_button.setEnabled(idle and self.preview is not None and self.preview.has_work)
        chosen = self.view.selected_ids()
        movable = idle and self.preview is not None and bool(chosen) and len(self.paths) > 1
        self.up_button.setEnabled(movable and chosen[0] > 0)
        self.down_button.setEnabled(movable and chosen[0] < len(self.paths) - 1)
        self.up_button.setVisible(len(self.paths) > 1)
        self.down_button.setVisible(len(self.paths) > 1)

    def reject(self) -> None:
        if self.task is None:
            super().reject()
        else:  # Échap or « Annuler » while reading: stop the reading (it writes nothing), stay open to say so
            self.task.cancel()
            self.summary.setText("Annulation…")


def import_requests(window) -> ImportRequestsDialog | None:
    """Choose the returned forms, then preview them in the dialog. None if no file was chosen."""
    paths = messages().open_files(
        window, "Bons de réservation à importer", documents_dir(), "Bons de réservation (*.xlsx)"
    )
    if not paths:
        return None
    dialog = ImportRequestsDialog(window.services, paths, getattr(window, "events", None), window)
    dialog.imported.connect(
        lambda result: window.statusBar().showMessage(f"Bons de réservation importés : {totals(result)}.", 10000)
    )
    dialog.open()
    dialog.start()
    return dialog
