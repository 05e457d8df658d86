"""« Documents › Bons de réservation… »: a relay's booking form (a workbook to fill and its PDF
twin, written side by side), or every active relay's into a folder.

The forms are files to send, not pages to preview: the person chooses where they go, the work
runs in the background, and the window says what was written where.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from acs_desktop.domain.french import quantity
from acs_desktop.domain.progress import Progress
from acs_desktop.exports.atomic import write_documents, write_files
from acs_desktop.services import Services
from acs_desktop.services.documents import slug
from acs_desktop.ui.documents_menu import _relay
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.review.review_tab import documents_dir
from acs_desktop.ui.widgets.choice_dialog import choose
from acs_desktop.ui.widgets.messages import messages

TITLE = "Bons de réservation"
EVERY_RELAY = "Tous les relais actifs"
ALL = 0  # the id of « Tous les relais actifs » in the list (a relay's id is never 0)


def write_booking_forms(owner: QWidget, services: Services, season_id: int, season_label: str) -> Operation | None:
    """Ask which relay (or all), then where; write in the background. None if the person cancelled."""
    relays = services.relays.list_relays(include_inactive=False)
    if not relays:
        messages().information(owner, TITLE, "Aucun relais actif : pas de bon de réservation à faire.")
        return None
    items = [(ALL, EVERY_RELAY), *((r.id, _relay(r)) for r in relays)]
    answer = choose(
        owner,
        TITLE,
        f"Le bon de quel relais (saison {season_label}) ? Un classeur à remplir et sa version PDF à imprimer.",
        items,
        accept_text="Préparer",
    )
    if answer is None:
        return None
    relay_id = answer[0]
    if relay_id == ALL:
        folder = messages().folder(owner, "Dossier où écrire les bons de réservation", documents_dir())
        if not folder:
            return None
        target = Path(folder)

        def work(progress: Progress) -> str:
            documents = services.documents.booking_forms(season_id, progress)
            write_documents(documents, target)
            return f"{quantity(len(documents) // 2, 'bon de réservation', 'bons de réservation')} (classeur et PDF) écrits dans « {target} »."

    else:
        name = next(r.name for r in relays if r.id == relay_id)
        start = str(Path(documents_dir()) / f"bon-reservation-{slug(name)}.xlsx")
        chosen = messages().save_file(owner, "Enregistrer le bon de réservation", start, "Classeur Excel (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

        def work(progress: Progress) -> str:
            workbook, pdf = services.documents.booking_form(relay_id, season_id)
            write_files({path: workbook.content, path.with_suffix(".pdf"): pdf.content})
            return (
                f"{workbook.summary.removesuffix(' (classeur).')}.\nClasseur : {path}\nPDF : {path.with_suffix('.pdf')}"
            )

    operation = Operation(
        owner, work, label=TITLE, dialog_title="Préparation des bons", title="Bons de réservation non écrits"
    )
    operation.succeeded.connect(lambda said: messages().information(owner, TITLE, said))
    return operation.start()
