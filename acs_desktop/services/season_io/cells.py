"""Reading one cell of an import: French numbers, euros, dates, times, seasons, yes/no and the
closed lists (convention states, kinds of allocation). Each reader gets the raw cell (a workbook
gives numbers and dates as such), its text and the column name; it raises a French DomainError."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import parse_date, parse_time
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.domain.states import AllocationKind, ConventionState
from acs_desktop.domain.validation import count, money
from acs_desktop.services.season_io.files import plain

STATES = {plain(s.label): s for s in ConventionState} | {plain(s.value): s for s in ConventionState}
KINDS = (
    {plain(k.label): k for k in AllocationKind}
    | {plain(k.value): k for k in AllocationKind}
    | {"places": AllocationKind.EXTRA_PLACES, "gestion": AllocationKind.MANAGEMENT}
)
YES = {"oui", "o", "x", "1", "vrai", "yes", "true"}
NO = {"non", "n", "0", "faux", "no", "false"}


def read_count(_value, text, column):
    return count(text, f"Colonne {column}", column)


def read_money(value, text, column):
    if isinstance(value, float):
        value = Decimal(str(value))
    return money(value if isinstance(value, Decimal | int) else text, f"Colonne {column}", column)


def read_date(value, text, column):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(text, field=column, what=f"Colonne {column}")


def read_time(value, text, column):
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    return parse_time(text, field=column, what=f"Colonne {column}")


def read_datetime(value, text, column):
    """ "14/02/2026 18:00", or a date alone: until the end of that day."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59))
    day, _, hour = text.partition(" ")
    moment = parse_time(hour, field=column, what=f"Colonne {column}") if hour.strip() else time(23, 59)
    return datetime.combine(parse_date(day, field=column, what=f"Colonne {column}"), moment)


def read_season(_value, text, column):
    return parse_season_label(text)[0]


def read_yes_no(_value, text, column):
    word = plain(text)
    if word in YES:
        return True
    if word in NO:
        return False
    raise DomainError("yes_no_invalid", f"Colonne {column} : écrivez « oui » ou « non » (pas « {text} »).")


def read_state(_value, text, column):
    state = STATES.get(plain(text))
    if state is None:
        allowed = ", ".join(s.label for s in ConventionState)
        raise DomainError("state_invalid", f"état « {text} » inconnu (possibles : {allowed}).")
    return state


def read_kind(_value, text, column):
    kind = KINDS.get(plain(text))
    if kind is None:
        raise DomainError(
            "kind_invalid", f"type « {text} » inconnu (possibles : places supplémentaires, gestion des invitations)."
        )
    return kind
