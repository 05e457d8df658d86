"""When tickets not yet printed become urgent: the one rule, shared by the lists, the window and
the review (« réservées, jamais éditées » once the performance is past)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_REMINDER_DAYS = 7  # the setting « Billets urgents (jours avant) » of a new store


class PrintUrgency(StrEnum):
    """Where a booking's tickets still to print stand against its performance's date."""

    LATER = "later"  # more than the reminder's days ahead
    URGENT = "urgent"  # within the reminder's days: print and send them now
    NEVER = "never"  # the performance is past: booked, never printed (« réservées, jamais éditées »)

    @property
    def label(self) -> str:
        return {"later": "à éditer", "urgent": "urgent", "never": "jamais éditées"}[self.value]


def print_urgency(starts_at: datetime, now: datetime, reminder_days: int) -> PrintUrgency:
    """Past → never printed; within `reminder_days` of the performance → urgent; otherwise
    still to print in good time."""
    if starts_at <= now:
        return PrintUrgency.NEVER
    if starts_at - now <= timedelta(days=reminder_days):
        return PrintUrgency.URGENT
    return PrintUrgency.LATER
