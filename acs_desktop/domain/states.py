"""Closed vocabularies of the domain, with the French labels the director sees."""

from enum import StrEnum


class ConventionState(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    RUNNING = "running"
    REVIEW = "review"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _CONVENTION_LABELS[self]


_CONVENTION_LABELS = {
    ConventionState.DRAFT: "brouillon",
    ConventionState.SIGNED: "signée",
    ConventionState.RUNNING: "en cours",
    ConventionState.REVIEW: "bilan",
    ConventionState.CLOSED: "clôturée",
}


class PerformanceState(StrEnum):
    ON_OFFER = "on_offer"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"on_offer": "à l'affiche", "cancelled": "annulée"}[self.value]


class InvitationStatus(StrEnum):
    BOOKED = "booked"
    ISSUED = "issued"
    USED = "used"
    UNUSED = "unused"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _INVITATION_LABELS[self]


_INVITATION_LABELS = {
    InvitationStatus.BOOKED: "réservée",
    InvitationStatus.ISSUED: "éditée",
    InvitationStatus.USED: "utilisée",
    InvitationStatus.UNUSED: "non utilisée",
    InvitationStatus.CANCELLED: "annulée",
}

# Invitations that hold a place of the quota.
HOLDING_STATUSES = (
    InvitationStatus.BOOKED,
    InvitationStatus.ISSUED,
    InvitationStatus.USED,
    InvitationStatus.UNUSED,
)


class WaitingStatus(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    PASSED = "passed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "waiting": "en attente",
            "offered": "places proposées",
            "accepted": "acceptée",
            "passed": "déclinée",
            "withdrawn": "retirée",
        }[self.value]


class AllocationKind(StrEnum):
    EXTRA_PLACES = "extra_places"
    MANAGEMENT = "management"

    @property
    def label(self) -> str:
        return {
            "extra_places": "places supplémentaires",
            "management": "gestion des invitations",
        }[self.value]


class FollowUpKind(StrEnum):
    MEETING = "meeting"
    DECISION = "decision"
    EXCHANGE = "exchange"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "meeting": "rencontre",
            "decision": "décision",
            "exchange": "échange",
            "other": "autre",
        }[self.value]
