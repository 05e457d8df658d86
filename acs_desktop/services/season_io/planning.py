"""Checking an import before anything is written: every line of every file against the store,
and what the import would create.

Names already in the store (partners, relays, kinds of relay, disciplines, halls, seasons) are
matched ignoring case and spaces, never duplicated. History keeps the domain's invariants: places
held never exceed a performance's quota, attendance only for a performance already past, a
known reason for each unused place, surplus allocations within the surplus. Bookings on past
performances are normal here (they are history), so the rules about booking *now* do not apply.

A line that only fails because a line it relies on was refused (a booking on a refused offer) is
not reported again: each file says how many such lines wait for the others to be corrected.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date, format_money, format_time
from acs_desktop.domain.funding import PLACE_VALUE_REQUIRED, place_value_missing, surplus
from acs_desktop.domain.review import SeasonNarrative
from acs_desktop.domain.seasons import parse_season_label, season_label_for
from acs_desktop.domain.validation import optional_email, optional_text, required_text
from acs_desktop.models import (
    ConventionState,
)
from acs_desktop.services.season_io import cells
from acs_desktop.services.season_io.files import SPECS, Source, SourceRow, SourceTable, plain
from acs_desktop.services.season_io.known import Known
from acs_desktop.services.season_io.records import (
    AllocationRec,
    ConventionRec,
    Draft,
    ImportPlan,
    ImportProblem,
    PartnerRec,
    PerformanceRec,
    RelayRec,
    ReservationRec,
    key,
    summarize,
)

NARRATIVE_COLUMNS = (("objectifs", "objectives"), ("faits_marquants", "highlights"), ("retours_relais", "relay_feedback"), ("perspectives", "next_steps"), ("ecarts", "gaps"))
BAD = object()  # a value that could not be read (its problem is already recorded)


class Dependent(Exception):
    """The line relies on a line refused elsewhere: counted, not reported once more."""


def plural_lines(n: int) -> str:
    return f"{n} ligne" if n < 2 else f"{n} lignes"


class Planner:
    """Reads the source against the store (inside the caller's transaction)."""

    def __init__(self, session: Session, source: Source, now: datetime):
        self.s = session
        self.source = source
        self.now = now
        self.problems: list[ImportProblem] = [ImportProblem(where, None, reason) for where, reason in source.unreadable]
        self.draft = Draft()
        self.file_performances: dict[tuple, list[PerformanceRec]] = defaultdict(list)  # (title, starts_at) → from offres
        self.seen: dict[tuple, int] = {}  # what a file already defined, and on which line
        self.show_disciplines: dict[tuple, tuple[str, int]] = {}
        # What refused lines would have defined, so that lines relying on them are not refused again.
        self.failed: dict[str, set] = defaultdict(set)
        self.dependent: dict[str, int] = defaultdict(int)
        self._defines: list[tuple[str, object]] = []
        self.known = Known(session)  # what the store already holds

    # --- reading cells ----------------------------------------------------------------------
    def _problem(self, table: SourceTable, row: SourceRow | None, message: str) -> None:
        self.problems.append(ImportProblem(table.where, row.line if row else None, message))

    def _read(self, table, row, column, reader, default=None):
        text = row.text(column)
        if not text:
            return default
        try:
            return reader(row.values.get(column), text, column)
        except DomainError as error:
            self._problem(table, row, error.message)
            return BAD

    def _text(self, table, row, column, max_length=200, required=False, multiline=False):
        try:
            if column == "email":
                return optional_email(row.text(column), "Colonne email")
            if required:
                return required_text(row.text(column), f"La colonne {column}", column, max_length)
            return optional_text(row.text(column), f"Colonne {column}", column, max_length, multiline=multiline)
        except DomainError as error:
            self._problem(table, row, error.message)
            return BAD

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
                self._problem(table, SourceRow(1, {}) if table.columns else None, f"colonne(s) manquante(s) : {', '.join(missing)}.")
                self.failed["file"].add(spec.name)
                continue
            check = getattr(self, f"_{spec.name}")
            for row in table.rows:
                self._each(table, row, check)
        for where, n in self.dependent.items():
            linked = "liées aux lignes refusées, seront vérifiées" if n > 1 else "liée aux lignes refusées, sera vérifiée"
            self.problems.append(ImportProblem(where, None, f"{plural_lines(n)} de plus, {linked} après correction."))
        return summarize(self.source, self.draft, self.known, self.problems), self.draft

    def _each(self, table: SourceTable, row: SourceRow, check) -> None:
        before = len(self.problems)
        self._defines = []
        try:
            check(table, row)
        except Dependent:  # what it would have defined fails too, quietly
            self.dependent[table.where] += 1
            before = -1
        if len(self.problems) > before:
            for kind, value in self._defines:
                self.failed[kind].add(value)

    def _defining(self, kind: str, value) -> None:
        """What this line defines, remembered in case the line is refused."""
        self._defines.append((kind, value))

    # --- references between files -----------------------------------------------------------
    def _partner_known(self, table, row, name) -> str | None:
        k = key(name)
        if k in self.failed["partner"] or "partenaires" in self.failed["file"]:
            raise Dependent
        if k in self.draft.partners:
            return k
        if k in self.known.partners:
            self.draft.partners[k] = PartnerRec(self.known.partners[k][1], existing_id=self.known.partners[k][0])
            return k
        self._problem(table, row, f"partenaire inconnu « {name} » (absent de partenaires.csv et de la base).")
        return None

    def _convention(self, table, row, partner: str, season: str, name: str) -> ConventionRec | None:
        if (partner, season) in self.failed["convention"] or "conventions" in self.failed["file"]:
            raise Dependent
        found = self.draft.conventions.get((partner, season)) or self.known.conventions.get((partner, season))
        if found is None:
            self._problem(table, row, f"aucune convention avec « {name} » pour la saison {season} (ni dans conventions.csv ni dans la base).")
        return found

    # --- each file, line by line ------------------------------------------------------------
    def _partenaires(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "nom", 120, required=True)
        if name is not BAD:
            self._defining("partner", key(name))
        values = {c: self._text(table, row, c, n) for c, n in (("adresse", 200), ("code_postal", 10), ("commune", 80), ("contact", 120), ("telephone", 30), ("email", 120))}
        if name is BAD or BAD in values.values():
            return
        first = self.seen.setdefault(("partner", key(name)), row.line)
        if first != row.line:
            self._problem(table, row, f"le partenaire « {name} » figure déjà ligne {first}.")
            return
        existing = self.known.partners.get(key(name))
        self.draft.partners[key(name)] = PartnerRec(name, values["adresse"], values["code_postal"], values["commune"], values["contact"],
                                                    values["telephone"], values["email"], existing[0] if existing else None)

    def _conventions(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "partenaire", 120, required=True)
        season = self._read(table, row, "saison", cells.read_season)
        if name is not BAD and season not in (BAD, None):
            self._defining("convention", (key(name), season))
        if season is None:
            self._problem(table, row, "la saison est obligatoire (par exemple 2025-2026).")
        state = self._read(table, row, "etat", cells.read_state)
        numbers = [self._read(table, row, c, cells.read_count, 0) for c in ("places_engagees", "abonnes_solidaires")]
        amounts = [self._read(table, row, c, cells.read_money, Decimal("0.00")) for c in ("dons_eur", "valeur_place_eur")]
        signed_on = self._read(table, row, "signee_le", cells.read_date)
        notes = self._text(table, row, "notes", 4000, multiline=True)
        if BAD in (name, season, state, signed_on, notes, *numbers, *amounts) or season is None:
            return
        partner = self._partner_known(table, row, name)
        if partner is None:
            return
        first = self.seen.setdefault(("convention", partner, season), row.line)
        if first != row.line:
            self._problem(table, row, f"la convention de « {name} » pour {season} figure déjà ligne {first}.")
            return
        if (partner, season) in self.known.conventions:
            self._problem(table, row, f"la convention de « {name} » pour {season} existe déjà dans la base : l'import ne remplace pas une convention.")
            return
        if state is None:  # a season over is history: closed; else it runs
            _, _, ends_on = parse_season_label(season)
            state = ConventionState.CLOSED if ends_on < self.now.date() else ConventionState.RUNNING
        if place_value_missing(amounts[1], draft=state is ConventionState.DRAFT):
            self._problem(table, row, f"convention de « {name} » : {PLACE_VALUE_REQUIRED}")
            return
        self.draft.seasons.setdefault(season, self.known.seasons[season][0] if season in self.known.seasons else None)
        self.draft.conventions[(partner, season)] = ConventionRec(partner, season, state, *numbers, *amounts, signed_on, notes)

    def _relais(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "nom", 120, required=True)
        if name is not BAD:
            self._defining("relay", key(name))
        commune = self._text(table, row, "commune", 80, required=True)
        values = {c: self._text(table, row, c, n) for c, n in (("type", 80), ("referent", 120), ("telephone", 30), ("email", 120))}
        active = self._read(table, row, "actif", cells.read_yes_no, True)
        if BAD in (name, commune, active, *values.values()):
            return
        k = (key(name), key(commune))
        first = self.seen.setdefault(("relay", *k), row.line)
        if first != row.line:
            self._problem(table, row, f"le relais « {name} » ({commune}) figure déjà ligne {first}.")
            return
        existing = next((rid for c, rid in self.known.relays.get(key(name), []) if key(c) == key(commune)), None)
        self.draft.relays[k] = RelayRec(name, commune, values["type"], values["referent"], values["telephone"], values["email"], active, existing)

    def _offres(self, table: SourceTable, row: SourceRow) -> None:
        title = self._text(table, row, "spectacle", 160, required=True)
        name = self._text(table, row, "partenaire", 120, required=True)
        discipline = self._text(table, row, "discipline", 60)
        venue = self._text(table, row, "lieu", 120)
        day = self._read(table, row, "date", cells.read_date)
        hour = self._read(table, row, "heure", cells.read_time)
        if title is not BAD and day not in (BAD, None) and hour not in (BAD, None):
            self._defining("performance", (key(title), datetime.combine(day, hour)))
        quota = self._read(table, row, "places", cells.read_count)
        deadline = self._read(table, row, "date_limite", cells.read_datetime)
        season = self._read(table, row, "saison", cells.read_season)
        cancelled = self._read(table, row, "annulee", cells.read_yes_no, False)
        if BAD in (title, name, discipline, venue, day, hour, quota, deadline, season, cancelled):
            return
        show_only = day is None and hour is None and quota is None
        if show_only and season is None:
            self._problem(table, row, "la date, l'heure et le nombre de places sont obligatoires (ou, pour un spectacle sans représentation, la saison).")
            return
        if not show_only and (day is None or hour is None or quota is None):
            missing = [c for c, v in (("date", day), ("heure", hour), ("places", quota)) if v is None]
            self._problem(table, row, f"colonne(s) vide(s) : {', '.join(missing)}.")
            return
        starts_at = None if show_only else datetime.combine(day, hour)
        season = season or season_label_for(day)
        partner = self._partner_known(table, row, name)
        convention = self._convention(table, row, partner, season, name) if partner else None
        if convention is None:
            return
        if convention.existing_id is not None and convention.state is ConventionState.CLOSED:
            self._problem(table, row, f"la convention avec « {name} » pour {season} est clôturée dans la base : son programme ne peut plus changer.")
            return
        first_discipline, first_line = self.show_disciplines.setdefault((partner, season, key(title)), (discipline, row.line))
        if key(first_discipline) != key(discipline):
            self._problem(table, row, f"« {title} » est en « {first_discipline or 'sans discipline'} » ligne {first_line} : une seule discipline par spectacle.")
            return
        if deadline is not None and starts_at is not None and deadline > starts_at:
            self._problem(table, row, "la date limite de réservation est après la représentation.")
            return
        k = (partner, season, key(title), starts_at)
        first = self.seen.setdefault(("performance", *k), row.line)
        if first != row.line:
            what = "ce spectacle" if starts_at is None else f"la représentation du {format_date(starts_at)} à {format_time(starts_at)}"
            self._problem(table, row, f"{what} de « {title} » figure déjà ligne {first}.")
            return
        if starts_at is not None and any(p.partner == partner for p in self.known.performances.get((key(title), starts_at), [])):
            self._problem(table, row, f"la représentation de « {title} » du {format_date(starts_at)} à {format_time(starts_at)} existe déjà dans la base.")
            return
        rec = self.draft.performances[k] = PerformanceRec(partner, season, title, discipline, venue, starts_at, quota or 0, deadline, cancelled)
        if starts_at is not None:
            self.file_performances[(key(title), starts_at)].append(rec)

    def _reservations(self, table: SourceTable, row: SourceRow) -> None:
        title = self._text(table, row, "spectacle", 160, required=True)
        day = self._read(table, row, "date", cells.read_date)
        hour = self._read(table, row, "heure", cells.read_time)
        relay_name = self._text(table, row, "relais", 120, required=True)
        partner_name = self._text(table, row, "partenaire", 120)
        commune = self._text(table, row, "commune_relais", 80)
        held = self._read(table, row, "places", cells.read_count)
        used = self._read(table, row, "presents", cells.read_count)
        issued = self._read(table, row, "editees", cells.read_count)
        cancelled = self._read(table, row, "annulees", cells.read_count, 0)
        if BAD in (title, day, hour, relay_name, partner_name, commune, held, used, issued, cancelled):
            return
        if day is None or hour is None or held is None:
            missing = [c for c, v in (("date", day), ("heure", hour), ("places", held)) if v is None]
            self._problem(table, row, f"colonne(s) vide(s) : {', '.join(missing)}.")
            return
        performance = self._find_performance(table, row, title, datetime.combine(day, hour), partner_name)
        relay = self._find_relay(table, row, relay_name, commune)
        if performance is None or relay is None:
            return
        if issued is None:
            # An empty « editees »: for a past performance (history), every place was printed;
            # for one still to come, none was — the import gives new ticket codes, which no
            # ticket printed elsewhere carries, so they are still to print.
            issued = held if performance.starts_at <= self.now else 0
        when = f"« {title} » du {format_date(day)}"
        if held + cancelled == 0:
            self._problem(table, row, "aucune place : « places » et « annulees » sont toutes deux à 0.")
        elif issued > held:
            self._problem(table, row, f"{issued} places éditées pour {held} places réservées.")
        elif used is not None and performance.starts_at > self.now:
            self._problem(table, row, f"{when} n'a pas encore eu lieu : laissez « presents » vide, la présence se relève après la représentation.")
        elif used is not None and used > issued:
            self._problem(table, row, f"{used} présents pour {issued} places éditées : les présents ne peuvent pas dépasser les places.")
        elif performance.cancelled and held:
            self._problem(table, row, f"{when} est annulée : ses places ne peuvent être qu'annulées (colonne « annulees »).")
        elif performance.held + held > performance.quota:
            self._problem(table, row, f"places au-delà du quota : {performance.held + held} places réservées sur {when} pour un quota de {performance.quota}.")
        else:
            reason_id = None
            if used is not None and used < issued:
                reason_id = self._reason(table, row, row.text("motif_non_utilisation"), issued - used)
                if reason_id is None:
                    return
            performance.held += held
            self.draft.reservations.append(ReservationRec(self._performance_key(performance), relay, held, issued, used, reason_id, cancelled))

    def _performance_key(self, p: PerformanceRec) -> tuple:
        return (p.partner, p.season, key(p.title), p.starts_at) if p.existing_id is None else ("store", p.existing_id)

    def _find_performance(self, table, row, title, starts_at, partner_name) -> PerformanceRec | None:
        if (key(title), starts_at) in self.failed["performance"] or "offres" in self.failed["file"]:
            raise Dependent
        candidates = self.file_performances.get((key(title), starts_at), []) + self.known.performances.get((key(title), starts_at), [])
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
            convention = self.known.conventions.get((found.partner, found.season))
            if convention is not None and convention.state is ConventionState.CLOSED:
                self._problem(table, row, f"la convention de {when} est clôturée dans la base : plus aucune réservation.")
                return None
            self.draft.performances.setdefault(("store", found.existing_id), found)
        return found

    def _find_relay(self, table, row, name, commune) -> tuple | None:
        candidates = [k for k in self.draft.relays if k[0] == key(name)]
        candidates += [(key(name), key(c)) for c, _ in self.known.relays.get(key(name), []) if (key(name), key(c)) not in candidates]
        if commune:
            candidates = [k for k in candidates if k[1] == key(commune)]
        if not candidates and (key(name) in self.failed["relay"] or "relais" in self.failed["file"]):
            raise Dependent
        if not candidates:
            where = f" à {commune}" if commune else ""
            self._problem(table, row, f"relais inconnu « {name} »{where} (absent de relais.csv et de la base).")
            return None
        if len(candidates) > 1:
            self._problem(table, row, f"plusieurs relais s'appellent « {name} » : précisez la colonne « commune_relais ».")
            return None
        found = candidates[0]
        if found not in self.draft.relays:
            commune_name, rid = next((c, rid) for c, rid in self.known.relays[key(name)] if key(c) == found[1])
            self.draft.relays[found] = RelayRec(name, commune_name, existing_id=rid)
        return found

    def _reason(self, table, row, text: str, unused: int) -> int | None:
        if not text:
            self._problem(table, row, f"{unused} place(s) non utilisée(s) sans motif : remplissez « motif_non_utilisation » (« Motif inconnu » si on ne le sait pas).")
            return None
        found = self.known.reasons.get(plain(text))
        if found is None:
            self._problem(table, row, f"motif inconnu « {text} » (motifs possibles : {' ; '.join(self.known.reason_labels)}).")
        return found

    def _affectations(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "partenaire", 120, required=True)
        season = self._read(table, row, "saison", cells.read_season)
        kind = self._read(table, row, "type", cells.read_kind)
        amounts = [self._read(table, row, "montant_prevu_eur", cells.read_money, Decimal("0.00")), self._read(table, row, "montant_realise_eur", cells.read_money)]
        places = [self._read(table, row, "places_prevues", cells.read_count, 0), self._read(table, row, "places_realisees", cells.read_count)]
        days = [self._read(table, row, c, cells.read_date) for c in ("decidee_le", "realisee_le")]
        note = self._text(table, row, "note", 300)
        if season is None or kind is None:
            self._problem(table, row, "la saison et le type (places supplémentaires ou gestion des invitations) sont obligatoires.")
            return
        if BAD in (name, season, kind, note, *amounts, *places, *days):
            return
        partner = self._partner_known(table, row, name)
        convention = self._convention(table, row, partner, season, name) if partner else None
        if convention is None:
            return
        available = surplus(convention.donations, convention.place_value, convention.places)
        if convention.planned + amounts[0] > available:
            self._problem(table, row, f"les affectations prévues ({format_money(convention.planned + amounts[0])}) dépassent le surplus de don de « {name} » ({format_money(available)}).")
            return
        convention.planned += amounts[0]
        self.draft.allocations.append(AllocationRec((partner, season), kind, amounts[0], places[0], amounts[1], places[1], days[0], days[1], note))

    def _bilan(self, table: SourceTable, row: SourceRow) -> None:
        season = self._read(table, row, "saison", cells.read_season)
        texts = {attr: self._text(table, row, column, 8000, multiline=True) for column, attr in NARRATIVE_COLUMNS}
        if season is BAD or BAD in texts.values():
            return
        if season is None:
            self._problem(table, row, "la saison est obligatoire.")
            return
        if not any(texts.values()):
            return
        first = self.seen.setdefault(("bilan", season), row.line)
        if first != row.line:
            self._problem(table, row, f"le bilan de {season} figure déjà ligne {first}.")
        elif season not in self.draft.seasons and season not in self.known.seasons:
            if any(label == season for _, label in self.failed["convention"]):
                raise Dependent
            self._problem(table, row, f"saison {season} inconnue (aucune convention pour elle dans conventions.csv ni dans la base).")
        elif season in self.known.seasons and self.known.seasons[season][1]:
            self._problem(table, row, f"la saison {season} a déjà un bilan qualitatif dans la base : l'import ne le remplace pas.")
        else:
            self.draft.narratives[season] = SeasonNarrative(**texts)
