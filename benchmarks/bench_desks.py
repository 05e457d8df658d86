"""The large store on both engines, and several desks at once on PostgreSQL.

1. The 300,000-invitation store (`shared_large_store`) is moved into a throwaway PostgreSQL
   server (`tools/pg_sandbox.py`, Debian's `postgresql` package) with `move_to`, as a director
   would with `acs-desktop move-to`; the time is a reference figure.
2. Side by side, the same store as of the same day: the season review, the three lists behind
   the tabs, the bookings search, each tab of the window (bench_scale's `measure_window`), then
   booking 2 places and recording one attendance (bench_scale's `measure_writes`) on copies:
   every read figure is taken on the store as moved, the writes on a copy of it.
3. Desks at once: 1, 2, 4 and 8 processes, each opening the store as a desk does, booking one
   place and recording one attendance in turn for `DESK_SECONDS`, on a copy of the store where
   most upcoming performances have room and some only their last places. Afterwards no
   performance may hold more places than its quota, and every refusal must be a DomainError.

    python -m benchmarks desks
"""

from __future__ import annotations

import contextlib
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select, update

from acs_desktop.db.engine import WRITE_LOCK_KEY, server_url
from acs_desktop.db.server import open_server_store
from acs_desktop.db.store import Store, open_store
from acs_desktop.db.transfer import TransferResult, move_to
from acs_desktop.domain.states import HOLDING_STATUSES, InvitationStatus, PerformanceState
from acs_desktop.models import Invitation, Performance, Relay
from acs_desktop.services import Services
from benchmarks.bench_scale import REPEAT, SEARCH, measure_window, measure_writes
from benchmarks.common import Result, median_time
from benchmarks.large_store import benchmark_today, shared_large_store
from tools import pg_sandbox

DESKS = (1, 2, 4, 8)
DESK_SECONDS = 10.0
ROOMY = 1_000  # places added to most upcoming performances, so that bookings go on all along
REISSUED_DAYS = 45  # past performances whose recorded attendance is undone: codes for the desks to scan
ENGINES = ("SQLite", "PostgreSQL")


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    today = benchmark_today()
    large = shared_large_store(workdir.parent, today)
    # Not under workdir: as root the server runs as `postgres`, which cannot enter the run's
    # private temporary folder; pg_sandbox gives this one to it.
    server_dir = Path(tempfile.mkdtemp(prefix="acs-bench-pg-"))
    try:
        address = pg_sandbox.start(server_dir)
        size = f"{large.invitations:,} invitations".replace(",", " ")
        return _measure(large.path, server_dir, address, workdir, today, size)
    finally:
        pg_sandbox.stop(server_dir)
        shutil.rmtree(server_dir, ignore_errors=True)


def _measure(path: Path, server_dir: Path, address: str, workdir: Path, today: datetime, size: str) -> list[Result]:
    moved, transfer, move_time = move_for_benchmark(
        path, server_dir, address, workdir, "acs_large", copies=("acs_writes", "acs_desks")
    )
    desks_template = _with(moved, "acs_desks")
    targets, scarce, codes, relays = _prepare_desks(desks_template, today)
    with _autocommit(address) as admin, admin.connect() as connection:
        for n in DESKS:
            connection.exec_driver_sql(f"CREATE DATABASE acs_desks_{n} TEMPLATE acs_desks")

    results = [
        Result(
            "Transfert de la base de 300 000 invitations vers PostgreSQL (move-to : copie et vérification)",
            move_time,
            None,
            note=transfer_note(transfer),
        )
    ]
    measured = measure_both(path, moved, workdir, today)
    results += _side_by_side(measured, size)
    results += _desks(moved, workdir, today, targets, scarce, codes, relays)
    results.append(_lock_alone(moved))
    return results


def move_for_benchmark(
    path: Path, server_dir: Path, address: str, workdir: Path, database: str, copies: tuple[str, ...] = ("acs_writes",)
) -> tuple[str, TransferResult, float]:
    """The store file moved into a new database of the server with `move_to`, as a director would
    (timed: `move_to` vacuums and analyses what it wrote), then copied into `copies` (the writes go
    to a copy: every read is taken on the database as moved). Returns its address."""
    moved = pg_sandbox.createdb(server_dir, database)
    start = time.perf_counter()
    (workdir / "move").mkdir(parents=True, exist_ok=True)
    transfer = move_to(path, moved, workdir / "move")
    move_time = time.perf_counter() - start
    # Copies made while nobody is connected to the moved database (a template must be idle).
    with _autocommit(address) as admin, admin.connect() as connection:
        for name in copies:
            connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {database}")
    return moved, transfer, move_time


