"""Build a large store fast (bulk inserts, no ORM objects): N seasons, performances, relays and
invitations, every rule of the domain kept (never more places than the quota, attendance only
on past performances, a reason for every unused place). The performances of the last
`UNRECORDED_DAYS` days keep their tickets issued: their attendance is still to record.

`shared_large_store(run_dir)` builds it once per benchmark run and hands the same file to every
module that needs it (it is deterministic for a given day).

    python -m benchmarks.large_store /tmp/big --seasons 10 --performances 3000 --relays 500 --invitations 300000
    python -m benchmarks.large_store /tmp/network --performances 30000 --relays 5000 --invitations 3000000 --partners 400
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, text

from acs_desktop.db.store import open_store
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.domain.states import ConventionState, InvitationStatus, PerformanceState
from acs_desktop.models import (
    Booking,
    Convention,
    Discipline,
    Invitation,
    NonUseReason,
    Partner,
    Performance,
    Referent,
    Relay,
    RelayType,
    Season,
    Show,
    Venue,
)

UNRECORDED_DAYS = 5
COMMUNES = (
    "Nantes",
    "Rezé",
    "Saint-Herblain",
    "Saint-Nazaire",
    "Orvault",
    "Vertou",
    "Bouguenais",
    "Carquefou",
    "Couëron",
    "Châteaubriant",
)


@dataclass(frozen=True)
class LargeStore:
    path: Path
    seasons: list[str]
    invitations: int
    seconds: float


def build_large_store(
    data_dir: Path,
    *,
    seasons: int = 10,
    performances: int = 3000,
    relays: int = 500,
    invitations: int = 300_000,
    partners: int = 40,
    today: datetime = datetime(2026, 11, 22, 10, 0),
    seed: int = 8,
) -> LargeStore:
    """Seasons end with the one containing `today`; performances and invitations are spread evenly.
    Streamed: each season's rows are written in batches of `BATCH` as they are drawn, so that
    memory stays flat whatever the size (3,000,000 invitations as well as 300,000)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    path = data_dir / "acs.sqlite"
    store = open_store(path)
    first_year = today.year - seasons + (1 if today.month >= 9 else 0)
    labels = [f"{y}-{y + 1}" for y in range(first_year, first_year + seasons)]
    per_season_perf = performances // seasons
    places_per_perf = max(1, round(invitations / performances))
    with store.engine.begin() as db:
        db.execute(text("UPDATE association_settings SET name = 'Les Sorties Solidaires' WHERE id = 1"))
        discipline_ids = list(db.scalars(select(Discipline.id)))
        type_ids = list(db.scalars(select(RelayType.id)))
        reason_ids = list(db.scalars(select(NonUseReason.id)))
        db.execute(
            insert(Partner),
            [
                {
                    "id": p,
                    "name": f"Partenaire {p:03d}",
                    "commune": rng.choice(COMMUNES),
                    "address": f"{p} rue du Théâtre",
                }
                for p in range(1, partners + 1)
            ],
        )
        db.execute(
            insert(Venue),
            [
                {
                    "id": p,
                    "partner_id": p,
                    "name": "Grande salle",
                    "address": f"{p} rue du Théâtre",
                    "commune": "Nantes",
                }
                for p in range(1, partners + 1)
            ],
        )
        db.execute(
            insert(Relay),
            [
                {
                    "id": r,
                    "name": f"Relais {r:04d}",
                    "commune": rng.choice(COMMUNES),
                    "relay_type_id": rng.choice(type_ids),
                    "active": r % 25 != 0,
                }
                for r in range(1, relays + 1)
            ],
        )
        db.execute(
            insert(Referent), [{"id": r, "relay_id": r, "name": f"Référent {r:04d}"} for r in range(1, relays + 1)]
        )
        active_relays = [r for r in range(1, relays + 1) if r % 25 != 0]
        bookings = _Batches(db, Booking)
        tickets = _Batches(db, Invitation, before=bookings)
        convention_id = show_id = perf_id = booking_id = invitation_id = 0
        for s_index, label in enumerate(labels, start=1):
            clean, starts_on, ends_on = parse_season_label(label)
            db.execute(insert(Season), [{"id": s_index, "label": clean, "starts_on": starts_on, "ends_on": ends_on}])
            convention_rows, show_rows, perf_rows = [], [], []
            season_conventions = []
            for p in range(1, partners + 1):
                convention_id += 1
                season_conventions.append(convention_id)
                convention_rows.append(
                    {
                        "id": convention_id,
                        "partner_id": p,
                        "season_id": s_index,
                        "state": ConventionState.CLOSED if ends_on < today.date() else ConventionState.RUNNING,
                        "places_committed": per_season_perf * places_per_perf // partners,
                        "solidarity_subscribers": rng.randint(40, 200),
                        "donations": Decimal(rng.randint(50_000, 300_000)) / 100,
                        "place_value": Decimal("12.00"),
                    }
                )
            starts_list = []
            for k in range(per_season_perf):
                if k % 3 == 0 or not show_rows:
                    show_id += 1
                    show_rows.append(
                        {
                            "id": show_id,
                            "convention_id": rng.choice(season_conventions),
                            "title": f"Spectacle {show_id:05d}",
                            "discipline_id": rng.choice(discipline_ids),
                        }
                    )
                starts = datetime.combine(
                    starts_on + timedelta(days=14 + (k * 270) // per_season_perf), datetime.min.time()
                ).replace(hour=20)
                starts += timedelta(minutes=k % 4 * 15)
                starts_list.append(starts)
                perf_rows.append(
                    {
                        "id": perf_id + k + 1,
                        "show_id": show_id,
                        "venue_id": None,
                        "starts_at": starts,
                        "quota": places_per_perf + rng.randint(0, 2),
                        "booking_deadline": starts - timedelta(days=3),
                        "state": PerformanceState.ON_OFFER,
                    }
                )
            db.execute(insert(Convention), convention_rows)
            db.execute(insert(Show), show_rows)
            db.execute(insert(Performance), perf_rows)
            for starts in starts_list:
                perf_id += 1
                past = starts < today
                left = places_per_perf
                while left > 0:
                    places = min(left, rng.choice((1, 2, 2, 3, 4)))
                    left -= places
                    booking_id += 1
                    relay = rng.choice(active_relays)
                    bookings.add(
                        {
                            "id": booking_id,
                            "performance_id": perf_id,
                            "relay_id": relay,
                            "referent_id": relay,
                            "places": places,
                            "created_at": starts - timedelta(days=rng.randint(4, 40)),
                        }
                    )
                    for _ in range(places):
                        invitation_id += 1
                        row = {
                            "id": invitation_id,
                            "booking_id": booking_id,
                            "performance_id": perf_id,
                            "code": _code(invitation_id),
                            "status": InvitationStatus.BOOKED,
                            "print_count": 0,
                            "reason_id": None,
                            "attendance_at": None,
                            "issued_at": None,
                        }
                        if past or starts - today < timedelta(days=10):
                            row.update(
                                status=InvitationStatus.ISSUED, print_count=1, issued_at=starts - timedelta(days=2)
                            )
                        if past and today - starts > timedelta(days=UNRECORDED_DAYS):
                            used = rng.random() < 0.8
                            row.update(
                                status=InvitationStatus.USED if used else InvitationStatus.UNUSED,
                                reason_id=None if used else rng.choice(reason_ids),
                                attendance_at=starts + timedelta(days=1),
                            )
                        tickets.add(row)
        tickets.flush()
    with store.engine.begin() as db:
        db.exec_driver_sql("ANALYZE")
    store.close()
    return LargeStore(path, labels, invitation_id, time.perf_counter() - started)


BATCH = 50_000
_CODE_SPACE = len(ticket_codes.ALPHABET) ** ticket_codes.PAYLOAD_LENGTH  # 32⁸ = 2⁴⁰


def _code(n: int) -> str:
    """The n-th invitation's ticket code: a valid code, different for every n (an odd multiplier
    is a bijection modulo 2⁴⁰) and scattered like random ones; no set of every code drawn kept."""
    value = (n * 0x5DEECE66D + 0xB) % _CODE_SPACE
    payload = ""
    for _ in range(ticket_codes.PAYLOAD_LENGTH):
        value, digit = divmod(value, len(ticket_codes.ALPHABET))
        payload += ticket_codes.ALPHABET[digit]
    return payload + ticket_codes.check_character(payload)


class _Batches:
    """Rows of one table written `BATCH` at a time; `before` is written first (the rows these
    refer to)."""

    def __init__(self, db, model, before: _Batches | None = None):
        self.db, self.model, self.before, self.rows = db, model, before, []

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.before is not None:
            self.before.flush()
        if self.rows:
            self.db.execute(insert(self.model), self.rows)
            self.rows = []


def benchmark_today() -> datetime:
    """ "Now" for the large store and the benchmarks that read it: today at 10:00 (so that the
    application started on the store, which reads the real clock, shows the same season)."""
    return datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)


