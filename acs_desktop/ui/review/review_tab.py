"""Bilan de saison tab: key figures beside the previous season, charts, tables per partner, relay
and discipline, the qualitative text, and the funders' report and exports (run in the background).

The review itself is computed in the background too (150 ms at 300,000 invitations): the tab
opens at once, says « Calcul du bilan… », and shows the figures when they come.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.documents import review_file_stem
from acs_desktop.domain.french import format_date
from acs_desktop.domain.review import FIGURES_BY_KEY, month_label, review_alerts
from acs_desktop.exports.atomic import write_document, write_documents
from acs_desktop.ui.events import Area, Changes
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.review.review_funnel_page import FunnelPage
from acs_desktop.ui.review.review_narrative_editor import NarrativeEditor
from acs_desktop.ui.review.review_table_models import (
    AllocationsTableModel,
    DisciplinesTableModel,
    FiguresTableModel,
    GroupsTableModel,
    MonthsTableModel,
    PartnersTableModel,
    ReasonsTableModel,
    RelayLinesTableModel,
)
from acs_desktop.ui.review.review_trends_page import TrendsPage
from acs_desktop.ui.widgets.bar_chart import BarChart
from acs_desktop.ui.widgets.formats import format_int, format_percent
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.season_tab import SeasonTab

CARDS = (
    "partners",
    "shows",
    "performances",
    "relays_active",
    "solidarity_subscribers",
    "donations",
    "places_funded",
    "places_offered",
    "booked",
    "issued",
    "used",
    "participation_rate",
)


def documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


class FigureCard(QFrame):
    def __init__(self, label: str, definition: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(definition)
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 17pt; font-weight: 600; color: #8a1538;")
        self.caption = QLabel(label)
        self.caption.setStyleSheet("font-weight: 600;")
        self.before = QLabel()
        self.before.setStyleSheet("color: #666666; font-size: 8.5pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        for widget in (self.value, self.caption, self.before):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        # Two lines for the previous season and the change, never squeezed by the charts below.
        self.before.setMinimumHeight(2 * self.before.fontMetrics().lineSpacing() + 4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


def small_counts_note(threshold: int) -> str:
    """Under the heading: the tab's numbers are exact; what the report and spreadsheets do. Short
    enough for a 1366-pixel screen beside the buttons; the setting is named in its tooltip."""
    if threshold > 1:
        return f"Nombres exacts ici ; le rapport et les tableurs écrivent « moins de {threshold} » pour protéger les personnes."
    return "Nombres exacts ici, comme dans le rapport et les tableurs (petits nombres non protégés)."


SMALL_COUNTS_TIP = (
    "Dans le rapport PDF et les tableurs, un nombre de personnes sous le seuil, dans une ligne, s'écrit « moins de … » "
    "(et un second nombre de la ligne est masqué, pour qu'il ne se déduise pas du total). Seuil : Fichier › "
    "L'association…"
)


class ReviewTab(SeasonTab):
    title = "Bilan de saison"

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.review = None
        self.task: Operation | None = None  # the report or export under way
        self._generation = 0  # the reload whose review is awaited; older results are dropped
        self.loading = False
        self._shown_season: int | None = None

        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.subheading = (
            QLabel()
        )  # not wrapped: a height for its width would size the scrolled page to its preferred height
        self.subheading.setStyleSheet("color: #666666;")
        self.protection_note = QLabel()  # what the report does with small counts (the tab: exact numbers)
        self.protection_note.setObjectName("reviewProtectionNote")
        self.protection_note.setStyleSheet("color: #666666;")
        self.protection_note.setToolTip(SMALL_COUNTS_TIP)
        self.pdf_button = QPushButton("Rapport PDF…")
        self.pdf_button.setToolTip("Le compte rendu de la saison pour les partenaires et les financeurs")
        self.pdf_button.clicked.connect(self.write_report)
        self.export_button = QPushButton("Exporter (XLSX/CSV)…")
        menu = QMenu(self.export_button)
        menu.addAction("Classeur XLSX…", self.export_xlsx)
        menu.addAction("Fichiers CSV (dans un dossier)…", self.export_csv)
        self.export_button.setMenu(menu)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        titles.addWidget(self.protection_note)
        head.addLayout(titles)
        head.addStretch(1)
        for button in self._beside_the_places():
            head.addWidget(button)
        head.addWidget(self.pdf_button)
        head.addWidget(self.export_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(240)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setOpenExternalLinks(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.cancel_button = QPushButton("Annuler")
        self.cancel_button.clicked.connect(self.cancel)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        status_row.addWidget(self.status, 1)
        self._busy(False)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.cards: dict[str, FigureCard] = {}
        self.values: dict[str, QLabel] = {}
        for i, key in enumerate(CARDS):
            definition = FIGURES_BY_KEY[key]
            card = FigureCard(definition.label, definition.definition)
            grid.addWidget(card, i // 6, i % 6)
            self.cards[key] = card
            self.values[definition.label] = card.value

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._charts_page(), "Graphiques")
        self.funnel_page = FunnelPage()
        self.pages.addTab(self.funnel_page, "Parcours des places")
        self.trends_page = TrendsPage()
        self.pages.addTab(self.trends_page, "Tendances")
        self.figures_view = RecordsView(FiguresTableModel(self), placeholder="Rechercher un chiffre…")
        self.pages.addTab(self.figures_view, "Tous les chiffres")
        self.partners_view = RecordsView(PartnersTableModel(self), placeholder="Rechercher un partenaire…")
        self.allocations_view = RecordsView(
            AllocationsTableModel(self), placeholder="Rechercher une affectation du surplus…"
        )
        self.pages.addTab(
            self._split(Qt.Orientation.Vertical, self.partners_view, self.allocations_view), "Partenaires et dons"
        )
        self.relays_view = RecordsView(
            RelayLinesTableModel(self), placeholder="Rechercher un relais, un type, une commune…"
        )
        self.kinds_view = RecordsView(GroupsTableModel("Type de relais", self), placeholder="Rechercher un type…")
        self.communes_view = RecordsView(GroupsTableModel("Commune", self), placeholder="Rechercher une commune…")
        self.pages.addTab(
            self._split(
                Qt.Orientation.Horizontal,
                self.relays_view,
                self._split(Qt.Orientation.Vertical, self.kinds_view, self.communes_view),
            ),
            "Relais",
        )
        self.disciplines_view = RecordsView(DisciplinesTableModel(self), placeholder="Rechercher une discipline…")
        self.months_view = RecordsView(MonthsTableModel(self), placeholder="Rechercher un mois…")
        self.pages.addTab(
            self._split(Qt.Orientation.Vertical, self.disciplines_view, self.months_view), "Disciplines et mois"
        )
        self.reasons_view = RecordsView(ReasonsTableModel(self), placeholder="Rechercher un motif…")
        self.pages.addTab(self.reasons_view, "Non-utilisation")
        self.narrative = NarrativeEditor()
        self.narrative.save_requested.connect(self.save_narrative)
        self.pages.addTab(self.narrative, "Bilan qualitatif")

        # What must not hide behind a good figure: a shortfall, places booked and never printed.
        self.alerts = QLabel()
        self.alerts.setObjectName("reviewAlerts")
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet("color: #a00000; font-weight: 600;")
        self.alerts.setVisible(False)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(head)
        layout.addLayout(status_row)
        layout.addWidget(self.alerts)
        layout.addLayout(grid)
        layout.addWidget(self.pages, 1)
        scroll = QScrollArea()  # on a small screen the page scrolls, its charts are never cut
        scroll.setObjectName("reviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _beside_the_places(self) -> list[QPushButton]:
        """« Actions de médiation… » and « Retours des relais… »: what the review counts and quotes
        beside the places (ui/review/mediation_dialogs.py, ui/review/feedback_quotes_dialog.py)."""
        self.mediation_button = QPushButton("Actions de médiation…")
        self.mediation_button.setToolTip("Présentations, rencontres, visites, clôture : le travail à côté des places")
        self.mediation_button.clicked.connect(self.open_mediation)
        self.quotes_button = QPushButton("Retours des relais…")
        self.quotes_button.setToolTip("Choisir les retours des relais que le rapport cite, sans nom")
        self.quotes_button.clicked.connect(self.open_quotes)
        return [self.mediation_button, self.quotes_button]

    def _season_label(self) -> str:
        return self.review.season_label if self.review is not None else ""

    def open_mediation(self) -> None:
        from acs_desktop.ui.review.mediation_dialogs import MediationActionsDialog

        if self.season_id is None:
            return
        dialog = MediationActionsDialog(self.services, self.season_id, self._season_label(), self)
        dialog.exec()
        if dialog.changed:
            self.events.announce(Changes.of(Area.SETTINGS))

    def open_quotes(self) -> None:
        from acs_desktop.ui.review.feedback_quotes_dialog import FeedbackQuotesDialog

        if self.season_id is None:
            return
        dialog = FeedbackQuotesDialog(self.services, self.season_id, self._season_label(), self)
        dialog.exec()
        if dialog.changed:
            self.events.announce(Changes.of(Area.BOOKINGS))

    def _charts_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.months_chart = BarChart("Places utilisées et non utilisées, par mois")
        self.participation_chart = BarChart("Taux de participation par discipline", horizontal=True)
        self.reasons_chart = BarChart(
            "Motifs de non-utilisation", horizontal=True, empty_text="Aucune place non utilisée pour le moment."
        )
        self.comparison_chart = BarChart("Places : cette saison et la précédente")
        grid.addWidget(self.months_chart, 0, 0)
        grid.addWidget(self.participation_chart, 0, 1)
        grid.addWidget(self.comparison_chart, 1, 0)
        grid.addWidget(self.reasons_chart, 1, 1)
        return page

    @staticmethod
    def _split(orientation, *widgets) -> QSplitter:
        splitter = QSplitter(orientation)
        for widget in widgets:
            splitter.addWidget(widget)
        splitter.setChildrenCollapsible(False)
        return splitter

    # --- showing a season -------------------------------------------------------------------
    def set_season(self, season_id: int | None) -> None:
        if self.narrative.dirty and self.season_id is not None and season_id != self.season_id:
            self.save_narrative(self.narrative.narrative())  # never lose what was typed
        super().set_season(season_id)

    def reload(self) -> None:
        self._generation += 1
        if self.season_id is None:
            self.loading = False
            self._show(None)
            return
        if self._shown_season != self.season_id:
            self._clear_figures()  # never another season's figures under this season's name
        if not self.narrative.dirty:  # the text at once (one row): never another season's under this one
            self.narrative.set_narrative(self.services.review.narrative(self.season_id))
        self.loading = True
        self.subheading.setText("Calcul du bilan…")
        generation, season_id, services = self._generation, self.season_id, self.services
        computing = Operation(
            self, lambda _progress: (generation, services.review.review(season_id)), say_refusal=False
        )
        computing.succeeded.connect(self._review_ready)
        computing.refused.connect(self._review_refused)
        computing.start()

    def _review_ready(self, result) -> None:
        generation, review = result
        if generation == self._generation:
            self.loading = False
            self._show(review)

    def _review_refused(self, message: str) -> None:
        self.loading = False
        self.subheading.setText(message)

    def _clear_figures(self) -> None:
        self.heading.setText("Bilan de la saison")
        for card in self.cards.values():
            card.value.setText("…")
            card.before.setText("")

    def _show(self, review) -> None:
        self.review = review
        self._shown_season = self.season_id if review is not None else None
        if review is None:
            self.heading.setText("Aucune saison")
            self.subheading.setText("Créez une saison ou importez-en une (Fichier › Importer une saison…).")
            for card in self.cards.values():
                card.value.setText("—")
                card.before.setText("")
            self.narrative.set_narrative(None)
            self.alerts.setVisible(False)
            for view in self._views():
                view.set_rows([])
            self._charts()
            self.funnel_page.set_review(None)
            self.trends_page.set_review(None)
            self.pdf_button.setEnabled(False)
            self.export_button.setEnabled(False)
            return
        self.heading.setText(f"Bilan de la saison {review.season_label}")
        compared = (
            f", comparés à la saison {review.previous_label}"
            if review.previous
            else " (pas de saison précédente enregistrée)"
        )
        self.subheading.setText(
            f"Chiffres au {format_date(review.as_of)}{compared}. Survolez un chiffre pour lire sa définition."
        )
        self.protection_note.setText(small_counts_note(self.services.settings.get().small_count_threshold))
        changes = {c.definition.key: c for c in review.comparisons()}
        for key, card in self.cards.items():
            change = changes[key]
            card.value.setText(change.value_text)
            card.before.setText(
                f"{review.previous_label} : {change.previous_text}\n{change.change_text}"
                if review.previous
                else "pas de saison précédente"
            )
        self.alerts.setText(" · ".join(review_alerts(review.figures)))
        self.alerts.setVisible(bool(self.alerts.text()))
        self.figures_view.set_rows(list(changes.values()))
        self.partners_view.set_rows(review.partners)
        self.allocations_view.set_rows(review.allocations)
        self.relays_view.set_rows(review.relays)
        self.kinds_view.set_rows(review.relay_types)
        self.communes_view.set_rows(review.communes)
        self.disciplines_view.set_rows(review.disciplines)
        self.months_view.set_rows(review.months)
        self.reasons_view.set_rows(review.reasons)
        if not self.narrative.dirty:
            self.narrative.set_narrative(review.narrative)
        self._charts()
        self.funnel_page.set_review(review)
        self.trends_page.set_review(review)
        self.pdf_button.setEnabled(self.task is None)
        self.export_button.setEnabled(self.task is None)

    def _views(self) -> list[RecordsView]:
        return [
            self.figures_view,
            self.partners_view,
            self.allocations_view,
            self.relays_view,
            self.kinds_view,
            self.communes_view,
            self.disciplines_view,
            self.months_view,
            self.reasons_view,
        ]

    def _charts(self) -> None:
        r = self.review
        if r is None:
            for chart in (self.months_chart, self.participation_chart, self.reasons_chart, self.comparison_chart):
                chart.set_data([], [])
            return
        self.months_chart.set_data(
            [month_label(m.month, short=True) for m in r.months],
            [[m.places.used for m in r.months], [m.places.unused for m in r.months]],
            ["utilisées", "non utilisées"],
        )
        rated = [d for d in r.disciplines if d.places.participation_rate is not None]
        self.participation_chart.set_data(
            [d.discipline for d in rated],
            [[d.places.participation_rate * 100 for d in rated]],
            texts=[
                f"{format_percent(d.places.participation_rate)} ({format_int(d.places.used)}/{format_int(d.places.issued_past)})"
                for d in rated
            ],
            maximum=100,
        )
        reasons = [x for x in r.reasons if x.count]
        self.reasons_chart.set_data(
            [x.reason for x in reasons],
            [[x.count for x in reasons]],
            texts=[f"{format_int(x.count)} ({format_percent(x.share)})" for x in reasons],
        )
        keys = (
            ("places_offered", "offertes"),
            ("places_funded", "financées"),
            ("booked", "réservées"),
            ("issued", "éditées"),
            ("used", "utilisées"),
        )
        series = [[getattr(r.figures, k) for k, _ in keys]] + (
            [[getattr(r.previous, k) for k, _ in keys]] if r.previous else []
        )
        names = [r.season_label] + ([r.previous_label] if r.previous else [])
        self.comparison_chart.set_data([label for _, label in keys], series, names)

    # --- the qualitative text -----------------------------------------------------------------
    def save_pending(self) -> None:
        """Called when the window closes: what was typed is never lost."""
        if self.narrative.dirty:
            self.save_narrative(self.narrative.narrative())

    def save_narrative(self, narrative) -> None:
        if self.season_id is None:
            return
        saved = self.services.review.save_narrative(self.season_id, narrative)
        self.narrative.mark_saved(saved)

    # --- documents, in the background ---------------------------------------------------------
    def write_report(self) -> None:
        if self.review is None:
            return
        default = str(Path(documents_dir()) / f"{review_file_stem(self.review.season_label)}.pdf")
        path = messages().save_file(self, "Enregistrer le rapport de bilan", default, "Document PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        season_id, services = self.season_id, self.services

        def work(progress):
            document = services.documents.review_report(season_id, progress)
            progress(90, 100, "Écriture du fichier…")
            return write_document(document, Path(path))

        self._run(work, "Rapport enregistré")

    def export_xlsx(self) -> None:
        if self.review is None:
            return
        default = str(Path(documents_dir()) / f"{review_file_stem(self.review.season_label)}.xlsx")
        path = messages().save_file(self, "Exporter les tableaux du bilan", default, "Classeur Excel (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        season_id, services = self.season_id, self.services

        def work(progress):
            progress(20, 100, "Calcul du bilan…")
            document = services.documents.review_workbook(season_id)
            progress(80, 100, "Écriture du classeur…")
            return write_document(document, Path(path))

        self._run(work, "Classeur enregistré")

    def export_csv(self) -> None:
        if self.review is None:
            return
        folder = messages().folder(self, "Dossier où écrire les fichiers CSV du bilan", documents_dir())
        if not folder:
            return
        target = Path(folder) / review_file_stem(self.review.season_label)
        season_id, services = self.season_id, self.services

        def work(progress):
            progress(30, 100, "Calcul du bilan…")
            write_documents(services.documents.review_csv(season_id), target)
            return target

        self._run(work, "Fichiers CSV enregistrés dans")

    def _run(self, work, done_text: str) -> None:
        self.task = Operation(self, work, say_refusal=False)  # said in the tab's status line
        self.task.progressed.connect(
            lambda done, total, text: (self.progress.setValue(done * 100 // max(total, 1)), self.status.setText(text))
        )
        self.task.succeeded.connect(
            lambda path: self._finished(
                f'{done_text} : <a href="{QUrl.fromLocalFile(str(path)).toString()}">{path}</a>'
            )
        )
        self.task.refused.connect(lambda message: self._finished(f"<span style='color:#a00'>{message}</span>"))
        self.task.cancelled.connect(lambda: self._finished("Annulé : aucun fichier n'a été écrit."))
        self._busy(True)
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Annulation…")

    def _finished(self, html: str) -> None:
        self.task = None
        self._busy(False)
        self.status.setText(html)
        self.status.setVisible(True)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        self.pdf_button.setEnabled(not busy and self.season_id is not None)
        self.export_button.setEnabled(not busy and self.season_id is not None)
