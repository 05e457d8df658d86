"""Checking an import before anything is written: every line of every file against the store,
and what the import would create.

Names already in the store (partners, relays, kinds of relay, disciplines, halls, seasons) are
matched ignoring case and spaces, never duplicated. History keeps the domain's invariants: places
held never exceed a performance's quota, attendance only for a performance already past, a
known reason for each unused place, surplus allocations within the surplus. Bookings on past
performances are normal here (they are history), so the rules about booking *now* do not apply.

A line that only fails because a line it relies on was refused (a booking on a refused offer) is
listed apart, "waiting" for that line, which it names (`problems`): it is checked again once that
one is right.

The files are read line by line (see `reading`): what a line adds to the draft is kept, the line
itself is not; the bookings are counted, and handed to the writer by batches when it writes.
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
from acs_desktop.domain.states import ConventionState
from acs_desktop.domain.validation import optional_email, optional_text, required_text
from acs_desktop.services.season_io import cells
from acs_desktop.services.season_io.files import SPECS, plain
from acs_desktop.services.season_io.known import Known
from acs_desktop.services.season_io.problems import Dependent, Origin, Problems
from acs_desktop.services.season_io.reading import Refusal, Source, SourceRow, SourceTable, Unreadable
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

NARRATIVE_COLUMNS = (
    ("objectifs", "objectives"),
    ("faits_marquants", "highlights"),
    ("retours_relais", "relay_feedback"),
    ("perspectives", "next_steps"),
    ("ecarts", "gaps"),
)
BAD = object()  # a value that could not be read (its problem is already recorded)


# The check of each line, by file (the files keep their French names: they are the director's).
CHECKS = {
    "partenaires": "_check_partner",
    "conventions": "_check_convention",
    "relais": "_check_relay",
    "offres": "_check_performance",
    "reservations": "_check_booking",
    "affectations": "_check_allocation",
    "bilan": "_check_narrative",
}


class Planner:
    """Reads the source against the store (inside the caller's transaction).

    `progress(lines_read, total)` is called every few hundred lines; whatever it raises stops
    the check (the caller's transaction is then rolled back)."""

    def __init__(self, session: Session, source: Source, now: datetime, progress=None):
        self.s = session
        self.source = source
        self.now = now
        self.progress = progress
        self.found = Problems()
        self.draft = Draft()
        self.file_performances: dict[tuple, list[PerformanceRec]] = defaultdict(
            list
        )  # (title, starts_at) → from offres
        self.seen: dict[tuple, int] = {}  # what a file already defined, and on which line
        self.show_disciplines: dict[tuple, tuple[str, int]] = {}
        self.relay_keys: dict[str, list[tuple]] = defaultdict(
            list
        )  # the relays of the draft by name (a line looks one up)
        # What refused lines would have defined, and where, so that the lines relying on it wait.
        self.failed: dict[str, dict[object, Origin]] = defaultdict(dict)
        self._defines: list[tuple[str, object]] = []
        self._refused = False  # the line being checked was refused
        self.known = Known(session)  # what the store already holds

    # --- problems ---------------------------------------------------------------------------
    def _problem(self, table: SourceTable, row: SourceRow | None, message: str) -> None:
        self._refused = True
        self.found.add(ImportProblem(table.where, row.line if row else None, message))

    def _refusal(self, refusal: Refusal) -> None:
        self.found.add(ImportProblem(refusal.where, refusal.line, refusal.message))
        if refusal.table and refusal.table not in self.failed["file"]:
            self.failed["file"][refusal.table] = Origin(refusal.where, refusal.where, whole_file=True)

    def _file_failed(self, name: str, what: str) -> None:
        origin = self.failed["file"].get(name)
        if origin is not None:
            raise Dependent(what, origin)

    # --- reading cells ----------------------------------------------------------------------
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
        for refusal in self.source.refusals:
            self._refusal(refusal)
        try:
            with self.source.reader(self.progress) as reader:
                names = reader.names
                if not names and not self.found.listed:
                    expected = ", ".join(f"{spec.name}.csv" for spec in SPECS[:5])
                    self.found.add(
                        ImportProblem(
                            self.source.path, None, f"aucun fichier de saison trouvé (attendus : {expected}…)."
                        )
                    )
                for spec in SPECS:
                    if spec.name in names:
                        self._file(reader, spec)
        except Unreadable as error:  # the workbook does not open
            self._refusal(error.refusal)
        found = self.found
        plan = summarize(
            self.source, self.draft, self.known, found.listed, found.to_correct, found.waiting, found.unlisted()
        )
        return plan, self.draft

    def _file(self, reader, spec) -> None:
        try:
            table = reader.table(spec.name)
            missing = [c for c in spec.required if c not in table.columns]
            if missing:
                self._problem(
                    table,
                    SourceRow(1, {}) if table.columns else None,
                    f"colonne(s) manquante(s) : {', '.join(missing)}.",
                )
                self.failed["file"][spec.name] = Origin(table.where, table.where, whole_file=True)
                return
            check = getattr(self, CHECKS[spec.name])
            for row in table.rows:
                self._each(table, row, check)
        except Unreadable as error:  # from this line on, the file cannot be read
            self._refusal(error.refusal)

    def _each(self, table: SourceTable, row: SourceRow, check) -> None:
        self._defines = []
        self._refused = False
        try:
            check(table, row)
        except Dependent as waiting:  # what it would have defined waits too
            origin = self.found.wait(table.where, row.line, waiting)
        else:
            if not self._refused:
                return
            origin = Origin(f"{table.where}, ligne {row.line}", f"{table.where}, ligne {row.line}")
        for kind, value in self._defines:
            self.failed[kind].setdefault(value, origin)

    def _defining(self, kind: str, value) -> None:
        """What this line defines, remembered in case the line is refused."""
        self._defines.append((kind, value))

    # --- references between files -----------------------------------------------------------
    def _partner_known(self, table, row, name) -> str | None:
        k = key(name)
        what = f"du partenaire « {name} »"
        if k in self.failed["partner"]:
            raise Dependent(what, self.failed["partner"][k])
        self._file_failed("partenaires", what)
        if k in self.draft.partners:
            return k
        if k in self.known.partners:
            self.draft.partners[k] = PartnerRec(self.known.partners[k][1], existing_id=self.known.partners[k][0])
            return k
        self._problem(table, row, f"partenaire inconnu « {name} » (absent de partenaires.csv et de la base).")
        return None

    def _convention(self, table, row, partner: str, season: str, name: str) -> ConventionRec | None:
        what = f"de la convention de « {name} » pour {season}"
        if (partner, season) in self.failed["convention"]:
            raise Dependent(what, self.failed["convention"][(partner, season)])
        self._file_failed("conventions", what)
        found = self.draft.conventions.get((partner, season)) or self.known.conventions.get((partner, season))
        if found is None:
            self._problem(
                table,
                row,
                f"aucune convention avec « {name} » pour la saison {season} (ni dans conventions.csv ni dans la base).",
            )
        return found

    # --- each file, line by line ------------------------------------------------------------
    def _check_partner(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "nom", 120, required=True)
        if name is not BAD:
            self._defining("partner", key(name))
        values = {
            c: self._text(table, row, c, n)
            for c, n in (
                ("adresse", 200),
                ("code_postal", 10),
                ("commune", 80),
                ("contact", 120),
                ("telephone", 30),
                ("email", 120),
            )
        }
        if name is BAD or BAD in values.values():
            return
        first = self.seen.setdefault(("partner", key(name)), row.line)
        if first != row.line:
            self._problem(table, row, f"le partenaire « {name} » figure déjà ligne {first}.")
            return
        existing = self.known.partners.get(key(name))
        self.draft.partners[key(name)] = PartnerRec(
            name,
            values["adresse"],
            values["code_postal"],
            values["commune"],
            values["contact"],
            values["telephone"],
            values["email"],
            existing[0] if existing else None,
        )

    def _check_convention(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "partenaire", 120, required=True)
        season = self._read(table, row, "saison", cells.read_season)
        if name is not BAD and season not in (BAD, None):
            self._defining("convention", (key(name), season))
        if season is None:
            self._problem(table, row, "la saison est obligatoire (par exemple 2025-2026).")
        state = self._read(table, row, "etat", cells.read_state)
        numbers = [self._read(table, row, c, cells.read_count, 0) for c in ("places_engagees", "abonnes_solidaires")]
        amounts = [
            self._read(table, row, c, cells.read_money, Decimal("0.00")) for c in ("dons_eur", "valeur_place_eur")
        ]
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
            self._problem(
                table,
                row,
                f"la convention de « {name} » pour {season} existe déjà dans la base : l'import ne remplace pas une convention.",
            )
            return
        if state is None:  # a season over is history: closed; else it runs
            _, _, ends_on = parse_season_label(season)
            state = ConventionState.CLOSED if ends_on < self.now.date() else ConventionState.RUNNING
        if place_value_missing(amounts[1], draft=state is ConventionState.DRAFT):
            self._problem(table, row, f"convention de « {name} » : {PLACE_VALUE_REQUIRED}")
            return
        self.draft.seasons.setdefault(season, self.known.seasons[season][0] if season in self.known.seasons else None)
        self.draft.conventions[(partner, season)] = ConventionRec(
            partner, season, state, *numbers, *amounts, signed_on, notes
        )

    def _check_relay(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "nom", 120, required=True)
        if name is not BAD:
            self._defining("relay", key(name))
        commune = self._text(table, row, "commune", 80, required=True)
        values = {
            c: self._text(table, row, c, n)
            for c, n in (("type", 80), ("referent", 120), ("telephone", 30), ("email", 120))
        }
        active = self._read(table, row, "actif", cells.read_yes_no, True)
        if BAD in (name, commune, active, *values.values()):
            return
        k = (key(name), key(commune))
        first = self.seen.setdefault(("relay", *k), row.line)
        if first != row.line:
            self._problem(table, row, f"le relais « {name} » ({commune}) figure déjà ligne {first}.")
            return
        existing = next((rid for c, rid in self.known.relays.get(key(name), []) if key(c) == key(commune)), None)
        self.draft.relays[k] = RelayRec(
            name, commune, values["type"], values["referent"], values["telephone"], values["email"], active, existing
        )
        self.relay_keys[k[0]].append(k)

    def _check_performance(self, table: SourceTable, row: SourceRow) -> None:
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
            self._problem(
                table,
                row,
                "la date, l'heure et le nombre de places sont obligatoires (ou, pour un spectacle sans représentation, la saison).",
            )
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
            self._problem(
                table,
                row,
                f"la convention avec « {name} » pour {season} est clôturée dans la base : son programme ne peut plus changer.",
            )
            return
        first_discipline, first_line = self.show_disciplines.setdefault(
            (partner, season, key(title)), (discipline, row.line)
        )
        if key(first_discipline) != key(discipline):
            self._problem(
                table,
                row,
                f"« {title} » est en « {first_discipline or 'sans discipline'} » ligne {first_line} : une seule discipline par spectacle.",
            )
            return
        if deadline is not None and starts_at is not None and deadline > starts_at:
            self._problem(table, row, "la date limite de réservation est après la représentation.")
            return
        k = (partner, season, key(title), starts_at)
        first = self.seen.setdefault(("performance", *k), row.line)
        if first != row.line:
            what = (
                "ce spectacle"
                if starts_at is None
                else f"la représentation du {format_date(starts_at)} à {format_time(starts_at)}"
            )
            self._problem(table, row, f"{what} de « {title} » figure déjà ligne {first}.")
            return
        if starts_at is not None and any(
            p.partner == partner for p in self.known.performances.get((key(title), starts_at), [])
        ):
            self._problem(
                table,
                row,
                f"la représentation de « {title} » du {format_date(starts_at)} à {format_time(starts_at)} existe déjà dans la base.",
            )
            return
        rec = self.draft.performances[k] = PerformanceRec(
            partner, season, title, discipline, venue, starts_at, quota or 0, deadline, cancelled, ref=k
        )
        if starts_at is not None:
            self.file_performances[(key(title), starts_at)].append(rec)

    def _check_booking(self, table: SourceTable, row: SourceRow) -> None:
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
            self._problem(
                table,
                row,
                f"{when} n'a pas encore eu lieu : laissez « presents » vide, la présence se relève après la représentation.",
            )
        elif used is not None and used > issued:
            self._problem(
                table,
                row,
                f"{used} présents pour {issued} places éditées : les présents ne peuvent pas dépasser les places.",
            )
        elif performance.cancelled and held:
            self._problem(
                table, row, f"{when} est annulée : ses places ne peuvent être qu'annulées (colonne « annulees »)."
            )
        elif performance.held + held > performance.quota:
            self._problem(
                table,
                row,
                f"places au-delà du quota : {performance.held + held} places réservées sur {when} pour un quota de {performance.quota}.",
            )
        else:
            reason_id = None
            if used is not None and used < issued:
                reason_id = self._reason(table, row, row.text("motif_non_utilisation"), issued - used)
                if reason_id is None:
                    return
            performance.held += held
            self.draft.reservations.add(
                ReservationRec(performance.ref, relay, held, issued, used, reason_id, cancelled)
            )

    def _find_performance(self, table, row, title, starts_at, partner_name) -> PerformanceRec | None:
        when = f"« {title} » le {format_date(starts_at)} à {format_time(starts_at)}"
        what = f"de la représentation {when}"
        if (key(title), starts_at) in self.failed["performance"]:
            raise Dependent(what, self.failed["performance"][(key(title), starts_at)])
        self._file_failed("offres", what)
        candidates = self.file_performances.get((key(title), starts_at), []) + self.known.performances.get(
            (key(title), starts_at), []
        )
        if partner_name:
            candidates = [p for p in candidates if p.partner == key(partner_name)]
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
                self._problem(
                    table, row, f"la convention de {when} est clôturée dans la base : plus aucune réservation."
                )
                return None
            found.ref = ("store", found.existing_id)
            self.draft.performances.setdefault(found.ref, found)
        return found

    def _find_relay(self, table, row, name, commune) -> tuple | None:
        wanted = key(name)
        candidates = list(self.relay_keys.get(wanted, ()))
        candidates += [
            (wanted, key(c)) for c, _ in self.known.relays.get(wanted, []) if (wanted, key(c)) not in candidates
        ]
        if commune:
            candidates = [k for k in candidates if k[1] == key(commune)]
        if not candidates:
            what = f"du relais « {name} »"
            if key(name) in self.failed["relay"]:
                raise Dependent(what, self.failed["relay"][key(name)])
            self._file_failed("relais", what)
        if not candidates:
            where = f" à {commune}" if commune else ""
            self._problem(table, row, f"relais inconnu « {name} »{where} (absent de relais.csv et de la base).")
            return None
        if len(candidates) > 1:
            self._problem(
                table, row, f"plusieurs relais s'appellent « {name} » : précisez la colonne « commune_relais »."
            )
            return None
        found = candidates[0]
        if found not in self.draft.relays:
            commune_name, rid = next((c, rid) for c, rid in self.known.relays[key(name)] if key(c) == found[1])
            self.draft.relays[found] = RelayRec(name, commune_name, existing_id=rid)
            self.relay_keys[found[0]].append(found)
        return found

    def _reason(self, table, row, text: str, unused: int) -> int | None:
        if not text:
            self._problem(
                table,
                row,
                f"{unused} place(s) non utilisée(s) sans motif : remplissez « motif_non_utilisation » (« Motif inconnu » si on ne le sait pas).",
            )
            return None
        found = self.known.reasons.get(plain(text))
        if found is None:
            self._problem(
                table, row, f"motif inconnu « {text} » (motifs possibles : {' ; '.join(self.known.reason_labels)})."
            )
        return found

    def _check_allocation(self, table: SourceTable, row: SourceRow) -> None:
        name = self._text(table, row, "partenaire", 120, required=True)
        season = self._read(table, row, "saison", cells.read_season)
        kind = self._read(table, row, "type", cells.read_kind)
        amounts = [
            self._read(table, row, "montant_prevu_eur", cells.read_money, Decimal("0.00")),
            self._read(table, row, "montant_realise_eur", cells.read_money),
        ]
        places = [
            self._read(table, row, "places_prevues", cells.read_count, 0),
            self._read(table, row, "places_realisees", cells.read_count),
        ]
        days = [self._read(table, row, c, cells.read_date) for c in ("decidee_le", "realisee_le")]
        note = self._text(table, row, "note", 300)
        if season is None or kind is None:
            self._problem(
                table,
                row,
                "la saison et le type (places supplémentaires ou gestion des invitations) sont obligatoires.",
            )
            return
        if BAD in (name, season, kind, note, *amounts, *places, *days):
            return
        partner = self._partner_known(table, row, name)
        convention = self._convention(table, row, partner, season, name) if partner else None
        if convention is None:
            return
        available = surplus(convention.donations, convention.place_value, convention.places)
        if convention.planned + amounts[0] > available:
            self._problem(
                table,
                row,
                f"les affectations prévues ({format_money(convention.planned + amounts[0])}) dépassent le surplus de don de « {name} » ({format_money(available)}).",
            )
            return
        convention.planned += amounts[0]
        self.draft.allocations.append(
            AllocationRec((partner, season), kind, amounts[0], places[0], amounts[1], places[1], days[0], days[1], note)
        )

    def _check_narrative(self, table: SourceTable, row: SourceRow) -> None:
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
            origin = next((o for (_, label), o in self.failed["convention"].items() if label == season), None)
            if origin is not None:
                raise Dependent(f"d'une convention de la saison {season}", origin)
            self._problem(
                table,
                row,
                f"saison {season} inconnue (aucune convention pour elle dans conventions.csv ni dans la base).",
            )
        elif season in self.known.seasons and self.known.seasons[season][1]:
            self._problem(
                table, row, f"la saison {season} a déjà un bilan qualitatif dans la base : l'import ne le remplace pas."
            )
        else:
            self.draft.narratives[season] = SeasonNarrative(**texts)
