"""The season review as plain data: its figures, its breakdowns, the qualitative text, and the
French name and definition of every figure.

The service (`services/review.py`) fills these from SQL aggregates; the tab, the funders' PDF and
the spreadsheet exports read them. Nothing here touches the database or Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter

from acs_desktop.domain.french import MONTHS, NBSP, format_decimal, format_int, format_money, format_percent
from acs_desktop.domain.funding import shortfall_text
from acs_desktop.domain.mediation import FeedbackQuote, MediationKindLine, MediationLine

ZERO = Decimal("0.00")


def ratio(part: int, whole: int) -> float | None:
    """part ÷ whole, or None when there is nothing to divide by (shown as "—")."""
    return part / whole if whole else None


PLACE_FIELDS = ("booked", "issued", "used", "unused", "cancelled", "issued_past", "never_issued")
_PLACE_VALUES = attrgetter(*PLACE_FIELDS)


@dataclass(frozen=True)
class PlaceCounts:
    """What became of a set of invitations (one per place)."""

    booked: int = 0  # held: booked, issued, used or unused (not cancelled)
    issued: int = 0  # ticket issued: issued, used or unused
    used: int = 0
    unused: int = 0
    cancelled: int = 0  # returned by the relay, or cancelled with the performance
    issued_past: int = 0  # issued for performances that have already taken place
    never_issued: int = 0  # booked for performances already past, the ticket never issued

    @property
    def participation_rate(self) -> float | None:
        """Used ÷ issued, over performances already past (a season in progress is not misread)."""
        return ratio(self.used, self.issued_past)

    @property
    def no_show_rate(self) -> float | None:
        return ratio(self.unused, self.issued_past)

    def __add__(self, other: PlaceCounts) -> PlaceCounts:
        return PlaceCounts.total((self, other))

    @staticmethod
    def total(counts: Iterable[PlaceCounts]) -> PlaceCounts:
        """The sum of `counts`, field by field, built once: adding them two by two builds a frozen
        dataclass at each step, which was a third of the review's own Python."""
        return PlaceCounts(*map(sum, zip(*map(_PLACE_VALUES, counts), strict=True)))

    @property
    def awaiting_record(self) -> int:
        """Issued for a past performance, attendance not yet recorded."""
        return self.issued_past - self.used - self.unused


@dataclass(frozen=True)
class SeasonFigures:
    """The key figures of one season."""

    season_label: str
    partners: int
    conventions: int
    conventions_signed: int
    shows: int
    performances: int
    performances_cancelled: int
    disciplines: int
    relays_active: int
    relay_communes: int
    relays_charter_current: int
    solidarity_subscribers: int
    donations: Decimal
    places_committed: int
    places_funded: int
    places_offered: int
    booked: int
    issued: int
    used: int
    unused: int
    cancelled: int
    issued_past: int
    never_issued: int
    surplus: Decimal
    places_uncovered: int
    shortfall: Decimal
    surplus_planned: Decimal
    surplus_done: Decimal
    # Companions (accompagnateurs): places among `booked` and `used` that went to a family member
    # or a volunteer going along, not to a person the relay follows.
    companions_booked: int = 0
    companions_used: int = 0
    # The association's mediation actions of the season (domain/mediation.py) and the people reached.
    mediation_actions: int = 0
    mediation_people: int = 0

    @property
    def places(self) -> PlaceCounts:
        return PlaceCounts(*(getattr(self, name) for name in PLACE_FIELDS))

    @property
    def followed_booked(self) -> int:
        """Places booked for the people the relays follow (companions apart)."""
        return self.booked - self.companions_booked

    @property
    def followed_used(self) -> int:
        return self.used - self.companions_used

    @property
    def participation_rate(self) -> float | None:
        return self.places.participation_rate

    @property
    def no_show_rate(self) -> float | None:
        return self.places.no_show_rate

    @property
    def awaiting_record(self) -> int:
        return self.places.awaiting_record


@dataclass(frozen=True)
class PartnerLine:
    """One convention (one partner for the season): what it committed, funded and what followed."""

    partner: str
    state: str  # French label: brouillon, signée, en cours, bilan, clôturée
    shows: int
    performances: int
    places_committed: int
    places_offered: int
    solidarity_subscribers: int
    donations: Decimal
    place_value: Decimal
    places_funded: int
    surplus: Decimal
    places_uncovered: int
    shortfall: Decimal
    surplus_planned: Decimal
    surplus_done: Decimal
    places: PlaceCounts


