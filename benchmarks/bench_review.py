"""The season review on a 10,000-invitation season (and a 6,000-invitation previous season to
compare with): the review itself, the funders' PDF, and the spreadsheet round trip.

The store is filled with bulk inserts (no services): 12 partners, 80 relays, 500 performances
of about 20 places each, bookings of 1 to 4 places, attendance recorded for the performances
already past, a reason for each unused place, some places given back.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from acs_desktop.db.store import open_store
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.states import AllocationKind, ConventionState, InvitationStatus
from acs_desktop.models import (
    Booking,
    Convention,
    Discipline,
    Invitation,
    NonUseReason,
    Partner,
    Performance,
    Relay,
    RelayType,
    Season,
    Show,
    SurplusAllocation,
)
from acs_desktop.services import Services
from benchmarks.common import Result, median_time

NOW = datetime(2027, 3, 15, 10, 0)  # the middle of season 2026-2027
SEASONS = (("2025-2026", 6_000), ("2026-2027", 10_000))
PARTNERS = 12
RELAYS = 80


def build(path: Path, rng: random.Random) -> dict[str, int]:
    store = open_store(path)
    with store.write() as s, s.begin():
        disciplines = list(s.scalars(select(Discipline.id)))
        kinds = list(s.scalars(select(RelayType.id)))
        reasons = list(s.scalars(select(NonUseReason.id)))
        s.execute(
            insert(Partner), [{"id": i, "name": f"Partenaire {i}", "commune": "Nantes"} for i in range(1, PARTNERS + 1)]
        )
        s.execute(
            insert(Relay),
            [
                {
                    "id": i,
                    "name": f"Relais {i}",
                    "commune": f"Commune {i % 17}",
                    "relay_type_id": rng.choice(kinds),
                    "active": True,
                }
                for i in range(1, RELAYS + 1)
            ],
        )
        ids = {"convention": 0, "show": 0, "performance": 0, "booking": 0, "invitation": 0}
        codes: set[str] = set()
        seasons = {}
        for season_index, (label, invitations) in enumerate(SEASONS, start=1):
            first = int(label[:4])
            s.execute(
                insert(Season),
                [
                    {
                        "id": season_index,
                        "label": label,
                        "starts_on": date(first, 9, 1),
                        "ends_on": date(first + 1, 8, 31),
                    }
                ],
            )
            seasons[label] = season_index
            _season(s, rng, ids, codes, season_index, first, invitations, disciplines, reasons)
    store.close()
    return seasons


def _season(s, rng, ids, codes, season_id, first, invitations, disciplines, reasons) -> None:
    conventions, shows, performances, bookings, rows, allocations = [], [], [], [], [], []
    performance_quota: list[tuple[int, datetime, int]] = []
    n_performances = max(invitations // 20, 1)
    for partner in range(1, PARTNERS + 1):
        ids["convention"] += 1
        donations = Decimal(rng.randint(80_000, 300_000)) / 100
        conventions.append(
            {
                "id": ids["convention"],
                "partner_id": partner,
                "season_id": season_id,
                "state": ConventionState.RUNNING,
                "places_committed": int(donations / 12) - 5,
                "solidarity_subscribers": rng.randint(40, 160),
                "donations": donations,
                "place_value": Decimal("12.00"),
                "notes": "",
            }
        )
        allocations.append(
            {
                "convention_id": ids["convention"],
                "kind": AllocationKind.MANAGEMENT,
                "planned_amount": Decimal("10.00"),
                "planned_places": 0,
                "note": "",
            }
        )
    for _ in range(n_performances // 2):
        ids["show"] += 1
        shows.append(
            {
                "id": ids["show"],
                "convention_id": rng.choice(conventions)["id"],
                "title": f"Spectacle {ids['show']}",
                "discipline_id": rng.choice(disciplines),
                "description": "",
            }
        )
    start = datetime(first, 9, 10)
    for index in range(n_performances):
        ids["performance"] += 1
        starts = datetime.combine((start + timedelta(days=index * 270 // n_performances)).date(), time(20, 30))
        quota = 26
        performances.append(
            {
                "id": ids["performance"],
                "show_id": shows[index % len(shows)]["id"],
                "starts_at": starts,
                "quota": quota,
                "booking_deadline": starts - timedelta(days=3),
                "state": "on_offer",
                "cancel_note": "",
            }
        )
        performance_quota.append((ids["performance"], starts, quota))
    made = 0
    for performance_id, starts, _quota in performance_quota:  # at least 20 places each (quota 26): one pass is enough
        held = 0
        while held < 20 and made < invitations:
            places = min(rng.randint(1, 4), invitations - made)
            ids["booking"] += 1
            bookings.append(
                {
                    "id": ids["booking"],
                    "performance_id": performance_id,
                    "relay_id": rng.randint(1, RELAYS),
                    "places": places,
                    "created_at": starts - timedelta(days=20),
                    "deadline_override": False,
                    "names_on_tickets": False,
                    "note": "",
                    "places_cancelled_by_partner": 0,
                }
            )
            for _ in range(places):
                ids["invitation"] += 1
                status, reason = _status(rng, starts)
                rows.append(
                    {
                        "id": ids["invitation"],
                        "booking_id": ids["booking"],
                        "performance_id": performance_id,
                        "code": _code(rng, codes),
                        "status": status,
                        "reason_id": reason,
                        "print_count": 1,
                        "comment": "",
                        "issued_at": starts - timedelta(days=10) if status is not InvitationStatus.BOOKED else None,
                    }
                )
                if status is not InvitationStatus.CANCELLED:
                    held += 1
            made += places
    for model, data in (
        (Convention, conventions),
        (SurplusAllocation, allocations),
        (Show, shows),
        (Performance, performances),
        (Booking, bookings),
        (Invitation, rows),
    ):
        s.execute(insert(model), data)


def _status(rng: random.Random, starts: datetime):
    if rng.random() < 0.04:
        return InvitationStatus.CANCELLED, None
    if starts > NOW:
        return (InvitationStatus.ISSUED if rng.random() < 0.6 else InvitationStatus.BOOKED), None
    if rng.random() < 0.78:
        return InvitationStatus.USED, None
    return InvitationStatus.UNUSED, rng.randint(1, 11)


def _code(rng: random.Random, codes: set[str]) -> str:
    while True:
        code = ticket_codes.new_code(rng)
        if code not in codes:
            codes.add(code)
            return code


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "acs.sqlite"
    seasons = build(path, random.Random(5))
    store = open_store(path)
    services = Services(store, lambda: NOW)
    season_id = seasons["2026-2027"]
    review = services.review.review(season_id)
    assert review.figures.booked + review.figures.cancelled == 10_000, review.figures
    review_time = median_time(lambda: services.review.review(season_id), repeat=7)
    pdf_time = median_time(lambda: services.documents.review_report(season_id), repeat=5)
    xlsx_time = median_time(lambda: services.review.report_xlsx(season_id), repeat=3)
    export_dir = workdir / "export"
    services.season_io.export_csv(season_id, export_dir)
    empty = open_store(workdir / "empty.sqlite")
    fresh = Services(empty, lambda: NOW)
    plan_time = median_time(lambda: fresh.season_io.plan(export_dir), repeat=3)

    def round_trip() -> None:
        target = workdir / f"import-{datetime.now():%H%M%S%f}.sqlite"
        other = open_store(target)
        try:
            other_services = Services(other, lambda: NOW)
            other_services.season_io.apply(other_services.season_io.plan(export_dir))
        finally:
            other.close()

    import_time = median_time(round_trip, repeat=3, warmup=0)
    empty.close()
    store.close()
    size = f"{review.figures.performances} représentations, {len(review.relays)} relais, 10 000 invitations"
    return [
        Result("Bilan d'une saison de 10 000 invitations (avec la saison précédente)", review_time, 0.3, note=size),
        Result(
            "Rapport PDF aux financeurs, même saison",
            pdf_time,
            2.0,
            note="mise en page ReportLab, graphiques et tableaux compris",
        ),
        Result("Tableaux du bilan en XLSX, même saison", xlsx_time, 2.0, note="pas de cible dans l'issue ; repère"),
        Result(
            "Vérification de l'import de la saison exportée (10 000 invitations)",
            plan_time,
            5.0,
            note="pas de cible dans l'issue ; repère",
        ),
        Result(
            "Import complet (vérification, puis vérification et écriture en une transaction)",
            import_time,
            15.0,
            note="pas de cible dans l'issue ; repère",
        ),
    ]
