"""Social relays (relais sociaux), their kinds and their referents."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from acs_desktop.models.base import Base


class RelayType(Base):
    __tablename__ = "relay_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Relay(Base):
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

    relay_type: Mapped[RelayType | None] = relationship()
    referents: Mapped[list[Referent]] = relationship(
        back_populates="relay", cascade="all, delete-orphan", order_by="Referent.name"
    )


class Referent(Base):
    """The social worker at a relay: contact for bookings and returns."""

    __tablename__ = "referent"

    id: Mapped[int] = mapped_column(primary_key=True)
    relay_id: Mapped[int] = mapped_column(ForeignKey("relay.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)

    relay: Mapped[Relay] = relationship(back_populates="referents")
