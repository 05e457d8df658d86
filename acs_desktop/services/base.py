"""What every service shares: its sessions, its clock, the transaction and the activity log."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault
from acs_desktop.domain.french import format_date, format_money
from acs_desktop.domain.validation import same_name
from acs_desktop.models import ActivityEntry, Base
from acs_desktop.services.desk import desk_of

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)
NOT_SAVED = "Rien n'a été enregistré : la base est telle qu'avant."
T = TypeVar("T", bound=Base)


class Sessions(Protocol):
    """Read and write session factories (a `Store` is one)."""

    read: sessionmaker[Session]
    write: sessionmaker[Session]

    def forget(self, erase_in_copy: Callable[[Connection], object] | None = None) -> object:
        """After an erasure: leave no copy of the erased values in the store's journal, and make
        the same erasure (`erase_in_copy`) in every copy of the store in the data folder."""


def system_clock() -> datetime:
    """Local wall time to the second: the office's time is the performances' time."""
    return datetime.now().replace(microsecond=0)


class Service:
    """Base of the services. Each public method is one transaction and returns plain data."""

    def __init__(self, sessions: Sessions, clock: Clock = system_clock):
        self._sessions = sessions
        self._clock = clock
        # The read transaction under way in this thread, shared by every service of the store.
        local = getattr(sessions, "_acs_reading", None)
        if local is None:
            local = threading.local()
            with contextlib.suppress(AttributeError):  # a sessions object that refuses attributes
                sessions._acs_reading = local
        self._local = local
        self._desk = desk_of(sessions)  # who is at the desk: what they may do, and the log's author

    def _now(self) -> datetime:
        return self._clock()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A read transaction; a public call made inside another one shares its snapshot."""
        current = getattr(self._local, "session", None) or getattr(self._local, "writing", None)
        if current is not None:
            yield current
            return
        with self._faults_said(), self._sessions.read() as session, session.begin():
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back entirely on any error. Inside
        `_one_transaction` (this thread), the verb joins that transaction instead."""
        current = getattr(self._local, "writing", None)
        if current is not None:
            yield current
            return
        with self._faults_said(NOT_SAVED), self._sessions.write() as session, session.begin():
            yield session

    @contextmanager
    def _one_transaction(self, *, keep: bool) -> Iterator[Session]:
        """One write transaction that the public verbs called inside it (any service of the store,
        this thread) join, and reads see: several verbs all or nothing. `keep=False` rolls it back
        at the end whatever happened — a dry run that asks the verbs themselves what they would do."""
        if getattr(self._local, "writing", None) is not None:
            raise RuntimeError("a shared transaction is already under way in this thread")
        with self._faults_said(NOT_SAVED if keep else ""), self._sessions.write() as session:
            transaction = session.begin()
            self._local.writing = session
            try:
                yield session
            except BaseException:
                transaction.rollback()
                raise
            else:
                if keep:
                    transaction.commit()
                else:
                    transaction.rollback()
            finally:
                self._local.writing = None

    @contextmanager
    def _faults_said(self, outcome: str = "") -> Iterator[None]:
        """A full disk, a read-only folder or a store held by another program, met by the
        database: a MachineFault (a DomainError) in French, once the transaction is rolled back."""
        try:
            yield
        except StaleDataError as error:
            # Another desk saved the same record between our read and our write (WHERE version = ?
            # matched nothing): the transaction is rolled back, nothing of ours was written.
            log.warning("%s", error)
            table = re.search(r"table '(\w+)'", str(error))
            raise changed_elsewhere(table.group(1) if table else "") from error
        except DBAPIError as error:
            said = fault(error, getattr(self._sessions, "path", None), outcome=outcome)
            if said is None:
                raise
            log.warning("%s (%s)", said.message, error.orig)
            raise said from error

    def _log(self, session: Session, action: str, entity: str, entity_id: int | None, summary: str) -> None:
        session.add(
            ActivityEntry(
                at=self._now(), action=action, entity=entity, entity_id=entity_id, summary=summary, who=self._desk.name
            )
        )


# How a refusal names each kind of record a dialog edits (by table): its subject, and the ending
# its participle takes ("" masculine, "e" feminine, "s" plural).
EDITED_RECORDS = {
    "association_settings": ("Les réglages de l'association", "s"),
    "partner": ("Ce partenaire", ""),
    "partner_contact": ("Ce contact", ""),
    "venue": ("Cette salle", "e"),
    "convention": ("Cette convention", "e"),
    "surplus_allocation": ("Cette affectation du surplus", "e"),
    "follow_up_entry": ("Cette ligne de suivi", "e"),
    "show": ("Ce spectacle", ""),
    "performance": ("Cette représentation", "e"),
    "relay": ("Ce relais", ""),
    "referent": ("Ce référent", ""),
    "relay_follow_up": ("Cette ligne de suivi", "e"),
    "non_use_reason": ("Ce motif de non-venue", ""),
    "mediation_action": ("Cette action de médiation", "e"),
    "relay_feedback": ("Ce retour du relais", ""),
}
REOPEN = {
    "association_settings": "Fermez les réglages et rouvrez-les pour voir ce qui est enregistré.",
}


def changed_elsewhere(table: str, *, deleted: bool = False) -> DomainError:
    """The refusal of a save over a record that another desk changed (or deleted) meanwhile."""
    subject, ending = EDITED_RECORDS.get(table, ("Cette fiche", "e"))
    has, it = ("ont", "les ") if ending == "s" else ("a", "l'")
    done = "supprimé" if deleted else "modifié"
    reopen = "" if deleted else " " + REOPEN.get(table, "Fermez la fiche et rouvrez-la pour voir la version actuelle.")
    return DomainError(
        "changed_elsewhere",
        f"{subject} {has} été {done}{ending} à un autre poste pendant que vous {it}éditiez : "
        f"vos changements n'ont pas été enregistrés.{reopen}",
    )


def get_or_refuse(session: Session, model: type[T], record_id: int, what: str, *, version: int | None = None) -> T:
    """The record, or a DomainError saying it no longer exists (deleted elsewhere, stale list).
    With the `version` a dialog read (a `Versioned` record): refused as well if the record is no
    longer at that version — another desk saved it meanwhile — or was deleted."""
    record = session.get(model, record_id)
    if record is None:
        if version is not None:
            raise changed_elsewhere(model.__tablename__, deleted=True)
        raise DomainError("not_found", f"{what} n'existe plus (n° {record_id}).")
    if version is not None and record.version != version:  # type: ignore[attr-defined]
        raise changed_elsewhere(model.__tablename__)
    return record


def save_named(
    session: Session,
    model: type[T],
    record_id: int | None,
    values: dict,
    *,
    what: str,
    siblings: Iterable[tuple[int, str]],
    refusal: Callable[[str], DomainError],
    version: int | None = None,
) -> T:
    """Create (`record_id` None) or update a record whose name must be unique among `siblings`
    (their ids and names; case and spaces ignored): `refusal(the name taken)` is raised before
    anything is written; an update with the `version` its dialog read is refused if another desk
    saved the record meanwhile. The record comes back flushed, with its id."""
    name = values.get("name", values.get("title", values.get("label")))
    for other_id, other_name in siblings:
        if other_id != record_id and same_name(other_name, name):
            raise refusal(other_name)
    if record_id is None:
        record = model(**values)
        session.add(record)
    else:
        record = get_or_refuse(session, model, record_id, what, version=version)
        for key, value in values.items():
            setattr(record, key, value)
    session.flush()
    return record


def fetch_all(session: Session, model: type[T], record_ids: list[int], what: str) -> list[T]:
    """The records, in the order asked, with one query per 500 ids; refused if one is gone."""
    found: dict[int, T] = {}
    unique = list(dict.fromkeys(record_ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        found.update((r.id, r) for r in session.scalars(select(model).where(model.id.in_(chunk))))
    missing = [i for i in unique if i not in found]
    if missing:
        raise DomainError("not_found", f"{what} n'existe plus (n° {missing[0]}).")
    return [found[i] for i in record_ids]


def describe_changes(labels: dict[str, str], before: dict, after: dict) -> str:
    """ "Places engagées : 10 → 12 ; Dons collectés : 1 200,00 € → 1 300,00 €" (only what changed)."""

    def show(value) -> str:
        if isinstance(value, Decimal):
            return format_money(value)
        if isinstance(value, date):
            return format_date(value)
        if value is None or value == "":
            return "—"
        return str(value)

    parts = [
        f"{labels[key]} : {show(before[key])} → {show(after[key])}"
        for key in labels
        if before.get(key) != after.get(key)
    ]
    return " ; ".join(parts) if parts else "aucun changement"
