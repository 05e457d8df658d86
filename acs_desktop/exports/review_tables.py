"""The season review as named tables (one sheet or one CSV file each), with French headers.

Cells keep their nature so that each writer can show them properly: `int` for counts, `Decimal`
for euros, `Rate` for a ratio shown as a percentage, `Points` for a change of rate in points,
`str` for text; None is an empty cell. A small count reads « moins de N » and a count hidden
beside it « masqué » (`domain/review_protection.py`): both are `str`; totals stay exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from acs_desktop.domain.review import (
    FIGURES,
    FIGURES_BY_KEY,
    FUNNEL_STEPS,
    NARRATIVE_FIELDS,
    OTHER_TERMS,
    TREND_FIGURES,
    FunnelLine,
    Kind,
    PlaceCounts,
    SeasonReview,
    funnel_total,
    month_label,
    partner_funnel,
    relay_type_funnel,
    trends_title,
)
from acs_desktop.domain.review_protection import (
    ReviewProtection,
    ShownFunnelLine,
    ShownPlaces,
    protect_review,
    protection_terms,
    published_funnel,
)


class Rate(float):
    """A ratio (0.805), shown as 80,5 %."""


class Points(float):
    """A change of rate in percentage points (−2.9)."""


Cell = str | int | Decimal | float | None


@dataclass(frozen=True)
class ReviewTable:
    name: str  # file or sheet name: "partenaires"
    title: str  # "Partenaires et dons"
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    widths: tuple[int, ...] = ()  # in characters, for spreadsheets (first column wider)


def rate(value: float | str | None) -> Rate | str | None:
    """A ratio as a `Rate`; « masqué » (a rate of a line with a hidden count) as it is."""
    if value is None or isinstance(value, str):
        return value
    return Rate(value)


PLACE_HEADERS = (
    "Réservées",
    "Éditées",
    "Réservées, jamais éditées",
    "Utilisées",
    "Non utilisées",
    "Annulées",
    "Taux de participation",
    "Taux d'absence",
)


def place_cells(p: PlaceCounts | ShownPlaces) -> tuple[Cell, ...]:
    return (
        p.booked,
        p.issued,
        p.never_issued,
        p.used,
        p.unused,
        p.cancelled,
        rate(p.participation_rate),
        rate(p.no_show_rate),
    )


def _sum_places(lines: Sequence, get: Callable = lambda line: line.places) -> PlaceCounts:
    return PlaceCounts.total(get(line) for line in lines)


def key_figures_table(review: SeasonReview) -> ReviewTable:
    previous = f"Saison {review.previous_label}" if review.previous_label else "Saison précédente"
    rows = []
    for change in review.comparisons():
        kind = change.definition.kind
        convert = (lambda v: None if v is None else Rate(v)) if kind is Kind.RATE else (lambda v: v)
        delta = change.change
        if kind is Kind.RATE:
            delta = None if delta is None else Points(delta * 100)
        rows.append(
            (
                change.label,
                convert(change.value),
                convert(change.previous),
                delta,
                None if change.relative is None else Rate(change.relative),
            )
        )
    return ReviewTable(
        "chiffres_cles",
        "Chiffres clés",
        ("Chiffre", f"Saison {review.season_label}", previous, "Écart", "Écart (%)"),
        tuple(rows),
        widths=(30, 16, 16, 14, 12),
    )


def partners_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    headers = (
        "Partenaire",
        "État de la convention",
        "Spectacles",
        "Représentations",
        "Places engagées",
        "Places offertes",
        "Abonnés solidaires",
        "Dons collectés",
        "Valeur d'une place",
        "Places financées",
        *PLACE_HEADERS,
        "Surplus de don",
        "Places engagées non couvertes",
        "Manque de financement",
        "Surplus affecté (prévu)",
        "Surplus affecté (réalisé)",
    )
    rows = tuple(
        (
            line.partner,
            line.state,
            line.shows,
            line.performances,
            line.places_committed,
            line.places_offered,
            line.solidarity_subscribers,
            line.donations,
            line.place_value,
            line.places_funded,
            *place_cells(protection.places("partners", index, line.places)),
            line.surplus,
            line.places_uncovered,
            line.shortfall,
            line.surplus_planned,
            line.surplus_done,
        )
        for index, line in enumerate(review.partners)
    )
    f = review.figures
    total = (
        "Total",
        None,
        f.shows,
        f.performances,
        f.places_committed,
        f.places_offered,
        f.solidarity_subscribers,
        f.donations,
        None,
        f.places_funded,
        *place_cells(f.places),
        f.surplus,
        f.places_uncovered,
        f.shortfall,
        f.surplus_planned,
        f.surplus_done,
    )
    return ReviewTable(
        "partenaires", "Partenaires : des dons aux places utilisées", headers, rows, total, widths=(34, 14)
    )


def allocations_table(review: SeasonReview) -> ReviewTable:
    rows = tuple(
        (a.partner, a.kind, a.planned_amount, a.planned_places, a.done_amount, a.done_places)
        for a in review.allocations
    )
    total = (
        "Total",
        None,
        sum((a.planned_amount for a in review.allocations), Decimal("0.00")),
        sum(a.planned_places for a in review.allocations),
        sum((a.done_amount or Decimal("0.00") for a in review.allocations), Decimal("0.00")),
        sum(a.done_places or 0 for a in review.allocations),
    )
    return ReviewTable(
        "affectations",
        "Affectation du surplus de don : prévu et réalisé",
        ("Partenaire", "Affectation", "Montant prévu", "Places prévues", "Montant réalisé", "Places réalisées"),
        rows,
        total,
        widths=(34, 26),
    )


def relays_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    rows = tuple(
        (r.relay, r.relay_type, r.commune, *place_cells(protection.places("relays", i, r.places)))
        for i, r in enumerate(review.relays)
    )
    total = ("Total", None, None, *place_cells(_sum_places(review.relays)))
    return ReviewTable(
        "relais",
        "Relais sociaux actifs",
        ("Relais", "Type", "Commune", *PLACE_HEADERS),
        rows,
        total,
        widths=(40, 28, 22),
    )


def groups_table(name: str, title: str, first: str, lines, shown) -> ReviewTable:
    """Relays by type or by commune; `shown(index, places)`: a line's counts as published."""
    rows = tuple((g.name, g.relays, *place_cells(shown(i, g.places))) for i, g in enumerate(lines))
    total = ("Total", sum(g.relays for g in lines), *place_cells(_sum_places(lines)))
    return ReviewTable(name, title, (first, "Relais actifs", *PLACE_HEADERS), rows, total, widths=(30,))


