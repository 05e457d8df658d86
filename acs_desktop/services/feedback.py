"""The relays' feedback after a performance: recorded with the attendance (one per booking, that
is per relay and performance), a short text and an optional 1–4 scale; the direction chooses
which to quote, and the report quotes them with the kind of relay only (`season_quotes`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.mediation import FEEDBACK_MAX, FeedbackLine, FeedbackQuote, RelayFeedback
from acs_desktop.domain.validation import optional_text
from acs_desktop.models import Booking, Performance, Relay, RelayType, Show
from acs_desktop.models import RelayFeedback as FeedbackRecord
from acs_desktop.services.attendance import check_started
from acs_desktop.services.base import Service, changed_elsewhere, get_or_refuse
from acs_desktop.services.bookings import performance_label
from acs_desktop.services.queries import season_performance_ids


def _row(record: FeedbackRecord) -> RelayFeedback:
    return RelayFeedback(
        record.id, record.booking_id, record.text, record.scale, record.quoted, record.recorded_at, record.version
    )


def clean_scale(scale: object) -> int | None:
    if scale is None or scale == "":
        return None
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= 4:
        raise DomainError("scale_invalid", f"L'appréciation va de 1 à 4 (« {scale} » saisi).", field="scale")
    return scale


class FeedbackService(Service):
    def feedback_of(self, booking_id: int) -> RelayFeedback | None:
        with self._reading() as session:
            record = session.scalar(select(FeedbackRecord).where(FeedbackRecord.booking_id == booking_id))
            return _row(record) if record is not None else None

    def save_feedback(
        self, booking_id: int, text: str, scale: int | None = None, *, version: int | None = None
    ) -> RelayFeedback | None:
        """Record the relay's word on a booking after its performance. `version`: the one the
        dialog read (None: it read none). Nothing said (no text, no scale) removes a feedback."""
        clean = optional_text(text, "Le retour du relais", "text", FEEDBACK_MAX, multiline=True)
        clean_value = clean_scale(scale)
        with self._writing() as session:
            booking = get_or_refuse(session, Booking, booking_id, "Cette réservation")
            check_started(booking.performance, self._now())
            record = session.scalar(select(FeedbackRecord).where(FeedbackRecord.booking_id == booking_id))
            if record is not None and version is None:
                raise changed_elsewhere("relay_feedback")  # another desk recorded one meanwhile
            if record is None and version is not None:
                raise changed_elsewhere("relay_feedback", deleted=True)
            if record is not None:
                get_or_refuse(session, FeedbackRecord, record.id, "Ce retour", version=version)
            where = f"« {booking.relay.name} », {performance_label(booking.performance)}"
            if not clean and clean_value is None:
                if record is None:
                    raise DomainError("feedback_empty", "Écrivez le retour du relais ou choisissez une appréciation.")
                session.delete(record)
                self._log(session, "delete", "relay_feedback", record.id, f"Retour du relais effacé : {where}")
                return None
            if record is None:
                record = FeedbackRecord(booking_id=booking.id, recorded_at=self._now())
                session.add(record)
            record.text, record.scale = clean, clean_value
            session.flush()
            self._log(session, "update", "relay_feedback", record.id, f"Retour du relais enregistré : {where}")
            return _row(record)

    def set_quoted(self, feedback_id: int, quoted: bool, *, version: int | None = None) -> RelayFeedback:
        """The direction chooses whether the report quotes this feedback (without any name)."""
        self._desk.require(Permission.QUOTE_FEEDBACK)
        with self._writing() as session:
            record = get_or_refuse(session, FeedbackRecord, feedback_id, "Ce retour du relais", version=version)
            if not record.text:
                raise DomainError("nothing_to_quote", "Ce retour n'a pas de texte : il n'y a rien à citer.")
            record.quoted = bool(quoted)
            session.flush()
            said = "cité dans le bilan" if quoted else "retiré du bilan"
            self._log(session, "update", "relay_feedback", record.id, f"Retour du relais n° {record.id} {said}")
            return _row(record)

    def list_feedback(self, season_id: int) -> list[FeedbackLine]:
        """The season's feedback, by performance date then relay (the office's list: names shown)."""
        with self._reading() as session:
            return [
                FeedbackLine(r.id, r.booking_id, relay, kind, title, starts_at, r.text, r.scale, r.quoted, r.version)
                for r, relay, kind, title, starts_at in session.execute(_season_feedback(season_id))
            ]


def _season_feedback(season_id: int):
    return (
        select(FeedbackRecord, Relay.name, RelayType.name, Show.title, Performance.starts_at)
        .join(Booking, Booking.id == FeedbackRecord.booking_id)
        .join(Performance, Performance.id == Booking.performance_id)
        .join(Show, Show.id == Performance.show_id)
        .join(Relay, Relay.id == Booking.relay_id)
        .outerjoin(RelayType, RelayType.id == Relay.relay_type_id)
        .where(Booking.performance_id.in_(season_performance_ids(season_id)))
        .order_by(Performance.starts_at, Relay.name, FeedbackRecord.id)
    )


def season_quotes(session: Session, season_id: int) -> tuple[FeedbackQuote, ...]:
    """The feedback the direction chose to quote: the kind of relay, the show, the words; no name."""
    query = _season_feedback(season_id).where(FeedbackRecord.quoted.is_(True), FeedbackRecord.text != "")
    return tuple(FeedbackQuote(kind, title, r.text, r.scale) for r, _relay, kind, title, _at in session.execute(query))
