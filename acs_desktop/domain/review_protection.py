"""The season review as it leaves the office: which of its counts read « moins de N ».

The funders' report, its XLSX and its CSV all ask one `ReviewProtection`, computed once per
review over every breakdown they publish (partners, relays, relay types, communes, disciplines,
months, reasons for non-use), so that the PDF and the spreadsheets hide the same cells — two
outputs hiding different cells would give each other away. The director's tab reads the review
itself: exact numbers.

The relations a reader knows (`small_counts.Line`):

- every column of a breakdown adds up to its published total (a key figure, or the previous
  season's for the reasons' last column);
- the relays of one type, of one commune, add up to that type's, that commune's line (the relays'
  table names both);
- within a line, `issued = used + unused` and `booked = issued + never_issued` once the season's
  performances are past and recorded: each is taken as known wherever it holds.

A count hidden beside a small one reads « masqué », never « moins de N » (it may be 40).
Rates are not banded but hidden (« masqué ») on a line whose places used, unused or printed are
hidden: a participation
rate times the places printed gives back the places used, and a band (« moins de 50 % ») would
still narrow a hidden count down; a rate over fewer than N places says nothing a funder can use
anyway. Key figures and totals stay exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from acs_desktop.domain.review import PlaceCounts, SeasonReview
from acs_desktop.domain.small_counts import DEFAULT_THRESHOLD, Key, Line, protect, small_text

# The place counts a breakdown publishes (issued_past only through its rates).
PROTECTED_FIELDS = ("booked", "issued", "never_issued", "used", "unused", "cancelled")
RATE_FIELDS = ("issued", "used", "unused")  # what the rates are made of (used ÷ printed, unused ÷ printed)
BREAKDOWNS = ("partners", "relays", "relay_types", "communes", "disciplines", "months")
MASKED = "masqué"


class Small(str):
    """A count shown as « moins de N » (a `str`: every writer prints it as it is)."""

    __slots__ = ()


class Masked(str):
    """« masqué »: a count hidden beside a small one, or a rate of a line with a hidden count."""

    __slots__ = ()


Shown = int | Small | Masked


@dataclass(frozen=True)
class ShownPlaces:
    """A line's place counts as published: an int, or « moins de N »; its rates, or « masqué »."""

    booked: Shown
    issued: Shown
    never_issued: Shown
    used: Shown
    unused: Shown
    cancelled: Shown
    participation_rate: float | Masked | None
    no_show_rate: float | Masked | None


@dataclass(frozen=True)
class ReviewProtection:
    threshold: int  # 0 or 1: nothing hidden
    hidden: frozenset[Key] = frozenset()

    @property
    def active(self) -> bool:
        return self.threshold > 1

    @property
    def small(self) -> Small:
        return Small(small_text(self.threshold))

    def count(self, table: str, index: int, field: str, value: int) -> Shown:
        """The count, « moins de N » (a small one), or « masqué » (hidden beside a small one)."""
        if (table, index, field) not in self.hidden:
            return value
        return self.small if 0 < value < self.threshold else Masked(MASKED)

    def rate(self, table: str, index: int, value: float | None) -> float | Masked | None:
        """A line's participation or absence rate, « masqué » when a count it is made of is hidden
        (used, unused, or the places printed they are taken from)."""
        hidden = any((table, index, field) in self.hidden for field in RATE_FIELDS)
        return Masked(MASKED) if hidden else value

    def places(self, table: str, index: int, places: PlaceCounts) -> ShownPlaces:
        counts = {field: self.count(table, index, field, getattr(places, field)) for field in PROTECTED_FIELDS}
        return ShownPlaces(
            **counts,
            participation_rate=self.rate(table, index, places.participation_rate),
            no_show_rate=self.rate(table, index, places.no_show_rate),
        )

    def reason(self, index: int, field: str, value: int | None) -> Shown | None:
        return None if value is None else self.count("reasons", index, field, value)

    def share(self, index: int, value: float | None) -> float | Masked | None:
        return Masked(MASKED) if ("reasons", index, "count") in self.hidden else value


@dataclass(frozen=True)
class ShownFunnelLine:
    """A funnel line (`domain.review.FunnelLine`) as published: its places booked, printed and
    used are those of the partners' or the relay types' line, protected the same way."""

    name: str
    offered: int | None
    booked: Shown
    issued: Shown
    used: Shown

    @property
    def steps(self) -> tuple[Shown | None, ...]:
        return (self.offered, self.booked, self.issued, self.used)


def published_funnel(lines: Sequence, table: str, protection: ReviewProtection) -> tuple[ShownFunnelLine, ...]:
    """The funnel lines of a breakdown (`table`: partners or relay_types, same order), protected."""
    return tuple(
        ShownFunnelLine(
            line.name,
            line.offered,
            protection.count(table, index, "booked", line.booked),
            protection.count(table, index, "issued", line.issued),
            protection.count(table, index, "used", line.used),
        )
        for index, line in enumerate(lines)
    )


