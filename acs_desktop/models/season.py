"""A season ("2025-2026") and the association's settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from acs_desktop.domain.accounts import DEFAULT_LOCK_MINUTES
from acs_desktop.domain.print_urgency import DEFAULT_REMINDER_DAYS
from acs_desktop.domain.relays import DEFAULT_NO_SHOW_THRESHOLD
from acs_desktop.domain.small_counts import DEFAULT_THRESHOLD as DEFAULT_SMALL_COUNT
from acs_desktop.models.base import Base, Versioned


class Season(Base):
    __tablename__ = "season"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(9), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    closed_at: Mapped[datetime | None]
    names_anonymised_at: Mapped[datetime | None]
    # The qualitative part of the season review, written by the director (bilan qualitatif).
    review_objectives: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_highlights: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_relay_feedback: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_next_steps: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_gaps: Mapped[str] = mapped_column(Text, default="", server_default="")


class AssociationSettings(Versioned, Base):
    """One row (id 1): who runs the tool; printed on every document."""

    __tablename__ = "association_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    # Printed on tickets instead of `name` when that name would say what the tickets are.
    ticket_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    commune: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    retention_months: Mapped[int] = mapped_column(default=24)
    # Tickets still not printed this many days before the performance are flagged as urgent.
    print_reminder_days: Mapped[int] = mapped_column(
        default=DEFAULT_REMINDER_DAYS, server_default=str(DEFAULT_REMINDER_DAYS)
    )
    # The charter the relays sign: its text and its version (a relay that signed an older one is warned).
    charter_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    charter_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # From this many places unused without notice in a season, booking for the relay is warned.
    no_show_threshold: Mapped[int] = mapped_column(
        default=DEFAULT_NO_SHOW_THRESHOLD, server_default=str(DEFAULT_NO_SHOW_THRESHOLD)
    )
    # With accounts, the window locks after this many minutes without a key or a click (0: never).
    lock_minutes: Mapped[int] = mapped_column(default=DEFAULT_LOCK_MINUTES, server_default=str(DEFAULT_LOCK_MINUTES))
    # In what leaves the office (the funders' report, XLSX, CSV), a count of fewer than this many
    # people in a line reads « moins de N » (0 or 1: no protection).
    small_count_threshold: Mapped[int] = mapped_column(
        default=DEFAULT_SMALL_COUNT, server_default=str(DEFAULT_SMALL_COUNT)
    )
    notes: Mapped[str] = mapped_column(Text, default="")
