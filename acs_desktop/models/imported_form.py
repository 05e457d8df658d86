"""A returned booking form that was applied: its identifier, so that the same form never books twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from acs_desktop.models.base import Base


class ImportedForm(Base):
    """One booking form (« bon de réservation ») applied to the store, by its identifier.

    The relay and the season are kept as plain numbers (no foreign key): the record only says
    that this form was applied, and it stays true if the relay is later deleted."""

    __tablename__ = "imported_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_key: Mapped[str] = mapped_column(String(40), unique=True)
    relay_id: Mapped[int]
    season_id: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255), default="")
    made_at: Mapped[datetime]
    imported_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text, default="")
    # Lines refused and put on the waiting list, the refused lines' texts (one a line), and whether
    # the director has seen them (« À faire » lists a form with refused lines until then).
    refused: Mapped[int] = mapped_column(default=0)
    waiting: Mapped[int] = mapped_column(default=0)
    refused_lines: Mapped[str] = mapped_column(Text, default="")
    seen: Mapped[bool] = mapped_column(default=False)