@dataclass(frozen=True)
class RelayLine:
    relay: str
    relay_type: str
    commune: str
    places: PlaceCounts


@dataclass(frozen=True)
class GroupLine:
    """Relays grouped by kind or by commune."""

    name: str
    relays: int
    places: PlaceCounts


@dataclass(frozen=True)
class DisciplineLine:
    discipline: str
    shows: int
    performances: int
    places_offered: int
    places: PlaceCounts


@dataclass(frozen=True)
class MonthLine:
    month: date  # first day of the month
    performances: int
    places_offered: int
    places: PlaceCounts


@dataclass(frozen=True)
class ReasonLine:
    reason: str
    count: int
    share: float | None  # of the season's unused places
    previous: int | None  # same reason, previous season (None without a previous season)


@dataclass(frozen=True)
class AllocationLine:
    """Surplus allocations of one convention and one kind: planned, then done."""

    partner: str
    kind: str  # French label
    planned_amount: Decimal
    planned_places: int
    done_amount: Decimal | None  # None: nothing recorded as done yet
    done_places: int | None


@dataclass(frozen=True)
class SeasonNarrative:
    """The qualitative part, written by the director and saved with the season."""

    objectives: str = ""
    highlights: str = ""
    relay_feedback: str = ""
    next_steps: str = ""
    gaps: str = ""


NARRATIVE_FIELDS = (
    ("objectives", "Objectifs"),
    ("highlights", "Faits marquants"),
    ("relay_feedback", "Retours des relais"),
    ("next_steps", "Actions pour la saison prochaine"),
    ("gaps", "Explication des écarts avec le prévu"),
)

DEFAULT_OBJECTIVES = (
    "L'Abonnement Culturel Solidaire part d'une conviction : une sortie culturelle est un droit, "
    "et une invitation se partage sans stigmatiser. Les abonnés des structures culturelles "
    "partenaires ajoutent librement un don à leur abonnement ; ces dons financent des places "
    "offertes à des personnes en grande précarité, accompagnées par un travailleur social. "
    "Les relais sociaux transmettent les invitations ; l'association collecte et gère les places, "
    "suit leur utilisation et rapproche les partenaires culturels et les publics."
)


@dataclass(frozen=True)
class SeasonReview:
    season_label: str
    as_of: datetime
    figures: SeasonFigures
    previous: SeasonFigures | None
    partners: tuple[PartnerLine, ...]
    allocations: tuple[AllocationLine, ...]
    relays: tuple[RelayLine, ...]
    relay_types: tuple[GroupLine, ...]
    communes: tuple[GroupLine, ...]
    disciplines: tuple[DisciplineLine, ...]
    months: tuple[MonthLine, ...]
    reasons: tuple[ReasonLine, ...]
    narrative: SeasonNarrative = field(default_factory=SeasonNarrative)
    trends: tuple[TrendLine, ...] = ()  # the last seasons up to this one, oldest first (`TREND_FIGURES`)
    # The association's actions beside the places, per kind and one by one (domain/mediation.py),
    # and the relays' words the director chose to quote (without names).
    mediation_kinds: tuple[MediationKindLine, ...] = ()
    mediation: tuple[MediationLine, ...] = ()
    quotes: tuple[FeedbackQuote, ...] = ()

    @property
    def previous_label(self) -> str | None:
        return self.previous.season_label if self.previous else None

    def comparisons(self) -> list[FigureChange]:
        return [compare(d, self.figures, self.previous) for d in FIGURES]


# --- the figures, their names and definitions -------------------------------------------------
class Kind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    RATE = "rate"


@dataclass(frozen=True)
class FigureDef:
    key: str  # attribute of SeasonFigures
    label: str
    kind: Kind
    definition: str
    section: str


PROGRAMME = "Programme"
PUBLICS = "Publics"
PLACES = "Places"
DONATIONS = "Dons"
MEDIATION = "Actions de médiation"

