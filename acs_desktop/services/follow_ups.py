"""A dated follow-up log (a convention's, a relay's): one line is a date, a kind and a text, and
maybe a next step (what, by when) with its « fait » mark.

The next step is marked done rather than cleared: the log is a history, and « relancer pour le
bilan, fait » says more than a line whose step vanished. « À faire » lists the steps due and not done.

The conventions and the relays keep the same kind of log; the checks and the writing of a line
live here once, each service keeps its verbs, its owner and its activity-log sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import FollowUpKind
from acs_desktop.domain.validation import required_text
from acs_desktop.services.base import get_or_refuse


@dataclass(frozen=True)
class FollowUpLine:
    """A follow-up line as the window shows it (whoever it belongs to)."""

    id: int
    owner_id: int
    on: date
    kind: FollowUpKind
    text: str
    version: int  # as read: saving the line with it is refused if another desk saved it meanwhile
    next_step: str = ""
    due_on: date | None = None
    done: bool = False


@dataclass(frozen=True)
class NextStep:
    """What is to be done after this exchange, by when, and whether it was."""

    text: str = ""
    due_on: date | None = None
    done: bool = False


@dataclass(frozen=True)
class DueFollowUp:
    """A next step whose date has come, not done: whose log it is in (a convention's, a relay's)."""

    id: int
    owner_id: int
    owner_name: str
    next_step: str
    due_on: date


def checked_next_step(step: NextStep | None) -> NextStep:
    """The next step cleaned: none at all, or a text with its date (one without the other is refused)."""
    if step is None:
        return NextStep()
    text = step.text.strip()
    if not text and step.due_on is None:
        return NextStep()
    if not text:
        raise DomainError("next_step_missing", "Indiquez ce qu'il y a à faire pour cette date.", field="next_step")
    if len(text) > 1000:
        raise DomainError("next_step_too_long", "La prochaine étape dépasse 1000 caractères.", field="next_step")
    if not isinstance(step.due_on, date):
        raise DomainError("due_missing", "Indiquez pour quand est la prochaine étape.", field="due_on")
    return NextStep(text, step.due_on, step.done)


def checked_follow_up(on: date | None, text: str) -> tuple[date, str]:
    """The line's date and its text, cleaned; a refusal when the text is empty or the date missing."""
    clean = required_text(text, "Le texte du suivi", "text", 4000)
    if not isinstance(on, date):
        raise DomainError("date_invalid", "La date du suivi est obligatoire.", field="on")
    return on, clean


def write_follow_up(
    session: Session,
    model: type[Any],
    owner: dict[str, int],
    entry_id: int | None,
    on: date,
    kind,
    text: str,
    step: NextStep = NextStep(),  # frozen: a shared default is safe
    version: int | None = None,
) -> Any:
    """Add a line for `owner` ({"relay_id": 3}), or change line `entry_id` (refused if another desk
    saved it since the dialog read `version`); flushed, returned."""
    entry: Any
    if entry_id is None:
        entry = model(**owner, on=on, kind=FollowUpKind(kind), text=text)
        session.add(entry)
    else:
        entry = get_or_refuse(session, model, entry_id, "Cette ligne de suivi", version=version)
        entry.on, entry.kind, entry.text = on, FollowUpKind(kind), text
    entry.next_step, entry.due_on, entry.done = step.text, step.due_on, step.done
    session.flush()
    return entry


def line_of(entry: Any, owner_id: int) -> FollowUpLine:
    """A stored line (a `FollowUpEntry`, a `RelayFollowUp`) as the window shows it."""
    return FollowUpLine(
        entry.id, owner_id, entry.on, entry.kind, entry.text, entry.version, entry.next_step, entry.due_on, entry.done
    )