def transfer_note(transfer: TransferResult) -> str:
    return (
        f"{transfer.total:,} rows in {len(transfer.rows)} tables copied in one transaction (COPY), then counted and "
        f"every review of the {transfer.seasons_compared} seasons computed on both engines and compared; "
        "a local server (Unix socket, fsync off): over a network, longer."
    )


def measure_both(path: Path, moved: str, workdir: Path, today: datetime) -> dict[str, dict[str, float]]:
    """Every figure of `_side` on the store file and on the moved database, then booking and one
    attendance on copies of each (the server's copy: `acs_writes`)."""
    measured = {
        "SQLite": _side(open_store(path), workdir / "sqlite", today),
        "PostgreSQL": _side(open_server_store(moved, workdir / "pg"), workdir / "pg", today),
    }
    with contextlib.ExitStack() as closing:
        sqlite_copy = workdir / "sqlite-writes" / "acs.sqlite"
        sqlite_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, sqlite_copy)
        closing.callback(sqlite_copy.unlink)  # after the store is closed (callbacks run last in, first out)
        for engine, store in (
            ("SQLite", open_store(sqlite_copy)),
            ("PostgreSQL", open_server_store(_with(moved, "acs_writes"), workdir / "pg-writes")),
        ):
            closing.callback(store.close)
            measured[engine]["book"], measured[engine]["scan"] = measure_writes(Services(store, lambda: today), today)
    return measured


# --- one desk, both engines -------------------------------------------------------------------
def _side(store: Store, workdir: Path, today: datetime) -> dict[str, float]:
    """Every read figure of one engine: the service calls alone, then the window."""
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        services = Services(store, lambda: today)
        season = services.seasons.default_season()
        figures = {
            "review": median_time(lambda: services.review.review(season.id), repeat=REPEAT),
            "Conventions": median_time(lambda: services.conventions.list_conventions(season.id), repeat=REPEAT),
            "Offres": median_time(lambda: services.offers.list_performances(season.id), repeat=REPEAT),
            "Relais": median_time(lambda: services.relays.list_relays(season.id, counted=False), repeat=REPEAT),
            "relay counts": median_time(lambda: services.relays.relay_counts(season.id), repeat=REPEAT),
            "search query": median_time(lambda: _search(services, season.id), repeat=REPEAT),
            "found": services.booking_lists.booking_page(season.id, text=SEARCH, counted=True).count,
        }
        tabs, _first, search_time, _found, sort_time, shown = measure_window(services, store.path or workdir, workdir)
        figures.update({f"tab {title}": seconds for title, seconds in tabs.items()})
        figures["search"] = search_time
        figures["sort"] = sort_time
        figures["review shown"] = shown["Bilan de saison"]
        figures["relays shown"] = shown["Relais"]
        return figures
    finally:
        store.close()


def _search(services: Services, season_id: int) -> None:
    """The queries behind the bookings search: the matches counted and their first page of ids."""
    services.booking_lists.booking_page(season_id, text=SEARCH, counted=True)


def _side_by_side(measured: dict[str, dict[str, float]], size: str) -> list[Result]:
    sqlite, pg = measured["SQLite"], measured["PostgreSQL"]

    def ratio(engine: str, key: str) -> str:
        return f"PostgreSQL ÷ SQLite: {pg[key] / sqlite[key]:.1f}×." if engine == "PostgreSQL" else ""

    rows: list[Result] = []
    for engine, figures in measured.items():
        rows += [
            Result(
                f"{engine} : bilan de la saison en cours ({size})",
                figures["review"],
                0.3,
                note=f"ReviewService.review, the figures and tables of the season and the previous one. {ratio(engine, 'review')}",
            ),
            Result(
                f"{engine} : onglet Bilan de saison, chiffres affichés (calcul en arrière-plan compris)",
                figures["review shown"],
                0.3,
                note=f"from the click to the figures drawn. {ratio(engine, 'review shown')}",
            ),
            Result(
                f"{engine} : onglet Relais, comptes de la saison affichés (calcul en arrière-plan compris)",
                figures["relays shown"],
                0.3,
                note="from the click to every relay's places and last booking drawn (the names drawn first, « … » "
                f"meanwhile); RelayService.relay_counts alone: {figures['relay counts'] * 1000:.0f} ms. "
                f"{ratio(engine, 'relays shown')}",
            ),
        ]
        for title in ("Conventions", "Offres", "Relais"):
            rows.append(
                Result(
                    f"{engine} : liste de l'onglet {title}, la requête seule",
                    figures[title],
                    0.1,
                    unit="ms",
                    note=f"the service call behind the tab, without drawing it. {ratio(engine, title)}",
                )
            )
        for title in ("Conventions", "Offres", "Relais", "Invitations", "Bilan de saison"):
            rows.append(
                Result(
                    f"{engine} : ouverture de l'onglet {title}",
                    figures[f"tab {title}"],
                    0.1,
                    unit="ms",
                    note=f"the tab's lists read and drawn (bench_scale's measure). {ratio(engine, f'tab {title}')}",
                )
            )
        rows += [
            Result(
                f"{engine} : recherche « {SEARCH} » dans les réservations de la saison (Invitations)",
                figures["search"],
                0.1,
                unit="ms",
                note=f"{figures['found']:.0f} bookings found; through the window (counted and first page searched in SQL, "
                f"its rows fetched, list drawn); the queries alone: {figures['search query'] * 1000:.0f} ms. {ratio(engine, 'search')}",
            ),
            Result(
                f"{engine} : réserver 2 places (une transaction)",
                figures["book"],
                0.02,
                unit="ms",
                note=f"book_places, on a copy of the store; on PostgreSQL with the store's write lock and the "
                f"notice to other desks. {ratio(engine, 'book')}",
            ),
            Result(
                f"{engine} : relever une présence par son code (une transaction)",
                figures["scan"],
                0.02,
                unit="ms",
                note=f"record_code on a copy of the store. {ratio(engine, 'scan')}",
            ),
        ]
    return rows


