"""A relay's booking form as an XLSX workbook (the layout: `domain/booking_forms.py`).

Only the cells the relay fills are unlocked, each with a validation refusing what is not a whole
number ≥ 0 (the first names excepted: text); every text cell is written as text, so that no
formula leaves the application, whatever a show or a relay is called.
"""

from __future__ import annotations

import io

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
from acs_desktop.domain.cells import as_text
from acs_desktop.domain.documents import BookingFormData
from acs_desktop.domain.french import format_date, format_datetime, format_time

HEADER_FILL = "F2E6EA"
FILL_ME = "FFF7D6"  # the cells to fill: a pale yellow, as forms do
PERFORMANCE_WIDTHS = (6, 11, 7, 34, 34, 24, 14, 10, 17)
BOOKING_WIDTHS = (14, 11, 7, 34, 34, 24, 10)


def booking_form_xlsx(data: BookingFormData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    workbook = Workbook()
    performances = workbook.worksheets[0]
    performances.title = PERFORMANCES_SHEET
    lines: list[tuple] = []
    fill = (REQUESTED, FIRST_NAMES) if data.names_column else (REQUESTED,)
    _heading(
        performances,
        data,
        "Bon de réservation",
        "Inscrivez le nombre de places souhaitées dans la colonne « Places demandées » (cases jaunes), "
        "puis renvoyez ce fichier à l'association. Les places sont attribuées à réception, dans la limite "
        "des places restantes.",
    )
    rows: list[tuple] = []
    for p in data.performances:
        rows.append(
            (
                p.performance_id,
                format_date(p.starts_at),
                format_time(p.starts_at),
                p.show_title,
                p.partner_name,
                p.venue_name,
                p.discipline,
                p.remaining,
                format_datetime(p.booking_deadline) if p.booking_deadline else "",
            )
        )
        lines.append(
            (PERFORMANCES_SHEET, HEADER_ROW + len(rows), p.performance_id, None, p.starts_at, p.show_title, p.remaining)
        )
    _table(performances, PERFORMANCE_HEADERS, fill, rows, PERFORMANCE_WIDTHS, whole={REQUESTED})
    if not rows:
        performances.cell(HEADER_ROW + 1, 1, "Aucune représentation n'est ouverte à la réservation pour le moment.")

    bookings = workbook.create_sheet(BOOKINGS_SHEET)
    _heading(
        bookings,
        data,
        "Mes réservations en cours",
        "Une place ne servira pas ? Inscrivez-la dans « Places à rendre » (cases jaunes) : "
        "elle sera proposée à une autre personne.",
    )
    booked: list[tuple] = []
    for b in data.bookings:
        booked.append(
            (
                b.booking_id,
                format_date(b.starts_at),
                format_time(b.starts_at),
                b.show_title,
                b.partner_name,
                b.venue_name,
                b.places,
            )
        )
        lines.append(
            (
                BOOKINGS_SHEET,
                HEADER_ROW + len(booked),
                b.performance_id,
                b.booking_id,
                b.starts_at,
                b.show_title,
                b.places,
            )
        )
    _table(bookings, BOOKING_HEADERS, (TO_RETURN,), booked, BOOKING_WIDTHS, whole={TO_RETURN})
    if not booked:
        bookings.cell(HEADER_ROW + 1, 1, "Aucune réservation à venir.")

    hidden = workbook.create_sheet(IDENTITY_SHEET)
    values = (
        FORM_KIND,
        FORM_VERSION,
        data.form_id,
        data.relay_id,
        data.relay_name,
        data.season_id,
        data.season_label,
        data.made_at.isoformat(timespec="seconds"),
    )
    for row, (key, value) in enumerate(zip(FORM_KEYS, values, strict=True), start=1):
        hidden.cell(row, 1, key)
        hidden.cell(row, 2, value)
    for column, header in enumerate(LINE_HEADERS, start=1):
        hidden.cell(LINES_ROW, column, header)
    for row, line in enumerate(lines, start=LINES_ROW + 1):
        sheet, number, performance_id, booking_id, starts_at, title, places = line
        for column, value in enumerate(
            (sheet, number, performance_id, booking_id, starts_at.isoformat(timespec="minutes"), title, places), start=1
        ):
            hidden.cell(row, column, value)
    for sheet in workbook.worksheets:
        as_text(cell for row in sheet.iter_rows() for cell in row)
        sheet.protection.sheet = True  # no password: it keeps mistakes out, not people
    hidden.sheet_state = "veryHidden"
    workbook.security = WorkbookProtection(lockStructure=True)  # no sheet added, removed or shown
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(sheet, data: BookingFormData, title: str, how: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet["A1"] = f"{title} — {data.relay_name}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        f"{data.identity.name} · saison {data.season_label} · fait le {format_date(data.made_at)} · "
        f"bon n° {data.form_id}"
    )
    sheet["A3"] = how
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=9)
    sheet.row_dimensions[3].height = 32


def _table(sheet, headers, fillable, rows, widths, *, whole: set[str]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    all_headers = (*headers, *fillable)
    bold, header_fill, to_fill = (
        Font(bold=True),
        PatternFill("solid", fgColor=HEADER_FILL),
        PatternFill("solid", fgColor=FILL_ME),
    )
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, header in enumerate(all_headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = widths[column - 1] if column <= len(widths) else (28 if header == FIRST_NAMES else 12)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 30  # two lines: « Places / restantes »
    last = HEADER_ROW + len(rows)
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column, value)  # one line each: a spreadsheet does not grow a row to fit
            if isinstance(value, int):
                cell.alignment = Alignment(horizontal="center")
        for column in range(len(headers) + 1, len(all_headers) + 1):
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill, cell.border = to_fill, box
            if all_headers[column - 1] == FIRST_NAMES:
                cell.number_format = "@"  # what is typed stays text
    for column, header in enumerate(all_headers, start=1):
        if header in whole and rows:
            letter = get_column_letter(column)
            validation = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Nombre de places",
                error="Inscrivez un nombre entier de places (0, 1, 2…), ou laissez la case vide.",
            )
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