# What a season counts, once for every figure (the tab, the report, its tables, the XLSX and
# the CSV all read these lines): every convention of the season whatever its state — what was
# booked, printed or used on a draft convention's performances happened, and leaving it out
# would make the places disappear — and every performance of those conventions; a performance
# cancelled by the partner offers no place and counts apart.
SCOPE = (
    "Le bilan compte toutes les conventions de la saison, quel que soit leur état (brouillon compris : ce qui a été "
    "réservé ou utilisé sur leurs représentations a bien eu lieu), et toutes leurs représentations ; une représentation "
    "annulée par le partenaire n'offre aucune place et est comptée à part. « Conventions signées » dit combien de "
    "conventions sont signées ou plus avancées."
)

FIGURES: tuple[FigureDef, ...] = (
    FigureDef(
        "partners",
        "Partenaires",
        Kind.COUNT,
        "Structures culturelles ayant une convention pour la saison, quel que soit son état (brouillon compris) : une ligne par partenaire dans le tableau des partenaires.",
        PROGRAMME,
    ),
    FigureDef(
        "conventions",
        "Conventions",
        Kind.COUNT,
        "Conventions ACS de la saison, quel que soit leur état (brouillon compris) ; une par partenaire.",
        PROGRAMME,
    ),
    FigureDef(
        "conventions_signed",
        "Conventions signées",
        Kind.COUNT,
        "Conventions de la saison signées ou plus avancées (en cours, bilan, clôturée) ; les brouillons n'en font pas partie.",
        PROGRAMME,
    ),
    FigureDef(
        "shows",
        "Spectacles",
        Kind.COUNT,
        "Spectacles retenus avec les partenaires pour la saison, y compris ceux dont les représentations ont été annulées ou ne sont pas encore datées.",
        PROGRAMME,
    ),
    FigureDef(
        "performances",
        "Représentations",
        Kind.COUNT,
        "Représentations proposées aux relais, passées ou à venir, hors représentations annulées par le partenaire.",
        PROGRAMME,
    ),
    FigureDef(
        "performances_cancelled",
        "Représentations annulées",
        Kind.COUNT,
        "Représentations annulées par le partenaire ; elles n'offrent aucune place et leurs places réservées sont comptées comme annulées.",
        PROGRAMME,
    ),
    FigureDef(
        "disciplines",
        "Disciplines",
        Kind.COUNT,
        "Disciplines différentes parmi les spectacles de la saison (les spectacles sans discipline n'en ajoutent pas).",
        PROGRAMME,
    ),
    FigureDef(
        "relays_active",
        "Relais actifs",
        Kind.COUNT,
        "Relais sociaux ayant réservé au moins une place pour une représentation de la saison (même rendue depuis) : une ligne par relais dans le détail par relais.",
        PUBLICS,
    ),
    FigureDef(
        "relay_communes",
        "Communes des relais",
        Kind.COUNT,
        "Communes différentes où se trouvent les relais actifs.",
        PUBLICS,
    ),
    FigureDef(
        "relays_charter_current",
        "Relais à charte à jour",
        Kind.COUNT,
        "Relais actifs de la saison ayant signé la version de la charte en vigueur (celle des réglages de l'association au moment du bilan) ; les relais qui n'ont rien signé ou une version plus ancienne n'en font pas partie.",
        PUBLICS,
    ),
    FigureDef(
        "places_committed",
        "Places engagées",
        Kind.COUNT,
        "Places que les partenaires se sont engagés à offrir dans leur convention.",
        PLACES,
    ),
    FigureDef(
        "places_offered",
        "Places offertes",
        Kind.COUNT,
        "Somme des quotas des représentations mises à disposition (hors représentations annulées).",
        PLACES,
    ),
    FigureDef(
        "places_funded",
        "Places financées",
        Kind.COUNT,
        "Pour chaque convention, dons ÷ valeur d'une place, arrondi à l'unité inférieure ; puis la somme.",
        PLACES,
    ),
    FigureDef(
        "booked",
        "Places réservées",
        Kind.COUNT,
        "Places tenues par la réservation d'un relais (à éditer, éditées, utilisées ou non), accompagnateurs compris ; les places rendues ou annulées n'en font pas partie.",
        PLACES,
    ),
    FigureDef(
        "companions_booked",
        "dont accompagnateurs (réservées)",
        Kind.COUNT,
        "Parmi les places réservées, celles d'un accompagnateur (un proche, un bénévole qui accompagne la personne) ; "
        "les autres sont pour les personnes suivies par les relais.",
        PLACES,
    ),
    FigureDef("issued", "Places éditées", Kind.COUNT, "Places dont le billet a été édité et remis au relais.", PLACES),
    FigureDef(
        "never_issued",
        "Réservées, jamais éditées",
        Kind.COUNT,
        "Places réservées pour une représentation déjà passée dont le billet n'a jamais été édité : elles n'ont pu servir à personne. Elles ne comptent ni comme utilisées ni comme non utilisées, ni dans le taux de participation, et sont à examiner avec le relais.",
        PLACES,
    ),
    FigureDef(
        "used",
        "Places utilisées",
        Kind.COUNT,
        "Places éditées dont la présence a été relevée après la représentation, accompagnateurs compris "
        "(leur part est donnée à la ligne suivante).",
        PLACES,
    ),
    FigureDef(
        "companions_used",
        "dont accompagnateurs (utilisées)",
        Kind.COUNT,
        "Parmi les places utilisées, celles d'un accompagnateur ; places utilisées − accompagnateurs = places utilisées "
        "par les personnes suivies par les relais.",
        PLACES,
    ),
    FigureDef(
        "unused",
        "Places non utilisées",
        Kind.COUNT,
        "Places éditées dont la personne n'est pas venue ; chacune porte un motif de non-utilisation.",
        PLACES,
    ),
    FigureDef(
        "awaiting_record",
        "Présences à relever",
        Kind.COUNT,
        "Places éditées pour une représentation passée dont la présence n'est pas encore relevée.",
        PLACES,
    ),
    FigureDef(
        "cancelled",
        "Places annulées",
        Kind.COUNT,
        "Places rendues par un relais avant la représentation, ou annulées avec la représentation.",
        PLACES,
    ),
    FigureDef(
        "participation_rate",
        "Taux de participation",
        Kind.RATE,
        "Places utilisées ÷ places éditées, pour les seules représentations déjà passées : les représentations à venir ne comptent pas, si bien qu'une saison en cours n'est pas sous-estimée. Les présences encore à relever font baisser le taux jusqu'au relevé. Les places réservées jamais éditées n'y entrent pas (aucun billet n'a été remis) : elles sont données à part.",
        PLACES,
    ),
    FigureDef(
        "no_show_rate",
        "Taux d'absence",
        Kind.RATE,
        "Places non utilisées ÷ places éditées, pour les représentations déjà passées.",
        PLACES,
    ),
    FigureDef(
        "solidarity_subscribers",
        "Abonnés solidaires",
        Kind.COUNT,
        "Abonnés des partenaires ayant ajouté un don à leur abonnement, tels que déclarés par les partenaires (aucune personne n'est enregistrée).",
        DONATIONS,
    ),
    FigureDef(
        "donations",
        "Dons collectés",
        Kind.MONEY,
        "Total des dons déclarés par les partenaires pour la saison.",
        DONATIONS,
    ),
    FigureDef(
        "surplus",
        "Surplus de don",
        Kind.MONEY,
        "Pour chaque convention dont les dons dépassent la valeur des places engagées : dons − valeur d'une place × places engagées ; puis la somme.",
        DONATIONS,
    ),
    FigureDef(
        "places_uncovered",
        "Places engagées non couvertes",
        Kind.COUNT,
        "Pour chaque convention dont les dons ne suffisent pas : places engagées − places financées ; puis la somme. Le surplus d'une convention ne couvre pas le manque d'une autre.",
        DONATIONS,
    ),
    FigureDef(
        "shortfall",
        "Manque de financement",
        Kind.MONEY,
        "Pour chaque convention dont les dons ne suffisent pas : valeur d'une place × places engagées − dons ; puis la somme.",
        DONATIONS,
    ),
    FigureDef(
        "surplus_planned",
        "Surplus affecté (prévu)",
        Kind.MONEY,
        "Montants d'affectation du surplus décidés avec les partenaires : places hors abonnement ou gestion des invitations.",
        DONATIONS,
    ),
    FigureDef(
        "surplus_done",
        "Surplus affecté (réalisé)",
        Kind.MONEY,
        "Montants des affectations du surplus effectivement réalisées.",
        DONATIONS,
    ),
)
FIGURES += (
    FigureDef(
        "mediation_actions",
        "Actions de médiation",
        Kind.COUNT,
        "Actions de l'association à côté des places, datées dans la saison : présentation de saison aux relais, "
        "rencontres partenaires – relais, visites, rencontres avec les artistes, clôture de saison.",
        MEDIATION,
    ),
    FigureDef(
        "mediation_people",
        "Personnes touchées par les actions",
        Kind.COUNT,
        "Somme des participants comptés à chaque action de médiation (une personne venue à deux actions compte deux fois).",
        MEDIATION,
    ),
)
FIGURES_BY_KEY = {d.key: d for d in FIGURES}

