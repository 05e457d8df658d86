"""Importing returned booking forms: a preview that asks the booking verbs themselves, then the same.

`preview(paths)` reads each file (`form_reading`), puts the forms in the order they arrived (their
files' modification times) and runs them all, in that order, through `BookingService` inside one
transaction that is rolled back: each « Places à rendre » through `return_places` (the places go
back to the quota and are offered to the waiting list), then each « Places demandées » through
`book_places` — or, when too few places are left, `join_waiting_list` — each line in a savepoint,
so that a refused line (deadline passed, performance cancelled or past, relay inactive…) leaves the
others. `apply(preview)` does the very same, one committed transaction per form (all or nothing),
and stores the form's identifier (`ImportedForm`): the same form never books twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from acs_desktop.domain.booking_forms import BOOKINGS_SHEET, PERFORMANCES_SHEET
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.form_imports import FormLine, FormOutcome, FormsImport, LineOutcome
from acs_desktop.domain.french import format_datetime, quantity
from acs_desktop.domain.progress import Progress, report
from acs_desktop.models import Booking, Convention, ImportedForm, Performance, Relay, Season
from acs_desktop.services.base import Clock, Service, Sessions, get_or_refuse, system_clock
from acs_desktop.services.bookings import BookingRequest, BookingService, performance_label
from acs_desktop.services.form_reading import FormUnreadable, ReadForm, read_form
from acs_desktop.services.queries import up_to_partner


@dataclass(frozen=True)
class FormToReview:
    """An applied form with lines refused: « À faire » lists it until the director marks it seen."""

    id: int
    relay_id: int
    relay_name: str
    file_name: str
    imported_at: datetime
    refused: int
    waiting: int
    refused_lines: tuple[str, ...]  # as stored when applied: sheet, line, performance, why


class FormImportService(Service):
    def __init__(self, sessions: Sessions, clock: Clock = system_clock, *, bookings: BookingService):
        super().__init__(sessions, clock)
        self._bookings = bookings

    def preview(self, paths: Sequence[Path | str], progress: Progress | None = None) -> FormsImport:
        """What importing `paths` would do, in the order the forms arrived. Nothing is written."""
        return self.preview_in_order(arrival_order(paths), progress)

    def preview_in_order(self, paths: Sequence[Path | str], progress: Progress | None = None) -> FormsImport:
        """What importing `paths`, in this order, would do. Nothing is written."""
        if not paths:
            raise DomainError("no_form", "Choisissez au moins un bon de réservation.")
        outcomes: list[FormOutcome] = []
        seen: set[str] = set()
        with self._one_transaction(keep=False) as session:
            for done, path in enumerate(paths):
                report(progress, done, len(paths), f"Lecture de {Path(path).name}…")
                outcomes.append(self._run(session, Path(path), seen, applying=False))
        report(progress, len(paths), len(paths))
        # The codes booked in the preview were rolled back with it: they will never exist.
        unbooked = tuple(
            replace(outcome, lines=tuple(replace(line, codes=()) for line in outcome.lines)) for outcome in outcomes
        )
        return FormsImport(unbooked, applied=False)

    def apply(self, preview: FormsImport, progress: Progress | None = None) -> FormsImport:
        """Apply the forms of `preview`, in its order, each in its own transaction (all or nothing):
        a form changed since the preview is refused, never applied unseen."""
        outcomes: list[FormOutcome] = []
        seen: set[str] = set()
        total = len(preview.forms)
        for done, planned in enumerate(preview.forms):
            report(progress, done, total, f"Import de {planned.file_name}…")
            if planned.refused:
                outcomes.append(planned)
                continue
            with self._one_transaction(keep=True) as session:
                outcome = self._run(session, Path(planned.path), seen, applying=True, expected=planned.fingerprint)
            outcomes.append(outcome)
        report(progress, total, total)
        return FormsImport(tuple(outcomes), applied=True)

    # --- the forms with lines refused, until seen ------------------------------------------
    def forms_to_review(self, season_id: int) -> list[FormToReview]:
        """The season's applied forms with refused lines not yet marked seen, the oldest import first."""
        with self._reading() as session:
            rows = session.execute(
                select(ImportedForm, Relay.name)
                .outerjoin(Relay, ImportedForm.relay_id == Relay.id)
                .where(ImportedForm.season_id == season_id, ImportedForm.refused > 0, ImportedForm.seen.is_(False))
                .order_by(ImportedForm.imported_at, ImportedForm.id)
            )
            return [_to_review(form, name) for form, name in rows]

    def form_to_review(self, form_id: int) -> FormToReview:
        with self._reading() as session:
            form = get_or_refuse(session, ImportedForm, form_id, "Ce bon importé")
            relay = session.get(Relay, form.relay_id)
            return _to_review(form, relay.name if relay is not None else None)

    def mark_form_seen(self, form_id: int) -> None:
        """The director has looked at the form's refused lines: « À faire » no longer lists it."""
        with self._writing() as session:
            form = get_or_refuse(session, ImportedForm, form_id, "Ce bon importé")
            form.seen = True
            self._log(session, "seen", "imported_form", form_id, f"Bon de réservation n° {form.form_key} : refus vus")

    # --- one form ---------------------------------------------------------------------------
    def _run(self, session: Session, path: Path, seen: set[str], *, applying: bool, expected: str = "") -> FormOutcome:
        try:
            form = read_form(path)
        except FormUnreadable as error:
            return FormOutcome(str(path), path.name, refusal=error.message, refusal_code=error.code)
        refused = self._form_refusal(session, form, seen)
        if refused is None and expected and form.fingerprint != expected:
            refused = DomainError(
                "form_changed", f"{form.file_name} : ce fichier a changé depuis l'aperçu : relancez l'import."
            )
        if refused is not None:
            return FormOutcome(
                form.path,
                form.file_name,
                form.form_key,
                form.relay_name,
                form.season_label,
                refused.message,
                refused.code,
                fingerprint=form.fingerprint,
            )
        seen.add(form.form_key)
        lines = [*self._returns(session, form), *self._requests(session, form)]
        outcome = FormOutcome(
            form.path,
            form.file_name,
            form.form_key,
            form.relay_name,
            form.season_label,
            lines=tuple(lines),
            fingerprint=form.fingerprint,
        )
        if applying and lines:
            record = ImportedForm(
                form_key=form.form_key,
                relay_id=form.relay_id,
                season_id=form.season_id,
                file_name=form.file_name[:255],
                made_at=form.made_at,
                imported_at=self._now(),
                summary=summary(outcome),
                refused=outcome.count(LineOutcome.REFUSED),
                waiting=outcome.count(LineOutcome.WAITING),
                refused_lines="\n".join(refused_line(line) for line in lines if line.outcome is LineOutcome.REFUSED),
            )
            session.add(record)
            session.flush()
            self._log(
                session,
                "import",
                "imported_form",
                record.id,
                f"Bon de réservation n° {form.form_key} de « {form.relay_name} » ({form.file_name}) : {summary(outcome)}",
            )
        return outcome

    def _form_refusal(self, session: Session, form: ReadForm, seen: set[str]) -> DomainError | None:
        name = form.file_name
        if form.form_key in seen:
            return DomainError(
                "form_twice", f"{name} : le bon n° {form.form_key} figure deux fois dans cet import : pris une fois."
            )
        done = session.scalar(select(ImportedForm).where(ImportedForm.form_key == form.form_key))
        if done is not None:
            return DomainError(
                "form_already_imported",
                f"{name} : le bon n° {form.form_key} a déjà été importé le {format_datetime(done.imported_at)} "
                f"({done.file_name}) : rien n'est réservé deux fois.",
            )
        season = session.get(Season, form.season_id)
        if season is None or season.label != form.season_label:
            return DomainError(
                "form_other_season",
                f"{name} : ce bon est de la saison {form.season_label}, qui n'est pas dans cette base "
                "(un bon d'une autre saison ou d'une autre base).",
            )
        relay = session.get(Relay, form.relay_id)
        if relay is None:
            return DomainError("form_relay_unknown", f"{name} : le relais « {form.relay_name} » n'existe plus.")
        for performance_id in {r.performance_id for r in form.requests} | {r.performance_id for r in form.returns}:
            found = session.execute(
                up_to_partner(select(Performance.id).where(Performance.id == performance_id)).where(
                    Convention.season_id == form.season_id
                )
            ).first()
            if found is None:
                return DomainError(
                    "form_other_season",
                    f"{name} : la représentation {form.titles.get(performance_id, performance_id)} n'est pas "
                    f"de la saison {form.season_label} dans cette base : le bon n'est pas de cette base.",
                )
        for give_back in form.returns:
            booking = session.get(Booking, give_back.booking_id)
            if (
                booking is None
                or booking.relay_id != form.relay_id
                or booking.performance_id != give_back.performance_id
            ):
                return DomainError(
                    "form_booking_unknown",
                    f"{name} › {BOOKINGS_SHEET}, ligne {give_back.line} : la réservation n° {give_back.booking_id} "
                    f"n'est pas (ou plus) une réservation de « {form.relay_name} ».",
                )
        return None

    def _returns(self, session: Session, form: ReadForm) -> list[FormLine]:
        lines = []
        for give_back in form.returns:
            label = self._label(session, give_back.performance_id)
            try:
                with session.begin_nested():
                    result = self._bookings.return_places(give_back.booking_id, give_back.places)
            except DomainError as error:
                lines.append(
                    FormLine(
                        BOOKINGS_SHEET, give_back.line, label, give_back.places, LineOutcome.REFUSED, error.message
                    )
                )
                continue
            offered = "".join(f" ; proposée(s) à « {o.relay_name} » ({o.places})" for o in result.offers)
            lines.append(
                FormLine(
                    BOOKINGS_SHEET,
                    give_back.line,
                    label,
                    give_back.places,
                    LineOutcome.RETURNED,
                    f"{quantity(result.places_returned, 'place rendue', 'places rendues')} au quota{offered}",
                )
            )
        return lines

    def _requests(self, session: Session, form: ReadForm) -> list[FormLine]:
        lines = []
        note = f"Bon de réservation n° {form.form_key}"
        for request in form.requests:
            label = self._label(session, request.performance_id)

            def line(
                outcome: LineOutcome, detail: str, codes: tuple[str, ...] = (), r=request, label=label
            ) -> FormLine:
                return FormLine(PERFORMANCES_SHEET, r.line, label, r.places, outcome, detail, codes, r.first_names)

            if request.names_refusal:
                lines.append(line(LineOutcome.REFUSED, request.names_refusal))
                continue
            booking = BookingRequest(
                request.performance_id,
                form.relay_id,
                request.places,
                first_names=request.first_names,
                names_on_tickets=bool(request.first_names),
                note=note,
            )
            try:
                with session.begin_nested():
                    result = self._bookings.book_places(booking)
                lines.append(
                    line(
                        LineOutcome.BOOKED,
                        f"{quantity(request.places, 'place réservée', 'places réservées')} "
                        f"(il en reste {result.remaining})",
                        result.codes,
                    )
                )
                continue
            except DomainError as error:
                if error.code != "quota_exceeded":
                    lines.append(line(LineOutcome.REFUSED, error.message))
                    continue
                full = error.message
            try:
                with session.begin_nested():
                    self._bookings.join_waiting_list(request.performance_id, form.relay_id, request.places, note)
            except DomainError as error:
                lines.append(line(LineOutcome.REFUSED, f"{full} {error.message}"))
                continue
            remaining = self._bookings.remaining(request.performance_id)
            lines.append(
                line(
                    LineOutcome.WAITING,
                    f"il reste {quantity(remaining, 'place')} : inscrit sur la liste d'attente pour "
                    f"{quantity(request.places, 'place')}",
                )
            )
        return lines

    @staticmethod
    def _label(session: Session, performance_id: int) -> str:
        performance = session.get(Performance, performance_id)
        return performance_label(performance) if performance is not None else f"n° {performance_id}"


