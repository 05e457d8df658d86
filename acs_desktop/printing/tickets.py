"""Tickets: A4 sheets of eight (2 columns × 4 rows) with cut marks, each like any theatre ticket.

A ticket says the show, the partner, the hall and its address, the date and time, the code in
clear and as a QR code, and — small — the association that issued it. It never says what would
tell the door that its holder is followed by a social service: no price, no "free", no
"invitation", no relay (the code alone leads the association back to the booking). A first name
appears only when the relay asked for it. A reprint says "Duplicata" and keeps its code.

Drawn straight on the canvas (no Platypus): a thousand tickets must take less than 3 s.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from acs_desktop import APP_NAME
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import TicketBatch, TicketData
from acs_desktop.domain.french import format_long_date, format_time_long
from acs_desktop.domain.progress import Progress, report
from acs_desktop.printing.fonts import MONO, SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from acs_desktop.printing.layout import ACCENT, INK, MUTED, PAGE_HEIGHT, PAGE_WIDTH
from acs_desktop.printing.qr import draw_qr, encode
from acs_desktop.printing.text import ellipsize, fit, wrap

COLUMNS, ROWS = 2, 4
PER_SHEET = COLUMNS * ROWS
TICKET_WIDTH, TICKET_HEIGHT = 95 * mm, 67 * mm
GRID_LEFT = (PAGE_WIDTH - COLUMNS * TICKET_WIDTH) / 2
GRID_TOP = PAGE_HEIGHT - (PAGE_HEIGHT - ROWS * TICKET_HEIGHT) / 2
PAD = 5 * mm
STRIPE = 2 * mm  # the coloured edge on the left of each ticket…
STRIPE_INSET = 1.5 * mm  # …kept off the cut lines, so that a cut a little aside leaves no sliver
QR_SIZE = 30 * mm  # quiet zone included: a 21-module symbol of 21.7 mm, 1 mm modules
FOOTER = 9 * mm
LOGO_HEIGHT = 5 * mm
LOGO_MAX_WIDTH = 25 * mm
CUT_GREY = colors.HexColor("#9a9a9a")
REPRINT_MARK = "DUPLICATA"


Sheet = list[TicketData | None]  # the eight places of a sheet, row by row; None: left blank


def sheets(batch: TicketBatch) -> list[Sheet]:
    """The tickets of each A4 sheet, in printing order."""
    pages: list[Sheet] = [[]]
    previous_group = None
    for ticket in batch.tickets:
        page = pages[-1]
        if batch.row_per_group and ticket.group != previous_group and len(page) % COLUMNS:
            page.append(None)  # this group starts a new row
        if len(page) == PER_SHEET:
            page = []
            pages.append(page)
        page.append(ticket)
        previous_group = ticket.group
    return pages


def render_tickets(batch: TicketBatch, *, progress: Progress | None = None) -> bytes:
    """The PDF of `batch`; `progress(tickets done, total)` after each sheet (it raises `Cancelled` to stop)."""
    if not batch.tickets:
        raise ValueError("render_tickets: no ticket to print")
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=SANS, initialFontSize=9)
    canvas.setTitle("Billets")
    canvas.setAuthor(batch.identity.name)
    canvas.setCreator(APP_NAME)
    logo = _logo_form(canvas, batch.identity.logo_png)
    total, done = len(batch.tickets), 0
    for page in sheets(batch):
        _draw_cut_marks(canvas, rows=(len(page) + COLUMNS - 1) // COLUMNS)
        if batch.row_per_group:
            _draw_legend(canvas, page)
        for index, ticket in enumerate(page):
            if ticket is None:
                continue
            column, row = index % COLUMNS, index // COLUMNS
            x = GRID_LEFT + column * TICKET_WIDTH
            y = GRID_TOP - (row + 1) * TICKET_HEIGHT
            _draw_ticket(canvas, ticket, x, y, batch.identity.name, logo)
            done += 1
        canvas.showPage()
        report(progress, done, total)
    canvas.save()
    return buffer.getvalue()


def legend(page: Sheet) -> str:
    """ "Réservations — rangée 1 : n° 623 · rangées 2-3 : n° 630 · rangée 4 : n° 640, 641"."""
    lots: list[tuple[int, list[int], set[int]]] = []  # group, rows, bookings
    for index, ticket in enumerate(page):
        if ticket is None:
            continue
        row = index // COLUMNS + 1
        if not lots or lots[-1][0] != ticket.group:
            lots.append((ticket.group, [], set()))
        _group, rows, bookings = lots[-1]
        if row not in rows:
            rows.append(row)
        bookings.add(ticket.booking_id)
    parts = []
    for _group, rows, bookings in lots:
        where = f"rangée {rows[0]}" if len(rows) == 1 else f"rangées {rows[0]}-{rows[-1]}"
        parts.append(f"{where} : {', '.join(f'n° {b}' for b in sorted(bookings))}")
    return "Réservations — " + " · ".join(parts)


def _draw_legend(canvas: Canvas, page: Sheet) -> None:
    canvas.setFont(SANS, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(GRID_LEFT + 10 * mm, 5 * mm, ellipsize(legend(page), SANS, 7, COLUMNS * TICKET_WIDTH - 20 * mm))


# --- one ticket ---------------------------------------------------------------------------------
def _draw_ticket(
    canvas: Canvas, ticket: TicketData, x: float, y: float, issuer: str, logo: tuple[str, float] | None
) -> None:
    left = x + STRIPE_INSET + STRIPE + PAD
    right = x + TICKET_WIDTH - PAD
    width = right - left
    top = y + TICKET_HEIGHT - PAD

    canvas.setFillColor(ACCENT)
    canvas.rect(x + STRIPE_INSET, y + STRIPE_INSET, STRIPE, TICKET_HEIGHT - 2 * STRIPE_INSET, stroke=0, fill=1)

    # The partner, as on its own tickets; "Duplicata" opposite on a reprint.
    partner_width = width
    if ticket.reprint:
        partner_width -= _draw_reprint_mark(canvas, right, top) + 3 * mm
    canvas.setFont(SANS_BOLD, 7.5)
    canvas.drawString(left, top - 6, ellipsize(ticket.partner_name.upper(), SANS_BOLD, 7.5, partner_width))
    cursor = top - 5 * mm

    # The show, large.
    if stringWidth(ticket.show_title, SANS_BOLD, 13.5) <= width:  # one line, as large as it fits
        size, lines = fit(ticket.show_title, SANS_BOLD, width, size=17, smallest=13.5, max_lines=1)
    else:
        size, lines = fit(ticket.show_title, SANS_BOLD, width, size=17, smallest=10, max_lines=2)
    canvas.setFillColor(INK)
    canvas.setFont(SANS_BOLD, size)
    for line in lines:
        cursor -= size * 1.12
        canvas.drawString(left, cursor + size * 0.22, line)
    cursor -= 3.5 * mm

    # The code: QR at the right (its quiet zone may overlap the padding), in clear below it.
    symbol = QR_SIZE * 21 / 29
    qr_left = right + (QR_SIZE - symbol) / 2 - QR_SIZE
    qr_bottom = cursor - QR_SIZE + (QR_SIZE - symbol) / 2
    draw_qr(canvas, encode(ticket.code), qr_left, qr_bottom, QR_SIZE)
    canvas.setFillColor(INK)
    canvas.setFont(MONO, 9)
    canvas.drawCentredString(
        qr_left + QR_SIZE / 2, qr_bottom + (QR_SIZE - symbol) / 2 - 3.6 * mm, ticket_codes.display(ticket.code)
    )

    # When and where, at the left of the code.
    column = width - symbol - 4 * mm
    canvas.setFont(SANS, 10.5)
    cursor -= 10.5
    canvas.drawString(left, cursor, ellipsize(_capitalised(format_long_date(ticket.starts_at)), SANS, 10.5, column))
    canvas.setFont(SANS_BOLD, 18)
    cursor -= 20
    canvas.drawString(left, cursor, format_time_long(ticket.starts_at))
    cursor -= 6.5 * mm
    if ticket.venue_name:
        canvas.setFont(SANS_BOLD, 9)
        canvas.drawString(left, cursor, ellipsize(ticket.venue_name, SANS_BOLD, 9, column))
        cursor -= 10.5
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 8)
    for line in _at_most(wrap(ticket.venue_address, SANS, 8, column), 2, SANS, 8, column):
        canvas.drawString(left, cursor, line)
        cursor -= 9.5

    # The holder's first name, only when the relay asked for it.
    footer_top = y + FOOTER
    if ticket.first_name:
        canvas.setFillColor(INK)
        canvas.setFont(SANS, 9)
        canvas.drawString(left, footer_top + 2.4 * mm, ellipsize(f"Au nom de : {ticket.first_name}", SANS, 9, column))

    # Who issued the ticket, small, under a thin rule.
    canvas.setStrokeColor(CUT_GREY)
    canvas.setLineWidth(0.4)
    canvas.line(left, footer_top, right, footer_top)
    text_left = left
    baseline = y + (FOOTER - 2.5 * mm) / 2
    if logo is not None:
        name, logo_width = logo
        canvas.saveState()
        canvas.translate(left, y + (FOOTER - LOGO_HEIGHT) / 2)
        canvas.doForm(name)
        canvas.restoreState()
        text_left += logo_width + 2 * mm
    notice = "Billet à présenter à l'entrée"
    canvas.setFont(SANS_ITALIC, 6.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(right, baseline, notice)
    room = right - text_left - stringWidth(notice, SANS_ITALIC, 6.5) - 3 * mm
    canvas.setFont(SANS, 7)
    canvas.drawString(text_left, baseline, ellipsize(issuer, SANS, 7, room))


def _draw_reprint_mark(canvas: Canvas, right: float, top: float) -> float:
    """ "DUPLICATA" in a frame at the top right; returns its width."""
    width = stringWidth(REPRINT_MARK, SANS_BOLD, 7) + 3 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setFillColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.roundRect(right - width, top - 3.6 * mm, width, 4.4 * mm, 1 * mm, stroke=1, fill=0)
    canvas.setFont(SANS_BOLD, 7)
    canvas.drawCentredString(right - width / 2, top - 2.5 * mm, REPRINT_MARK)
    return width


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _at_most(lines: tuple[str, ...], n: int, font: str, size: float, width: float) -> tuple[str, ...]:
    if len(lines) <= n:
        return lines
    return (*lines[: n - 1], ellipsize(" ".join(lines[n - 1 :]), font, size, width))


# --- the sheet ----------------------------------------------------------------------------------
def _draw_cut_marks(canvas: Canvas, rows: int) -> None:
    """Dashed outlines to cut with scissors, and crop marks in the margins for a guillotine."""
    bottom = GRID_TOP - rows * TICKET_HEIGHT
    right = GRID_LEFT + COLUMNS * TICKET_WIDTH
    canvas.saveState()
    canvas.setStrokeColor(CUT_GREY)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    path = canvas.beginPath()
    for k in range(COLUMNS + 1):
        x = GRID_LEFT + k * TICKET_WIDTH
        path.moveTo(x, GRID_TOP)
        path.lineTo(x, bottom)
    for k in range(rows + 1):
        y = GRID_TOP - k * TICKET_HEIGHT
        path.moveTo(GRID_LEFT, y)
        path.lineTo(right, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.4)
    marks = canvas.beginPath()
    gap, length = 2 * mm, 4 * mm  # the bottom margin keeps room for the legend below the marks
    for k in range(COLUMNS + 1):
        x = GRID_LEFT + k * TICKET_WIDTH
        marks.moveTo(x, GRID_TOP + gap)
        marks.lineTo(x, GRID_TOP + gap + length)
        marks.moveTo(x, bottom - gap)
        marks.lineTo(x, bottom - gap - length)
    for k in range(rows + 1):
        y = GRID_TOP - k * TICKET_HEIGHT
        marks.moveTo(GRID_LEFT - gap, y)
        marks.lineTo(GRID_LEFT - gap - length, y)
        marks.moveTo(right + gap, y)
        marks.lineTo(right + gap + length, y)
    canvas.drawPath(marks, stroke=1, fill=0)
    canvas.restoreState()


def _logo_form(canvas: Canvas, logo_png: bytes | None) -> tuple[str, float] | None:
    """The logo as a form drawn once and placed on every ticket: (form name, drawn width)."""
    if not logo_png:
        return None
    try:
        image = ImageReader(io.BytesIO(logo_png))
        pixels_wide, pixels_high = image.getSize()
        width = min(LOGO_HEIGHT * pixels_wide / pixels_high, LOGO_MAX_WIDTH)
        height = width * pixels_high / pixels_wide
        canvas.beginForm("ticketLogo", lowerx=0, lowery=0, upperx=width, uppery=LOGO_HEIGHT)
        canvas.drawImage(image, 0, (LOGO_HEIGHT - height) / 2, width, height, mask="auto")
        canvas.endForm()
    except Exception:
        return None
    return "ticketLogo", width
