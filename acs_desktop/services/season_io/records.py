"""What an import reads and will write: the plan shown to the person, the problems found, and
the records the writer turns into rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from acs_desktop.domain.review import SeasonNarrative
from acs_desktop.models import AllocationKind, ConventionState
from acs_desktop.services.season_io.files import Source


def key(name: str) -> str:
    """How names are matched: case and spaces ignored (as `same_name`)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ImportProblem:
    where: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.where}, ligne {self.line} : {self.message}" if self.line else f"{self.where} : {self.message}"


@dataclass(frozen=True)
class PlanLine:
    kind: str
    new: int
    existing: int = 0  # found in the store and reused


@dataclass(frozen=True)
class ImportPlan:
    """What an import would create, or why it cannot be done. `apply` checks it again."""

    source: Source
    lines: tuple[PlanLine, ...]
    problems: tuple[ImportProblem, ...]
    seasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and any(line.new for line in self.lines)


# --- what will be written -----------------------------------------------------------------
@dataclass
class PartnerRec:
    name: str
    address: str = ""
    postal_code: str = ""
    commune: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""
    existing_id: int | None = None


@dataclass
class ConventionRec:
    partner: str  # key
    season: str
    state: ConventionState
    places: int
    subscribers: int
    donations: Decimal
    place_value: Decimal
    signed_on: date | None
    notes: str
    existing_id: int | None = None
    planned: Decimal = Decimal("0.00")  # surplus already allocated


@dataclass
class RelayRec:
    name: str
    commune: str
    kind: str = ""
    referent: str = ""
    phone: str = ""
    email: str = ""
    active: bool = True
    existing_id: int | None = None


@dataclass
class PerformanceRec:
    partner: str  # key
    season: str
    title: str
    discipline: str
    venue: str
    starts_at: datetime | None  # None: a show with no performance yet
    quota: int
    deadline: datetime | None
    cancelled: bool
    existing_id: int | None = None
    held: int = 0


@dataclass
class ReservationRec:
    performance: tuple  # key of a PerformanceRec
    relay: tuple  # key of a RelayRec
    held: int
    issued: int
    used: int | None
    reason_id: int | None
    cancelled: int


@dataclass
class AllocationRec:
    convention: tuple
    kind: AllocationKind
    planned_amount: Decimal
    planned_places: int
    done_amount: Decimal | None
    done_places: int | None
    decided_on: date | None
    done_on: date | None
    note: str


@dataclass
class Draft:
    seasons: dict[str, int | None] = field(default_factory=dict)  # label → existing id
    partners: dict[str, PartnerRec] = field(default_factory=dict)
    conventions: dict[tuple, ConventionRec] = field(default_factory=dict)
    relays: dict[tuple, RelayRec] = field(default_factory=dict)
    performances: dict[tuple, PerformanceRec] = field(default_factory=dict)
    reservations: list[ReservationRec] = field(default_factory=list)
    allocations: list[AllocationRec] = field(default_factory=list)
    narratives: dict[str, SeasonNarrative] = field(default_factory=dict)


def summarize(source: Source, d: Draft, known, problems: list[ImportProblem]) -> ImportPlan:
    """What the draft would create, and what it reuses from the store."""
    performances = [p for p in d.performances.values() if p.existing_id is None]
    shows = {(p.partner, p.season, key(p.title)) for p in performances}
    venues = {(p.partner, key(p.venue)) for p in performances if p.venue}
    kinds = {key(r.kind) for r in d.relays.values() if r.kind and r.existing_id is None}
    disciplines = {key(p.discipline) for p in performances if p.discipline}
    recorded = [r for r in d.reservations if r.used is not None]

    def split(found: set, store: set) -> tuple[int, int]:
        return len(found - store), len(found & store)

    lines = [
        PlanLine("Saisons", sum(1 for v in d.seasons.values() if v is None), sum(1 for v in d.seasons.values() if v is not None)),
        PlanLine("Partenaires", sum(1 for p in d.partners.values() if p.existing_id is None), sum(1 for p in d.partners.values() if p.existing_id is not None)),
        PlanLine("Conventions", len(d.conventions)),
        PlanLine("Affectations du surplus", len(d.allocations)),
        PlanLine("Types de relais", *split(kinds, known.kinds)),
        PlanLine("Relais", sum(1 for r in d.relays.values() if r.existing_id is None), sum(1 for r in d.relays.values() if r.existing_id is not None)),
        PlanLine("Disciplines", *split(disciplines, known.disciplines)),
        PlanLine("Salles", *split(venues, known.venues)),
        PlanLine("Spectacles", *split(shows, known.shows)),
        PlanLine("Représentations", sum(1 for p in performances if p.starts_at is not None)),
        PlanLine("Réservations", len(d.reservations)),
        PlanLine("Places (invitations)", sum(r.held + r.cancelled for r in d.reservations)),
        PlanLine("dont utilisées", sum(r.used for r in recorded)),
        PlanLine("dont non utilisées", sum(r.issued - r.used for r in recorded)),
        PlanLine("Bilans qualitatifs", len(d.narratives)),
    ]
    labels = sorted(set(d.seasons) | {c[1] for c in d.conventions} | {p.season for p in performances} | set(d.narratives))
    return ImportPlan(source, tuple(lines), tuple(problems), tuple(labels))
