"""The report's parts about the association's work beside the places (its mediation actions, in
« Actions réalisées ») and the relays' words the director chose (in the qualitative part).

Partners and relays are institutions and are named in the list of actions; the quotes name
neither a person nor the relay, only its kind (`FeedbackQuote.sentence`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from acs_desktop.domain.french import format_date
from acs_desktop.domain.review import SeasonReview
from acs_desktop.domain.review_protection import ReviewProtection, no_protection
from acs_desktop.printing.layout import escape
from acs_desktop.printing.report_tables import figures_table, french_spacing, plural


def mediation_parts(
    review: SeasonReview, st: dict, *, width: float, h2, lead, note, protection: ReviewProtection | None = None
) -> list:
    """« Actions de médiation »: the season's actions per kind with the people reached, then each one
    (a small number of people protected as in the other tables: `protection`)."""
    protection = protection or no_protection()
    f = review.figures
    parts: list = [Paragraph("Actions de médiation", h2)]
    if not review.mediation:
        parts.append(Paragraph("Aucune action de médiation n'est enregistrée pour cette saison.", note))
        return parts
    parts.append(
        Paragraph(
            french_spacing(
                f"À côté des places, l'association a mené <b>{plural(f.mediation_actions, 'action', 'actions')}</b> "
                f"de médiation, qui {'a' if f.mediation_actions < 2 else 'ont'} réuni "
                f"<b>{plural(f.mediation_people, 'participant', 'participants')}</b> (une personne venue à deux "
                "actions compte deux fois)."
            ),
            lead,
        )
    )
    per_kind = [
        (k.kind, k.actions, protection.count("mediation_kinds", i, "people", k.people))
        for i, k in enumerate(review.mediation_kinds)
    ]
    total = ("Total", f.mediation_actions, f.mediation_people)
    parts.append(figures_table(st, ("Type d'action", "Actions", "Participants"), per_kind, width=width, total=total))
    parts.append(Spacer(1, 3 * mm))
    rows = [
        (
            format_date(line.on),
            line.kind,
            ", ".join(line.partners) or "—",
            _relays_text(line.relays),
            protection.count("mediation", i, "people", line.people),
        )
        for i, line in enumerate(review.mediation)
    ]
    headers = ("Date", "Action", "Partenaires", "Relais", "Participants")
    widths = (20 * mm, 38 * mm, 40 * mm, width - 120 * mm, 22 * mm)  # the relays' names get the room
    parts.append(figures_table(st, headers, rows, width=width, widths=widths, text_columns=4, font_size=7.5))
    return parts


def _relays_text(relays: tuple[str, ...]) -> str:
    """« 3 relais : CCAS, Centre social Bellevue, Foyer » (institutions, never a person)."""
    if not relays:
        return "—"
    return f"{plural(len(relays), 'relais', 'relais')} : {', '.join(relays)}"


def quote_parts(review: SeasonReview, style, empty_style) -> list:
    """The feedback the director chose, quoted without any name (the kind of relay only)."""
    if not review.quotes:
        return []
    quoted = style.clone(f"{style.name}_quote", leftIndent=8 * mm, spaceAfter=4, textColor=style.textColor)
    parts: list = [Paragraph("Paroles de relais, après une représentation :", empty_style)]
    parts += [Paragraph(french_spacing(escape(q.sentence())), quoted) for q in review.quotes]
    return parts