# --- several desks at once --------------------------------------------------------------------
def _prepare_desks(address: str, today: datetime) -> tuple[list[int], list[int], list[tuple[int, str]], list[int]]:
    """On the desks' template: most upcoming bookable performances get `ROOMY` more places, every
    third keeps its last 0 to 2 (the desks compete for them); the attendance of the last
    `REISSUED_DAYS` days is undone (tickets issued again, to be scanned). Returns the performances
    to book, the scarce ones, the (performance, code) pairs to scan and the active relays."""
    engine = create_engine(server_url(address))
    try:
        with engine.begin() as db:
            bookable = list(
                db.scalars(
                    select(Performance.id)
                    .where(Performance.booking_deadline > today, Performance.state == PerformanceState.ON_OFFER)
                    .order_by(Performance.id)
                )
            )
            scarce = bookable[::3]
            roomy = [p for p in bookable if p not in set(scarce)]
            db.execute(update(Performance).where(Performance.id.in_(roomy)).values(quota=Performance.quota + ROOMY))
            past = select(Performance.id).where(
                Performance.starts_at < today, Performance.starts_at > today - timedelta(days=REISSUED_DAYS)
            )
            db.execute(
                update(Invitation)
                .where(
                    Invitation.performance_id.in_(past),
                    Invitation.status.in_((InvitationStatus.USED, InvitationStatus.UNUSED)),
                )
                .values(status=InvitationStatus.ISSUED, attendance_at=None, reason_id=None)
            )
            codes = [
                (p, c)
                for p, c in db.execute(
                    select(Invitation.performance_id, Invitation.code)
                    .where(Invitation.performance_id.in_(past), Invitation.status == InvitationStatus.ISSUED)
                    .order_by(Invitation.id)
                )
            ]
            relays = list(db.scalars(select(Relay.id).where(Relay.active).order_by(Relay.id)))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.exec_driver_sql("VACUUM ANALYZE")
    finally:
        engine.dispose()
    return bookable, scarce, codes, relays