# --- from offered to used; several seasons -----------------------------------------------------
# Each step of the funnel and each measure of the trends is a key figure above: same name, same
# definition, same computation (the trends are each season's own key figures).
FUNNEL_STEPS = ("places_offered", "booked", "issued", "used")
FUNNEL_TERM = "Des places offertes aux places utilisées"
FUNNEL_DEFINITION = (
    "Les places suivies d'étape en étape : offertes, réservées, éditées, utilisées ; chaque étape est le chiffre du "
    "même nom et les totaux sont ceux des chiffres clés. Par partenaire, le parcours part des places offertes ; par "
    "type de relais, il part des places réservées : les places sont offertes par les partenaires, pas à un type de "
    "relais."
)
TREND_FIGURES = ("places_offered", "used", "participation_rate", "donations", "relays_active")
TRENDS_MAX = 5
TRENDS_TERM = "Tendances"
TRENDS_DEFINITION = (
    f"Les chiffres clés des dernières saisons enregistrées (jusqu'à {TRENDS_MAX}, la saison du bilan comprise), chacune "
    "calculée comme la saison du bilan. Une saison sans convention, ou absente de la base, est dite « pas de "
    "données » : elle ne compte pas pour zéro."
)
NO_DATA = "pas de données"
NOT_RECORDED = "saison non enregistrée"

