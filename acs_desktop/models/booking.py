"""Bookings by relays, the invitations (one per place), reasons for non-use and the waiting list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.domain.states import InvitationStatus, WaitingStatus
from acs_desktop.models.base import Base, Versioned, str_enum
from acs_desktop.models.offer import Performance
from acs_desktop.models.relay import Referent, Relay


class NonUseReason(Versioned, Base):
    """Editable list of reasons why an issued invitation was not used."""

    __tablename__ = "non_use_reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    # A place unused for this reason was lost without notice: it counts against the relay.
    without_notice: Mapped[bool] = mapped_column(default=False, server_default="0")


class Booking(Base):
    __tablename__ = "booking"
    __table_args__ = (CheckConstraint("places > 0", name="places_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performance.id", ondelete="RESTRICT"), index=True)
    relay_id: Mapped[int] = mapped_column(ForeignKey("relay.id", ondelete="RESTRICT"), index=True)
    referent_id: Mapped[int | None] = mapped_column(ForeignKey("referent.id", ondelete="SET NULL"), index=True)
    places: Mapped[int]
    created_at: Mapped[datetime]
    deadline_override: Mapped[bool] = mapped_column(default=False)
    names_on_tickets: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    # The partner cancelled the performance: how many places that took from this booking, and
    # when the relay was told. A flag set by the cancellation, not a counter kept up to date.
    places_cancelled_by_partner: Mapped[int] = mapped_column(default=0)
    warned_at: Mapped[datetime | None]

    performance: Mapped[Performance] = relationship()
    relay: Mapped[Relay] = relationship()
    referent: Mapped[Referent | None] = relationship()
    invitations: Mapped[list[Invitation]] = relationship(back_populates="booking", order_by="Invitation.id")


class Invitation(Base):
    """One free place for one performance, with its ticket code."""

    __tablename__ = "invitation"
    # Covering indexes (schemas 0005, 0016): the counts per performance, per booking and per relay
    # of a season read the index alone, never the table; the companions' places of a season are
    # found by seeking (performance, status, companion), without reading the other places.
    __table_args__ = (
        Index(
            "ix_invitation_performance_status_companion_booking", "performance_id", "status", "companion", "booking_id"
        ),
        Index("ix_invitation_booking_status", "booking_id", "status"),
        Index("ix_invitation_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="RESTRICT"))
    # Copied from the booking (it never changes) so that counts per performance need no join.
    performance_id: Mapped[int] = mapped_column(ForeignKey("performance.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[InvitationStatus] = mapped_column(str_enum(InvitationStatus), default=InvitationStatus.BOOKED)
    first_name: Mapped[str | None] = mapped_column(String(40))
    # A place for a companion (a family member, a volunteer going along), not for a person the
    # relay follows: counted apart in the review.
    companion: Mapped[bool] = mapped_column(default=False, server_default="0")
    issued_at: Mapped[datetime | None]
    print_count: Mapped[int] = mapped_column(default=0)
    attendance_at: Mapped[datetime | None]
    reason_id: Mapped[int | None] = mapped_column(ForeignKey("non_use_reason.id", ondelete="RESTRICT"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None]

    booking: Mapped[Booking] = relationship(back_populates="invitations")
    performance: Mapped[Performance] = relationship()
    reason: Mapped[NonUseReason | None] = relationship()


class WaitingEntry(Base):
    """A relay waiting for places on a full performance."""

    __tablename__ = "waiting_entry"
    __table_args__ = (
        CheckConstraint("places > 0", name="places_positive"),
        Index("ix_waiting_entry_performance_status", "performance_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performance.id", ondelete="CASCADE"))
    relay_id: Mapped[int] = mapped_column(ForeignKey("relay.id", ondelete="RESTRICT"), index=True)
    places: Mapped[int]
    created_at: Mapped[datetime]
    status: Mapped[WaitingStatus] = mapped_column(str_enum(WaitingStatus), default=WaitingStatus.WAITING)
    offered_at: Mapped[datetime | None]
    offered_places: Mapped[int] = mapped_column(default=0)
    resolved_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")

    performance: Mapped[Performance] = relationship()
    relay: Mapped[Relay] = relationship()
