"""The ORM models of the ACS store (SQLAlchemy 2, typed declarative). Nothing here imports Qt."""

from acs_desktop.models.activity import ActivityEntry
from acs_desktop.models.base import Base, Money
from acs_desktop.models.booking import Booking, Invitation, NonUseReason, WaitingEntry
from acs_desktop.models.convention import Convention, FollowUpEntry, SurplusAllocation
from acs_desktop.models.enums import (
    HOLDING_STATUSES,
    AllocationKind,
    ConventionState,
    FollowUpKind,
    InvitationStatus,
    PerformanceState,
    WaitingStatus,
)
from acs_desktop.models.offer import Discipline, Performance, Show
from acs_desktop.models.partner import Partner, PartnerContact, Venue
from acs_desktop.models.relay import Referent, Relay, RelayType
from acs_desktop.models.season import AssociationSettings, Season

__all__ = [
    "HOLDING_STATUSES",
    "ActivityEntry",
    "AllocationKind",
    "AssociationSettings",
    "Base",
    "Booking",
    "Convention",
    "ConventionState",
    "Discipline",
    "FollowUpEntry",
    "FollowUpKind",
    "Invitation",
    "InvitationStatus",
    "Money",
    "NonUseReason",
    "Partner",
    "PartnerContact",
    "Performance",
    "PerformanceState",
    "Referent",
    "Relay",
    "RelayType",
    "Season",
    "Show",
    "SurplusAllocation",
    "Venue",
    "WaitingEntry",
    "WaitingStatus",
]