def disciplines_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    rows = tuple(
        (
            d.discipline,
            d.shows,
            d.performances,
            d.places_offered,
            *place_cells(protection.places("disciplines", i, d.places)),
        )
        for i, d in enumerate(review.disciplines)
    )
    f = review.figures
    total = ("Total", f.shows, f.performances, f.places_offered, *place_cells(f.places))
    return ReviewTable(
        "disciplines",
        "Disciplines",
        ("Discipline", "Spectacles", "Représentations", "Places offertes", *PLACE_HEADERS),
        rows,
        total,
        widths=(24,),
    )


def months_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    rows = tuple(
        (month_label(m.month), m.performances, m.places_offered, *place_cells(protection.places("months", i, m.places)))
        for i, m in enumerate(review.months)
    )
    total = (
        "Total",
        sum(m.performances for m in review.months),
        sum(m.places_offered for m in review.months),
        *place_cells(_sum_places(review.months)),
    )
    return ReviewTable(
        "mois",
        "Représentations par mois",
        ("Mois", "Représentations", "Places offertes", *PLACE_HEADERS),
        rows,
        total,
        widths=(18,),
    )


def reasons_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    previous = review.previous_label
    headers = ("Motif de non-utilisation", "Places", "Part des places non utilisées") + (
        (f"Places en {previous}",) if previous else ()
    )
    rows = tuple(
        (r.reason, protection.reason(i, "count", r.count), rate(protection.share(i, r.share)))
        + ((protection.reason(i, "previous", r.previous),) if previous else ())
        for i, r in enumerate(review.reasons)
    )
    total = ("Total", review.figures.unused, Rate(1.0) if review.figures.unused else None) + (
        (review.previous.unused,) if previous else ()
    )
    return ReviewTable("motifs", "Motifs de non-utilisation", headers, rows, total, widths=(44, 10, 16, 16))


def _funnel_rows(lines: Sequence[FunnelLine | ShownFunnelLine], steps: slice) -> tuple[tuple[Cell, ...], ...]:
    return tuple((line.name, *line.steps[steps]) for line in lines)