NETWORK = {"performances": 30_000, "relays": 5_000, "invitations": 3_000_000, "partners": 400}


def shared_large_store(run_dir: Path, today: datetime | None = None) -> LargeStore:
    """The default large store (10 seasons, 3,000 performances, 500 relays, 300,000 invitations),
    built in `run_dir/large-store` the first time a run asks for it, then reused."""
    return shared_store(run_dir, "large-store", today)


def shared_network_store(run_dir: Path, today: datetime | None = None) -> LargeStore:
    """A network's store, ten times the large one (`NETWORK`: 3,000,000 invitations, 30,000
    performances, 5,000 relays, 400 partners), built in `run_dir/network-store` once per run."""
    return shared_store(run_dir, "network-store", today, **NETWORK)


def shared_store(run_dir: Path, name: str, today: datetime | None = None, **size: int) -> LargeStore:
    """A store built by `build_large_store(**size)` in `run_dir/name` the first time a run asks
    for it, then reused."""
    data_dir = run_dir / name
    done = data_dir / "built.txt"
    today = today or benchmark_today()
    if done.exists():
        labels, invitations, seconds = done.read_text(encoding="utf-8").split("\n")[:3]
        return LargeStore(data_dir / "acs.sqlite", labels.split(","), int(invitations), float(seconds))
    if data_dir.exists():  # a build interrupted earlier: start again
        for leftover in data_dir.glob("acs.sqlite*"):
            leftover.unlink()
    data_dir.mkdir(parents=True, exist_ok=True)
    built = build_large_store(data_dir, today=today, **size)
    done.write_text(f"{','.join(built.seasons)}\n{built.invitations}\n{built.seconds:.1f}\n", encoding="utf-8")
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description="Construit une grande base de test.")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seasons", type=int, default=10)
    parser.add_argument("--performances", type=int, default=3000)
    parser.add_argument("--relays", type=int, default=500)
    parser.add_argument("--invitations", type=int, default=300_000)
    parser.add_argument("--partners", type=int, default=40)
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    built = build_large_store(
        args.data_dir,
        seasons=args.seasons,
        performances=args.performances,
        relays=args.relays,
        invitations=args.invitations,
        partners=args.partners,
    )
    print(
        f"{built.invitations} invitations, saisons {built.seasons[0]} … {built.seasons[-1]}, en {built.seconds:.1f} s → {built.path}"
    )


if __name__ == "__main__":
    main()