def arrival_order(paths: Sequence[Path | str]) -> list[Path]:
    """The forms in the order they arrived: their files' modification times (then their names)."""

    def arrived(path: Path) -> tuple[float, str]:
        try:
            return path.stat().st_mtime, path.name
        except OSError:
            return float("inf"), path.name  # read, and refused, last

    return sorted((Path(p) for p in paths), key=arrived)


def refused_line(line: FormLine) -> str:
    return f"{line.sheet}, ligne {line.line} : {line.performance}, {quantity(line.asked, 'place')} — {line.detail}"


def _to_review(form: ImportedForm, relay_name: str | None) -> FormToReview:
    return FormToReview(
        form.id,
        form.relay_id,
        relay_name or f"relais n° {form.relay_id}",
        form.file_name,
        form.imported_at,
        form.refused,
        form.waiting,
        tuple(form.refused_lines.splitlines()),
    )


def summary(form: FormOutcome) -> str:
    parts = [
        quantity(form.count(LineOutcome.BOOKED), "ligne réservée", "lignes réservées"),
        quantity(form.count(LineOutcome.WAITING), "en liste d'attente", "en liste d'attente"),
        quantity(form.count(LineOutcome.RETURNED), "retour de places", "retours de places"),
        quantity(form.count(LineOutcome.REFUSED), "ligne refusée", "lignes refusées"),
    ]
    return ", ".join(parts)
