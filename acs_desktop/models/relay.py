"""Social relays (relais sociaux), their kinds and their referents."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.domain.states import FollowUpKind
from acs_desktop.models.base import Base, Versioned, str_enum


class RelayType(Base):
    __tablename__ = "relay_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Relay(Versioned, Base):
    __tablename__ = "relay"
    # Two relays may share a name in two communes ("CCAS"), never in the same one.
    __table_args__ = (UniqueConstraint("name", "commune"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    relay_type_id: Mapped[int | None] = mapped_column(ForeignKey("relay_type.id", ondelete="RESTRICT"), index=True)
    commune: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The association's charter: which version the relay signed, and when (none: not signed).
    charter_version: Mapped[int | None]
    charter_signed_on: Mapped[date | None]

    relay_type: Mapped[RelayType | None] = relationship()
    referents: Mapped[list[Referent]] = relationship(
        back_populates="relay", cascade="all, delete-orphan", order_by="Referent.name"
    )
    follow_ups: Mapped[list[RelayFollowUp]] = relationship(back_populates="relay", cascade="all, delete-orphan")


class Referent(Versioned, Base):
    """The social worker at a relay: contact for bookings and returns."""

    __tablename__ = "referent"

    id: Mapped[int] = mapped_column(primary_key=True)
    relay_id: Mapped[int] = mapped_column(ForeignKey("relay.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)

    relay: Mapped[Relay] = relationship(back_populates="referents")


class RelayFollowUp(Versioned, Base):
    """One dated line of a relay's follow-up log: the exchanges about what keeps people from coming."""

    __tablename__ = "relay_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    relay_id: Mapped[int] = mapped_column(ForeignKey("relay.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    kind: Mapped[FollowUpKind] = mapped_column(str_enum(FollowUpKind), default=FollowUpKind.EXCHANGE)
    text: Mapped[str] = mapped_column(Text)
    # The next step agreed, by when, and whether it was done (« À faire » lists it once due).
    next_step: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None]
    done: Mapped[bool] = mapped_column(default=False)

    relay: Mapped[Relay] = relationship(back_populates="follow_ups")
