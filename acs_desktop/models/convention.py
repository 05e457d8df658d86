"""Conventions (one partner × one season), their surplus allocations and follow-up log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.domain.states import AllocationKind, ConventionState, FollowUpKind
from acs_desktop.models.base import Base, Money, Versioned, str_enum
from acs_desktop.models.partner import Partner
from acs_desktop.models.season import Season


class Convention(Versioned, Base):
    __tablename__ = "convention"
    __table_args__ = (
        UniqueConstraint("partner_id", "season_id"),
        CheckConstraint("places_committed >= 0", name="places_committed_positive"),
        CheckConstraint("solidarity_subscribers >= 0", name="subscribers_positive"),
        CheckConstraint("donations >= 0", name="donations_positive"),
        CheckConstraint("place_value >= 0", name="place_value_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="RESTRICT"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id", ondelete="RESTRICT"), index=True)
    state: Mapped[ConventionState] = mapped_column(str_enum(ConventionState), default=ConventionState.DRAFT)
    places_committed: Mapped[int] = mapped_column(default=0)
    solidarity_subscribers: Mapped[int] = mapped_column(default=0)
    donations: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    place_value: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    signed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    partner: Mapped[Partner] = relationship()
    season: Mapped[Season] = relationship()
    allocations: Mapped[list[SurplusAllocation]] = relationship(
        back_populates="convention", cascade="all, delete-orphan", order_by="SurplusAllocation.id"
    )
    follow_ups: Mapped[list[FollowUpEntry]] = relationship(
        back_populates="convention", cascade="all, delete-orphan", order_by="FollowUpEntry.on"
    )


class SurplusAllocation(Versioned, Base):
    """Use of the donation surplus decided with the partner: planned, then done."""

    __tablename__ = "surplus_allocation"
    __table_args__ = (
        CheckConstraint("planned_amount >= 0", name="planned_amount_positive"),
        CheckConstraint("planned_places >= 0", name="planned_places_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AllocationKind] = mapped_column(str_enum(AllocationKind))
    planned_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    planned_places: Mapped[int] = mapped_column(default=0)
    decided_on: Mapped[date | None]
    done_amount: Mapped[Decimal | None] = mapped_column(Money)
    done_places: Mapped[int | None]
    done_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(300), default="")

    convention: Mapped[Convention] = relationship(back_populates="allocations")


class FollowUpEntry(Versioned, Base):
    """One dated line of a convention's follow-up log (meetings, decisions, exchanges)."""

    __tablename__ = "follow_up_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    kind: Mapped[FollowUpKind] = mapped_column(str_enum(FollowUpKind), default=FollowUpKind.MEETING)
    text: Mapped[str] = mapped_column(Text)
    # The next step agreed, by when, and whether it was done (« À faire » lists it once due).
    next_step: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None]
    done: Mapped[bool] = mapped_column(default=False)

    convention: Mapped[Convention] = relationship(back_populates="follow_ups")
