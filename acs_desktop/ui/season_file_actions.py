"""« Fichier › Importer une saison… » and « Exporter la saison… »: seasons in and out of
spreadsheets from the window. The main window calls `add_season_file_actions` once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from acs_desktop.ui.import_dialog import ImportDialog
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.widgets.messages import messages

WORKBOOK, FOLDER = "Un classeur XLSX…", "Un dossier de fichiers CSV…"  # the export's two choices


def add_season_file_actions(window, menu) -> tuple[QAction, QAction]:
    """Add the two actions at the top of `menu`; `window` is the main window."""
    import_action = QAction("&Importer une saison…", window)
    import_action.setStatusTip("Importer des saisons depuis un dossier de fichiers CSV ou un classeur XLSX")
    import_action.triggered.connect(lambda: open_import_dialog(window))
    export_action = QAction("&Exporter la saison…", window)
    export_action.setStatusTip("Exporter la saison affichée en fichiers CSV ou en classeur XLSX")
    export_action.triggered.connect(lambda: export_season(window))
    menu.addAction(import_action)
    menu.addAction(export_action)
    menu.addSeparator()
    return import_action, export_action


def open_import_dialog(window) -> ImportDialog:
    dialog = ImportDialog(window.services, window)

    def imported(_plan) -> None:
        window.reload_seasons(window.current_season_id())
        window.statusBar().showMessage("Import terminé : les saisons importées sont dans le sélecteur.", 8000)

    dialog.imported.connect(imported)
    dialog.open()
    return dialog


def export_season(window) -> Operation | None:
    season_id = window.current_season_id()
    if season_id is None:
        messages().information(window, "Exporter la saison", "Aucune saison à exporter.")
        return None
    label = window.season_box.currentText()
    chosen = messages().choice(
        window,
        "Exporter la saison",
        f"Exporter la saison {label} :",
        (WORKBOOK, FOLDER),
        details="Les mêmes fichiers que l'import relit : partenaires, conventions, relais, offres, réservations.",
    )
    services = window.services
    if chosen == 0:
        path = messages().save_file(
            window, "Classeur de la saison", str(Path.home() / f"saison-{label}.xlsx"), "Classeur Excel (*.xlsx)"
        )
        if not path:
            return None
        target = Path(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")
        work = lambda _progress: services.season_io.export_xlsx(season_id, target)
    elif chosen == 1:
        parent = messages().folder(window, "Dossier où créer les fichiers de la saison", str(Path.home()))
        if not parent:
            return None
        target = Path(parent) / f"saison-{label}"
        work = lambda _progress: services.season_io.export_csv(season_id, target)
    else:
        return None
    window.statusBar().showMessage(f"Export de la saison {label}…")
    operation = Operation(
        window, work, title="Exporter la saison", cancelled_text=f"Export de la saison {label} annulé."
    )
    operation.succeeded.connect(lambda _: window.statusBar().showMessage(f"Saison {label} exportée : {target}", 10000))
    return operation.start()
