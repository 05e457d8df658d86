"""What importing returned booking forms announces, then did: per form, per line.

A form is refused whole (`FormOutcome.refusal`: file, sheet and line in French) when it was changed
beyond its fillable cells, is not a form, or was already applied; otherwise each filled line is
booked, put on the waiting list, returned or refused with the services' own reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LineOutcome(StrEnum):
    BOOKED = "booked"
    WAITING = "waiting"
    RETURNED = "returned"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            LineOutcome.BOOKED: "Réservé",
            LineOutcome.WAITING: "Liste d'attente",
            LineOutcome.RETURNED: "Places rendues",
            LineOutcome.REFUSED: "Refusé",
        }[self]


@dataclass(frozen=True)
class FormLine:
    sheet: str
    line: int  # as a spreadsheet numbers it
    performance: str  # « Titre » du 12/03/2027 à 20:30
    asked: int  # places asked, or to return
    outcome: LineOutcome
    detail: str  # the reason of a refusal, what was done otherwise
    codes: tuple[str, ...] = ()  # the ticket codes booked (only once applied)
    first_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormOutcome:
    path: str
    file_name: str
    form_key: str = ""
    relay_name: str = ""
    season_label: str = ""
    refusal: str = ""  # the whole form is refused: why, with file, sheet and line
    refusal_code: str = ""
    lines: tuple[FormLine, ...] = ()
    fingerprint: str = ""

    @property
    def refused(self) -> bool:
        return bool(self.refusal)

    def count(self, outcome: LineOutcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)


@dataclass(frozen=True)
class FormsImport:
    """The forms in the order they are applied; `applied` False: a preview, nothing written."""

    forms: tuple[FormOutcome, ...]
    applied: bool = False

    def count(self, outcome: LineOutcome) -> int:
        return sum(form.count(outcome) for form in self.forms)

    @property
    def refused_forms(self) -> int:
        return sum(1 for form in self.forms if form.refused)

    @property
    def has_work(self) -> bool:
        return any(line.outcome is not LineOutcome.REFUSED for form in self.forms for line in form.lines)
