"""« À faire »: what waits for the director this morning, gathered from the services that own
each rule (this module decides no rule itself, it asks them and words the answer).

- tickets to print: `booking_lists.unprinted`, its urgent rows (the « Billets urgents » setting);
- attendance to record: `attendance.pending_sheets`;
- places offered from the waiting list, unanswered: `booking_lists.list_waiting`, status offered;
- relays to warn of a cancellation: `offers.cancellation_notices`;
- conventions still in draft once the season has started (the season's dates);
- no copy on an external drive for `BACKUP_REMINDER_DAYS` days: `safety.last_external_backup`.

- follow-ups' next steps due and not done: `conventions.due_follow_ups`, `relays.due_follow_ups`;
- booking forms imported with refused lines, not yet seen: `form_imports.forms_to_review`;

Another part of the application adds its own lines through `sources`: a `TodoSource` takes the
season and returns `TodoItem`s (with their own `TodoKind`, `label` and `place`); the page and
the command line show them like the others, with no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import IntEnum

from acs_desktop.domain.french import format_date, format_time, quantity
from acs_desktop.domain.states import ConventionState, WaitingStatus
from acs_desktop.services.attendance import AttendanceService
from acs_desktop.services.base import Clock, system_clock
from acs_desktop.services.booking_lists import BookingListService
from acs_desktop.services.conventions import ConventionService
from acs_desktop.services.form_import import FormImportService
from acs_desktop.services.offers import OfferService
from acs_desktop.services.relays import RelayService
from acs_desktop.services.safety import SafetyService
from acs_desktop.services.seasons import SeasonService

BACKUP_REMINDER_DAYS = 7


class TodoUrgency(IntEnum):
    """Lower first: what cannot wait, then what should be done soon."""

    NOW = 0
    SOON = 1

    @property
    def label(self) -> str:
        return "urgent" if self is TodoUrgency.NOW else "à faire"


class TodoPlace:
    """Where a line is acted on (the window maps each to a tab, a list and a record)."""

    CONVENTION = "convention"  # Conventions tab, the convention selected
    BOOKING = "booking"  # Invitations tab, the booking selected (its tickets to print)
    WAITING = "waiting"  # Invitations tab, the waiting list, the entry selected
    ATTENDANCE = "attendance"  # Invitations tab, attendance to record, the performance selected
    WARNING = "warning"  # Invitations tab, relays to warn, the booking selected
    BACKUP = "backup"  # Fichier › Sauvegarder vers…
    RELAY = "relay"  # Relais tab, the relay selected
    IMPORTED_FORM = "imported_form"  # the form's refused lines, and « vu »


@dataclass(frozen=True)
class TodoTarget:
    place: str  # a TodoPlace
    record_id: int | None = None


@dataclass(frozen=True)
class TodoKind:
    """A kind of line: its key, the group's French title, and its rank among equally urgent groups."""

    key: str
    label: str
    rank: int


WAITING_OFFER = TodoKind("waiting_offer", "Places proposées sans réponse", 10)
CANCELLATION = TodoKind("cancellation", "Relais à prévenir d'une annulation", 20)
UNPRINTED = TodoKind("unprinted", "Billets urgents à éditer", 30)
ATTENDANCE = TodoKind("attendance", "Présence à relever", 40)
DRAFT_CONVENTION = TodoKind("draft_convention", "Conventions encore en brouillon", 50)
FOLLOW_UP = TodoKind("follow_up", "Suivis à faire", 45)
FORM_TO_REVIEW = TodoKind("form_to_review", "Bons importés avec des lignes refusées", 48)
BACKUP = TodoKind("backup", "Copie sur un support externe", 60)


@dataclass(frozen=True)
class TodoItem:
    kind: TodoKind
    text: str  # one French sentence
    count: int  # places, tickets or days the line is about
    urgency: TodoUrgency
    target: TodoTarget
    when: datetime | None = None  # the moment it is about (orders the lines of a group)


@dataclass(frozen=True)
class TodoGroup:
    kind: TodoKind
    items: list[TodoItem] = field(default_factory=list)

    @property
    def urgency(self) -> TodoUrgency:
        return min(item.urgency for item in self.items)

    @property
    def title(self) -> str:
        return f"{self.kind.label} ({len(self.items)})"


TodoSource = Callable[[int], list[TodoItem]]


def _order(item: TodoItem) -> tuple:
    return (item.urgency, item.kind.rank, item.when or datetime.min, item.text)


def grouped(items: Sequence[TodoItem]) -> list[TodoGroup]:
    """One group per kind, the most urgent first; within a group, the most urgent, then the soonest."""
    groups: dict[TodoKind, TodoGroup] = {}
    for item in sorted(items, key=_order):
        groups.setdefault(item.kind, TodoGroup(item.kind)).items.append(item)
    return sorted(groups.values(), key=lambda g: (g.urgency, g.kind.rank))


