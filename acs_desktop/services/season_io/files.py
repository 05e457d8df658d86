"""The spreadsheet files of a season: their names and columns, and writing them as a folder of
CSV files (`;`, UTF-8 with a BOM) or as one XLSX workbook with the same sheets. Reading them back
is `reading` (line by line) and `limits` (what is refused before reading)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from acs_desktop.domain.cells import as_text, neutralized
from acs_desktop.exports.atomic import write_file, write_files


@dataclass(frozen=True)
class FileSpec:
    name: str  # "offres": offres.csv, or the sheet "offres"
    columns: tuple[str, ...]  # every column written on export, in order
    required: tuple[str, ...]  # columns an import cannot do without


SPECS: tuple[FileSpec, ...] = (
    FileSpec("partenaires", ("nom", "adresse", "code_postal", "commune", "contact", "telephone", "email"), ("nom",)),
    FileSpec(
        "conventions",
        (
            "partenaire",
            "saison",
            "etat",
            "places_engagees",
            "abonnes_solidaires",
            "dons_eur",
            "valeur_place_eur",
            "signee_le",
            "notes",
        ),
        ("partenaire", "saison"),
    ),
    FileSpec("relais", ("nom", "type", "commune", "referent", "telephone", "email", "actif"), ("nom", "commune")),
    FileSpec(
        "offres",
        (
            "spectacle",
            "discipline",
            "partenaire",
            "lieu",
            "date",
            "heure",
            "places",
            "date_limite",
            "saison",
            "annulee",
        ),
        ("spectacle", "partenaire", "date", "heure", "places"),
    ),
    FileSpec(
        "reservations",
        (
            "spectacle",
            "date",
            "heure",
            "relais",
            "places",
            "presents",
            "motif_non_utilisation",
            "partenaire",
            "commune_relais",
            "editees",
            "annulees",
        ),
        ("spectacle", "date", "heure", "relais", "places"),
    ),
    FileSpec(
        "affectations",
        (
            "partenaire",
            "saison",
            "type",
            "montant_prevu_eur",
            "places_prevues",
            "montant_realise_eur",
            "places_realisees",
            "decidee_le",
            "realisee_le",
            "note",
        ),
        ("partenaire", "saison", "type"),
    ),
    FileSpec(
        "bilan", ("saison", "objectifs", "faits_marquants", "retours_relais", "perspectives", "ecarts"), ("saison",)
    ),
)
SPECS_BY_NAME = {spec.name: spec for spec in SPECS}
MONEY_COLUMNS = {"dons_eur", "valeur_place_eur", "montant_prevu_eur", "montant_realise_eur"}
DATE_COLUMNS = {"date", "signee_le", "decidee_le", "realisee_le"}

Cell = str | int | float | Decimal | date | datetime | time | None


def plain(text: object) -> str:
    """Lower case, no accents, words joined by "_": how headers and closed values are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", bare).strip("_")


# --- writing ----------------------------------------------------------------------------
def csv_cell(value: Cell) -> str:
    """The CSV text of a value: 14/02/2026, 20:30, 1234,50 (no thousands separator), blank for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, str):
        return neutralized(value)  # never a formula for the spreadsheet that opens the file
    return str(value)


def write_csv_folder(folder: Path, tables: dict[str, list[list[Cell]]]) -> list[Path]:
    """One `<name>.csv` per table, in the order of SPECS; UTF-8 with a BOM so Excel reads accents."""
    files = {}
    for spec in SPECS:
        if spec.name not in tables:
            continue
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(spec.columns)
        writer.writerows([csv_cell(v) for v in row] for row in tables[spec.name])
        files[folder / f"{spec.name}.csv"] = buffer.getvalue().encode("utf-8-sig")
    return write_files(files, folder=folder)  # all the files or none, never one cut short by a full disk


def write_workbook(path: Path, tables: dict[str, list[list[Cell]]]) -> Path:
    """The same tables as sheets; dates, times and euros as real spreadsheet values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in SPECS:
        if spec.name not in tables:
            continue
        sheet = workbook.create_sheet(spec.name)
        sheet.append(list(spec.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in tables[spec.name]:
            sheet.append([("oui" if v else "non") if isinstance(v, bool) else v for v in row])
            as_text(sheet[sheet.max_row])
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            number_format = _number_format(column)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            sheet.column_dimensions[letter].width = max(12, min(40, len(column) + 4))
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_file(path, buffer.getvalue())  # whole or not at all


def _number_format(column: str) -> str | None:
    if column in MONEY_COLUMNS:
        return '#,##0.00\\ "€"'
    if column in DATE_COLUMNS:
        return "DD/MM/YYYY"
    if column == "heure":
        return "HH:MM"
    if column == "date_limite":
        return "DD/MM/YYYY HH:MM"
    return None
