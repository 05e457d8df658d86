"""Writing a checked import into the store, inside the caller's single write transaction.

Rows are written directly (not through `book_places`): history has bookings on performances
long past, which the booking rules refuse for *new* bookings. The planner has already checked the
invariants that matter for history. Invitations are inserted in bulk; no first name is imported.

The planner runs again inside the write transaction and hands the bookings over by batches as it
reads them (`add_reservations`): everything they refer to (partners, conventions, relays,
performances: the files before reservations.csv) is written at the first batch. `finish` writes
the rest. Should the check find anything wrong, the caller raises and the transaction is rolled back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.domain.states import InvitationStatus, PerformanceState
from acs_desktop.models import (
    Booking,
    Convention,
    Discipline,
    Invitation,
    Partner,
    PartnerContact,
    Performance,
    Referent,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
    Venue,
)
from acs_desktop.services.season_io.records import Draft, ReservationRec, key

ONE_DAY = timedelta(days=1)
CODES_ASKED = 5000  # codes looked up in one query (SQLite takes up to 32,766 parameters)


class Writer:
    def __init__(self, session: Session, draft: Draft, now: datetime):
        self.s = session
        self.d = draft
        self.now = now
        self._written = False

    def add_reservations(self, batch: list[ReservationRec]) -> None:
        if not self._written:
            self._head()
        self._reservations(batch)

    def finish(self) -> None:
        """After the whole source was read: what is left of the draft."""
        if not self._written:
            self._head()
        self.d.reservations.flush()
        self._allocations(self.conventions)
        self._narratives(self.seasons)

    def _head(self) -> None:
        self._written = True
        self.seasons = self._seasons()
        partners = self._partners()
        self.conventions = self._conventions(self.seasons, partners)
        self.relays = self._relays()
        self.performances = self._performances(self.conventions, partners)

    def _seasons(self) -> dict[str, int]:
        ids = {label: sid for sid, label in self.s.execute(select(Season.id, Season.label))}
        for label in self.d.seasons:
            if label not in ids:
                clean, starts_on, ends_on = parse_season_label(label)
                season = Season(label=clean, starts_on=starts_on, ends_on=ends_on)
                self.s.add(season)
                self.s.flush()
                ids[label] = season.id
        return ids

    def _partners(self) -> dict[str, int]:
        ids = {}
        for k, rec in self.d.partners.items():
            if rec.existing_id is not None:
                ids[k] = rec.existing_id
                continue
            partner = Partner(
                name=rec.name,
                address=rec.address,
                postal_code=rec.postal_code,
                commune=rec.commune,
                phone=rec.phone,
                email=rec.email,
            )
            if rec.contact:
                partner.contacts = [PartnerContact(name=rec.contact)]
            self.s.add(partner)
            self.s.flush()
            ids[k] = partner.id
        return ids

    def _conventions(self, seasons: dict[str, int], partners: dict[str, int]) -> dict[tuple, int]:
        ids = {}
        for k, rec in self.d.conventions.items():
            convention = Convention(
                partner_id=partners[rec.partner],
                season_id=seasons[rec.season],
                state=rec.state,
                places_committed=rec.places,
                solidarity_subscribers=rec.subscribers,
                donations=rec.donations,
                place_value=rec.place_value,
                signed_on=rec.signed_on,
                notes=rec.notes,
            )
            self.s.add(convention)
            self.s.flush()
            ids[k] = convention.id
        query = (
            select(Convention.id, Partner.name, Season.label)
            .join(Partner, Partner.id == Convention.partner_id)
            .join(Season, Season.id == Convention.season_id)
        )
        for cid, name, label in self.s.execute(query):
            ids.setdefault((key(name), label), cid)
        return ids

    def _allocations(self, conventions: dict[tuple, int]) -> None:
        self.s.add_all(
            SurplusAllocation(
                convention_id=conventions[a.convention],
                kind=a.kind,
                planned_amount=a.planned_amount,
                planned_places=a.planned_places,
                decided_on=a.decided_on,
                done_amount=a.done_amount,
                done_places=a.done_places,
                done_on=a.done_on,
                note=a.note,
            )
            for a in self.d.allocations
        )

    def _named(self, model, wanted: set[str]) -> dict[str, int]:
        """Kinds of relay or disciplines by key, created when missing."""
        ids = {key(name): rid for rid, name in self.s.execute(select(model.id, model.name))}
        for name in sorted(wanted):
            if key(name) not in ids:
                row = model(name=" ".join(name.split()))
                self.s.add(row)
                self.s.flush()
                ids[key(name)] = row.id
        return ids

    def _relays(self) -> dict[tuple, int]:
        kinds = self._named(RelayType, {r.kind for r in self.d.relays.values() if r.kind and r.existing_id is None})
        ids = {}
        for k, rec in self.d.relays.items():
            if rec.existing_id is not None:
                ids[k] = rec.existing_id
                continue
            relay = Relay(
                name=rec.name,
                commune=rec.commune,
                relay_type_id=kinds.get(key(rec.kind)) if rec.kind else None,
                phone=rec.phone,
                email=rec.email,
                active=rec.active,
            )
            if rec.referent:
                relay.referents = [Referent(name=rec.referent)]
            self.s.add(relay)
            self.s.flush()
            ids[k] = relay.id
        return ids

    def _performances(self, conventions: dict[tuple, int], partners: dict[str, int]) -> dict[tuple, int]:
        new = [(k, p) for k, p in self.d.performances.items() if p.existing_id is None]
        disciplines = self._named(Discipline, {p.discipline for _, p in new if p.discipline})
        shows = {
            (cid, key(title)): sid
            for sid, cid, title in self.s.execute(select(Show.id, Show.convention_id, Show.title))
        }
        venues = {
            (pid, key(name)): vid for vid, pid, name in self.s.execute(select(Venue.id, Venue.partner_id, Venue.name))
        }
        ids = {k: p.existing_id for k, p in self.d.performances.items() if p.existing_id is not None}
        for k, p in new:
            convention_id = conventions[(p.partner, p.season)]
            show_id = shows.get((convention_id, key(p.title)))
            if show_id is None:
                show = Show(
                    convention_id=convention_id,
                    title=p.title,
                    discipline_id=disciplines.get(key(p.discipline)) if p.discipline else None,
                )
                self.s.add(show)
                self.s.flush()
                show_id = shows[(convention_id, key(p.title))] = show.id
            if p.starts_at is None:
                continue
            venue_id = None
            if p.venue:
                partner_id = partners[p.partner]
                venue_id = venues.get((partner_id, key(p.venue)))
                if venue_id is None:
                    venue = Venue(partner_id=partner_id, name=p.venue)
                    self.s.add(venue)
                    self.s.flush()
                    venue_id = venues[(partner_id, key(p.venue))] = venue.id
            performance = Performance(
                show_id=show_id,
                venue_id=venue_id,
                starts_at=p.starts_at,
                quota=p.quota,
                booking_deadline=p.deadline,
                state=PerformanceState.CANCELLED if p.cancelled else PerformanceState.ON_OFFER,
                cancelled_at=min(self.now, p.starts_at) if p.cancelled else None,
            )
            self.s.add(performance)
            self.s.flush()
            ids[k] = performance.id
        return ids

    def _reservations(self, batch: list[ReservationRec]) -> None:
        bookings, moments = [], []
        for r in batch:
            p = self.d.performances[r.performance]
            created = min(self.now, p.starts_at - ONE_DAY)
            cancelled_at = min(self.now, p.starts_at) if p.cancelled else created
            moments.append((created, cancelled_at, min(self.now, p.starts_at + ONE_DAY)))
            bookings.append(
                {
                    "performance_id": p.existing_id or self.performances[r.performance],
                    "relay_id": self._relay_id(r.relay),
                    "places": r.held + r.cancelled,
                    "created_at": created,
                    "note": "Import",
                    "places_cancelled_by_partner": r.cancelled if p.cancelled else 0,
                    "warned_at": cancelled_at if p.cancelled and p.starts_at <= self.now else None,
                    "referent_id": None,
                    "deadline_override": False,
                    "names_on_tickets": False,
                }
            )
        if not bookings:
            return
        ids = self.s.scalars(insert(Booking).returning(Booking.id, sort_by_parameter_order=True), bookings).all()
        codes = self._new_codes(sum(r.held + r.cancelled for r in batch))
        issued_like = (InvitationStatus.ISSUED, InvitationStatus.USED, InvitationStatus.UNUSED)
        rows = []
        for r, booking_id, booking, (created, cancelled_at, recorded_at) in zip(
            batch, ids, bookings, moments, strict=True
        ):
            if r.used is None:
                statuses = [(InvitationStatus.ISSUED, None)] * r.issued
            else:
                statuses = [(InvitationStatus.USED, None)] * r.used + [(InvitationStatus.UNUSED, r.reason_id)] * (
                    r.issued - r.used
                )
            statuses += [(InvitationStatus.BOOKED, None)] * (r.held - r.issued) + [
                (InvitationStatus.CANCELLED, None)
            ] * r.cancelled
            for status, reason_id in statuses:
                rows.append(
                    {
                        "booking_id": booking_id,
                        "performance_id": booking["performance_id"],
                        "code": codes.pop(),
                        "status": status,
                        "first_name": None,
                        "reason_id": reason_id,
                        "comment": "",
                        "issued_at": created if status in issued_like else None,
                        "print_count": 1 if status in issued_like else 0,
                        "attendance_at": recorded_at
                        if status in (InvitationStatus.USED, InvitationStatus.UNUSED)
                        else None,
                        "cancelled_at": cancelled_at if status is InvitationStatus.CANCELLED else None,
                    }
                )
        self.s.execute(insert(Invitation), rows)

    def _relay_id(self, k: tuple) -> int:
        """A relay of the file, or one of the store the bookings met after the relays were written."""
        return self.relays.get(k) or self.d.relays[k].existing_id

    def _narratives(self, seasons: dict[str, int]) -> None:
        for label, n in self.d.narratives.items():
            season = self.s.get(Season, seasons[label])
            season.review_objectives, season.review_highlights, season.review_relay_feedback = (
                n.objectives,
                n.highlights,
                n.relay_feedback,
            )
            season.review_next_steps, season.review_gaps = n.next_steps, n.gaps

    def _new_codes(self, n: int) -> list[str]:
        """`n` ticket codes that no invitation has, in the store or in this transaction so far:
        asked of the store's index batch by batch, not kept in memory for the whole store."""
        codes: set[str] = set()
        while len(codes) < n:
            drawn = list({ticket_codes.new_code() for _ in range(n - len(codes))} - codes)
            taken: set[str] = set()
            for start in range(0, len(drawn), CODES_ASKED):
                taken.update(
                    self.s.scalars(
                        select(Invitation.code).where(Invitation.code.in_(drawn[start : start + CODES_ASKED]))
                    )
                )
            codes.update(code for code in drawn if code not in taken)
        return list(codes)
