"""The association's work beside the places, and the relays' word after a performance.

Mediation actions (the season's presentation to the relays, meetings between partners and relays,
visits, meetings with artists, the closing event) are counted in the review and listed in the
report's « Actions réalisées ». A relay's feedback (a short text and an optional 1–4 scale) is
recorded per booking with the attendance; the director chooses which to quote, and the report
quotes them without naming anyone: neither a person nor the relay, only its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

FEEDBACK_MAX = 500
NOTE_MAX = 300
MAX_PEOPLE = 100_000


class MediationKind(StrEnum):
    PRESENTATION = "presentation"
    MEETING = "meeting"
    VISIT = "visit"
    ARTISTS = "artists"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    MediationKind.PRESENTATION: "Présentation de saison aux relais",
    MediationKind.MEETING: "Rencontre partenaires – relais",
    MediationKind.VISIT: "Visite",
    MediationKind.ARTISTS: "Rencontre avec les artistes",
    MediationKind.CLOSING: "Clôture de saison",
}

# The relay's appreciation of the outing, optional: 1 (lowest) to 4 (highest).
SCALE_LABELS = {1: "1 – pas satisfait", 2: "2 – peu satisfait", 3: "3 – satisfait", 4: "4 – très satisfait"}


def scale_label(scale: int | None) -> str:
    return SCALE_LABELS.get(scale, "—") if scale is not None else "—"


@dataclass(frozen=True)
class MediationAction:
    """One action as the window lists it and edits it (`version`: the one the dialog read)."""

    id: int
    on: date
    kind: MediationKind
    partner_ids: tuple[int, ...]
    partners: tuple[str, ...]
    relay_ids: tuple[int, ...]
    relays: tuple[str, ...]
    people: int
    note: str
    version: int

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class MediationKindLine:
    """The season's actions of one kind: how many, how many people they reached."""

    kind: str  # French label
    actions: int
    people: int


@dataclass(frozen=True)
class MediationLine:
    """One action as the report lists it: the relays are institutions, named; never a person."""

    on: date
    kind: str  # French label
    partners: tuple[str, ...]
    relays: tuple[str, ...]
    people: int


@dataclass(frozen=True)
class RelayFeedback:
    """The relay's word on one booking (one relay, one performance)."""

    id: int
    booking_id: int
    text: str
    scale: int | None
    quoted: bool
    recorded_at: datetime
    version: int


@dataclass(frozen=True)
class FeedbackLine:
    """A feedback of the season, for the director choosing what to quote (the office's own list)."""

    id: int
    booking_id: int
    relay: str
    relay_type: str | None
    show_title: str
    starts_at: datetime
    text: str
    scale: int | None
    quoted: bool
    version: int


@dataclass(frozen=True)
class FeedbackQuote:
    """A chosen feedback as the report quotes it: the kind of relay, never its name nor a person's."""

    relay_type: str | None
    show_title: str
    text: str
    scale: int | None

    def sentence(self) -> str:
        """« Un relais (centre social), après « Titre » : … »."""
        kind = _lower_first(self.relay_type or "")
        # « Un relais (centre social) »; a kind with its own brackets reads « Un relais, centre
        # d'hébergement (CHRS), » (never brackets within brackets).
        who = (f"Un relais, {kind}," if "(" in kind else f"Un relais ({kind})") if kind else "Un relais"
        said = f"{who}{'' if who.endswith(',') else ','} après « {self.show_title} » : « {self.text} »"
        if self.scale is not None:
            said += f" (appréciation : {self.scale}/4)"
        return said


def _lower_first(text: str) -> str:
    """« Centre social » → « centre social »; an acronym (« CCAS ») stays as it is."""
    text = " ".join(text.split())
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
