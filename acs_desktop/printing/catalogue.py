"""The season catalogue, for the season presentation to the relays: the performances that still
have places, by date, month after month, with the discipline, the partner, the hall and its
town, the places left and the booking deadline — and how to book.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Spacer, Table

from acs_desktop.domain.documents import CatalogueData, CatalogueEntry
from acs_desktop.domain.french import MONTHS, WEEKDAYS, format_date, format_time_long, quantity
from acs_desktop.printing.fonts import SANS_BOLD
from acs_desktop.printing.layout import (
    ACCENT,
    BODY_WIDTH,
    MUTED,
    build_pdf,
    draw_page_header,
    escape,
    para,
    styles,
    table,
)

TITLE = "Catalogue des places"
RULE_GREY = colors.HexColor("#bbbbbb")
ON_REQUEST = "sur demande"  # under a deadline that has passed


def render_catalogue(data: CatalogueData) -> bytes:
    s = styles()

    def header(canvas: Canvas) -> None:
        draw_page_header(canvas, data.identity, TITLE, [f"Saison {data.season_label}", f"Au {format_date(data.as_of)}"])

    scope = (
        "toutes les représentations de la saison"
        if data.everything
        else "les représentations à venir où il reste des places"
    )
    story: list = [
        para(f"Saison {escape(data.season_label)}", s["title"]),
        para(
            f"{scope[:1].upper()}{scope[1:]}, au {format_date(data.as_of)} : "
            f"{quantity(len(data.entries), 'représentation')}, {quantity(data.places, 'place disponible', 'places disponibles')}.",
            s["body"],
        ),
    ]
    contact = data.identity.contact_line
    story.append(
        para(
            f"Pour réserver, contactez <b>{escape(data.identity.name)}</b>"
            + (f" : {escape(contact)}" if contact else "")
            + ", en indiquant la représentation et le nombre de places. Les places sont attribuées dans l'ordre des demandes.",
            s["body"],
        )
    )
    if any(_on_request(entry, data.as_of) for entry in data.entries):
        story.append(
            para(
                f"<i>{ON_REQUEST.capitalize()}</i> : la date limite de réservation est passée ; "
                "des places restent possibles, demandez-les à l'association.",
                s["small"],
            )
        )
    if not data.entries:
        story += [Spacer(1, 8 * mm), para("Aucune représentation à proposer pour le moment.", s["italic"])]
    month = None
    rows: list = []
    for entry in data.entries:
        key = (entry.starts_at.year, entry.starts_at.month)
        if key != month:
            if rows:
                story.append(_month_table(rows))
            month, rows = key, []
            story += [CondPageBreak(30 * mm), para(f"{MONTHS[key[1] - 1].capitalize()} {key[0]}", s["h1"])]
        rows.append(_row(entry, data.as_of, s))
    if rows:
        story.append(_month_table(rows))
    return build_pdf(
        story,
        title=f"{TITLE} — saison {data.season_label}",
        author=data.identity.name,
        footer_left=f"{data.identity.name} · {TITLE.lower()} · saison {data.season_label}",
        header=header,
        header_height=20 * mm,
    )


def _row(entry: CatalogueEntry, as_of: datetime, s) -> list:
    when = f"{WEEKDAYS[entry.starts_at.weekday()]}\u00a0{entry.starts_at.day}<br/><b>{format_time_long(entry.starts_at)}</b>"
    show = f"<b>{escape(entry.show_title)}</b>"
    if entry.discipline:
        show += f'<br/><font color="#666666">{escape(entry.discipline)}</font>'
    place = escape(entry.partner_name)
    hall = ", ".join(escape(part) for part in (entry.venue_name, entry.venue_commune) if part)
    if hall:
        place += f"<br/>{hall}"
    if entry.starts_at <= as_of:
        places = para("passée", s["small"])
    elif entry.remaining == 0:
        places = para("complet", s["small"])
    else:
        places = str(entry.remaining)
    if entry.booking_deadline is None:
        deadline = "—"
    elif _on_request(entry, as_of):
        # Two lines at most in a narrow column: the catalogue's intro says what « sur demande » means.
        deadline = para(f"{format_date(entry.booking_deadline)}<br/><i>{ON_REQUEST}</i>", s["small"])
    else:
        deadline = format_date(entry.booking_deadline)
    return [para(when, s["cell"]), para(show, s["cell"]), para(place, s["cell"]), places, deadline]


def _on_request(entry: CatalogueEntry, as_of: datetime) -> bool:
    """An upcoming performance whose booking deadline has passed."""
    return entry.booking_deadline is not None and entry.booking_deadline <= as_of < entry.starts_at


def _month_table(rows: list) -> Table:
    head = ["Date", "Spectacle", "Lieu", "Places", "Date limite"]
    widths = [27 * mm, 64 * mm, 47 * mm, 16 * mm]  # the deadline keeps 26 mm: "22/01/2027" and "sur demande" fit
    widths.append(BODY_WIDTH - sum(widths))
    return table(
        [head, *rows],
        widths,
        [
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE_GREY),
            ("FONT", (3, 1), (3, -1), SANS_BOLD, 10),
            ("ALIGN", (3, 0), (3, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 1), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
        ],
        repeatRows=1,
    )
