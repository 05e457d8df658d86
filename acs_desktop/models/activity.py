"""The activity log: every change, when, what, and a short before/after summary."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from acs_desktop.models.base import Base


class ActivityEntry(Base):
    __tablename__ = "activity_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    # The account that did it (its name then); None in a store without accounts.
    who: Mapped[str | None] = mapped_column(String(80))
