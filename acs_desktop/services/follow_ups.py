"""A dated follow-up log (a convention's, a relay's): one line is a date, a kind and a text.

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


def checked_follow_up(on: date | None, text: str) -> tuple[date, str]:
    """The line's date and its text, cleaned; a refusal when the text is empty or the date missing."""
    clean = required_text(text, "Le texte du suivi", "text", 4000)
    if not isinstance(on, date):
        raise DomainError("date_invalid", "La date du suivi est obligatoire.", field="on")
    return on, clean


def write_follow_up(
    session: Session, model: type[Any], owner: dict[str, int], entry_id: int | None, on: date, kind, text: str
) -> Any:
    """Add a line for `owner` ({"relay_id": 3}), or change line `entry_id`; flushed, returned."""
    entry: Any
    if entry_id is None:
        entry = model(**owner, on=on, kind=FollowUpKind(kind), text=text)
        session.add(entry)
    else:
        entry = get_or_refuse(session, model, entry_id, "Cette ligne de suivi")
        entry.on, entry.kind, entry.text = on, FollowUpKind(kind), text
    session.flush()
    return entry
