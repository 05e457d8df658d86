"""The relay slip (bordereau de remise): what was handed to a relay, and how to give places back.

For a relay and a season (or one booking): each upcoming performance with its places and ticket
codes, the total, how to return a place that will not be used, the association's contact, and
a line to sign on receipt. The slip goes to the relay's referent, never to the person.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, Table

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import RelaySlipData, SlipTicket
from acs_desktop.domain.french import WEEKDAYS, format_date, format_time_long, quantity
from acs_desktop.printing.fonts import MONO, SANS_BOLD
from acs_desktop.printing.layout import (
    ACCENT,
    BODY_WIDTH,
    build_pdf,
    draw_page_header,
    escape,
    panel,
    para,
    styles,
    table,
)

TITLE = "Bordereau de remise"
RULE_GREY = colors.HexColor("#bbbbbb")


def render_relay_slip(data: RelaySlipData) -> bytes:
    s = styles()

    def header(canvas: Canvas) -> None:
        draw_page_header(
            canvas, data.identity, TITLE, [f"Saison {data.season_label}", f"Édité le {format_date(data.issued_at)}"]
        )

    relay = escape(data.relay_name)
    if data.relay_commune and data.relay_commune.casefold() not in data.relay_name.casefold():
        relay += f" — {escape(data.relay_commune)}"
    story: list = [para(f"Relais : {relay}", s["title"])]
    if data.referents:
        label = "Référent·e" if len(data.referents) == 1 else "Référent·es"
        story.append(para(f"{label} : {escape(', '.join(data.referents))}", s["body"]))
    story += [
        Spacer(1, 3 * mm),
        para(
            "Voici les places réservées pour les personnes que vous accompagnez, représentation par représentation, "
            "avec le code de chaque billet. Le billet suffit pour entrer : il ne porte ni le nom du relais ni rien "
            "qui dise d'où il vient.",
            s["body"],
        ),
        Spacer(1, 4 * mm),
        _table(data, s),
        Spacer(1, 3 * mm),
        para(
            f"<b>Total : {quantity(data.places, 'place')} pour {quantity(len(data.lines), 'représentation')}.</b>",
            s["body"],
        ),
        Spacer(1, 6 * mm),
        KeepTogether([_return_box(data, s), Spacer(1, 8 * mm), _receipt(s)]),
    ]
    return build_pdf(
        story,
        title=f"{TITLE} — {data.relay_name}",
        author=data.identity.name,
        footer_left=f"{TITLE} · {data.relay_name} · saison {data.season_label}",
        header=header,
        header_height=20 * mm,
    )


def _table(data: RelaySlipData, s) -> Table:
    rows: list[list] = [["Date", "Représentation", "Places", "Billets"]]
    for line in data.lines:
        p = line.performance
        rows.append(
            [
                para(
                    f"{WEEKDAYS[p.starts_at.weekday()]}<br/><b>{format_date(p.starts_at)}</b><br/>{format_time_long(p.starts_at)}",
                    s["cell"],
                ),
                [
                    para(f"<b>{escape(p.show_title)}</b>", s["cell"]),
                    para(escape(p.where) + _booking_numbers(line.bookings), s["small"]),
                ],
                str(len(line.tickets)),
                para("<br/>".join(_ticket(t) for t in line.tickets), s["cell"]),
            ]
        )
    return table(
        rows,
        [24 * mm, 86 * mm, 15 * mm, BODY_WIDTH - 125 * mm],
        [
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("FONT", (2, 1), (2, -1), SANS_BOLD, 11),
            ("ALIGN", (2, 0), (2, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE_GREY),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
        repeatRows=1,
    )


def _booking_numbers(bookings: tuple[int, ...]) -> str:
    if not bookings:
        return ""
    return f"<br/>{'Réservations' if len(bookings) > 1 else 'Réservation'} {', '.join(f'n° {b}' for b in bookings)}"


def _ticket(ticket: SlipTicket) -> str:
    text = f'<font name="{MONO}">{ticket_codes.display(ticket.code)}</font>'
    if ticket.first_name:
        text += f" {escape(ticket.first_name)}"
    if not ticket.printed:
        text += ' <font color="#666666"><i>(billet à venir)</i></font>'
    return text


def _return_box(data: RelaySlipData, s) -> Table:
    identity = data.identity
    contact = escape(identity.contact_line) if identity.contact_line else "par téléphone ou par courriel"
    address = f" ({escape(identity.address_line)})" if identity.address_line else ""
    paragraphs = [
        para("Une place ne servira pas ?", s["h2"]),
        para(
            f"Prévenez <b>{escape(identity.name)}</b> dès que vous le savez, au plus tard la veille de la représentation, "
            f"en donnant le code du billet : <b>{contact}</b>. La place sera proposée à une autre personne.",
            s["body"],
        ),
        Spacer(1, 1.5 * mm),
        para(
            f"Un billet rendu n'est plus valable à l'entrée : détruisez-le ou rapportez-le à l'association{address}.",
            s["body"],
        ),
        Spacer(1, 1.5 * mm),
        para(
            "Après la représentation, dites-nous si une personne n'a pas pu venir et pourquoi : "
            "cela nous aide à lever les obstacles la fois suivante.",
            s["body"],
        ),
    ]
    return panel(paragraphs)


def _receipt(s) -> Table:
    return table(
        [
            [para("Remis le : ____ / ____ / ________", s["body"]), para("Reçu par (nom et signature) :", s["body"])],
            ["", ""],
        ],
        [BODY_WIDTH / 2] * 2,
        [("LINEBELOW", (1, 1), (1, 1), 0.5, RULE_GREY), ("VALIGN", (0, 0), (-1, -1), "TOP")],
        rowHeights=[None, 16 * mm],
    )
