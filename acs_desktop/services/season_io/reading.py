"""Reading an import's files one line at a time: a folder of CSV files (`;`) or one XLSX workbook.

`inspect(path)` looks at each file without parsing it — its size, what a workbook unpacks to and
whether it declares a DTD, the encoding of each CSV file, a fingerprint of the bytes — and says
what is refused at once. A `Reader` then goes through the files line by line, as often as needed
(the check, and the check again before writing), so that memory does not grow with the files.

Headers are matched ignoring case, accents and punctuation ("Dons (EUR)" is `dons_eur`); blank
lines are skipped; each row keeps the line number a person sees in a spreadsheet (header = 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from acs_desktop.domain.cells import restored
from acs_desktop.domain.errors import DomainError
from acs_desktop.services.season_io import limits
from acs_desktop.services.season_io.files import SPECS, Cell, plain


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
    rows: Iterable[SourceRow]  # read as they are iterated, once


@dataclass(frozen=True)
class Refusal:
    """A file (or a line of it) that cannot be read; `table` is the file's kind when known."""

    where: str
    message: str
    line: int | None = None
    table: str | None = None


class Unreadable(Exception):
    """Raised while reading, when a file turns out not to be readable from some line on."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


@dataclass(frozen=True)
class CsvFile:
    name: str  # "offres"
    path: str
    encoding: str
    lines: int


@dataclass(frozen=True)
class Source:
    """What was chosen, what will be read and what is refused at once. Holds no file's content."""

    path: str
    csv_files: tuple[CsvFile, ...] = ()
    workbook: str | None = None
    refusals: tuple[Refusal, ...] = ()
    fingerprint: str = ""  # of every byte to be read: `apply` refuses files changed since the check

    def reader(self, progress=None) -> Reader:
        return Reader(self, progress)


# --- looking at the files first -----------------------------------------------------------------
def inspect(path: Path) -> Source:
    """A folder of CSV files, one XLSX workbook, or one CSV file of a known name."""
    path = Path(path)
    if path.is_dir():
        files = {plain(p.stem): p for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() == ".csv"}
        return _csv_source(path, [(spec.name, files[spec.name]) for spec in SPECS if spec.name in files])
    if not path.exists():
        raise DomainError("import_not_found", f"« {path} » n'existe pas.")
    if path.suffix.lower() == ".xlsx":
        return _workbook_source(path)
    if path.suffix.lower() == ".csv":
        name = plain(path.stem)
        return _csv_source(path, [(name, path)] if any(spec.name == name for spec in SPECS) else [])
    raise DomainError("import_format", f"« {path.name} » n'est ni un dossier de fichiers CSV ni un classeur XLSX.")


def _csv_source(path: Path, found: list[tuple[str, Path]]) -> Source:
    files, refusals, digest = [], [], hashlib.sha256()
    for name, file in found:
        try:
            refused = limits.too_large(file)
            if refused:
                refusals.append(Refusal(file.name, refused, table=name))
                continue
            text = limits.csv_text(file)
        except limits.Refused as error:
            refusals.append(Refusal(file.name, error.message, error.line, name))
            continue
        except OSError as exc:
            refusals.append(Refusal(file.name, f"ce fichier ne peut pas être lu ({exc.strerror or exc}).", table=name))
            continue
        files.append(CsvFile(name, str(file), text.encoding, text.lines))
        digest.update(f"{file.name}:{text.digest};".encode())
    return Source(str(path), tuple(files), None, tuple(refusals), digest.hexdigest())


def _workbook_source(path: Path) -> Source:
    try:
        refused = limits.workbook_refusal(path)
        digest = limits.fingerprint(path)
    except OSError as exc:
        refused, digest = f"ce fichier ne peut pas être lu ({exc.strerror or exc}).", ""
    if refused:
        return Source(str(path), refusals=(Refusal(path.name, refused),))
    return Source(str(path), workbook=str(path), fingerprint=digest)


# --- reading them line by line ------------------------------------------------------------------
# Other spellings people give a column.
ALIASES = {
    "tel": "telephone",
    "courriel": "email",
    "mail": "email",
    "e_mail": "email",
    "motif": "motif_non_utilisation",
    "motif_de_non_utilisation": "motif_non_utilisation",
    "presences": "presents",
    "relai": "relais",
    "quota": "places",
    "etat_de_la_convention": "etat",
}
KNOWN_COLUMNS = frozenset(column for spec in SPECS for column in spec.columns)


def _header_map(header: list[object]) -> dict[int, str]:
    mapping = {}
    for index, title in enumerate(header):
        key = plain(title)
        key = ALIASES.get(key, key)
        if key in KNOWN_COLUMNS and key not in mapping.values():
            mapping[index] = key
    return mapping


def _rows(lines: Iterator[tuple[int, list[object]]], mapping: dict[int, str]) -> Iterator[SourceRow]:
    for number, cells in lines:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        values = {}
        for index, column in mapping.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str):
                value = value.strip() or None
            values[column] = value
        yield SourceRow(number, values)