OTHER_TERMS = (
    ("Ce que compte le bilan", SCOPE),
    (
        "Relais social",
        "Structure sociale (CCAS, centre social, hébergement, insertion…) qui réserve des places pour les personnes qu'elle accompagne et leur remet les billets.",
    ),
    ("Valeur d'une place", "Montant convenu avec le partenaire pour financer une place par les dons."),
    (
        "Motif de non-utilisation",
        "Raison, recueillie auprès du relais, pour laquelle une place éditée n'a pas été utilisée.",
    ),
    (FUNNEL_TERM, FUNNEL_DEFINITION),
    (TRENDS_TERM, TRENDS_DEFINITION),
    (
        "Saison précédente",
        "Les mêmes chiffres pour la saison qui précède ; l'écart est donné en valeur et en pourcentage (en points pour les taux).",
    ),
)


def never_issued_text(places: int) -> str:
    """« 2 places réservées, jamais éditées, pour des représentations passées »."""
    if places < 2:
        return f"{format_int(places)} place réservée, jamais éditée, pour une représentation passée"
    return f"{format_int(places)} places réservées, jamais éditées, pour des représentations passées"


def review_alerts(figures: SeasonFigures) -> list[str]:
    """What the review must say above its figures: committed places the donations do not cover,
    places booked for a past performance whose tickets were never printed."""
    alerts = []
    if figures.shortfall:
        alerts.append(shortfall_text(figures.places_uncovered, figures.shortfall))
    if figures.never_issued:
        alerts.append(never_issued_text(figures.never_issued))
    return alerts


def figure_value(figures: SeasonFigures, key: str) -> int | Decimal | float | None:
    return getattr(figures, key)


def format_value(definition: FigureDef, value) -> str:
    if value is None:
        return "—"
    if definition.kind is Kind.MONEY:
        return format_money(value)
    if definition.kind is Kind.RATE:
        return format_percent(value)
    return format_int(value)


