"""The week ahead (semaine à venir): the call list of the next seven days, read at a glance.

A4 portrait. A summary line at the top, then each performance by date and time — the date, the
show, the partner and the venue — and under it its relays by name: a box « appelé » to tick by
hand, the relay, the referent to call and the phone, the places and whether the tickets have
left. The cancelled performances follow, apart, with the relays to warn. No beneficiary is named.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from acs_desktop.domain.french import format_date
from acs_desktop.domain.week_ahead import CallLine, WeekAheadData, WeekPerformance
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

TITLE = "Semaine à venir"
RULE_GREY = colors.HexColor("#bbbbbb")
HEAD_BACKGROUND = colors.HexColor("#f4f1ea")
BOX = "\u2610"  # ☐, in DejaVu
COLUMNS = [12 * mm, 52 * mm, 36 * mm, 28 * mm, 12 * mm]
COLUMNS.append(BODY_WIDTH - sum(COLUMNS))


def render_week_ahead(data: WeekAheadData) -> bytes:
    s = styles()

    def header(canvas: Canvas) -> None:
        draw_page_header(
            canvas,
            data.identity,
            TITLE,
            [
                f"Du {format_date(data.start)} au {format_date(data.last_day)}",
                f"Édité le {format_date(data.printed_at)}",
            ],
        )

    story: list = [
        para(escape(data.title), s["title"]),
        para(f"<b>{escape(data.summary)}</b>", s["body"]),
    ]
    if not data.empty:
        story.append(
            para(
                "À appeler la veille : rappeler la date et l'heure, vérifier que les billets sont bien arrivés, "
                "et récupérer les places qui ne serviront pas pour les proposer à d'autres.",
                s["small"],
            )
        )
    story += [KeepTogether(_performance(performance, s)) for performance in data.performances]
    if data.cancelled:
        first, *others = (_performance(performance, s) for performance in data.cancelled)
        title = para("Représentations annulées : relais à prévenir", s["h1"])
        story += [Spacer(1, 4 * mm), KeepTogether([title, *first])]  # never a title alone at a page's foot
        story += [KeepTogether(flowables) for flowables in others]
    return build_pdf(
        story,
        title=f"{TITLE} — {data.period}",
        author=data.identity.name,
        footer_left=f"{TITLE} · {data.period}",
        header=header,
        header_height=20 * mm,
    )


def _performance(performance: WeekPerformance, s) -> list[Flowable]:
    """A performance's heading and its relays, to keep on one page."""
    h = performance.heading
    when = h.when + (" · <b>annulée</b>" if performance.cancelled else "")
    heading: list[Flowable] = [
        para(f'<font color="#8a1538"><b>{when}</b></font>', s["h2"]),
        para(f"<b>{escape(h.show_title)}</b>", s["body"]),
        para(escape(h.where), s["small"]),
        Spacer(1, 1.5 * mm),
    ]
    if not performance.calls:
        said = "Aucun relais n'y avait de place." if performance.cancelled else "Aucune place réservée par un relais."
        return [*heading, para(f"<i>{said}</i>", s["small"]), Spacer(1, 2 * mm)]
    return [*heading, _calls(performance, s), Spacer(1, 2 * mm)]


def _calls(performance: WeekPerformance, s) -> Table:
    last = "Prévenu" if performance.cancelled else "Billets"
    rows: list[list] = [["Appelé", "Relais", "Référent·e", "Téléphone", "Places", last]]
    for call in performance.calls:
        rows.append(
            [
                BOX,
                para(f"<b>{escape(call.relay_label)}</b>", s["cell"]),
                para(escape(call.referent) if call.referent_name else f"<i>{escape(call.referent)}</i>", s["cell"]),
                para(_phone(call), s["cell"]),
                str(call.places),
                para(_status(call, performance.cancelled), s["cell"]),
            ]
        )
    return table(
        rows,
        COLUMNS,
        [
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BACKGROUND),
            ("FONT", (0, 1), (0, -1), SANS_BOLD, 12),
            ("FONT", (4, 1), (4, -1), SANS_BOLD, 11),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("ALIGN", (4, 0), (4, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE_GREY),
            ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
        repeatRows=1,
    )


def _phone(call: CallLine) -> str:
    if not call.phone:
        return '<font color="#666666">—</font>'
    return escape(call.phone) + ('<br/><font color="#666666">(relais)</font>' if call.phone_is_relay else "")


def _status(call: CallLine, cancelled: bool) -> str:
    if cancelled:
        return f"le {format_date(call.warned_at)}" if call.warned_at else "<b>à prévenir</b>"
    if call.not_printed:
        return f"<b>{escape(call.tickets)}</b>"
    return escape(call.tickets)