def desk(address: str, data_dir: str, now: datetime, seed: int, targets, relays, codes, seconds, barrier, out) -> None:
    """One desk, in a process of its own: opens the store, then books one place on a random
    upcoming performance and records the attendance of one code, in turn, for `seconds` after
    every desk is ready. Timings and outcomes go to `out`; it never raises (a raw error is an
    outcome to report)."""
    from acs_desktop.domain.errors import DomainError
    from acs_desktop.services.bookings import BookingRequest

    Path(data_dir).mkdir(parents=True, exist_ok=True)
    try:
        store = open_server_store(address, Path(data_dir), pool_size=1)
    except BaseException as error:
        barrier.abort()
        out.put({"failed": repr(error)})
        raise
    services = Services(store, lambda: now)
    lock = _LockWatch(store.engine)
    rng = random.Random(seed)
    codes = list(codes)
    outcomes: Counter[str] = Counter()
    messages: dict[str, str] = {}
    raw: list[str] = []
    booking_times: list[float] = []
    scan_times: list[float] = []
    waits: list[float] = []
    held: list[float] = []

    def attempt(action, times: list[float] | None) -> None:
        lock.acquired_at = None
        start = time.perf_counter()
        try:
            action()
            outcomes["done"] += 1
        except DomainError as refused:
            outcomes[refused.code] += 1
            messages.setdefault(refused.code, refused.message)
        except Exception as error:  # what a person must never read
            outcomes["raw"] += 1
            raw.append(repr(error))
        end = time.perf_counter()
        if times is None:
            return
        times.append(end - start)
        if lock.acquired_at is not None:
            waits.append(lock.waited)
            held.append(end - lock.acquired_at)

    def book(timed: bool) -> None:
        request = BookingRequest(rng.choice(targets), rng.choice(relays), 1)
        attempt(lambda: services.bookings.book_places(request), booking_times if timed else None)

    def scan(timed: bool) -> None:
        # Each desk its own codes; past its share, another desk's (refused: already recorded).
        performance_id, code = codes.pop() if codes else rng.choice(every_code)
        attempt(lambda: services.attendance.record_code(performance_id, code), scan_times if timed else None)

    every_code = list(codes)
    try:
        book(False)  # first calls: queries compiled, connection opened; not timed
        scan(False)
        barrier.wait(timeout=120)
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            book(True)
            scan(True)
        elapsed = time.perf_counter() - started
    except BaseException as error:
        barrier.abort()  # the other desks stop waiting for this one
        out.put({"failed": repr(error)})
        raise
    finally:
        store.close()
    out.put(
        {
            "elapsed": elapsed,
            "bookings": booking_times,
            "scans": scan_times,
            "waits": waits,
            "held": held,
            "outcomes": dict(outcomes),
            "messages": messages,
            "raw": raw[:5],
        }
    )


class _LockWatch:
    """Times the store's write lock on this desk's connection: how long `pg_advisory_xact_lock`
    waited, and when it was granted."""

    def __init__(self, engine: Engine):
        self.acquired_at: float | None = None
        self.waited = 0.0
        statement = f"pg_advisory_xact_lock({WRITE_LOCK_KEY})"

        @event.listens_for(engine, "before_cursor_execute")
        def _before(conn, cursor, sql, parameters, context, executemany):
            if statement in sql:
                conn.info["acs_lock_asked"] = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def _after(conn, cursor, sql, parameters, context, executemany):
            if statement in sql:
                self.acquired_at = time.perf_counter()
                self.waited = self.acquired_at - conn.info.pop("acs_lock_asked")


def _desks(moved, workdir, today, targets, scarce, codes, relays) -> list[Result]:
    context = multiprocessing.get_context("spawn")
    rows: list[Result] = []
    for n in DESKS:
        address = _with(moved, f"acs_desks_{n}")
        barrier, out = context.Barrier(n), context.Queue()
        processes = [
            context.Process(
                target=desk,
                args=(
                    address,
                    str(workdir / f"desks-{n}" / f"desk-{i}"),
                    today,
                    1000 * n + i,
                    targets,
                    relays,
                    codes[i::n],
                    DESK_SECONDS,
                    barrier,
                    out,
                ),
            )
            for i in range(n)
        ]
        for process in processes:
            process.start()
        reports = [out.get(timeout=DESK_SECONDS + 180) for _ in processes]
        for process in processes:
            process.join(timeout=30)
        failed = [r["failed"] for r in reports if "failed" in r]
        if failed:
            raise RuntimeError(f"{len(failed)} of {n} desks failed: {failed[0]}")
        rows += _desk_rows(n, reports, _oversold(address), len(scarce), len(targets))
    return rows


