"""The editable list of reasons for non-use (default list in domain.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.validation import required_text
from acs_desktop.models import Invitation, NonUseReason
from acs_desktop.services.base import Service, get_or_refuse, save_named

UNKNOWN_REASON = "Motif inconnu"


@dataclass(frozen=True)
class ReasonInfo:
    id: int
    label: str
    active: bool
    uses: int
    version: int  # as read: renaming with it is refused if another desk saved the reason meanwhile
    without_notice: bool = False  # a place unused for this reason counts against the relay


class ReasonService(Service):
    def list_reasons(self, *, include_inactive: bool = False) -> list[ReasonInfo]:
        uses = select(func.count()).where(Invitation.reason_id == NonUseReason.id).scalar_subquery()
        query = select(NonUseReason, uses).order_by(NonUseReason.position, NonUseReason.id)
        if not include_inactive:
            query = query.where(NonUseReason.active.is_(True))
        with self._reading() as session:
            return [
                ReasonInfo(r.id, r.label, r.active, n, r.version, r.without_notice) for r, n in session.execute(query)
            ]

    def save_reason(self, label: str, reason_id: int | None = None, *, version: int | None = None) -> int:
        self._desk.require(Permission.SETTINGS)
        clean = required_text(label, "Le motif", "label", 80)
        with self._writing() as session:
            values = {"label": clean}
            if reason_id is None:  # a new reason comes last
                values["position"] = session.scalar(select(func.coalesce(func.max(NonUseReason.position), -1))) + 1
            reason = save_named(
                session,
                NonUseReason,
                reason_id,
                values,
                what="Ce motif",
                version=version,
                siblings=session.execute(select(NonUseReason.id, NonUseReason.label)),
                refusal=lambda taken: DomainError("reason_exists", f"Le motif « {taken} » existe déjà.", field="label"),
            )
            self._log(session, "save", "non_use_reason", reason.id, f"Motif de non-utilisation « {clean} » enregistré")
            return reason.id

    def set_active(self, reason_id: int, active: bool) -> None:
        """Reasons are retired, never deleted: past records keep their reason."""
        self._desk.require(Permission.SETTINGS)
        with self._writing() as session:
            reason = get_or_refuse(session, NonUseReason, reason_id, "Ce motif")
            reason.active = bool(active)
            self._log(
                session,
                "save",
                "non_use_reason",
                reason_id,
                f"Motif « {reason.label} » {'réactivé' if active else 'retiré de la liste'}",
            )

    def set_without_notice(self, reason_id: int, without_notice: bool) -> None:
        """Whether a place unused for this reason was lost without notice (counted against the relay)."""
        self._desk.require(Permission.SETTINGS)
        with self._writing() as session:
            reason = get_or_refuse(session, NonUseReason, reason_id, "Ce motif")
            reason.without_notice = bool(without_notice)
            self._log(
                session,
                "save",
                "non_use_reason",
                reason_id,
                f"Motif « {reason.label} » {'compté' if without_notice else 'non compté'} comme « sans prévenir »",
            )

    def move(self, reason_id: int, offset: int) -> None:
        """Move a reason up (-1) or down (+1) in the list."""
        self._desk.require(Permission.SETTINGS)
        with self._writing() as session:
            reasons = list(session.scalars(select(NonUseReason).order_by(NonUseReason.position, NonUseReason.id)))
            index = next((i for i, r in enumerate(reasons) if r.id == reason_id), None)
            if index is None:
                raise DomainError("not_found", f"Ce motif n'existe plus (n° {reason_id}).")
            target = max(0, min(len(reasons) - 1, index + offset))
            reasons.insert(target, reasons.pop(index))
            for position, reason in enumerate(reasons):
                reason.position = position
            self._log(session, "move", "non_use_reason", reason_id, "Ordre des motifs modifié")
