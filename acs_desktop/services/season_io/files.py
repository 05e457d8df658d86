"""The spreadsheet files of a season: their names and columns, and reading or writing them as a
folder of CSV files (`;`, UTF-8, a BOM accepted) or as one XLSX workbook with the same sheets.

Headers are matched ignoring case, accents and punctuation ("Dons (EUR)" is `dons_eur`); blank
lines are skipped; each row keeps the line number a person sees in a spreadsheet (header = 1).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from acs_desktop.domain.cells import as_text, neutralized, restored
from acs_desktop.domain.errors import DomainError
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
        ("partenaire", "saison", "etat", "places_engagees", "abonnes_solidaires", "dons_eur", "valeur_place_eur", "signee_le", "notes"),
        ("partenaire", "saison"),
    ),
    FileSpec("relais", ("nom", "type", "commune", "referent", "telephone", "email", "actif"), ("nom", "commune")),
    FileSpec(
        "offres",
        ("spectacle", "discipline", "partenaire", "lieu", "date", "heure", "places", "date_limite", "saison", "annulee"),
        ("spectacle", "partenaire", "date", "heure", "places"),
    ),
    FileSpec(
        "reservations",
        ("spectacle", "date", "heure", "relais", "places", "presents", "motif_non_utilisation", "partenaire", "commune_relais", "editees", "annulees"),
        ("spectacle", "date", "heure", "relais", "places"),
    ),
    FileSpec(
        "affectations",
        ("partenaire", "saison", "type", "montant_prevu_eur", "places_prevues", "montant_realise_eur", "places_realisees", "decidee_le", "realisee_le", "note"),
        ("partenaire", "saison", "type"),
    ),
    FileSpec("bilan", ("saison", "objectifs", "faits_marquants", "retours_relais", "perspectives", "ecarts"), ("saison",)),
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


@dataclass(frozen=True)
class SourceRow:
    line: int
    values: dict[str, Cell]

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime):
            return value.strftime("%d/%m/%Y %H:%M") if value.time() != time(0) else value.strftime("%d/%m/%Y")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


@dataclass(frozen=True)
class SourceTable:
    name: str
    where: str  # what a person calls it: "offres.csv" or "saison.xlsx › offres"
    columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class Source:
    """What was read: the tables found, and what could not be read at all."""

    path: str
    tables: dict[str, SourceTable] = field(default_factory=dict)
    unreadable: tuple[tuple[str, str], ...] = ()  # (where, French reason)


# Other spellings people give a column.
ALIASES = {
    "tel": "telephone", "courriel": "email", "mail": "email", "e_mail": "email",
    "motif": "motif_non_utilisation", "motif_de_non_utilisation": "motif_non_utilisation",
    "presences": "presents", "relai": "relais", "quota": "places", "etat_de_la_convention": "etat",
}


def _header_map(header: list[object]) -> dict[int, str]:
    known = {column for spec in SPECS for column in spec.columns}
    mapping = {}
    for index, title in enumerate(header):
        key = plain(title)
        key = ALIASES.get(key, key)
        if key in known and key not in mapping.values():
            mapping[index] = key
    return mapping


def _table(name: str, where: str, lines: list[tuple[int, list[object]]]) -> SourceTable:
    if not lines:
        return SourceTable(name, where, (), ())
    header_line, header = lines[0]
    mapping = _header_map(header)
    rows = []
    for number, cells in lines[1:]:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        values = {mapping[i]: (c.strip() if isinstance(c, str) else c) for i, c in enumerate(cells) if i in mapping}
        rows.append(SourceRow(number, {k: (None if v == "" else v) for k, v in values.items()}))
    return SourceTable(name, where, tuple(mapping.values()), tuple(rows))


def read_csv_text(name: str, where: str, text: str) -> SourceTable:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    lines: list[tuple[int, list[object]]] = []
    start = 1
    try:
        for cells in reader:
            lines.append((start, [restored(c) for c in cells]))  # « '=… » written by the export reads back « =… »
            start = reader.line_num + 1
    except csv.Error:  # "field larger than field limit": a cell of more than 131,072 characters
        raise FieldTooLarge(start) from None
    return _table(name, where, lines)


# Far above a network's season (30,000 invitations: about 2 MB of CSV), low enough that a wrong
# or hostile file is refused at once instead of filling the memory.
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 150 * 1024 * 1024  # what a workbook's parts unpack to (a "zip bomb" claims gigabytes)
MEGA = 1024 * 1024


class FieldTooLarge(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def too_large(path: Path) -> str | None:
    """Why `path` is refused before it is read, or None."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return f"ce fichier fait {size // MEGA} Mo : au-delà de {MAX_FILE_BYTES // MEGA} Mo, ce n'est pas une saison (vérifiez le fichier choisi)."
    return None


def read_folder(folder: Path) -> Source:
    tables, unreadable = {}, []
    files = {plain(p.stem): p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() == ".csv"}
    for spec in SPECS:
        path = files.get(spec.name)
        if path is None:
            continue
        try:
            refused = too_large(path)
            if refused:
                unreadable.append((path.name, refused))
                continue
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            unreadable.append((path.name, "ce fichier n'est pas en UTF-8 : dans le tableur, enregistrez-le au format « CSV UTF-8 » (séparateur point-virgule)."))
            continue
        except OSError as exc:
            unreadable.append((path.name, f"ce fichier ne peut pas être lu ({exc.strerror})."))
            continue
        try:
            tables[spec.name] = read_csv_text(spec.name, path.name, text)
        except FieldTooLarge as error:
            unreadable.append((f"{path.name}, ligne {error.line}", f"une cellule dépasse {csv.field_size_limit():,} caractères".replace(",", "\u202f")
                               + " : ce n'est pas une valeur de saison (un guillemet non fermé, peut-être)."))
    return Source(str(folder), tables, tuple(unreadable))


def workbook_too_large(path: Path) -> str | None:
    """Why a workbook is refused before openpyxl unpacks it: too big, or unpacking to too much."""
    refused = too_large(path)
    if refused:
        return refused
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return None  # openpyxl says it is not a workbook
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        return (f"ce classeur se décompresse en {unpacked // MEGA} Mo (au plus {MAX_XLSX_UNCOMPRESSED // MEGA} Mo) : "
                "il n'est pas lu (un classeur de saison en fait quelques-uns).")
    return None


def read_workbook(path: Path) -> Source:
    refused = workbook_too_large(path)
    if refused:
        return Source(str(path), {}, ((path.name, refused),))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        return Source(str(path), {}, ((path.name, "ce fichier n'est pas un classeur XLSX lisible."),))
    tables = {}
    try:
        sheets = {plain(name.removesuffix(".csv")): name for name in workbook.sheetnames}
        for spec in SPECS:
            sheet_name = sheets.get(spec.name)
            if sheet_name is None:
                continue
            sheet = workbook[sheet_name]
            lines = [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
            tables[spec.name] = _table(spec.name, f"{path.name} › {sheet_name}", lines)
    finally:
        workbook.close()
    return Source(str(path), tables)


def read_source(path: Path) -> Source:
    """A folder of CSV files, or one XLSX workbook (or one CSV file of a known name)."""
    path = Path(path)
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise DomainError("import_not_found", f"« {path} » n'existe pas.")
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path)
    if path.suffix.lower() == ".csv":
        source = read_folder(path.parent)
        name = plain(path.stem)
        return Source(source.path, {k: v for k, v in source.tables.items() if k == name}, source.unreadable)
    raise DomainError("import_format", f"« {path.name} » n'est ni un dossier de fichiers CSV ni un classeur XLSX.")


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