def funnel_tables(review: SeasonReview, protection: ReviewProtection) -> list[ReviewTable]:
    """From offered to used: per partner from the places offered, per kind of relay from the
    places booked (places are offered by partners, not to a kind of relay); totals are the key
    figures; small counts protected as in the partners' and the relay types' tables."""
    labels = tuple(FIGURES_BY_KEY[key].label for key in FUNNEL_STEPS)
    every, from_booked = slice(None), slice(1, None)
    return [
        ReviewTable(
            "parcours_partenaires",
            "Des places offertes aux places utilisées, par partenaire",
            ("Partenaire", *labels),
            _funnel_rows(published_funnel(partner_funnel(review), "partners", protection), every),
            _funnel_rows([funnel_total(review.figures)], every)[0],
            widths=(34, 14, 14, 14, 14),
        ),
        ReviewTable(
            "parcours_types_de_relais",
            "Des places réservées aux places utilisées, par type de relais (les places sont offertes par les partenaires)",
            ("Type de relais", *labels[1:]),
            _funnel_rows(published_funnel(relay_type_funnel(review), "relay_types", protection), from_booked),
            _funnel_rows([funnel_total(review.figures, offered=False)], from_booked)[0],
            widths=(30, 14, 14, 14),
        ),
    ]


def trends_table(review: SeasonReview) -> ReviewTable:
    """The last seasons' key figures; a season without data has empty cells and says so."""

    def cell(value, key: str) -> Cell:
        return rate(value) if FIGURES_BY_KEY[key].kind is Kind.RATE else value

    rows = tuple(
        (line.season_label, *(cell(line.value(key), key) for key in TREND_FIGURES), line.status)
        for line in review.trends
    )
    return ReviewTable(
        "tendances",
        trends_title(review),
        ("Saison", *(FIGURES_BY_KEY[key].label for key in TREND_FIGURES), "Données"),
        rows,
        widths=(14, 14, 14, 14, 16, 12, 22),
    )


def narrative_table(review: SeasonReview) -> ReviewTable:
    rows = tuple((label, getattr(review.narrative, attr)) for attr, label in NARRATIVE_FIELDS)
    return ReviewTable("bilan_qualitatif", "Bilan qualitatif", ("Rubrique", "Texte"), rows, widths=(36, 100))


def definitions_table(threshold: int = 0) -> ReviewTable:
    rows = tuple((d.label, d.definition) for d in FIGURES) + tuple(OTHER_TERMS) + protection_terms(threshold)
    return ReviewTable("definitions", "Définition des chiffres", ("Chiffre", "Définition"), rows, widths=(30, 110))


def review_tables(review: SeasonReview, protection: ReviewProtection | None = None) -> list[ReviewTable]:
    """The tables as they leave the office: small counts protected (by default from 5)."""
    protection = protection or protect_review(review)
    return [
        key_figures_table(review),
        partners_table(review, protection),
        allocations_table(review),
        relays_table(review, protection),
        groups_table(
            "types_de_relais",
            "Relais par type",
            "Type de relais",
            review.relay_types,
            lambda i, places: protection.places("relay_types", i, places),
        ),
        groups_table(
            "communes",
            "Relais par commune",
            "Commune",
            review.communes,
            lambda i, places: protection.places("communes", i, places),
        ),
        disciplines_table(review, protection),
        months_table(review, protection),
        reasons_table(review, protection),
        *funnel_tables(review, protection),
        trends_table(review),
        mediation_table(review, protection),
        narrative_table(review),
        quotes_table(review),
        definitions_table(protection.threshold),
    ]


def mediation_table(review: SeasonReview, protection: ReviewProtection) -> ReviewTable:
    """The association's mediation actions, one per line (partners and relays are institutions;
    a small number of people protected)."""
    rows = tuple(
        (
            line.on.strftime("%d/%m/%Y"),
            line.kind,
            ", ".join(line.partners),
            len(line.relays),
            ", ".join(line.relays),
            protection.count("mediation", i, "people", line.people),
        )
        for i, line in enumerate(review.mediation)
    )
    f = review.figures
    total = ("Total", f"{f.mediation_actions} action(s)", None, None, None, f.mediation_people)
    return ReviewTable(
        "actions_mediation",
        "Actions de médiation",
        ("Date", "Action", "Partenaires", "Nombre de relais", "Relais", "Participants"),
        rows,
        total,
        widths=(12, 32, 34, 10, 50, 12),
    )


def quotes_table(review: SeasonReview) -> ReviewTable:
    """The relays' words the director chose to quote: the kind of relay, never a name."""
    rows = tuple((q.relay_type or "", q.show_title, q.text, q.scale) for q in review.quotes)
    return ReviewTable(
        "retours_cites",
        "Retours des relais cités",
        ("Type de relais", "Spectacle", "Retour", "Appréciation (1 à 4)"),
        rows,
        widths=(22, 30, 90, 12),
    )
