"""The ORM models of the ACS store (SQLAlchemy 2, typed declarative). Nothing here imports Qt."""

from acs_desktop.models.account import Account
from acs_desktop.models.activity import ActivityEntry
from acs_desktop.models.base import Base, Money
from acs_desktop.models.booking import Booking, Invitation, NonUseReason, WaitingEntry
from acs_desktop.models.convention import Convention, FollowUpEntry, SurplusAllocation
from acs_desktop.models.imported_form import ImportedForm
from acs_desktop.models.mediation import MediationAction, RelayFeedback
from acs_desktop.models.offer import Discipline, Performance, Show
from acs_desktop.models.partner import Partner, PartnerContact, Venue
from acs_desktop.models.relay import Referent, Relay, RelayFollowUp, RelayType
from acs_desktop.models.season import AssociationSettings, Season

__all__ = [
    "Account",
    "ActivityEntry",
    "AssociationSettings",
    "Base",
    "Booking",
    "Convention",
    "Discipline",
    "FollowUpEntry",
    "ImportedForm",
    "Invitation",
    "MediationAction",
    "Money",
    "NonUseReason",
    "Partner",
    "PartnerContact",
    "Performance",
    "Referent",
    "Relay",
    "RelayFeedback",
    "RelayFollowUp",
    "RelayType",
    "Season",
    "Show",
    "SurplusAllocation",
    "Venue",
    "WaitingEntry",
]
