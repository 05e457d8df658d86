"""The attendance sheet (feuille d'émargement) of a performance, for the partner's front desk.

One line per ticket handed out, grouped by relay: the code, the relay, the first name when the
relay asked for names on tickets, and two boxes — present, absent — to tick at the door. The
performance is repeated at the top of every page, "page x / y" at the bottom. A sheet printed
after the attendance was recorded shows the recorded boxes ticked and the totals counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, Table

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.french import format_datetime
from acs_desktop.printing.fonts import MONO, SANS, SANS_BOLD
from acs_desktop.printing.layout import (
    ACCENT,
    BODY_WIDTH,
    MARGIN,
    MUTED,
    Identity,
    PerformanceHeading,
    build_pdf,
    draw_page_header,
    escape,
    para,
    quantity,
    styles,
    table,
)
from acs_desktop.printing.text import ellipsize

TITLE = "Feuille d'émargement"
EMPTY_BOX, TICKED_BOX = "☐", "☒"
GROUP_BACKGROUND = colors.HexColor("#f1e6ea")
RULE_GREY = colors.HexColor("#bbbbbb")


@dataclass(frozen=True)
class AttendanceEntry:
    code: str
    first_name: str | None  # only when the booking asked for names on tickets
    present: bool | None = None  # recorded after the performance; None before


@dataclass(frozen=True)
class AttendanceGroup:
    relay_name: str
    entries: tuple[AttendanceEntry, ...]


@dataclass(frozen=True)
class AttendanceSheetData:
    identity: Identity
    performance: PerformanceHeading
    groups: tuple[AttendanceGroup, ...]
    printed_at: datetime
    not_printed: int = 0  # places booked whose tickets are not printed yet: not on the sheet

    @property
    def total(self) -> int:
        return sum(len(group.entries) for group in self.groups)


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
    intro = (
        f"{quantity(data.total, 'billet remis', 'billets remis')} à {quantity(len(data.groups), 'relais', 'relais')} pour cette représentation. "
        "À l'entrée, cochez « présent » ou « absent » pour chaque billet."
    )
    story.append(para(escape(intro), s["body"]))
    if data.not_printed == 1:
        story.append(para("1 place réservée dont le billet n'est pas encore imprimé ne figure pas sur cette feuille.", s["italic"]))
    elif data.not_printed > 1:
        story.append(para(
            f"{quantity(data.not_printed, 'place réservée', 'places réservées')} dont les billets ne sont pas encore imprimés "
            "ne figurent pas sur cette feuille.", s["italic"]))
    story.append(Spacer(1, 4 * mm))
    story.append(_table(data, s))
    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether(_totals(data, s)))
    return build_pdf(
        story, title=f"{TITLE} — {performance.show_title}", author=data.identity.name,
        footer_left=f"{TITLE} · {performance.show_title} · {format_datetime(performance.starts_at)}",
        header=header, header_height=36 * mm,
    )


def _table(data: AttendanceSheetData, s) -> Table:
    head = ["Code", "Relais", "Prénom", "Présent", "Absent", "Remarque"]
    rows: list[list] = [head]
    style = [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (3, 0), (4, -1), "CENTER"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE_GREY),
    ]
    for group in data.groups:
        index = len(rows)
        rows.append([para(f"<b>{escape(group.relay_name)}</b> — {quantity(len(group.entries), 'billet')}", s["cell"]), "", "", "", "", ""])
        style += [("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_BACKGROUND)]
        for entry in group.entries:
            rows.append([
                ticket_codes.display(entry.code),
                para(escape(group.relay_name), s["cell"]),
                para(escape(entry.first_name or ""), s["cell"]),
                TICKED_BOX if entry.present is True else EMPTY_BOX,
                TICKED_BOX if entry.present is False else EMPTY_BOX,
                "",
            ])
            style += [("FONT", (0, len(rows) - 1), (0, len(rows) - 1), MONO, 9.5), ("FONTSIZE", (3, len(rows) - 1), (4, len(rows) - 1), 13)]
    columns = [28 * mm, 64 * mm, 28 * mm, 16 * mm, 16 * mm]
    columns.append(BODY_WIDTH - sum(columns))
    style += [("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    return table(rows, columns, style, repeatRows=1)


def _totals(data: AttendanceSheetData, s) -> list:
    entries = [e for group in data.groups for e in group.entries]
    recorded = [e for e in entries if e.present is not None]
    if recorded:
        present = sum(1 for e in recorded if e.present)
        absent = len(recorded) - present
        counts = f"Présents : <b>{present}</b>  ·  Absents : <b>{absent}</b>"
        if len(recorded) < len(entries):
            counts += f"  ·  Non relevés : <b>{len(entries) - len(recorded)}</b>"
    else:
        counts = "Présents : ________  ·  Absents : ________"
    by_relay = "  ·  ".join(f"{escape(g.relay_name)} : {len(g.entries)}" for g in data.groups)
    return [
        para(f"<b>Total : {quantity(data.total, 'billet')}</b>  ·  {counts}", s["h2"]),
        para(f"Par relais — {by_relay}", s["small"]),
        Spacer(1, 8 * mm),
        para("Feuille à rendre à l'association après la représentation (nom et signature de la personne à l'accueil) :", s["body"]),
        Spacer(1, 14 * mm),
    ]
