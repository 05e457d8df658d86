"""Display helpers for table columns: French formats from the domain, blanks for missing values."""

from __future__ import annotations

from acs_desktop.domain.french import (
    format_date,
    format_datetime,
    format_int,
    format_money,
    format_percent,
    format_time,
)

__all__ = ["format_date", "format_datetime", "format_int", "format_money", "format_percent", "format_time", "yes_no"]


def yes_no(value: bool) -> str:
    return "oui" if value else "non"
