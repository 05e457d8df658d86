"""After a performance: which invitations were used, and why the others were not.

Attendance is recorded only on issued invitations (a ticket was handed out) of a performance
that has started; "unused" always carries a reason. A scanned or typed code is checked and its
refusal said plainly: invalid, unknown, for another performance, already recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session, aliased

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import InvitationStatus, PerformanceState
from acs_desktop.domain.validation import optional_text
from acs_desktop.models import Booking, Invitation, NonUseReason, Performance, Relay, Show
from acs_desktop.services.base import Service, fetch_all, get_or_refuse
from acs_desktop.services.bookings import performance_label
from acs_desktop.services.queries import season_performance_ids

RECORDABLE = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)


@dataclass(frozen=True)
class AttendanceLine:
    invitation_id: int
    code: str
    relay_name: str
    first_name: str | None
    status: InvitationStatus
    reason: str
    comment: str
    recorded_at: datetime | None
    booking_id: int = 0
    companion: bool = False


@dataclass(frozen=True)
class PendingSheet:
    performance_id: int
    show_title: str
    starts_at: datetime
    issued: int
    pending: int


@dataclass(frozen=True)
class ScanOutcome:
    invitation_id: int
    code: str
    relay_name: str
    first_name: str | None


def check_started(performance: Performance, now: datetime) -> None:
    if performance.state is PerformanceState.CANCELLED:
        raise DomainError("performance_cancelled", f"La représentation {performance_label(performance)} a été annulée.")
    if performance.starts_at > now:
        raise DomainError(
            "performance_not_started",
            f"La représentation {performance_label(performance)} n'a pas encore commencé : la présence se relève après.",
        )


class AttendanceService(Service):
    def sheet(self, performance_id: int) -> list[AttendanceLine]:
        """Every invitation of the performance that was issued or recorded, by relay then code."""
        query = (
            select(Invitation, Relay.name, NonUseReason.label)
            .join(Booking, Booking.id == Invitation.booking_id)
            .join(Relay, Relay.id == Booking.relay_id)
            .outerjoin(NonUseReason, NonUseReason.id == Invitation.reason_id)
            .where(Invitation.performance_id == performance_id, Invitation.status.in_(RECORDABLE))
            .order_by(Relay.name, Invitation.code)
        )
        with self._reading() as session:
            return [
                AttendanceLine(
                    i.id,
                    i.code,
                    relay,
                    i.first_name,
                    i.status,
                    reason or "",
                    i.comment,
                    i.attendance_at,
                    i.booking_id,
                    i.companion,
                )
                for i, relay, reason in session.execute(query)
            ]

    def pending_sheets(self, season_id: int) -> list[PendingSheet]:
        """Performances that took place and still have issued invitations not recorded."""
        issued = func.count(Invitation.id)
        pending = func.sum(case((Invitation.status == InvitationStatus.ISSUED, 1), else_=0))
        # Those with a ticket issued and not recorded, found by one look each in the index
        # (performance_id, status): the others' invitations are never counted (a network's
        # season: 55 performances counted instead of 889).
        waiting = aliased(Invitation)
        query = (
            select(Performance.id, Show.title, Performance.starts_at, issued, pending)
            .join(Invitation, Invitation.performance_id == Performance.id)
            .join(Show, Show.id == Performance.show_id)
            .where(
                Performance.id.in_(season_performance_ids(season_id)),
                Performance.starts_at <= self._now(),
                Performance.state == PerformanceState.ON_OFFER,
                Invitation.status.in_(RECORDABLE),
                exists().where(waiting.performance_id == Performance.id, waiting.status == InvitationStatus.ISSUED),
            )
            .group_by(Performance.id, Show.id)
            .having(pending > 0)
            .order_by(Performance.starts_at)
        )
        with self._reading() as session:
            return [PendingSheet(*row) for row in session.execute(query)]

    def record_code(self, performance_id: int, typed: str) -> ScanOutcome:
        """A code typed or scanned at the sheet of `performance_id`: mark it used, or say why not."""
        code = ticket_codes.normalize(typed)
        if not code:
            raise DomainError("code_empty", "Tapez ou scannez un code de billet.", field="code")
        if not ticket_codes.is_valid(code):
            raise DomainError(
                "code_invalid",
                f"« {typed.strip()} » n'est pas un code de billet valable : vérifiez la saisie.",
                field="code",
            )
        with self._writing() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            invitation = session.scalar(select(Invitation).where(Invitation.code == code))
            shown = ticket_codes.display(code)
            if invitation is None:
                raise DomainError("code_unknown", f"Le code {shown} ne correspond à aucun billet.", field="code")
            if invitation.performance_id != performance_id:
                other = session.get(Performance, invitation.performance_id)
                raise DomainError(
                    "code_other_performance",
                    f"Le billet {shown} est pour une autre représentation : {performance_label(other)}.",
                    field="code",
                )
            check_started(performance, self._now())
            if invitation.status is InvitationStatus.USED:
                raise DomainError(
                    "already_recorded",
                    f"Le billet {shown} est déjà enregistré comme présent ({invitation.attendance_at:%H:%M}).",
                    field="code",
                )
            if invitation.status is InvitationStatus.CANCELLED:
                raise DomainError("invitation_cancelled", f"Le billet {shown} a été annulé.", field="code")
            if invitation.status is InvitationStatus.BOOKED:
                raise DomainError(
                    "not_issued",
                    f"Le billet {shown} n'a jamais été édité : il ne devrait pas exister sur papier.",
                    field="code",
                )
            self._set_used(session, invitation)
            relay = invitation.booking.relay.name
            self._log(
                session,
                "attendance",
                "invitation",
                invitation.id,
                f"Billet {shown} ({relay}) présent — {performance_label(performance)}",
            )
            return ScanOutcome(invitation.id, code, relay, invitation.first_name)

    def mark_used(self, invitation_ids: list[int]) -> int:
        with self._writing() as session:
            invitations = self._recordable(session, invitation_ids)
            for invitation in invitations:
                self._set_used(session, invitation)
            self._log(
                session, "attendance", "invitation", None, f"{len(invitations)} invitation(s) marquée(s) présente(s)"
            )
            return len(invitations)

    def mark_unused(self, invitation_ids: list[int], reason_id: int | None, comment: str = "") -> int:
        if reason_id is None:
            raise DomainError("reason_required", "Choisissez le motif de non-utilisation.", field="reason_id")
        clean_comment = optional_text(comment, "Commentaire", "comment", 1000, multiline=True)
        with self._writing() as session:
            return self._set_unused(session, self._recordable(session, invitation_ids), reason_id, clean_comment)

    def _set_unused(self, session: Session, invitations: list[Invitation], reason_id: int, comment: str) -> int:
        reason = get_or_refuse(session, NonUseReason, reason_id, "Ce motif")
        now = self._now()
        for invitation in invitations:
            invitation.status, invitation.reason_id, invitation.attendance_at = InvitationStatus.UNUSED, reason.id, now
            invitation.comment = comment
        self._log(
            session,
            "attendance",
            "invitation",
            None,
            f"{len(invitations)} invitation(s) non utilisée(s) : {reason.label}",
        )
        return len(invitations)

    def clear(self, invitation_ids: list[int]) -> int:
        """Undo a record made by mistake: back to "issued", not yet recorded."""
        with self._writing() as session:
            invitations = self._recordable(session, invitation_ids)
            for invitation in invitations:
                invitation.status, invitation.reason_id, invitation.attendance_at, invitation.comment = (
                    InvitationStatus.ISSUED,
                    None,
                    None,
                    "",
                )
            self._log(session, "attendance", "invitation", None, f"Relevé effacé pour {len(invitations)} invitation(s)")
            return len(invitations)

    def close_sheet(self, performance_id: int, reason_id: int | None) -> int:
        """Every issued invitation still unrecorded becomes unused with `reason_id`."""
        if reason_id is None:
            raise DomainError("reason_required", "Choisissez le motif à donner aux absents.", field="reason_id")
        with self._writing() as session:
            performance = get_or_refuse(session, Performance, performance_id, "Cette représentation")
            check_started(performance, self._now())
            pending = list(
                session.scalars(
                    select(Invitation).where(
                        Invitation.performance_id == performance_id, Invitation.status == InvitationStatus.ISSUED
                    )
                )
            )
            return self._set_unused(session, pending, reason_id, "") if pending else 0

    def _recordable(self, session: Session, invitation_ids: list[int]) -> list[Invitation]:
        if not invitation_ids:
            raise DomainError("nothing_selected", "Choisissez au moins une invitation.")
        now = self._now()
        invitations = fetch_all(session, Invitation, invitation_ids, "Cette invitation")
        checked = set()
        for invitation in invitations:
            if invitation.performance_id not in checked:
                check_started(session.get(Performance, invitation.performance_id), now)
                checked.add(invitation.performance_id)
            if invitation.status not in RECORDABLE:
                raise DomainError(
                    "not_issued",
                    f"L'invitation {ticket_codes.display(invitation.code)} est « {invitation.status.label} » : "
                    "seule une invitation éditée peut être relevée.",
                )
        return invitations

    def _set_used(self, session: Session, invitation: Invitation) -> None:
        invitation.status, invitation.reason_id, invitation.attendance_at, invitation.comment = (
            InvitationStatus.USED,
            None,
            self._now(),
            "",
        )