def no_protection() -> ReviewProtection:
    return ReviewProtection(0)


def review_cells(review: SeasonReview) -> tuple[dict[Key, int], list[Line]]:
    """The counts the review publishes per line, and the relations a reader knows between them."""
    values: dict[Key, int] = {}
    lines: list[Line] = []
    for table in BREAKDOWNS:
        rows = getattr(review, table)
        for index, row in enumerate(rows):
            places = row.places
            for field in PROTECTED_FIELDS:
                values[(table, index, field)] = getattr(places, field)
            if places.issued == places.used + places.unused:
                lines.append(Line(((table, index, "used"), (table, index, "unused")), (table, index, "issued")))
            if places.booked == places.issued + places.never_issued:
                lines.append(Line(((table, index, "issued"), (table, index, "never_issued")), (table, index, "booked")))
        lines += [Line(tuple((table, index, field) for index in range(len(rows)))) for field in PROTECTED_FIELDS]
    for table, attribute in (("relay_types", "relay_type"), ("communes", "commune")):
        for index, group in enumerate(getattr(review, table)):
            members = [i for i, relay in enumerate(review.relays) if getattr(relay, attribute) == group.name]
            lines += _group_lines(review.relays, members, table, index, group.places)
    lines += _mediation_cells(review, values)
    for field in ("count", "previous"):
        present = [(i, getattr(r, field)) for i, r in enumerate(review.reasons) if getattr(r, field) is not None]
        for index, value in present:
            values[("reasons", index, field)] = value
        if present:
            lines.append(Line(tuple(("reasons", index, field) for index, _ in present)))
    return values, lines


def _mediation_cells(review: SeasonReview, values: dict[Key, int]) -> list[Line]:
    """The people each mediation action reached, and per kind of action: a visit with three
    people can point at them as well as a small relay does."""
    for index, action in enumerate(review.mediation):
        values[("mediation", index, "people")] = action.people
    for index, kind in enumerate(review.mediation_kinds):
        values[("mediation_kinds", index, "people")] = kind.people
    lines = [
        Line(tuple((table, index, "people") for index in range(len(rows))))
        for table, rows in (("mediation", review.mediation), ("mediation_kinds", review.mediation_kinds))
        if rows
    ]
    for index, kind in enumerate(review.mediation_kinds):
        members = [i for i, action in enumerate(review.mediation) if action.kind == kind.kind]
        if sum(review.mediation[i].people for i in members) == kind.people:
            lines.append(Line(tuple(("mediation", i, "people") for i in members), ("mediation_kinds", index, "people")))
    return lines


def _group_lines(relays: Sequence, members: list[int], table: str, index: int, places: PlaceCounts) -> list[Line]:
    lines = []
    for field in PROTECTED_FIELDS:
        if sum(getattr(relays[i].places, field) for i in members) == getattr(places, field):
            lines.append(Line(tuple(("relays", i, field) for i in members), (table, index, field)))
    return lines


def protect_review(review: SeasonReview, threshold: int = DEFAULT_THRESHOLD) -> ReviewProtection:
    """What of the review reads « moins de N » once it leaves the office."""
    if threshold <= 1:
        return ReviewProtection(threshold)
    values, lines = review_cells(review)
    return ReviewProtection(threshold, protect(values, lines, threshold))


def protection_note(threshold: int) -> str:
    """The report's one note about it (empty without protection)."""
    if threshold <= 1:
        return ""
    return (
        f"Pour protéger les personnes, un nombre de moins de {threshold} personnes dans une ligne d'un tableau se lit "
        f"« moins de {threshold} » ; d'autres nombres de la même ligne ou colonne sont « masqué » pour qu'il ne puisse pas "
        "se déduire des totaux, et les taux de ces lignes aussi. Les totaux et les chiffres clés sont exacts."
    )


def protection_terms(threshold: int) -> tuple[tuple[str, str], ...]:
    """« moins de N » and « masqué » in the definitions (none without protection)."""
    if threshold <= 1:
        return ()
    return (
        (
            f"moins de {threshold}",
            f"Nombre de 1 à {threshold - 1} personnes dans une ligne d'un tableau (relais, type de relais, commune, "
            "partenaire, discipline, mois, motif, action de médiation) : il n'est pas donné, pour que personne ne puisse être reconnu.",
        ),
        (
            "masqué",
            f"Nombre caché à côté d'un « moins de {threshold} » de sa ligne ou de sa colonne, pour qu'on ne puisse pas "
            "le retrouver en retranchant les autres nombres d'un total ; taux d'une ligne dont un nombre est caché "
            "(le taux redonnerait le nombre). Les totaux restent exacts.",
        ),
    )