class TodoService:
    def __init__(
        self,
        *,
        seasons: SeasonService,
        booking_lists: BookingListService,
        attendance: AttendanceService,
        offers: OfferService,
        conventions: ConventionService,
        relays: RelayService,
        form_imports: FormImportService,
        safety: SafetyService | None,
        clock: Clock = system_clock,
        sources: Sequence[TodoSource] = (),
    ):
        self._seasons = seasons
        self._booking_lists = booking_lists
        self._attendance = attendance
        self._offers = offers
        self._conventions = conventions
        self._relays = relays
        self._form_imports = form_imports
        self._safety = safety
        self._clock = clock
        self.sources: list[TodoSource] = list(sources)

    def items(self, season_id: int) -> list[TodoItem]:
        """Every line that waits for the season, the most urgent first (then by kind, then date).
        "Today" is the services' clock: each rule asked reads the same one."""
        now = self._clock()
        found = [
            *self._waiting_offers(season_id),
            *self._cancellations(season_id),
            *self._unprinted(season_id),
            *self._attendance_to_record(season_id),
            *self._drafts(season_id, now),
            *self._follow_ups(season_id),
            *self._forms_to_review(season_id),
            *self._backup(now),
        ]
        for source in self.sources:
            found.extend(source(season_id))
        return sorted(found, key=_order)

    def groups(self, season_id: int) -> list[TodoGroup]:
        return grouped(self.items(season_id))

    # --- one rule each, asked of its owner ------------------------------------------------
    def _unprinted(self, season_id: int) -> list[TodoItem]:
        return [
            TodoItem(
                UNPRINTED,
                f"« {r.show_title} » du {format_date(r.starts_at)} à {format_time(r.starts_at)} : "
                f"{quantity(r.places, 'billet')} à éditer pour {r.relay_name}.",
                r.places,
                TodoUrgency.NOW,
                TodoTarget(TodoPlace.BOOKING, r.booking_id),
                r.starts_at,
            )
            for r in self._booking_lists.unprinted(season_id, urgent_only=True)
        ]

    def _attendance_to_record(self, season_id: int) -> list[TodoItem]:
        return [
            TodoItem(
                ATTENDANCE,
                f"« {p.show_title} » du {format_date(p.starts_at)} : présence à relever "
                f"({p.pending} sur {quantity(p.issued, 'billet remis', 'billets remis')}).",
                p.pending,
                TodoUrgency.SOON,
                TodoTarget(TodoPlace.ATTENDANCE, p.performance_id),
                p.starts_at,
            )
            for p in self._attendance.pending_sheets(season_id)
        ]

    def _waiting_offers(self, season_id: int) -> list[TodoItem]:
        return [
            TodoItem(
                WAITING_OFFER,
                f"{w.relay_name} : {quantity(w.offered_places, 'place proposée', 'places proposées')} pour "
                f"« {w.show_title} » du {format_date(w.starts_at)}, sans réponse.",
                w.offered_places,
                TodoUrgency.NOW,
                TodoTarget(TodoPlace.WAITING, w.id),
                w.starts_at,
            )
            for w in self._booking_lists.list_waiting(season_id)
            if w.status is WaitingStatus.OFFERED
        ]

    def _cancellations(self, season_id: int) -> list[TodoItem]:
        return [
            TodoItem(
                CANCELLATION,
                f"Prévenir {n.relay_name} : « {n.show_title} » du {format_date(n.starts_at)} est annulée "
                f"({quantity(n.places, 'place')}).",
                n.places,
                TodoUrgency.NOW,
                TodoTarget(TodoPlace.WARNING, n.booking_id),
                n.starts_at,
            )
            for n in self._offers.cancellation_notices(season_id)
        ]

    def _drafts(self, season_id: int, now: datetime) -> list[TodoItem]:
        season = next((s for s in self._seasons.list_seasons() if s.id == season_id), None)
        if season is None or season.starts_on > now.date():
            return []
        return [
            TodoItem(
                DRAFT_CONVENTION,
                f"{c.partner_name} : convention encore en brouillon, la saison a commencé le "
                f"{format_date(season.starts_on)}.",
                1,
                TodoUrgency.SOON,
                TodoTarget(TodoPlace.CONVENTION, c.id),
            )
            for c in self._conventions.list_conventions(season_id)
            if c.state is ConventionState.DRAFT
        ]

    def _follow_ups(self, season_id: int) -> list[TodoItem]:
        """The next steps due, the conventions' and the relays' together, the most overdue first."""
        owners = [
            ("Convention", TodoPlace.CONVENTION, self._conventions.due_follow_ups(season_id)),
            ("Relais", TodoPlace.RELAY, self._relays.due_follow_ups()),
        ]
        return [
            TodoItem(
                FOLLOW_UP,
                f"{owner} {due.owner_name} : {due.next_step} — prévu le {format_date(due.due_on)}",
                1,
                TodoUrgency.SOON,
                TodoTarget(place, due.owner_id),
                datetime.combine(due.due_on, time()),
            )
            for owner, place, dues in owners
            for due in dues
        ]

    def _forms_to_review(self, season_id: int) -> list[TodoItem]:
        return [
            TodoItem(
                FORM_TO_REVIEW,
                f"Bon de {f.relay_name} importé le {format_date(f.imported_at)} : "
                f"{quantity(f.refused, 'ligne refusée', 'lignes refusées')}"
                + (f", {f.waiting} en liste d'attente" if f.waiting else "")
                + ".",
                f.refused,
                TodoUrgency.SOON,
                TodoTarget(TodoPlace.IMPORTED_FORM, f.id),
                f.imported_at,
            )
            for f in self._form_imports.forms_to_review(season_id)
        ]

    def _backup(self, now: datetime) -> list[TodoItem]:
        if self._safety is None:  # no store file (a test's sessions): nothing to copy
            return []
        if not self._safety.may_copy_out():  # a volunteer: the direction's reminder
            return []
        last = self._safety.last_external_backup()
        if last is not None and now - last < timedelta(days=BACKUP_REMINDER_DAYS):
            return []
        text = (
            "Aucune copie de la base n'a encore été faite sur une clé USB ou un disque externe."
            if last is None
            else f"Dernière copie sur une clé USB ou un disque externe le {format_date(last)}, "
            f"il y a {(now.date() - last.date()).days} jours."
        )
        return [
            TodoItem(
                BACKUP,
                text,
                0 if last is None else (now.date() - last.date()).days,
                TodoUrgency.SOON,
                TodoTarget(TodoPlace.BACKUP),
                last,
            )
        ]
