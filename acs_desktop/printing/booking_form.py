"""A relay's booking form on paper (bon de réservation): the twin of the workbook, to fill by hand.

The performances open to booking when it was made, each with an empty box « Places demandées »
(and a line for first names), the relay's upcoming bookings with a box « Places à rendre », and
how to send the form back. It names the relay (it is the relay's own form) and carries the
form's number, so that a returned form is never taken for another.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer, Table

from acs_desktop.domain.booking_forms import FIRST_NAMES, REQUESTED, TO_RETURN
from acs_desktop.domain.documents import BookingFormData
from acs_desktop.domain.french import WEEKDAYS, format_date, format_datetime, format_time_long, quantity
from acs_desktop.printing.fonts import SANS_BOLD
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

TITLE = "Bon de réservation"
RULE_GREY = colors.HexColor("#bbbbbb")


def render_booking_form(data: BookingFormData) -> bytes:
    s = styles()

    def header(canvas: Canvas) -> None:
        draw_page_header(
            canvas,
            data.identity,
            TITLE,
            [f"Saison {data.season_label}", f"Fait le {format_date(data.made_at)}", f"Bon n° {data.form_id}"],
        )

    relay = escape(data.relay_name)
    if data.relay_commune and data.relay_commune.casefold() not in data.relay_name.casefold():
        relay += f" — {escape(data.relay_commune)}"
    story: list = [
        para(f"Relais : {relay}", s["title"]),
        para(
            f"Les représentations ouvertes à la réservation le {format_date(data.made_at)}, avec les places qui "
            f"restaient ce jour-là. Inscrivez dans la case « {REQUESTED} » le nombre de places souhaitées "
            "pour les personnes que vous accompagnez ; les places sont attribuées à réception du bon, "
            "dans l'ordre d'arrivée et dans la limite des places restantes.",
            s["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    if data.performances:
        story.append(_performances(data, s))
    else:
        story.append(para("Aucune représentation n'est ouverte à la réservation pour le moment.", s["italic"]))
    story += [Spacer(1, 6 * mm), para("Vos réservations en cours", s["h2"])]
    if data.bookings:
        story += [
            para(f"Une place ne servira pas ? Inscrivez-la dans la case « {TO_RETURN} ».", s["body"]),
            Spacer(1, 2 * mm),
            _bookings(data, s),
        ]
    else:
        story.append(para("Aucune réservation à venir.", s["italic"]))
    story += [Spacer(1, 6 * mm), _send_back(data, s)]
    return build_pdf(
        story,
        title=f"{TITLE} — {data.relay_name}",
        author=data.identity.name,
        footer_left=f"{TITLE} n° {data.form_id} · {data.relay_name} · saison {data.season_label}",
        header=header,
        header_height=24 * mm,
    )


def _when(starts_at, s):
    return para(
        f"{WEEKDAYS[starts_at.weekday()]}<br/><b>{format_date(starts_at)}</b><br/>{format_time_long(starts_at)}",
        s["cell"],
    )


def _performances(data: BookingFormData, s) -> Table:
    rows: list[list] = [["N°", "Date", "Représentation", "Places\nrestantes", REQUESTED.replace(" ", "\n")]]
    for p in data.performances:
        details = ", ".join(part for part in (p.partner_name, p.venue_name, p.discipline) if part)
        deadline = f"<br/>Réserver avant le {format_datetime(p.booking_deadline)}" if p.booking_deadline else ""
        what = [
            para(f"<b>{escape(p.show_title)}</b>", s["cell"]),
            para(escape(details) + deadline, s["small"]),
        ]
        if data.names_column:
            what.append(para(f"{FIRST_NAMES} : ______________________________", s["small"]))
        rows.append([str(p.performance_id), _when(p.starts_at, s), what, str(p.remaining), ""])
    return _boxed(rows, [12 * mm, 24 * mm, BODY_WIDTH - 84 * mm, 20 * mm, 28 * mm])


def _bookings(data: BookingFormData, s) -> Table:
    rows: list[list] = [["N° rés.", "Date", "Représentation", "Places\nréservées", TO_RETURN.replace(" ", "\n", 1)]]
    for b in data.bookings:
        details = ", ".join(part for part in (b.partner_name, b.venue_name) if part)
        what = [para(f"<b>{escape(b.show_title)}</b>", s["cell"]), para(escape(details), s["small"])]
        rows.append([str(b.booking_id), _when(b.starts_at, s), what, quantity(b.places, "place"), ""])
    return _boxed(rows, [14 * mm, 24 * mm, BODY_WIDTH - 86 * mm, 20 * mm, 28 * mm])


def _boxed(rows: list[list], widths: list[float]) -> Table:
    """A table whose last column is an empty box to write a number in."""
    return table(
        rows,
        widths,
        [
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("ALIGN", (3, 0), (-1, -1), "CENTER"),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("FONT", (3, 1), (3, -1), SANS_BOLD, 10),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-2, -1), 0.3, RULE_GREY),
            ("BOX", (-1, 1), (-1, -1), 1, colors.black),
            ("INNERGRID", (-1, 1), (-1, -1), 1, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
        repeatRows=1,
    )


def _send_back(data: BookingFormData, s) -> Table:
    identity = data.identity
    contact = escape(identity.contact_line) if identity.contact_line else "par courriel ou par téléphone"
    address = f", ou déposez-le à l'association ({escape(identity.address_line)})" if identity.address_line else ""
    paragraphs = [
        para("Renvoyer le bon", s["h2"]),
        para(
            f"Renvoyez ce bon rempli à <b>{escape(identity.name)}</b> : {contact}{address}. "
            f"Le fichier tableur du même bon (n° {escape(data.form_id)}) peut être renvoyé tel quel, rempli, "
            "sans en changer les autres cases.",
            s["body"],
        ),
        Spacer(1, 1.5 * mm),
        para(
            "Les places demandées vous sont confirmées avec les billets. S'il n'en reste plus assez, "
            "votre demande est inscrite sur la liste d'attente.",
            s["body"],
        ),
        Spacer(1, 3 * mm),
        para(
            "Rempli le : ____ / ____ / ________        Par (nom du ou de la référent·e) : ______________________",
            s["body"],
        ),
    ]
    return panel(paragraphs)