class Reader:
    """One pass over the files of a source: `with source.reader() as reader`, then `reader.table(name)`.

    `progress(lines_read, total)` is called every few hundred lines (`total` is 0 when unknown)."""

    STEP = 500

    def __init__(self, source: Source, progress=None):
        self.source = source
        self.progress = progress
        self.read = 0
        self.total = sum(f.lines for f in source.csv_files)
        self._stack = ExitStack()
        self._workbook = None
        self._sheets: dict[str, str] = {}

    def __enter__(self) -> Reader:
        if self.source.workbook:
            self._open_workbook(Path(self.source.workbook))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    @property
    def names(self) -> list[str]:
        """The kinds of file present, in the order of SPECS."""
        present = {f.name for f in self.source.csv_files} | set(self._sheets)
        return [spec.name for spec in SPECS if spec.name in present]

    def table(self, name: str) -> SourceTable:
        """The file `name`, its header read; its rows are read as they are iterated."""
        if self._workbook is not None:
            return self._sheet_table(name)
        file = next(f for f in self.source.csv_files if f.name == name)
        return self._csv_table(file)

    def _count(self) -> None:
        self.read += 1
        if self.progress is not None and self.read % self.STEP == 0:
            self.progress(self.read, self.total)

    # --- CSV ---------------------------------------------------------------------------------
    def _csv_table(self, file: CsvFile) -> SourceTable:
        where = Path(file.path).name
        try:
            handle = self._stack.enter_context(open(file.path, "rb"))  # noqa: SIM115 - the stack closes it
        except OSError as exc:
            raise Unreadable(
                Refusal(where, f"ce fichier ne peut pas être lu ({exc.strerror or exc}).", table=file.name)
            ) from None
        text = io.TextIOWrapper(handle, encoding=file.encoding, newline="")
        lines = self._csv_lines(file, where, text)
        header = next(lines, None)
        if header is None:
            return SourceTable(file.name, where, (), ())
        mapping = _header_map(header[1])
        return SourceTable(file.name, where, tuple(mapping.values()), _rows(lines, mapping))

    def _csv_lines(self, file: CsvFile, where: str, text: io.TextIOWrapper) -> Iterator[tuple[int, list[object]]]:
        reader = csv.reader(_bounded_lines(text), delimiter=";")
        start = 1
        try:
            for cells in reader:
                self._count()
                yield start, [restored(c) for c in cells]  # « '=… » written by the export reads back « =… »
                start = reader.line_num + 1
        except csv.Error as error:
            if "field limit" in str(error):  # a cell of more than 131,072 characters
                limit = f"{csv.field_size_limit():,}".replace(",", "\u202f")
                message = f"une cellule dépasse {limit} caractères : ce n'est pas une valeur de saison (un guillemet non fermé, peut-être)."
            else:
                message = "cette ligne ne se lit pas comme une ligne de fichier CSV (guillemets mal placés ?)."
            raise Unreadable(Refusal(where, message, start, file.name)) from None
        except LineTooLong:
            message = (
                f"une ligne dépasse {limits.MAX_LINE_CHARS:,} caractères : ce n'est pas une ligne de saison.".replace(
                    ",", "\u202f"
                )
            )
            raise Unreadable(Refusal(where, message, start, file.name)) from None
        except (UnicodeDecodeError, OSError):  # changed or gone since it was looked at
            raise Unreadable(
                Refusal(
                    where,
                    "ce fichier ne se lit plus comme lors de son examen (modifié entre-temps ?) : relancez la vérification.",
                    start,
                    file.name,
                )
            ) from None

    # --- XLSX --------------------------------------------------------------------------------
    def _open_workbook(self, path: Path) -> None:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise Unreadable(Refusal(path.name, "ce fichier n'est pas un classeur XLSX lisible.")) from None
        self._stack.callback(workbook.close)
        self._workbook = workbook
        found = {plain(name.removesuffix(".csv")): name for name in workbook.sheetnames}
        self._sheets = {spec.name: found[spec.name] for spec in SPECS if spec.name in found}
        for sheet_name in self._sheets.values():
            self.total += workbook[sheet_name].max_row or 0  # from the sheet's own dimension, when it says it

    def _sheet_table(self, name: str) -> SourceTable:
        sheet_name = self._sheets[name]
        where = f"{Path(self.source.workbook).name} › {sheet_name}"
        sheet = self._workbook[sheet_name]
        # At most MAX_COLUMNS columns: a sheet claiming 16,384 would pad every row to that.
        lines = self._sheet_lines(name, where, sheet.iter_rows(values_only=True, max_col=limits.MAX_COLUMNS))
        header = next(lines, None)
        if header is None:
            return SourceTable(name, where, (), ())
        mapping = _header_map(list(header[1]))
        return SourceTable(name, where, tuple(mapping.values()), _rows(lines, mapping))

    def _sheet_lines(self, name: str, where: str, rows) -> Iterator[tuple[int, list[object]]]:
        number = 0
        try:
            for number, cells in enumerate(rows, start=1):
                self._count()
                yield number, list(cells)
        except Exception:
            message = "cette feuille ne se lit pas au-delà de cette ligne (classeur endommagé) : réenregistrez le classeur dans le tableur."
            raise Unreadable(Refusal(where, message, number + 1, name)) from None


class LineTooLong(Exception):
    pass


def _bounded_lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The lines of `text`, none longer than MAX_LINE_CHARS: a file of one line of 30 million `;`
    would otherwise become a list of 30 million cells."""
    while line := text.readline(limits.MAX_LINE_CHARS + 1):
        if len(line) > limits.MAX_LINE_CHARS:
            raise LineTooLong
        yield line
