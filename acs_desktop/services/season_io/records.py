"""What an import reads and will write: the plan shown to the person, the problems found, and
the records the writer turns into rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from acs_desktop.domain.french import format_int
from acs_desktop.domain.review import SeasonNarrative
from acs_desktop.domain.states import AllocationKind, ConventionState
from acs_desktop.services.season_io.reading import Source


def key(name: str) -> str:
    """How names are matched: case and spaces ignored (as `same_name`)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ImportProblem:
    where: str
    line: int | None
    message: str
    depends_on: str | None = None  # a line waiting for this refused one ("offres.csv, ligne 3") to be corrected

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
    problems: tuple[ImportProblem, ...]  # at most a few hundred listed per file
    seasons: tuple[str, ...]
    to_correct: int = 0  # problems in all, listed or not, but the lines waiting
    waiting: int = 0  # lines waiting for a refused line they rely on
    unlisted: tuple[ImportProblem, ...] = ()  # per file past the listed ones: « et 59 lignes de plus… »

    @property
    def ok(self) -> bool:
        return not self.problems and any(line.new for line in self.lines)

    @property
    def refusal(self) -> str:
        """« 3 problème(s) à corriger et 5 ligne(s) en attente de ces corrections », for a summary."""
        text = f"{format_int(self.to_correct)} problème(s) à corriger"
        if self.waiting:
            text += f" et {format_int(self.waiting)} ligne(s) en attente de ces corrections"
        return text


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


@dataclass(slots=True)
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
    ref: tuple = ()  # its key in Draft.performances, shared by its bookings


@dataclass(slots=True)
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
class Reservations:
    """The bookings read, counted as they come. Not kept while checking; while writing, handed
    to `sink` by batches, so that no list of every booking (or invitation) is ever built."""

    BATCH: ClassVar[int] = 2000
    count: int = 0
    places: int = 0
    used: int = 0
    unused: int = 0
    sink: Callable[[list[ReservationRec]], None] | None = None
    pending: list[ReservationRec] = field(default_factory=list)

    def add(self, r: ReservationRec) -> None:
        self.count += 1
        self.places += r.held + r.cancelled
        if r.used is not None:
            self.used += r.used
            self.unused += r.issued - r.used
        if self.sink is not None:
            self.pending.append(r)
            if len(self.pending) >= self.BATCH:
                self.flush()

    def flush(self) -> None:
        if self.pending and self.sink is not None:
            self.sink(self.pending)
        self.pending = []


@dataclass
class Draft:
    seasons: dict[str, int | None] = field(default_factory=dict)  # label → existing id
    partners: dict[str, PartnerRec] = field(default_factory=dict)
    conventions: dict[tuple, ConventionRec] = field(default_factory=dict)
    relays: dict[tuple, RelayRec] = field(default_factory=dict)
    performances: dict[tuple, PerformanceRec] = field(default_factory=dict)
    reservations: Reservations = field(default_factory=Reservations)
    allocations: list[AllocationRec] = field(default_factory=list)
    narratives: dict[str, SeasonNarrative] = field(default_factory=dict)


def summarize(
    source: Source,
    d: Draft,
    known,
    problems: list[ImportProblem],
    to_correct: int = 0,
    waiting: int = 0,
    unlisted: tuple[ImportProblem, ...] = (),
) -> ImportPlan:
    """What the draft would create, and what it reuses from the store."""
    performances = [p for p in d.performances.values() if p.existing_id is None]
    shows = {(p.partner, p.season, key(p.title)) for p in performances}
    venues = {(p.partner, key(p.venue)) for p in performances if p.venue}
    kinds = {key(r.kind) for r in d.relays.values() if r.kind and r.existing_id is None}
    disciplines = {key(p.discipline) for p in performances if p.discipline}

    def split(found: set, store: set) -> tuple[int, int]:
        return len(found - store), len(found & store)

    lines = [
        PlanLine(
            "Saisons",
            sum(1 for v in d.seasons.values() if v is None),
            sum(1 for v in d.seasons.values() if v is not None),
        ),
        PlanLine(
            "Partenaires",
            sum(1 for p in d.partners.values() if p.existing_id is None),
            sum(1 for p in d.partners.values() if p.existing_id is not None),
        ),
        PlanLine("Conventions", len(d.conventions)),
        PlanLine("Affectations du surplus", len(d.allocations)),
        PlanLine("Types de relais", *split(kinds, known.kinds)),
        PlanLine(
            "Relais",
            sum(1 for r in d.relays.values() if r.existing_id is None),
            sum(1 for r in d.relays.values() if r.existing_id is not None),
        ),
        PlanLine("Disciplines", *split(disciplines, known.disciplines)),
        PlanLine("Salles", *split(venues, known.venues)),
        PlanLine("Spectacles", *split(shows, known.shows)),
        PlanLine("Représentations", sum(1 for p in performances if p.starts_at is not None)),
        PlanLine("Réservations", d.reservations.count),
        PlanLine("Places (invitations)", d.reservations.places),
        PlanLine("dont utilisées", d.reservations.used),
        PlanLine("dont non utilisées", d.reservations.unused),
        PlanLine("Bilans qualitatifs", len(d.narratives)),
    ]
    labels = sorted(
        set(d.seasons) | {c[1] for c in d.conventions} | {p.season for p in performances} | set(d.narratives)
    )
    return ImportPlan(source, tuple(lines), tuple(problems), tuple(labels), to_correct, waiting, unlisted)
