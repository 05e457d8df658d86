"""A realistic, deterministic demo: a past season modelled on the 2015-16 figures of domain.md
(156 shows, 946 solidarity subscribers, 804 places used) and a season in progress around "today".

It fills an empty store in one transaction, through the ORM, and keeps every rule of the domain:
places held never exceed a quota, attendance only after a performance, a reason for every unused
place. The same seed and the same day always give the same store.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import de
from acs_desktop.domain.mediation import MediationKind
from acs_desktop.domain.seasons import parse_season_label, previous_season_label, season_label_for
from acs_desktop.domain.states import AllocationKind, ConventionState, FollowUpKind, InvitationStatus, PerformanceState
from acs_desktop.models import (
    AssociationSettings,
    Booking,
    Convention,
    Discipline,
    FollowUpEntry,
    Invitation,
    MediationAction,
    NonUseReason,
    Partner,
    PartnerContact,
    Performance,
    Referent,
    Relay,
    RelayFeedback,
    RelayFollowUp,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
    Venue,
    WaitingEntry,
)
from acs_desktop.resources import resource_path
from acs_desktop.services import demo_data as data
from acs_desktop.services.base import Sessions

PAST_SHOWS = 156
PAST_SUBSCRIBERS = 946
PAST_USED = 804
CURRENT_SHOWS = 148
CURRENT_SUBSCRIBERS = 1012
RELAYS = 48
SEED = 2017


@dataclass(frozen=True)
class DemoSummary:
    seasons: tuple[str, ...]
    partners: int
    relays: int
    performances: int
    invitations: int


def load_demo(sessions: Sessions, now: datetime, seed: int = SEED) -> DemoSummary:
    """Fill an empty store with the demo; refuse a store that already holds a season."""
    with sessions.write() as session, session.begin():
        if session.scalar(select(func.count()).select_from(Season)):
            raise DomainError(
                "store_not_empty",
                "La démonstration ne se charge que dans une base vide : celle-ci contient déjà des saisons.",
            )
        summary = _DemoBuilder(session, random.Random(seed), now).build()
    with sessions.write() as session, session.begin():
        session.execute(text("ANALYZE"))
    return summary


def split(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights`, whole numbers that add up exactly."""
    raw = [total * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)[: total - sum(shares)]:
        shares[i] += 1
    return shares