def _desk_rows(n: int, reports: list[dict], oversold: list[tuple[int, int, int]], scarce: int, targets: int):
    elapsed = max(r["elapsed"] for r in reports)
    bookings = [t for r in reports for t in r["bookings"]]
    scans = [t for r in reports for t in r["scans"]]
    waits = [t for r in reports for t in r["waits"]]
    held = [t for r in reports for t in r["held"]]
    outcomes: Counter[str] = Counter()
    messages: dict[str, str] = {}
    for r in reports:
        outcomes.update(r["outcomes"])
        messages.update(r["messages"])
    raw = [e for r in reports for e in r["raw"]]
    operations = len(bookings) + len(scans)
    refused = {code: k for code, k in outcomes.items() if code not in ("done", "raw")}
    said = "; ".join(f"{code} × {k} (« {messages[code]} »)" for code, k in sorted(refused.items()))
    lock_share = sum(waits) / (n * elapsed)
    desks = "1 poste seul" if n == 1 else f"{n} postes en même temps"
    note = (
        f"{operations:,} operations in {elapsed:.1f} s ({len(bookings):,} bookings of 1 place, {len(scans):,} "
        f"attendances), {outcomes['done']:,} done, refused: {said or 'none'}. Each desk a process (spawn) with its own "
        f"connection (pool_size=1), books on one of {targets} upcoming performances ({scarce} with only their last "
        f"0 to 2 places), then scans one code of a past performance. The store's write lock: waited "
        f"{statistics.median(waits) * 1000:.1f} ms (median), {lock_share:.0%} of the desks' time; held "
        f"{statistics.median(held) * 1000:.1f} ms a write (median), so at most ≈ {1 / statistics.mean(held):.0f} "
        "writes/s whatever the number of desks."
    )
    if n > 1:
        note += (
            " Writes follow each other under the one store lock: more desks add waiting (the median booking "
            "grows with them), not throughput; and this machine has 2 cores for the server and every desk alike, "
            "so 4 and 8 desks cannot scale here whatever the lock."
        )
    rows = [
        Result(
            f"{desks} sur PostgreSQL : opérations par seconde (réservations et présences)",
            operations / elapsed,
            None,
            unit="op/s",
            note=note,
        ),
        Result(
            f"{desks} : durée médiane d'une réservation d'une place",
            statistics.median(bookings),
            None,
            unit="ms",
            note=f"as the person at the desk waits for it, lock wait included; 90th percentile "
            f"{statistics.quantiles(bookings, n=10)[-1] * 1000:.0f} ms; an attendance: "
            f"{statistics.median(scans) * 1000:.1f} ms (median).",
        ),
        Result(
            f"{desks} : représentations avec plus de places réservées que leur quota",
            len(oversold),
            0,
            unit="représentations",
            note="counted afterwards over every performance (invitations holding a place against the quota); "
            + (
                "none."
                if not oversold
                else "OVERSOLD: " + ", ".join(f"performance {p}: {h} places for {q}" for p, h, q in oversold[:10])
            ),
        ),
        Result(
            f"{desks} : erreurs brutes (autre chose qu'un refus DomainError en français)",
            outcomes["raw"],
            0,
            unit="erreurs",
            note="every refusal must be a DomainError with its French sentence; "
            + ("none otherwise." if not raw else "RAW: " + " | ".join(raw[:3])),
        ),
    ]
    return rows


def _oversold(address: str) -> list[tuple[int, int, int]]:
    """(performance, places held, quota) for every performance holding more than its quota."""
    held = func.count(Invitation.id)
    engine = create_engine(server_url(address))
    try:
        with engine.connect() as db:
            return [
                tuple(row)
                for row in db.execute(
                    select(Performance.id, held, Performance.quota)
                    .join(Invitation, Invitation.performance_id == Performance.id)
                    .where(Invitation.status.in_(HOLDING_STATUSES))
                    .group_by(Performance.id, Performance.quota)
                    .having(held > Performance.quota)
                )
            ]
    finally:
        engine.dispose()


def _lock_alone(address: str) -> Result:
    """What the write lock costs one desk alone: a transaction taking it, less an empty one."""
    engine = create_engine(server_url(address), pool_size=1)
    try:
        with engine.connect() as db:

            def transaction(sql: str) -> None:
                with db.begin():
                    db.exec_driver_sql(sql)

            plain = median_time(lambda: [transaction("SELECT 1") for _ in range(100)], repeat=5) / 100
            locked = (
                median_time(
                    lambda: [transaction(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})") for _ in range(100)],
                    repeat=5,
                )
                / 100
            )
    finally:
        engine.dispose()
    return Result(
        "Verrou d'écriture de la base (pg_advisory_xact_lock) pris par un poste seul",
        max(locked - plain, 0.0),
        None,
        unit="ms",
        note=f"a transaction taking the lock {locked * 1000:.2f} ms, an empty one {plain * 1000:.2f} ms (medians, "
        "local socket): alone, the lock costs nothing that shows; with several desks what it costs is the "
        "waiting (see the desks' rows: writes follow each other, as on SQLite).",
    )


# --- the server -------------------------------------------------------------------------------
@contextlib.contextmanager
def _autocommit(address: str):
    """An engine outside transactions (CREATE DATABASE, VACUUM), disposed afterwards."""
    engine = create_engine(server_url(address), isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


def _with(address: str, database: str) -> str:
    """The same server's address, another database."""
    before, after = address.split("?", 1)
    return f"{before.rsplit('/', 1)[0]}/{database}?{after}"


__all__ = ["desk", "run"]
