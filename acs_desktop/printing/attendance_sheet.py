"""The attendance sheet (feuille d'émargement) of a performance, for the partner's front desk.

One line per ticket handed out: the code, the first name when the relay asked for names on
tickets, and two boxes — present, absent — to tick at the door. The venue's copy lists the codes
in order and counts them overall: like the tickets, it never says which social service follows
whom. The association's own copy (`with_relays`) groups them by relay, names the relay on every
line and counts per relay. A line stays one line: long names end with "…". The performance is
repeated at the top of every page, "page x / y" at the bottom. A sheet printed after the
attendance was recorded shows the recorded boxes ticked and the totals counted.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, Table

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import AttendanceSheetData
from acs_desktop.domain.french import format_datetime, quantity
from acs_desktop.printing.fonts import MONO, SANS, SANS_BOLD
from acs_desktop.printing.layout import (
    ACCENT,
    BODY_WIDTH,
    FOOTER_SIZE,
    MARGIN,
    MUTED,
    build_pdf,
    draw_page_header,
    escape,
    para,
    styles,
    table,
)
from acs_desktop.printing.text import ellipsize

TITLE = "Feuille d'émargement"
EMPTY_BOX, TICKED_BOX = "☐", "☒"
GROUP_BACKGROUND = colors.HexColor("#f1e6ea")
RULE_GREY = colors.HexColor("#bbbbbb")


CELL_SIZE = 8.5
CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell, in points
# (width, heading) of the columns; the remark takes what is left.
VENUE_COLUMNS = ((32 * mm, "Code"), (70 * mm, "Prénom"), (18 * mm, "Présent"), (18 * mm, "Absent"))
ASSOCIATION_COLUMNS = (
    (28 * mm, "Code"),
    (64 * mm, "Relais"),
    (30 * mm, "Prénom"),
    (16 * mm, "Présent"),
    (16 * mm, "Absent"),
)


def render_attendance_sheet(data: AttendanceSheetData) -> bytes:
    s = styles()
    performance = data.performance

    def header(canvas: Canvas) -> None:
        rule = draw_page_header(canvas, data.identity, TITLE, [f"Édité le {format_datetime(data.printed_at)}"])
        canvas.setFillColor(colors.black)
        canvas.setFont(SANS_BOLD, 14)
        canvas.drawString(MARGIN, rule - 7 * mm, ellipsize(performance.show_title, SANS_BOLD, 14, BODY_WIDTH))
        canvas.setFont(SANS_BOLD, 10)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN, rule - 12.5 * mm, performance.when)
        canvas.setFont(SANS, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, rule - 17 * mm, ellipsize(performance.where, SANS, 9, BODY_WIDTH))

    story: list = []
    handed = quantity(data.total, "billet remis", "billets remis")
    to_whom = f" à {quantity(len(data.groups), 'relais', 'relais')}" if data.with_relays else ""
    intro = (
        f"{handed}{to_whom} pour cette représentation. À l'entrée, cochez « présent » ou « absent » pour chaque billet."
    )
    story.append(para(escape(intro), s["body"]))
    if data.not_printed == 1:
        story.append(
            para(
                "1 place réservée dont le billet n'est pas encore imprimé ne figure pas sur cette feuille.", s["italic"]
            )
        )
    elif data.not_printed > 1:
        story.append(
            para(
                f"{quantity(data.not_printed, 'place réservée', 'places réservées')} dont les billets ne sont pas encore imprimés "
                "ne figurent pas sur cette feuille.",
                s["italic"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    story.append(_table(data, s))
    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether(_totals(data, s)))
    return build_pdf(
        story,
        title=f"{TITLE} — {performance.show_title}",
        author=data.identity.name,
        # The title gives way before the date does (the footer cuts what would reach "page x / y").
        footer_left=f"{TITLE} · {ellipsize(performance.show_title, SANS, FOOTER_SIZE, BODY_WIDTH / 2)} · {format_datetime(performance.starts_at)}",
        header=header,
        header_height=36 * mm,
    )


def one_line(text: str | None, width: float, font: str = SANS, size: float = CELL_SIZE) -> str:
    """`text` as it fits on one line of a cell `width` wide ("…" at the end when cut)."""
    return ellipsize(text or "", font, size, width - 2 * CELL_PADDING)


def _table(data: AttendanceSheetData, s) -> Table:
    layout = ASSOCIATION_COLUMNS if data.with_relays else VENUE_COLUMNS
    columns = [width for width, _ in layout]
    columns.append(BODY_WIDTH - sum(columns))
    by_name = {name: index for index, (_, name) in enumerate(layout)}
    boxes = by_name["Présent"], by_name["Absent"]
    rows: list[list] = [[name for _, name in layout] + ["Remarque"]]
    style = [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, CELL_SIZE),
        ("FONT", (1, 1), (-1, -1), SANS, CELL_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (boxes[0], 0), (boxes[1], -1), "CENTER"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE_GREY),
    ]
    for group in data.groups:
        if group.relay_name is not None:
            index = len(rows)
            count = f" — {quantity(len(group.entries), 'billet')}"
            name = one_line(group.relay_name, BODY_WIDTH - stringWidth(count, SANS, CELL_SIZE), SANS_BOLD)
            rows.append([para(f"<b>{escape(name)}</b>{escape(count)}", s["cell"])] + [""] * (len(columns) - 1))
            style += [("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_BACKGROUND)]
        for entry in group.entries:
            cells = {
                "Code": ticket_codes.display(entry.code),
                "Prénom": one_line(entry.first_name, columns[by_name["Prénom"]]),
                "Présent": TICKED_BOX if entry.present is True else EMPTY_BOX,
                "Absent": TICKED_BOX if entry.present is False else EMPTY_BOX,
            }
            if data.with_relays:
                cells["Relais"] = one_line(group.relay_name, columns[by_name["Relais"]])
            rows.append([cells[name] for _, name in layout] + [""])
            row = len(rows) - 1
            style += [("FONT", (0, row), (0, row), MONO, 9.5), ("FONTSIZE", (boxes[0], row), (boxes[1], row), 13)]
    style += [("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    return table(rows, columns, style, repeatRows=1)


def _totals(data: AttendanceSheetData, s) -> list:
    entries = data.entries
    recorded = [e for e in entries if e.present is not None]
    if recorded:
        present = sum(1 for e in recorded if e.present)
        absent = len(recorded) - present
        counts = f"Présents : <b>{present}</b>  ·  Absents : <b>{absent}</b>"
        if len(recorded) < len(entries):
            counts += f"  ·  Non relevés : <b>{len(entries) - len(recorded)}</b>"
    else:
        counts = "Présents : ________  ·  Absents : ________"
    lines = [para(f"<b>Total : {quantity(data.total, 'billet')}</b>  ·  {counts}", s["h2"])]
    if data.with_relays:
        by_relay = "  ·  ".join(f"{escape(g.relay_name)} : {len(g.entries)}" for g in data.groups)
        lines.append(para(f"Par relais — {by_relay}", s["small"]))
    return [
        *lines,
        Spacer(1, 8 * mm),
        para(
            "Feuille à rendre à l'association après la représentation (nom et signature de la personne à l'accueil) :",
            s["body"],
        ),
        Spacer(1, 14 * mm),
    ]
