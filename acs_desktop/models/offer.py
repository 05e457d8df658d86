"""What is on offer: disciplines, shows (chosen per convention) and their dated performances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.domain.states import PerformanceState
from acs_desktop.models.base import Base, Versioned, str_enum
from acs_desktop.models.convention import Convention
from acs_desktop.models.partner import Venue


class Discipline(Base):
    __tablename__ = "discipline"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)


class Show(Versioned, Base):
    __tablename__ = "show"
    __table_args__ = (UniqueConstraint("convention_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    discipline_id: Mapped[int | None] = mapped_column(ForeignKey("discipline.id", ondelete="RESTRICT"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")

    convention: Mapped[Convention] = relationship()
    discipline: Mapped[Discipline | None] = relationship()
    performances: Mapped[list[Performance]] = relationship(back_populates="show", order_by="Performance.starts_at")


class Performance(Versioned, Base):
    __tablename__ = "performance"
    __table_args__ = (
        CheckConstraint("quota >= 0", name="quota_positive"),
        Index("ix_performance_show_starts", "show_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("show.id", ondelete="RESTRICT"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="RESTRICT"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    quota: Mapped[int] = mapped_column(default=0)
    booking_deadline: Mapped[datetime | None]
    state: Mapped[PerformanceState] = mapped_column(str_enum(PerformanceState), default=PerformanceState.ON_OFFER)
    cancelled_at: Mapped[datetime | None]
    cancel_note: Mapped[str] = mapped_column(String(300), default="")

    show: Mapped[Show] = relationship(back_populates="performances")
    venue: Mapped[Venue | None] = relationship()
