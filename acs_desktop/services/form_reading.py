"""Reading a returned booking form (layout: `domain/booking_forms.py`), defensively.

The season import's guards come first (`season_io.limits`: size, what the workbook unpacks to, no
DTD), then the workbook is read in openpyxl's read-only mode, a bounded number of rows and columns.
Every locked cell that the hidden sheet vouches for (number, date, time, show, places) must still
say what it said, row for row: a row added, removed or moved, a date altered, the hidden sheet
missing or changed, and the form is refused — `FormUnreadable`, with file, sheet and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from acs_desktop.domain.booking_forms import (
    BOOKING_HEADERS,
    BOOKINGS_SHEET,
    FIRST_NAMES,
    FORM_KEYS,
    FORM_KIND,
    FORM_VERSION,
    HEADER_ROW,
    IDENTITY_SHEET,
    LINE_HEADERS,
    LINES_ROW,
    PERFORMANCE_HEADERS,
    PERFORMANCES_SHEET,
    REQUESTED,
    TO_RETURN,
)
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_time
from acs_desktop.domain.validation import count, refuse_control_characters
from acs_desktop.services.season_io import limits

MAX_FORM_ROWS = 2_000  # a form lists a season's open performances: a few hundred rows at most
MAX_FORM_COLUMNS = 16
NAME_SEPARATORS = re.compile(r"[,;\n\r]+")


class FormUnreadable(Exception):
    """A file refused whole: not a form, or a form changed beyond its fillable cells."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Request:
    line: int
    performance_id: int
    places: int
    first_names: tuple[str, ...]
    names_refusal: str = ""  # the first names cannot be taken: the line is refused with this


@dataclass(frozen=True)
class GiveBack:
    line: int
    booking_id: int
    performance_id: int
    places: int


@dataclass(frozen=True)
class ReadForm:
    path: str
    file_name: str
    fingerprint: str
    form_key: str
    relay_id: int
    relay_name: str
    season_id: int
    season_label: str
    made_at: datetime
    requests: tuple[Request, ...]
    returns: tuple[GiveBack, ...]
    titles: dict[int, str]  # performance id → « show » of the date, as the form says it


@dataclass(frozen=True)
class _Line:
    sheet: str
    row: int
    performance_id: int
    booking_id: int | None
    starts_at: datetime
    title: str
    places: int


def read_form(path: Path) -> ReadForm:
    path = Path(path)
    name = path.name
    try:
        refused = limits.workbook_refusal(path)
        digest = limits.fingerprint(path)
    except OSError as exc:
        raise FormUnreadable(
            "form_unreadable", f"{name} : ce fichier ne peut pas être lu ({exc.strerror or exc})."
        ) from None
    if refused:
        raise FormUnreadable("form_unreadable", f"{name} : {refused}")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise FormUnreadable("not_a_form", f"{name} : ce fichier n'est pas un classeur XLSX lisible.") from None
    try:
        return _read(workbook, path, digest)
    finally:
        workbook.close()


def _rows(workbook, name: str, sheet_name: str) -> list[tuple]:
    rows = []
    try:
        for number, row in enumerate(workbook[sheet_name].iter_rows(values_only=True, max_col=MAX_FORM_COLUMNS), 1):
            if number > MAX_FORM_ROWS:
                raise FormUnreadable(
                    "form_altered",
                    f"{name} › {sheet_name} : plus de {MAX_FORM_ROWS} lignes, ce n'est pas un bon de réservation.",
                )
            rows.append(tuple(row) + (None,) * (MAX_FORM_COLUMNS - len(row)))
    except FormUnreadable:
        raise
    except Exception:
        raise FormUnreadable(
            "form_unreadable", f"{name} › {sheet_name} : cette feuille ne se lit pas (classeur endommagé)."
        ) from None
    return rows


