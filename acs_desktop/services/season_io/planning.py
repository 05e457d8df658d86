"""Checking an import before anything is written: every line of every file against the store,
and what the import would create.

Names already in the store (partners, relays, kinds of relay, disciplines, halls, seasons) are
matched ignoring case and spaces, never duplicated. History keeps the domain's invariants: places
held never exceed a performance's quota, attendance only for a performance already past, a
known reason for each unused place, surplus allocations within the surplus. Bookings on past
performances are normal here (they are history), so the rules about booking *now* do not apply.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_time, parse_date, parse_time
from acs_desktop.domain.funding import surplus
from acs_desktop.domain.review import SeasonNarrative
from acs_desktop.domain.seasons import parse_season_label, season_label_for
from acs_desktop.domain.validation import count, money, optional_text, required_text
from acs_desktop.models import (
    HOLDING_STATUSES,
    AllocationKind,
    Convention,
    ConventionState,
    Discipline,
    Invitation,
    NonUseReason,
    Partner,
    Performance,
    PerformanceState,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
    Venue,
)
from acs_desktop.services.season_io.files import SPECS, Source, SourceRow, SourceTable, plain

NARRATIVE_COLUMNS = (("objectifs", "objectives"), ("faits_marquants", "highlights"), ("retours_relais", "relay_feedback"), ("perspectives", "next_steps"), ("ecarts", "gaps"))
STATES = {plain(s.label): s for s in ConventionState} | {plain(s.value): s for s in ConventionState}
KINDS = {plain(k.label): k for k in AllocationKind} | {plain(k.value): k for k in AllocationKind} | {"places": AllocationKind.EXTRA_PLACES, "gestion": AllocationKind.MANAGEMENT}
YES = {"oui", "o", "x", "1", "vrai", "yes", "true"}
NO = {"non", "n", "0", "faux", "no", "false"}
BAD = object()  # a value that could not be read (its problem is already recorded)


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


class Planner:
    """Reads the source against the store (inside the caller's transaction)."""

    def __init__(self, session: Session, source: Source, now: datetime):
        self.s = session
        self.source = source
        self.now = now
        self.problems: list[ImportProblem] = [ImportProblem(where, None, reason) for where, reason in source.unreadable]
        self.draft = Draft()
        self.file_performances: dict[tuple, list[PerformanceRec]] = defaultdict(list)  # (title, starts_at) → read from offres
        self._load_store()

    # --- the store as it is ---------------------------------------------------------------
    def _load_store(self) -> None:
        s = self.s
        self.store_partners = {key(name): (pid, name) for pid, name in s.execute(select(Partner.id, Partner.name))}
        self.store_seasons = {
            label: (sid, ends_on, any((a, b, c, d, e)))
            for sid, label, ends_on, a, b, c, d, e in s.execute(select(
                Season.id, Season.label, Season.ends_on, Season.review_objectives, Season.review_highlights,
                Season.review_relay_feedback, Season.review_next_steps, Season.review_gaps))
        }
        planned = dict(s.execute(select(SurplusAllocation.convention_id, func.sum(SurplusAllocation.planned_amount)).group_by(SurplusAllocation.convention_id)).all())
        self.store_conventions = {
            (key(name), label): ConventionRec(key(name), label, c.state, c.places_committed, c.solidarity_subscribers, c.donations,
                                              c.place_value, c.signed_on, c.notes, c.id, planned.get(c.id) or Decimal("0.00"))
            for c, name, label in s.execute(select(Convention, Partner.name, Season.label).join(Partner, Partner.id == Convention.partner_id).join(Season, Season.id == Convention.season_id))
        }
        self.store_relays: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for rid, name, commune in s.execute(select(Relay.id, Relay.name, Relay.commune)):
            self.store_relays[key(name)].append((commune, rid))
        self.store_kinds = {key(n): n for n in s.scalars(select(RelayType.name))}
        self.store_disciplines = {key(n): n for n in s.scalars(select(Discipline.name))}
        self.reasons: dict[str, int] = {}
        self.reason_labels: list[str] = []
        for rid, label in s.execute(select(NonUseReason.id, NonUseReason.label).order_by(NonUseReason.position)):
            self.reasons[plain(label)] = rid
            self.reasons.setdefault(plain(label.split(" (")[0]), rid)  # "Appréhension" alone
            self.reason_labels.append(label)
        held = func.sum(case((Invitation.status.in_(HOLDING_STATUSES), 1), else_=0))
        held_by = dict(s.execute(select(Invitation.performance_id, held).group_by(Invitation.performance_id)).all())
        self.store_performances: dict[tuple, list[PerformanceRec]] = defaultdict(list)
        query = (
            select(Performance, Show.title, Partner.name, Season.label, Discipline.name, Venue.name)
            .join(Show, Show.id == Performance.show_id).join(Convention, Convention.id == Show.convention_id)
            .join(Partner, Partner.id == Convention.partner_id).join(Season, Season.id == Convention.season_id)
            .outerjoin(Discipline, Discipline.id == Show.discipline_id).outerjoin(Venue, Venue.id == Performance.venue_id)
        )
        for p, title, partner, label, discipline, venue in s.execute(query):
            rec = PerformanceRec(key(partner), label, title, discipline or "", venue or "", p.starts_at, p.quota, p.booking_deadline,
                                 p.state is PerformanceState.CANCELLED, p.id, held_by.get(p.id, 0) or 0)
            self.store_performances[(key(title), p.starts_at)].append(rec)
        self.store_venues = {(key(partner), key(name)) for name, partner in s.execute(select(Venue.name, Partner.name).join(Partner, Partner.id == Venue.partner_id))}
        self.store_shows = {(key(partner), label, key(title)) for title, partner, label in s.execute(
            select(Show.title, Partner.name, Season.label).join(Convention, Convention.id == Show.convention_id)
            .join(Partner, Partner.id == Convention.partner_id).join(Season, Season.id == Convention.season_id))}

    # --- reading cells ----------------------------------------------------------------------
    def _problem(self, table: SourceTable, row: SourceRow | None, message: str) -> None:
        self.problems.append(ImportProblem(table.where, row.line if row else None, message))

    def _read(self, table, row, column, parse, default=None):
        text = row.text(column)
        if not text:
            return default
        try:
            return parse(row.values.get(column), text, column)
        except DomainError as error:
            self._problem(table, row, error.message)
            return BAD

    def _text(self, table, row, column, max_length=200, required=False, multiline=False):
        try:
            if required:
                return required_text(row.text(column), f"La colonne {column}", column, max_length)
            return optional_text(row.text(column), f"Colonne {column}", column, max_length, multiline=multiline)
        except DomainError as error:
            self._problem(table, row, error.message)
            return BAD

    @staticmethod
    def _count(_value, text, column):
        return count(text, f"Colonne {column}", column)

    @staticmethod
    def _money(value, text, column):
        if isinstance(value, float):
            value = Decimal(str(value))
        return money(value if isinstance(value, Decimal | int) else text, f"Colonne {column}", column)

    @staticmethod
    def _date(value, text, column):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(text, field=column, what=f"Colonne {column}")

    @staticmethod
    def _time(value, text, column):
        if isinstance(value, datetime):
            return value.time()
        if isinstance(value, time):
            return value
        return parse_time(text, field=column, what=f"Colonne {column}")

    @staticmethod
    def _datetime(value, text, column):
        """"14/02/2026 18:00", or a date alone: until the end of that day."""
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime.combine(value, time(23, 59))
        day, _, hour = text.partition(" ")
        moment = parse_time(hour, field=column, what=f"Colonne {column}") if hour.strip() else time(23, 59)
        return datetime.combine(parse_date(day, field=column, what=f"Colonne {column}"), moment)

    @staticmethod
    def _season(_value, text, column):
        return parse_season_label(text)[0]

    @staticmethod
    def _yes_no(_value, text, column):
        word = plain(text)
        if word in YES:
            return True
        if word in NO:
            return False
        raise DomainError("yes_no_invalid", f"Colonne {column} : écrivez « oui » ou « non » (pas « {text} »).")

    # --- the whole source ---------------------------------------------------------------------
    def run(self) -> tuple[ImportPlan, Draft]:
        tables = self.source.tables
        if not tables and not self.problems:
            names = ", ".join(f"{spec.name}.csv" for spec in SPECS[:5])
            self.problems.append(ImportProblem(self.source.path, None, f"aucun fichier de saison trouvé (attendus : {names}…)."))
        for spec in SPECS:
            table = tables.get(spec.name)
            if table is None:
                continue
            missing = [c for c in spec.required if c not in table.columns]
            if missing:
                self._problem(table, None if not table.columns else SourceRow(1, {}), f"colonne(s) manquante(s) : {', '.join(missing)}.")
                continue
            getattr(self, f"_{spec.name}")(table)
        return self._plan(), self.draft

    def _plan(self) -> ImportPlan:
        d = self.draft
        performances = [p for p in d.performances.values() if p.existing_id is None]
        shows = {(p.partner, p.season, key(p.title)) for p in performances}
        new_shows = shows - self.store_shows
        venues = {(p.partner, key(p.venue)) for p in performances if p.venue}
        kinds = {key(r.kind) for r in d.relays.values() if r.kind and r.existing_id is None}
        disciplines = {key(p.discipline) for p in performances if p.discipline}
        recorded = [r for r in d.reservations if r.used is not None]
        lines = [
            PlanLine("Saisons", sum(1 for v in d.seasons.values() if v is None), sum(1 for v in d.seasons.values() if v is not None)),
            PlanLine("Partenaires", sum(1 for p in d.partners.values() if p.existing_id is None), sum(1 for p in d.partners.values() if p.existing_id is not None)),
            PlanLine("Conventions", len(d.conventions)),
            PlanLine("Affectations du surplus", len(d.allocations)),
            PlanLine("Types de relais", len(kinds - set(self.store_kinds)), len(kinds & set(self.store_kinds))),
            PlanLine("Relais", sum(1 for r in d.relays.values() if r.existing_id is None), sum(1 for r in d.relays.values() if r.existing_id is not None)),
            PlanLine("Disciplines", len(disciplines - set(self.store_disciplines)), len(disciplines & set(self.store_disciplines))),
            PlanLine("Salles", len(venues - self.store_venues), len(venues & self.store_venues)),
            PlanLine("Spectacles", len(new_shows), len(shows - new_shows)),
            PlanLine("Représentations", sum(1 for p in performances if p.starts_at is not None)),
            PlanLine("Réservations", len({(r.performance, r.relay) for r in d.reservations})),
            PlanLine("Places (invitations)", sum(r.held + r.cancelled for r in d.reservations)),
            PlanLine("dont utilisées", sum(r.used for r in recorded)),
            PlanLine("dont non utilisées", sum(r.issued - r.used for r in recorded)),
            PlanLine("Bilans qualitatifs", len(d.narratives)),
        ]
        labels = sorted(set(d.seasons) | {c[1] for c in d.conventions} | {p.season for p in performances} | set(d.narratives))
        return ImportPlan(self.source, tuple(lines), tuple(self.problems), tuple(labels))

    # --- each file ----------------------------------------------------------------------------
    def _partenaires(self, table: SourceTable) -> None:
        seen: dict[str, int] = {}
        for row in table.rows:
            name = self._text(table, row, "nom", 120, required=True)
            values = {c: self._text(table, row, c, n) for c, n in (("adresse", 200), ("code_postal", 10), ("commune", 80), ("contact", 120), ("telephone", 30), ("email", 120))}
            if name is BAD or BAD in values.values():
                continue
            if key(name) in seen:
                self._problem(table, row, f"le partenaire « {name} » figure déjà ligne {seen[key(name)]}.")
                continue
            seen[key(name)] = row.line
            existing = self.store_partners.get(key(name))
            self.draft.partners[key(name)] = PartnerRec(name, values["adresse"], values["code_postal"], values["commune"], values["contact"],
                                                        values["telephone"], values["email"], existing[0] if existing else None)

    def _partner_known(self, table, row, name) -> str | None:
        k = key(name)
        if k in self.draft.partners:
            return k
        if k in self.store_partners:
            self.draft.partners[k] = PartnerRec(self.store_partners[k][1], existing_id=self.store_partners[k][0])
            return k
        self._problem(table, row, f"partenaire inconnu « {name} » (absent de partenaires.csv et de la base).")
        return None

    def _conventions(self, table: SourceTable) -> None:
        seen: dict[tuple, int] = {}
        for row in table.rows:
            name = self._text(table, row, "partenaire", 120, required=True)
            season = self._read(table, row, "saison", self._season)
            if season is None:
                self._problem(table, row, "la saison est obligatoire (par exemple 2025-2026).")
            state = self._read(table, row, "etat", self._state)
            numbers = [self._read(table, row, c, self._count, 0) for c in ("places_engagees", "abonnes_solidaires")]
            amounts = [self._read(table, row, c, self._money, Decimal("0.00")) for c in ("dons_eur", "valeur_place_eur")]
            signed_on = self._read(table, row, "signee_le", self._date)
            notes = self._text(table, row, "notes", 4000, multiline=True)
            if BAD in (name, season, state, signed_on, notes, *numbers, *amounts) or season is None:
                continue
            partner = self._partner_known(table, row, name)
            if partner is None:
                continue
            k = (partner, season)
            if k in seen:
                self._problem(table, row, f"la convention de « {name} » pour {season} figure déjà ligne {seen[k]}.")
                continue
            if k in self.store_conventions:
                self._problem(table, row, f"la convention de « {name} » pour {season} existe déjà dans la base : l'import ne remplace pas une convention.")
                continue
            seen[k] = row.line
            if state is None:  # a season over is history: closed; else it runs
                _, _, ends_on = parse_season_label(season)
                state = ConventionState.CLOSED if ends_on < self.now.date() else ConventionState.RUNNING
            self.draft.seasons.setdefault(season, self.store_seasons[season][0] if season in self.store_seasons else None)
            self.draft.conventions[k] = ConventionRec(partner, season, state, *numbers, *amounts, signed_on, notes)

    @staticmethod
    def _state(_value, text, column):
        state = STATES.get(plain(text))
        if state is None:
            allowed = ", ".join(s.label for s in ConventionState)
            raise DomainError("state_invalid", f"état « {text} » inconnu (possibles : {allowed}).")
        return state

    def _convention(self, table, row, partner: str, season: str, name: str) -> ConventionRec | None:
        found = self.draft.conventions.get((partner, season)) or self.store_conventions.get((partner, season))
        if found is None:
            self._problem(table, row, f"aucune convention avec « {name} » pour la saison {season} (ni dans conventions.csv ni dans la base).")
        return found

    def _relais(self, table: SourceTable) -> None:
        for row in table.rows:
            name = self._text(table, row, "nom", 120, required=True)
            commune = self._text(table, row, "commune", 80, required=True)
            values = {c: self._text(table, row, c, n) for c, n in (("type", 80), ("referent", 120), ("telephone", 30), ("email", 120))}
            active = self._read(table, row, "actif", self._yes_no, True)
            if BAD in (name, commune, active, *values.values()):
                continue
            k = (key(name), key(commune))
            if k in self.draft.relays:
                self._problem(table, row, f"le relais « {name} » ({commune}) figure déjà plus haut dans le fichier.")
                continue
            existing = next((rid for c, rid in self.store_relays.get(key(name), []) if key(c) == key(commune)), None)
            self.draft.relays[k] = RelayRec(name, commune, values["type"], values["referent"], values["telephone"], values["email"], active, existing)

    def _offres(self, table: SourceTable) -> None:
        disciplines: dict[tuple, tuple[str, int]] = {}
        for row in table.rows:
            title = self._text(table, row, "spectacle", 160, required=True)
            name = self._text(table, row, "partenaire", 120, required=True)
            discipline = self._text(table, row, "discipline", 60)
            venue = self._text(table, row, "lieu", 120)
            day = self._read(table, row, "date", self._date)
            hour = self._read(table, row, "heure", self._time)
            quota = self._read(table, row, "places", self._count)
            deadline = self._read(table, row, "date_limite", self._datetime)
            season = self._read(table, row, "saison", self._season)
            cancelled = self._read(table, row, "annulee", self._yes_no, False)
            if BAD in (title, name, discipline, venue, day, hour, quota, deadline, season, cancelled):
                continue
            show_only = day is None and hour is None and quota is None
            if show_only and season is None:
                self._problem(table, row, "la date, l'heure et le nombre de places sont obligatoires (ou, pour un spectacle sans représentation, la saison).")
                continue
            if not show_only and (day is None or hour is None or quota is None):
                missing = [c for c, v in (("date", day), ("heure", hour), ("places", quota)) if v is None]
                self._problem(table, row, f"colonne(s) vide(s) : {', '.join(missing)}.")
                continue
            starts_at = None if show_only else datetime.combine(day, hour)
            season = season or season_label_for(day)
            partner = self._partner_known(table, row, name)
            if partner is None:
                continue
            convention = self._convention(table, row, partner, season, name)
            if convention is None:
                continue
            if convention.existing_id is not None and convention.state is ConventionState.CLOSED:
                self._problem(table, row, f"la convention avec « {name} » pour {season} est clôturée dans la base : son programme ne peut plus changer.")
                continue
            show_key = (partner, season, key(title))
            first = disciplines.setdefault(show_key, (discipline, row.line))
            if key(first[0]) != key(discipline):
                self._problem(table, row, f"« {title} » est en « {first[0] or 'sans discipline'} » ligne {first[1]} : une seule discipline par spectacle.")
                continue
            if deadline is not None and starts_at is not None and deadline > starts_at:
                self._problem(table, row, "la date limite de réservation est après la représentation.")
                continue
            k = (partner, season, key(title), starts_at)
            if k in self.draft.performances:
                what = "ce spectacle" if starts_at is None else f"la représentation du {format_date(starts_at)} à {format_time(starts_at)}"
                self._problem(table, row, f"{what} de « {title} » figure déjà plus haut dans le fichier.")
                continue
            if starts_at is not None and any(p.partner == partner for p in self.store_performances.get((key(title), starts_at), [])):
                self._problem(table, row, f"la représentation de « {title} » du {format_date(starts_at)} à {format_time(starts_at)} existe déjà dans la base.")
                continue
            rec = self.draft.performances[k] = PerformanceRec(partner, season, title, discipline, venue, starts_at, quota or 0, deadline, cancelled)
            self.file_performances[(key(title), starts_at)].append(rec)

    def _reservations(self, table: SourceTable) -> None:
        for row in table.rows:
            title = self._text(table, row, "spectacle", 160, required=True)
            day = self._read(table, row, "date", self._date)
            hour = self._read(table, row, "heure", self._time)
            relay_name = self._text(table, row, "relais", 120, required=True)
            partner_name = self._text(table, row, "partenaire", 120)
            commune = self._text(table, row, "commune_relais", 80)
            held = self._read(table, row, "places", self._count)
            used = self._read(table, row, "presents", self._count)
            issued = self._read(table, row, "editees", self._count)
            cancelled = self._read(table, row, "annulees", self._count, 0)
            reason_text = row.text("motif_non_utilisation")
            if BAD in (title, day, hour, relay_name, partner_name, commune, held, used, issued, cancelled):
                continue
            if day is None or hour is None or held is None:
                missing = [c for c, v in (("date", day), ("heure", hour), ("places", held)) if v is None]
                self._problem(table, row, f"colonne(s) vide(s) : {', '.join(missing)}.")
                continue
            performance = self._find_performance(table, row, title, datetime.combine(day, hour), partner_name)
            relay = self._find_relay(table, row, relay_name, commune)
            if performance is None or relay is None:
                continue
            issued = held if issued is None else issued
            when = f"« {title} » du {format_date(day)}"
            if held + cancelled == 0:
                self._problem(table, row, "aucune place : « places » et « annulees » sont toutes deux à 0.")
            elif issued > held:
                self._problem(table, row, f"{issued} places éditées pour {held} places réservées.")
            elif used is not None and used > issued:
                self._problem(table, row, f"{used} présents pour {issued} places éditées : les présents ne peuvent pas dépasser les places.")
            elif used is not None and performance.starts_at > self.now:
                self._problem(table, row, f"{when} n'a pas encore eu lieu : laissez « presents » vide, la présence se relève après la représentation.")
            elif performance.cancelled and held:
                self._problem(table, row, f"{when} est annulée : ses places ne peuvent être qu'annulées (colonne « annulees »).")
            elif performance.held + held > performance.quota:
                self._problem(table, row, f"places au-delà du quota : {performance.held + held} places réservées sur {when} pour un quota de {performance.quota}.")
            else:
                reason_id = None
                if used is not None and used < issued:
                    reason_id = self._reason(table, row, reason_text, issued - used)
                    if reason_id is None:
                        continue
                performance.held += held
                self.draft.reservations.append(ReservationRec(self._performance_key(performance), relay, held, issued, used, reason_id, cancelled))

    def _performance_key(self, p: PerformanceRec) -> tuple:
        return (p.partner, p.season, key(p.title), p.starts_at) if p.existing_id is None else ("store", p.existing_id)

    def _find_performance(self, table, row, title, starts_at, partner_name) -> PerformanceRec | None:
        candidates = self.file_performances.get((key(title), starts_at), []) + self.store_performances.get((key(title), starts_at), [])
        if partner_name:
            candidates = [p for p in candidates if p.partner == key(partner_name)]
        when = f"« {title} » le {format_date(starts_at)} à {format_time(starts_at)}"
        if not candidates:
            self._problem(table, row, f"représentation inconnue : {when} (absente de offres.csv et de la base).")
            return None
        if len(candidates) > 1:
            self._problem(table, row, f"plusieurs représentations {when} : précisez la colonne « partenaire ».")
            return None
        found = candidates[0]
        if found.existing_id is not None:
            closed = self.store_conventions.get((found.partner, found.season))
            if closed is not None and closed.state is ConventionState.CLOSED:
                self._problem(table, row, f"la convention de {when} est clôturée dans la base : plus aucune réservation.")
                return None
            self.draft.performances.setdefault(("store", found.existing_id), found)
        return found

    def _find_relay(self, table, row, name, commune) -> tuple | None:
        candidates = [k for k in self.draft.relays if k[0] == key(name)]
        candidates += [(key(name), key(c)) for c, _ in self.store_relays.get(key(name), []) if (key(name), key(c)) not in candidates]
        if commune:
            candidates = [k for k in candidates if k[1] == key(commune)]
        if not candidates:
            where = f" à {commune}" if commune else ""
            self._problem(table, row, f"relais inconnu « {name} »{where} (absent de relais.csv et de la base).")
            return None
        if len(candidates) > 1:
            self._problem(table, row, f"plusieurs relais s'appellent « {name} » : précisez la colonne « commune_relais ».")
            return None
        found = candidates[0]
        if found not in self.draft.relays:
            commune_name, rid = next((c, rid) for c, rid in self.store_relays[key(name)] if key(c) == found[1])
            self.draft.relays[found] = RelayRec(name, commune_name, existing_id=rid)
        return found

    def _reason(self, table, row, text: str, unused: int) -> int | None:
        if not text:
            self._problem(table, row, f"{unused} place(s) non utilisée(s) sans motif : remplissez « motif_non_utilisation » (« Motif inconnu » si on ne le sait pas).")
            return None
        found = self.reasons.get(plain(text))
        if found is None:
            self._problem(table, row, f"motif inconnu « {text} » (motifs possibles : {' ; '.join(self.reason_labels)}).")
        return found

    def _affectations(self, table: SourceTable) -> None:
        for row in table.rows:
            name = self._text(table, row, "partenaire", 120, required=True)
            season = self._read(table, row, "saison", self._season)
            kind = self._read(table, row, "type", self._kind)
            amounts = [self._read(table, row, "montant_prevu_eur", self._money, Decimal("0.00")), self._read(table, row, "montant_realise_eur", self._money)]
            places = [self._read(table, row, "places_prevues", self._count, 0), self._read(table, row, "places_realisees", self._count)]
            days = [self._read(table, row, c, self._date) for c in ("decidee_le", "realisee_le")]
            note = self._text(table, row, "note", 300)
            if BAD in (name, season, kind, note, *amounts, *places, *days) or season is None or kind is None:
                if season is None or kind is None:
                    self._problem(table, row, "la saison et le type (places supplémentaires ou gestion des invitations) sont obligatoires.")
                continue
            partner = self._partner_known(table, row, name)
            convention = self._convention(table, row, partner, season, name) if partner else None
            if convention is None:
                continue
            available = surplus(convention.donations, convention.place_value, convention.places)
            if convention.planned + amounts[0] > available:
                self._problem(table, row, f"les affectations prévues ({convention.planned + amounts[0]} €) dépassent le surplus de don de « {name} » ({available} €).")
                continue
            convention.planned += amounts[0]
            self.draft.allocations.append(AllocationRec((partner, season), kind, amounts[0], places[0], amounts[1], places[1], days[0], days[1], note))

    @staticmethod
    def _kind(_value, text, column):
        kind = KINDS.get(plain(text))
        if kind is None:
            raise DomainError("kind_invalid", f"type « {text} » inconnu (possibles : places supplémentaires, gestion des invitations).")
        return kind

    def _bilan(self, table: SourceTable) -> None:
        for row in table.rows:
            season = self._read(table, row, "saison", self._season)
            texts = {attr: self._text(table, row, column, 8000, multiline=True) for column, attr in NARRATIVE_COLUMNS}
            if season is BAD or BAD in texts.values():
                continue
            if season is None:
                self._problem(table, row, "la saison est obligatoire.")
                continue
            if not any(texts.values()):
                continue
            if season in self.draft.narratives:
                self._problem(table, row, f"le bilan de {season} figure déjà plus haut dans le fichier.")
            elif season not in self.draft.seasons and season not in self.store_seasons:
                self._problem(table, row, f"saison {season} inconnue (aucune convention pour elle dans conventions.csv ni dans la base).")
            elif season in self.store_seasons and self.store_seasons[season][2]:
                self._problem(table, row, f"la saison {season} a déjà un bilan qualitatif dans la base : l'import ne le remplace pas.")
            else:
                self.draft.narratives[season] = SeasonNarrative(**texts)
