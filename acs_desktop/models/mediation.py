"""The association's mediation actions of a season, and the relays' feedback after a performance."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.domain.mediation import MediationKind
from acs_desktop.models.base import Base, Versioned, str_enum
from acs_desktop.models.partner import Partner
from acs_desktop.models.relay import Relay

# Which partners and which relays took part in an action (institutions, never persons).
mediation_action_partner = Table(
    "mediation_action_partner",
    Base.metadata,
    Column("action_id", ForeignKey("mediation_action.id", ondelete="CASCADE"), primary_key=True),
    Column("partner_id", ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True, index=True),
)
mediation_action_relay = Table(
    "mediation_action_relay",
    Base.metadata,
    Column("action_id", ForeignKey("mediation_action.id", ondelete="CASCADE"), primary_key=True),
    Column("relay_id", ForeignKey("relay.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class MediationAction(Versioned, Base):
    """One dated action of the association beside the places: a presentation, a meeting, a visit…"""

    __tablename__ = "mediation_action"
    __table_args__ = (CheckConstraint("people >= 0", name="people_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    kind: Mapped[MediationKind] = mapped_column(str_enum(MediationKind))
    people: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(300), default="")

    partners: Mapped[list[Partner]] = relationship(secondary=mediation_action_partner, order_by=Partner.name)
    relays: Mapped[list[Relay]] = relationship(secondary=mediation_action_relay, order_by=Relay.name)


class RelayFeedback(Versioned, Base):
    """The relay's word after a performance, one per booking (one relay, one performance): a short
    text, an optional 1–4 scale, and whether the director chose to quote it in the report."""

    __tablename__ = "relay_feedback"
    __table_args__ = (CheckConstraint("scale IS NULL OR (scale >= 1 AND scale <= 4)", name="scale_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    scale: Mapped[int | None]
    quoted: Mapped[bool] = mapped_column(default=False, server_default="0")
    recorded_at: Mapped[datetime]