def _read(workbook, path: Path, digest: str) -> ReadForm:
    name = path.name
    sheets = set(workbook.sheetnames)
    if not sheets & {PERFORMANCES_SHEET, BOOKINGS_SHEET, IDENTITY_SHEET}:
        raise FormUnreadable("not_a_form", f"{name} : ce classeur n'est pas un bon de réservation de l'association.")
    for sheet in (PERFORMANCES_SHEET, BOOKINGS_SHEET):
        if sheet not in sheets:
            raise FormUnreadable("form_altered", f"{name} : la feuille « {sheet} » manque : le bon a été modifié.")
    if IDENTITY_SHEET not in sheets:
        raise FormUnreadable(
            "form_altered",
            f"{name} : la feuille cachée « {IDENTITY_SHEET} », qui identifie le bon, manque : "
            "le bon a été modifié (refaites un bon pour ce relais).",
        )
    hidden = _rows(workbook, name, IDENTITY_SHEET)
    where = f"{name} › {IDENTITY_SHEET}"

    def altered(line: int, what: str) -> FormUnreadable:
        return FormUnreadable("form_altered", f"{where}, ligne {line} : {what} : le bon a été modifié.")

    identity: dict[str, object] = {}
    for line, key in enumerate(FORM_KEYS, start=1):
        row = hidden[line - 1] if line <= len(hidden) else (None, None)
        if row[0] != key:
            if line == 1:
                raise FormUnreadable("not_a_form", f"{where} : ce classeur n'est pas un bon de réservation.")
            raise altered(line, f"« {key} » attendu")
        identity[key] = row[1]
    if identity["type"] != FORM_KIND:
        raise FormUnreadable("not_a_form", f"{where}, ligne 1 : ce classeur n'est pas un bon de réservation.")
    try:
        version = int(str(identity["version"]))
        relay_id = int(str(identity["relais_id"]))
        season_id = int(str(identity["saison_id"]))
        made_at = datetime.fromisoformat(str(identity["fait_le"]))
    except ValueError:
        raise altered(2, "l'identité du bon ne se lit pas") from None
    if version != FORM_VERSION:
        raise FormUnreadable(
            "form_version", f"{where} : bon de réservation de version {version}, que cette version ne lit pas."
        )
    key = str(identity["identifiant"] or "").strip()
    if not re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", key):
        raise altered(FORM_KEYS.index("identifiant") + 1, "l'identifiant du bon ne se lit pas")
    if len(hidden) < LINES_ROW or tuple(hidden[LINES_ROW - 1][: len(LINE_HEADERS)]) != LINE_HEADERS:
        raise altered(LINES_ROW, "l'en-tête des lignes du bon manque")
    lines: list[_Line] = []
    for number, row in enumerate(hidden[LINES_ROW:], start=LINES_ROW + 1):
        if all(value is None for value in row):
            continue
        sheet, sheet_row, performance_id, booking_id, starts_at, title, places = row[: len(LINE_HEADERS)]
        try:
            lines.append(
                _Line(
                    str(sheet),
                    int(str(sheet_row)),
                    int(str(performance_id)),
                    None if booking_id is None else int(str(booking_id)),
                    datetime.fromisoformat(str(starts_at)),
                    str(title),
                    int(str(places)),
                )
            )
        except ValueError:
            raise altered(number, "cette ligne ne se lit pas") from None
        if lines[-1].sheet not in (PERFORMANCES_SHEET, BOOKINGS_SHEET) or (lines[-1].booking_id is None) != (
            lines[-1].sheet == PERFORMANCES_SHEET
        ):
            raise altered(number, "cette ligne ne se lit pas")

    requests: list[Request] = []
    performance_rows = _rows(workbook, name, PERFORMANCES_SHEET)
    with_names = len(performance_rows) >= HEADER_ROW and FIRST_NAMES in performance_rows[HEADER_ROW - 1]
    headers = (*PERFORMANCE_HEADERS, REQUESTED, *((FIRST_NAMES,) if with_names else ()))
    for row, cells in _checked(name, PERFORMANCES_SHEET, performance_rows, headers, lines):
        places = _count(cells[len(PERFORMANCE_HEADERS)], name, PERFORMANCES_SHEET, row, REQUESTED)
        names_cell = cells[len(PERFORMANCE_HEADERS) + 1] if with_names else None
        wanted = next(x for x in lines if x.sheet == PERFORMANCES_SHEET and x.row == row)
        if places:
            first_names, names_refusal = _first_names(names_cell, places)
            requests.append(Request(row, wanted.performance_id, places, first_names, names_refusal))
    returns: list[GiveBack] = []
    booking_rows = _rows(workbook, name, BOOKINGS_SHEET)
    for row, cells in _checked(name, BOOKINGS_SHEET, booking_rows, (*BOOKING_HEADERS, TO_RETURN), lines):
        places = _count(cells[len(BOOKING_HEADERS)], name, BOOKINGS_SHEET, row, TO_RETURN)
        held = next(x for x in lines if x.sheet == BOOKINGS_SHEET and x.row == row)
        if places:
            assert held.booking_id is not None
            returns.append(GiveBack(row, held.booking_id, held.performance_id, places))
    return ReadForm(
        str(path),
        name,
        digest,
        key,
        relay_id,
        str(identity["relais"] or ""),
        season_id,
        str(identity["saison"] or ""),
        made_at,
        tuple(requests),
        tuple(returns),
        {x.performance_id: f"« {x.title} » du {x.starts_at:%d/%m/%Y à %H:%M}" for x in lines},
    )