def euros(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class _DemoBuilder:
    def __init__(self, session: Session, rng: random.Random, now: datetime):
        self.s = session
        self.rng = rng
        self.now = now
        self.codes: set[str] = set()
        self.invitations = 0
        self.performances = 0

    # --- the whole store ------------------------------------------------------------------
    def build(self) -> DemoSummary:
        self._settings()
        self.disciplines = {d.name: d for d in self.s.scalars(select(Discipline))}
        self.reasons = {r.label: r for r in self.s.scalars(select(NonUseReason))}
        self.partners = [self._partner(*p) for p in data.PARTNERS]
        self.new_partner = self._partner(*data.NEW_PARTNER)
        self.relays = self._relays()
        current_label = season_label_for(self.now.date())
        past = self._season(previous_season_label(current_label))
        current = self._season(current_label)
        self._past_season(past)
        self._current_season(current)
        return DemoSummary(
            (past.label, current.label), len(self.partners) + 1, len(self.relays), self.performances, self.invitations
        )

    def _settings(self) -> None:
        settings = self.s.get(AssociationSettings, 1) or AssociationSettings(id=1)
        settings.name, settings.address = "Les Sorties Solidaires", "12 rue des Olivettes"
        settings.ticket_name = "SOSO"  # the tickets must not say « solidaires »
        settings.logo_png = resource_path("logo", "demo-logo.png").read_bytes()
        settings.postal_code, settings.commune = "44000", "Nantes"
        settings.phone, settings.email = "02 40 00 00 00", "contact@sorties-solidaires.example"
        settings.charter_text, settings.charter_version = data.CHARTER_TEXT, 2
        self.s.add(settings)

    def _partner(self, name, commune, halls, weight) -> Partner:
        partner = Partner(
            name=name,
            commune=commune,
            address=halls[0][1],
            postal_code=data.POSTAL_CODES.get(commune, ""),
            phone=f"02 40 {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
        )
        partner.venues = [
            Venue(name=hall, address=address, postal_code=partner.postal_code, commune=commune)
            for hall, address in halls
        ]
        first, last = self.rng.choice(data.REFERENT_FIRST), self.rng.choice(data.REFERENT_LAST)
        partner.contacts = [
            PartnerContact(
                name=f"{first} {last}", role="Relations avec les publics", email=f"rp@{self._slug(name)}.example"
            )
        ]
        partner.weight = weight
        self.s.add(partner)
        return partner

    @staticmethod
    def _slug(name: str) -> str:
        return "".join(ch for ch in name.lower() if ch.isalnum())[:18]

    def _relays(self) -> list[Relay]:
        types = {t.name: t for t in self.s.scalars(select(RelayType))}
        kinds = list(data.RELAY_TYPE_WEIGHTS)
        weights = list(data.RELAY_TYPE_WEIGHTS.values())
        relays, seen = [], set()
        while len(relays) < RELAYS:
            kind = self.rng.choices(kinds, weights)[0]
            commune = self.rng.choice(data.COMMUNES)
            # Nantes relays are named after their quarter, elsewhere after their town.
            where = self.rng.choice(data.QUARTERS) if commune == "Nantes" else de(commune)
            name = self.rng.choice(data.RELAY_NAMES[kind]).format(q=where)
            if kind == "CCAS":
                name = f"CCAS {de(commune)}"
            if (name, commune) in seen:
                continue
            seen.add((name, commune))
            relay = Relay(
                name=name,
                commune=commune,
                relay_type=types[kind],
                active=True,
                phone=f"02 51 {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
            )
            relay.referents = [self._referent(name) for _ in range(self.rng.choice((1, 1, 2)))]
            relay.attendance = self.rng.uniform(0.62, 0.95)  # how often its people come
            relay.appetite = self.rng.choice((0.4, 1, 1, 2, 3))  # how much it books
            relays.append(relay)
        self._charters_and_follow_ups(relays)
        self.s.add_all(relays)
        self.s.flush()
        return relays

    def _charters_and_follow_ups(self, relays: list[Relay]) -> None:
        """Half the relays signed the charter in force (v2), a quarter only the first version, the
        others nothing yet; a few relays have exchanges in their follow-up log. Decided by the
        relay's rank, not drawn: the random sequence, hence the demo's figures, stays the same."""
        today = self.now.date()
        for rank, relay in enumerate(relays):
            if rank % 4 in (0, 1):
                relay.charter_version, relay.charter_signed_on = 2, today - timedelta(days=40 + 7 * rank)
            elif rank % 4 == 2:
                relay.charter_version, relay.charter_signed_on = 1, today - timedelta(days=400 + 5 * rank)
            if rank % 6 == 0:
                relay.follow_ups = [
                    RelayFollowUp(on=today - timedelta(days=days + rank), kind=FollowUpKind(kind), text=text)
                    for days, kind, text in data.RELAY_FOLLOW_UPS
                ]

    def _referent(self, relay_name: str) -> Referent:
        first, last = self.rng.choice(data.REFERENT_FIRST), self.rng.choice(data.REFERENT_LAST)
        email = f"{self._slug(first)}.{self._slug(last)}@{self._slug(relay_name)}.example"
        phone = f"06 {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"
        return Referent(name=f"{first} {last}", phone=phone, email=email)

    def _season(self, label: str) -> Season:
        clean, starts_on, ends_on = parse_season_label(label)
        season = Season(label=clean, starts_on=starts_on, ends_on=ends_on)
        self.s.add(season)
        self.s.flush()
        return season

    # --- seasons --------------------------------------------------------------------------
    def _past_season(self, season: Season) -> None:
        conventions = self._conventions(
            season, self.partners, PAST_SUBSCRIBERS, [ConventionState.CLOSED] * len(self.partners)
        )
        performances = self._programme(season, conventions, PAST_SHOWS)
        self.relays[-1].active = self.relays[-2].active = False  # two relays stopped after last season
        issued = []
        for performance in performances:
            issued += self._fill(performance, self.rng.choice((0, 0, 0, 0, 1)), self.relays, issue=True)
        # Exactly 804 used, more likely at relays whose people come more often.
        ranked = sorted(issued, key=lambda inv: self.rng.random() / inv.booking.relay.attendance)
        for index, invitation in enumerate(ranked):
            self._record(invitation, used=index < PAST_USED)
        self._allocations(conventions, done=True)
        self._mediation_and_feedback(season, performances)

    def _mediation_and_feedback(self, season: Season, performances: list[Performance]) -> None:
        """The association's actions beside the places, and a few relays' words after a
        performance, three of them chosen for the report. Drawn from a random stream of their
        own, so that the rest of the demo (its figures, quoted in the README) stays as it was."""
        rng = random.Random(SEED + 1)
        year = season.starts_on.year
        for month, day, kind, people, note in data.MEDIATION:
            on = date(year + (month < 9), month, day)
            action = MediationAction(season_id=season.id, on=on, kind=kind, people=people, note=note)
            action.partners = rng.sample(self.partners, 2 if kind is not MediationKind.PRESENTATION else 6)
            action.relays = rng.sample(self.relays[:-2], min(people // 3, 12) or 1)
            self.s.add(action)
        bookings = [
            b
            for b in self.s.scalars(select(Booking).where(Booking.performance_id.in_([p.id for p in performances])))
            if any(i.status is InvitationStatus.USED for i in b.invitations)
        ]
        for (words, scale, quoted), booking in zip(
            data.FEEDBACK, rng.sample(bookings, len(data.FEEDBACK)), strict=True
        ):
            recorded = booking.performance.starts_at + timedelta(days=2)
            self.s.add(
                RelayFeedback(booking_id=booking.id, text=words, scale=scale, quoted=quoted, recorded_at=recorded)
            )
        self.s.flush()

    def _current_season(self, season: Season) -> None:
        states = [ConventionState.RUNNING] * len(self.partners)
        states[8] = ConventionState.SIGNED
        conventions = self._conventions(season, self.partners, CURRENT_SUBSCRIBERS, states)
        self.s.add(
            Convention(
                partner=self.new_partner,
                season=season,
                state=ConventionState.DRAFT,
                notes="Première rencontre prévue en janvier.",
            )
        )
        performances = self._programme(season, conventions, CURRENT_SHOWS)
        active = [r for r in self.relays if r.active]
        upcoming = [p for p in performances if p.starts_at > self.now]
        cancelled = upcoming[6] if len(upcoming) > 6 else None
        full = {p.id for p in upcoming[2:5]}
        for performance in performances:
            days = (performance.starts_at - self.now).total_seconds() / 86400
            if days < 0:
                for invitation in self._fill(performance, self.rng.choice((0, 0, 1, 1, 2)), active, issue=True):
                    if days < -4:  # attendance recorded, except for the last few days
                        self._record(invitation, used=self.rng.random() < invitation.booking.relay.attendance)
            elif performance.id in full:
                self._fill(performance, 0, active, issue=days < 12, names=True)
                for relay in self.rng.sample(active, 2):
                    self.s.add(
                        WaitingEntry(
                            performance=performance,
                            relay=relay,
                            places=self.rng.randint(1, 3),
                            created_at=self.now - timedelta(days=self.rng.randint(1, 6)),
                        )
                    )
            elif days < 45:
                fill = self.rng.randint(0, max(performance.quota // 2, 1))
                self._fill(performance, fill, active, issue=days < 12, names=True)
            elif self.rng.random() < 0.4:
                self._fill(
                    performance,
                    self.rng.randint(performance.quota // 2, performance.quota),
                    active,
                    issue=False,
                    names=True,
                )
        if cancelled is not None:
            self.s.flush()
            cancelled.state, cancelled.cancelled_at, cancelled.cancel_note = (
                PerformanceState.CANCELLED,
                self.now - timedelta(days=1),
                "Artiste souffrant : représentation annulée par le partenaire.",
            )
            for invitation in self.s.scalars(
                select(Invitation).where(
                    Invitation.performance_id == cancelled.id,
                    Invitation.status.in_((InvitationStatus.BOOKED, InvitationStatus.ISSUED)),
                )
            ):
                invitation.status, invitation.cancelled_at = InvitationStatus.CANCELLED, cancelled.cancelled_at
                invitation.booking.places_cancelled_by_partner += 1
        self._allocations(conventions, done=False)

    def _conventions(self, season: Season, partners: list[Partner], subscribers: int, states) -> list[Convention]:
        shares = split(subscribers, [p.weight for p in partners])
        conventions = []
        for partner, share, state in zip(partners, shares, states, strict=True):
            donations = euros(share * self.rng.uniform(12.5, 17.5))
            convention = Convention(
                partner=partner,
                season=season,
                state=state,
                solidarity_subscribers=share,
                donations=donations,
                signed_on=season.starts_on - timedelta(days=self.rng.randint(20, 90)),
            )
            for kind, text_ in self.rng.sample(data.FOLLOW_UPS, 2):
                convention.follow_ups.append(
                    FollowUpEntry(
                        on=season.starts_on - timedelta(days=self.rng.randint(5, 120)),
                        kind=FollowUpKind(kind),
                        text=text_,
                    )
                )
            self.s.add(convention)
            conventions.append(convention)
        return conventions

    def _programme(self, season: Season, conventions: list[Convention], shows: int) -> list[Performance]:
        counts = split(shows, [c.partner.weight for c in conventions])
        all_disciplines = list(data.DISCIPLINE_WEIGHTS)
        performances = []
        titles: set[str] = set()
        for convention, n in zip(conventions, counts, strict=True):
            own = data.PARTNER_DISCIPLINES.get(convention.partner.name)
            for _ in range(n):
                name = (
                    self.rng.choice(own)
                    if own
                    else self.rng.choices(all_disciplines, list(data.DISCIPLINE_WEIGHTS.values()))[0]
                )
                show = Show(convention=convention, title=self._title(name, titles), discipline=self.disciplines[name])
                self.s.add(show)
                day = season.starts_on + timedelta(days=self.rng.randint(14, 285))
                for k in range(self.rng.choices((1, 2, 3), (75, 20, 5))[0]):
                    starts = datetime.combine(
                        day + timedelta(days=k),
                        time(15, 0)
                        if name in ("Jeune public", "Marionnettes")
                        else self.rng.choice((time(20, 30), time(20, 0), time(19, 0))),
                    )
                    performance = Performance(
                        show=show,
                        venue=self.rng.choice(convention.partner.venues),
                        starts_at=starts,
                        quota=self.rng.choice((3, 4, 4, 5, 6, 6, 8)),
                        booking_deadline=datetime.combine(starts.date() - timedelta(days=3), time(18, 0)),
                    )
                    self.s.add(performance)
                    performances.append(performance)
            quotas = sum(p.quota for p in performances if p.show.convention is convention)
            convention.places_committed = round(quotas * 0.9)
            if convention.places_committed:
                value = convention.donations / Decimal(convention.places_committed) / Decimal("1.08")
                convention.place_value = max(
                    Decimal("8.00"), (value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2
                ).quantize(Decimal("0.01"))
        self.s.flush()
        self.performances += len(performances)
        return sorted(performances, key=lambda p: (p.starts_at, p.id))

    def _title(self, discipline: str, taken: set[str]) -> str:
        """A title not yet used this season: sometimes a classic of the discipline, else invented."""
        classics = [t for t in data.CLASSICS.get(discipline, ()) if t not in taken]
        while True:
            if classics and self.rng.random() < 0.25:
                title = self.rng.choice(classics)
            else:
                title = f"{self.rng.choice(data.TITLE_STARTS)} {self.rng.choice(data.TITLE_ENDS)}"
            if title not in taken:
                taken.add(title)
                return title

    # --- bookings and attendance ----------------------------------------------------------
    def _fill(
        self, performance: Performance, left_free: int, relays: list[Relay], *, issue: bool, names: bool = False
    ) -> list[Invitation]:
        """Book the performance up to quota − left_free; return the invitations that hold a place."""
        to_book = max(performance.quota - left_free, 0) if left_free >= 0 else 0
        held: list[Invitation] = []
        weights = [r.appetite for r in relays]
        while to_book > 0:
            relay = self.rng.choices(relays, weights)[0]
            places = min(to_book, self.rng.choice((1, 2, 2, 3, 4)))
            created = performance.starts_at - timedelta(days=self.rng.randint(4, 40), hours=self.rng.randint(0, 8))
            if created >= self.now:
                created = self.now - timedelta(days=self.rng.randint(0, 25), hours=self.rng.randint(1, 9))
            with_names = names and self.rng.random() < 0.15
            booking = Booking(
                performance=performance,
                relay=relay,
                referent=relay.referents[0],
                places=places,
                created_at=created,
                names_on_tickets=with_names,
            )
            self.s.add(booking)
            invitations = []
            for _ in range(places):
                invitation = Invitation(
                    booking=booking,
                    performance=performance,
                    code=self._code(),
                    first_name=self.rng.choice(data.BENEFICIARY_FIRST) if with_names else None,
                )
                invitations.append(invitation)
            self.s.add_all(invitations)
            self.invitations += places
            if self.rng.random() < 0.04 and performance.starts_at > created + timedelta(days=2):
                for invitation in invitations:  # the relay gave the places back in time
                    invitation.status, invitation.cancelled_at = InvitationStatus.CANCELLED, created + timedelta(days=1)
                continue
            to_book -= places
            if issue:
                for invitation in invitations:
                    invitation.status, invitation.issued_at, invitation.print_count = (
                        InvitationStatus.ISSUED,
                        created + timedelta(days=1),
                        1,
                    )
            held += invitations
        return held

    def _record(self, invitation: Invitation, *, used: bool) -> None:
        performance = invitation.performance
        next_morning = datetime.combine(performance.starts_at.date() + timedelta(days=1), time(9, 30))
        invitation.attendance_at = next_morning + timedelta(minutes=self.rng.randint(0, 150))
        if used:
            invitation.status = InvitationStatus.USED
            return
        label = self.rng.choices(list(data.REASON_WEIGHTS), list(data.REASON_WEIGHTS.values()))[0]
        invitation.status, invitation.reason = InvitationStatus.UNUSED, self.reasons[label]
        if self.rng.random() < 0.2:
            invitation.comment = self.rng.choice(
                (
                    "Prévenu la veille par le référent.",
                    "Bus supprimé ce soir-là.",
                    "Personne hospitalisée.",
                    "N'a pas osé venir seule.",
                )
            )

    def _code(self) -> str:
        while True:
            code = ticket_codes.new_code(self.rng)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _allocations(self, conventions: list[Convention], *, done: bool) -> None:
        from acs_desktop.domain.funding import surplus

        for convention in conventions:
            left = surplus(convention.donations, convention.place_value, convention.places_committed)
            if left < Decimal("30") or convention.place_value <= 0:
                continue
            places = int(left * Decimal("0.6") / convention.place_value)
            extra = convention.place_value * places
            management = euros(float(left - extra) * 0.5)
            decided = convention.season.starts_on + timedelta(days=30)
            convention.allocations.append(
                SurplusAllocation(
                    kind=AllocationKind.EXTRA_PLACES,
                    planned_amount=extra,
                    planned_places=places,
                    decided_on=decided,
                    done_amount=extra if done else None,
                    done_places=places if done else None,
                    done_on=decided + timedelta(days=200) if done else None,
                    note="Places hors abonnement pour les spectacles jeune public",
                )
            )
            convention.allocations.append(
                SurplusAllocation(
                    kind=AllocationKind.MANAGEMENT,
                    planned_amount=management,
                    decided_on=decided,
                    done_amount=euros(float(management) * 0.8) if done else None,
                    done_on=decided + timedelta(days=240) if done else None,
                    note="Participation à la gestion des invitations",
                )
            )


def demo_today() -> date:  # pragma: no cover - convenience for the command line
    return date.today()
