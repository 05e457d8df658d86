"""The review tables as bytes: one XLSX workbook (a sheet per table), or the CSV text of one table.

`services/documents.py` wraps them as `Document`s; `exports/atomic.py` writes them."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from acs_desktop.domain.cells import as_text, neutralized
from acs_desktop.domain.french import format_decimal
from acs_desktop.domain.review import SeasonReview
from acs_desktop.domain.review_protection import ReviewProtection
from acs_desktop.exports.review_tables import Cell, Points, Rate, ReviewTable, review_tables

EURO_FORMAT = '#,##0.00\\ "€"'
COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0\\ %"
POINTS_FORMAT = '+0.0\\ "pts";-0.0\\ "pts";0'


def xlsx_bytes(review: SeasonReview, protection: ReviewProtection | None = None) -> bytes:
    """A workbook: numbers stay numbers, euros and rates carry their number format; small counts
    read « moins de N » (`protection`, by default from 5)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F2E6EA")
    for table in review_tables(review, protection):
        sheet = workbook.create_sheet(table.name)
        sheet.append([f"{table.title} — saison {review.season_label}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(list(table.headers))
        for cell in sheet[2]:
            cell.font, cell.fill = bold, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            _append(sheet, row)
        if table.total:
            _append(sheet, table.total)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        wrap = Alignment(wrap_text=True, vertical="top")
        for index in range(1, len(table.headers) + 1):
            width = table.widths[index - 1] if index <= len(table.widths) else 14
            sheet.column_dimensions[get_column_letter(index)].width = width
            if width >= 60:
                for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.alignment = wrap
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, row: tuple[Cell, ...]) -> None:
    sheet.append([float(v) if isinstance(v, Rate | Points) else v for v in row])
    as_text(sheet[sheet.max_row])
    for cell, value in zip(sheet[sheet.max_row], row, strict=False):
        if isinstance(value, Rate):
            cell.number_format = RATE_FORMAT
        elif isinstance(value, Points):
            cell.number_format = POINTS_FORMAT
        elif isinstance(value, Decimal):
            cell.number_format = EURO_FORMAT
        elif isinstance(value, int):
            cell.number_format = COUNT_FORMAT


def csv_text(value: Cell) -> str:
    """Excel-friendly French CSV: 1234,50 for euros, 80,5 % for rates, +2,4 pts for points."""
    if value is None:
        return ""
    if isinstance(value, Rate):
        return f"{format_decimal(Decimal(str(value)) * 100, 1).replace(chr(0x202F), '')} %"
    if isinstance(value, Points):
        return f"{'+' if value > 0 else ''}{format_decimal(Decimal(str(value)), 1).replace(chr(0x202F), '')} pts"
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, str):
        return neutralized(value)
    return str(value)


def csv_bytes(table: ReviewTable) -> bytes:
    """One table as a CSV file: `;`, UTF-8 with a BOM so that Excel reads accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([csv_text(v) for v in row] for row in table.rows)
    if table.total:
        writer.writerow([csv_text(v) for v in table.total])
    return buffer.getvalue().encode("utf-8-sig")