def _checked(name: str, sheet: str, rows: list[tuple], headers: tuple[str, ...], lines: list[_Line]):
    """The table's rows (number, cells), once each row is what the hidden sheet says it was."""
    where = f"{name} › {sheet}"
    if len(rows) < HEADER_ROW or tuple(rows[HEADER_ROW - 1][: len(headers)]) != headers:
        raise FormUnreadable("form_altered", f"{where}, ligne {HEADER_ROW} : l'en-tête du tableau a été modifié.")
    expected = {x.row: x for x in lines if x.sheet == sheet}
    for number, cells in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        line = expected.pop(number, None)
        empty = all(value is None or (isinstance(value, str) and not value.strip()) for value in cells)
        if line is None:
            placeholder = number == HEADER_ROW + 1 and isinstance(cells[0], str) and not any(cells[1:])
            if empty or (placeholder and not any(x.sheet == sheet for x in lines)):
                continue
            raise FormUnreadable("form_altered", f"{where}, ligne {number} : une ligne a été ajoutée au bon.")
        said = _locked_cells(sheet, line)
        found = tuple(cells[column] for column in said)
        if found != tuple(said.values()):
            what = next(
                (headers[c] for c, v in said.items() if cells[c] != v), "une case verrouillée"
            )  # the first cell that differs
            raise FormUnreadable(
                "form_altered",
                f"{where}, ligne {number} : la case « {what} » a été modifiée (seules les cases jaunes se remplissent).",
            )
        yield number, cells
    if expected:
        missing = min(expected)
        raise FormUnreadable("form_altered", f"{where}, ligne {missing} : une ligne a été supprimée du bon.")


def _locked_cells(sheet: str, line: _Line) -> dict[int, object]:
    """Column index → what the form wrote there, for the cells the hidden sheet vouches for."""
    common = {1: format_date(line.starts_at), 2: format_time(line.starts_at), 3: line.title}
    if sheet == PERFORMANCES_SHEET:
        return {0: line.performance_id, **common, 7: line.places}
    return {0: line.booking_id, **common, 6: line.places}


def _count(value: object, name: str, sheet: str, row: int, column: str) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return count(value, f"{name} › {sheet}, ligne {row}, « {column} »", "places")
    except DomainError as error:
        raise FormUnreadable("form_number_invalid", error.message) from None


def _first_names(value: object, places: int) -> tuple[tuple[str, ...], str]:
    """The first names given (split by comma or line), and why they cannot be taken, if so."""
    if value is None:
        return (), ""
    text = str(value)
    try:
        refuse_control_characters(text.replace("\n", " ").replace("\r", " "), "Les prénoms", "first_names")
    except DomainError as error:
        return (), error.message
    names = tuple(" ".join(part.split()) for part in NAME_SEPARATORS.split(text) if part.strip())
    if len(names) > places:
        return names, f"{len(names)} prénoms pour {places} place(s) : un prénom par place au plus."
    return names, ""