@dataclass(frozen=True)
class FigureChange:
    definition: FigureDef
    value: int | Decimal | float | None
    previous: int | Decimal | float | None
    change: int | Decimal | float | None  # value − previous (points ×100 for rates are in `change_text`)
    relative: float | None  # change ÷ previous, for counts and amounts

    @property
    def label(self) -> str:
        return self.definition.label

    @property
    def value_text(self) -> str:
        return format_value(self.definition, self.value)

    @property
    def previous_text(self) -> str:
        return format_value(self.definition, self.previous) if self.previous is not None else "—"

    @property
    def change_text(self) -> str:
        """ "+12 (+1,5 %)", "−3,20 €", "+2,4 pts", "=" or "—" (nothing to compare with)."""
        if self.change is None:
            return "—"
        if self.change == 0:
            return "="
        sign = "+" if self.change > 0 else "−"
        magnitude = abs(self.change)
        if self.definition.kind is Kind.RATE:
            return f"{sign}{format_decimal(Decimal(str(magnitude)) * 100, 1)}{NBSP}pt" + (
                "s" if magnitude * 100 >= 2 else ""
            )
        text = format_money(magnitude) if self.definition.kind is Kind.MONEY else format_int(magnitude)
        if self.relative is not None:
            text += f" ({sign}{format_percent(abs(self.relative))})"
        return f"{sign}{text}"


def compare(definition: FigureDef, current: SeasonFigures, previous: SeasonFigures | None) -> FigureChange:
    value = figure_value(current, definition.key)
    before = figure_value(previous, definition.key) if previous is not None else None
    if value is None or before is None:
        return FigureChange(definition, value, before, None, None)
    change = value - before
    relative = None
    if definition.kind is not Kind.RATE and before:
        relative = float(Decimal(change) / Decimal(before))
    return FigureChange(definition, value, before, change, relative)


MONTH_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def month_label(month: date, *, short: bool = False) -> str:
    """« novembre 2026 » or « nov. 26 »."""
    if short:
        return f"{MONTH_SHORT[month.month - 1]} {month.year % 100:02d}"
    return f"{MONTHS[month.month - 1]} {month.year}"


# --- from offered to used (the funnel) --------------------------------------------------------
@dataclass(frozen=True)
class FunnelLine:
    """One line of the funnel: a partner (from its places offered) or a kind of relay (from its
    places booked: `offered` is None, places are offered by partners, not to a kind of relay)."""

    name: str
    offered: int | None
    booked: int
    issued: int
    used: int

    @property
    def steps(self) -> tuple[int | None, ...]:
        """The values in the order of `FUNNEL_STEPS`."""
        return (self.offered, self.booked, self.issued, self.used)


def funnel_line(name: str, offered: int | None, places: PlaceCounts) -> FunnelLine:
    return FunnelLine(name, offered, places.booked, places.issued, places.used)


def funnel_total(figures: SeasonFigures, *, offered: bool = True) -> FunnelLine:
    """The funnel's total line: the key figures themselves."""
    return FunnelLine(
        "Total", figures.places_offered if offered else None, figures.booked, figures.issued, figures.used
    )


def partner_funnel(review: SeasonReview) -> tuple[FunnelLine, ...]:
    return tuple(funnel_line(p.partner, p.places_offered, p.places) for p in review.partners)


def relay_type_funnel(review: SeasonReview) -> tuple[FunnelLine, ...]:
    return tuple(funnel_line(g.name, None, g.places) for g in review.relay_types)


def funnel_label(key: str) -> str:
    """« Places offertes » → « offertes », for a chart's legend."""
    return FIGURES_BY_KEY[key].label.removeprefix("Places ")


# --- several seasons (the trends) -------------------------------------------------------------
@dataclass(frozen=True)
class TrendLine:
    """One season of the trends: its key figures, or None when the season is not in the store."""

    season_label: str
    figures: SeasonFigures | None

    @property
    def has_data(self) -> bool:
        """A season without any convention has nothing to count: it reads « pas de données »."""
        return self.figures is not None and self.figures.conventions > 0

    @property
    def status(self) -> str:
        """ "" for a season with data, else why it has none."""
        if self.figures is None:
            return NOT_RECORDED
        return "" if self.has_data else NO_DATA

    def value(self, key: str) -> int | Decimal | float | None:
        return figure_value(self.figures, key) if self.has_data and self.figures is not None else None

    def number(self, key: str) -> float | None:
        """The value as a number for a chart (a rate stays a ratio), None without data."""
        value = self.value(key)
        return None if value is None else float(value)

    def text(self, key: str) -> str:
        """The French text of one measure, or why there is none."""
        if not self.has_data:
            return self.status
        return format_value(FIGURES_BY_KEY[key], self.value(key))


def trends_title(review: SeasonReview) -> str:
    """« Tendances sur 4 saisons »."""
    n = len(review.trends)
    return f"Tendances sur {n} saisons" if n > 1 else "Tendances d'une saison à l'autre"
