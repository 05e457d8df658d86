"""Season labels ("2025-2026") and their dates: a season runs from 1 September to 31 August."""

from __future__ import annotations

import re
from datetime import date, timedelta

from acs_desktop.domain.errors import DomainError

_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")
START_MONTH = 9
_ONE_DAY = timedelta(days=1)


def parse_season_label(text: str) -> tuple[str, date, date]:
    """ "2025-2026" → ("2025-2026", 1 Sept 2025, 31 Aug 2026), or a DomainError in French."""
    match = _LABEL.match(text or "")
    if not match:
        raise DomainError(
            "season_label_invalid",
            f"« {text} » n'est pas une saison : écrivez deux années qui se suivent, par exemple 2025-2026.",
            field="label",
        )
    first, second = int(match.group(1)), int(match.group(2))
    if second != first + 1 or not 1990 <= first <= 2200:
        raise DomainError(
            "season_label_invalid",
            f"« {text} » n'est pas une saison : la seconde année doit suivre la première (ex. 2025-2026).",
            field="label",
        )
    return f"{first}-{second}", date(first, START_MONTH, 1), date(second, START_MONTH, 1) - _ONE_DAY


def season_label_for(day: date) -> str:
    """The season a date belongs to."""
    first = day.year if day.month >= START_MONTH else day.year - 1
    return f"{first}-{first + 1}"


def previous_season_label(label: str) -> str:
    first = int(label[:4])
    return f"{first - 1}-{first}"


def next_season_label(label: str) -> str:
    first = int(label[:4])
    return f"{first + 1}-{first + 2}"
