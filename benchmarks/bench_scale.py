"""At the scale of the largest network (300,000 invitations over 10 seasons, 3,000 performances,
500 relays): the season review, the funders' report, booking places, recording one attendance,
opening each tab of the window and filtering its biggest list.

The large store is built once per run (`benchmarks.large_store.shared_large_store`); the writes
(booking, attendance) go to a copy of it, so every module reads the same data.
"""

from __future__ import annotations

import shutil
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path

from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from benchmarks.common import Result, median_time
from benchmarks.large_store import benchmark_today, shared_large_store
from benchmarks.raw_sql import RAW_TARGET, RAW_TARGET_WHY, against_raw_sql

REPEAT = 7
TAB_REPEAT = 5
SEARCH = "Relais 012"  # matches about 1 relay in 50: 250 of the season's bookings


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    today = benchmark_today()
    large = shared_large_store(workdir.parent, today)
    size = f"{len(large.seasons)} seasons, {large.invitations:,} invitations"
    store = open_store(large.path)
    services = Services(store, lambda: today)
    season = services.seasons.default_season()
    review = services.review.review(season.id)
    review_time = median_time(lambda: services.review.review(season.id), repeat=REPEAT)
    limit = against_raw_sql(store, lambda: services.review.review(season.id), runs=REPEAT + 2)
    pdf_time = median_time(lambda: services.documents.review_report(season.id), repeat=3)
    queries = {  # the service call behind each list, alone: what the tab's time owes to SQL
        "Conventions": median_time(lambda: services.conventions.list_conventions(season.id), repeat=REPEAT),
        "Offres": median_time(lambda: services.offers.list_performances(season.id), repeat=REPEAT),
        "Relais": median_time(lambda: services.relays.list_relays(season.id, counted=False), repeat=REPEAT),
    }
    relay_counts = median_time(lambda: services.relays.relay_counts(season.id), repeat=REPEAT)
    tabs, first_open, search_time, search_rows, sort_time, shown = measure_window(services, store.path, workdir)
    store.close()

    book_time, scan_time = _writes(large.path, workdir, today)
    season_note = (
        f"{size}; season {review.season_label}: {review.figures.performances} performances, "
        f"{review.figures.booked + review.figures.cancelled:,} invitations, {len(review.relays)} relays; the previous season as large."
    )
    results = [
        Result(
            "Bilan de la saison en cours à 300 000 invitations sur 10 saisons (avec la précédente)",
            review_time,
            0.3,
            note=season_note,
        ),
        Result(
            "Bilan de la saison en cours à 300 000 invitations ÷ ses requêtes SQL seules (sqlite3, mêmes requêtes et paramètres)",
            limit.ratio,
            RAW_TARGET,
            unit="×",
            note=limit.note(REPEAT + 2) + RAW_TARGET_WHY,
        ),
        Result("Rapport PDF aux financeurs, saison en cours de la grande base", pdf_time, 2.0),
    ]
    for title, seconds in tabs.items():
        note = (
            f"first opening in the process (queries compiled, columns fitted): {first_open[title] * 1000:.0f} ms."
            if title in first_open
            else ""
        )
        if title in queries:
            note = f"of which the service's query, alone: {queries[title] * 1000:.0f} ms. " + note
        if title == "Relais":
            note += (
                " The relays drawn with their names, charter and referents; their season's counts follow (next rows)."
            )
        if title == "Bilan de saison":
            note = (
                "the tab draws at once and says « Calcul du bilan… »; the review is computed in the background "
                "(next row). " + note
            )
        if title == "Invitations":
            note += (
                " The season's 12,600 bookings counted, then the first page of 100 ids (the performances walked in "
                "date order, a few at a time: keyset paging), its rows drawn; the next pages as the list scrolls."
            )
        results.append(
            Result(f"Ouverture de l'onglet {title} à 300 000 invitations", seconds, 0.1, unit="ms", note=note)
        )
    results.append(
        Result(
            "Onglet Bilan de saison : chiffres, tableaux et graphiques affichés (calcul en arrière-plan compris)",
            shown["Bilan de saison"],
            0.3,
            note="from the click to the figures drawn; the window stays responsive meanwhile.",
        )
    )
    results.append(
        Result(
            "Onglet Relais : comptes de la saison affichés (calcul en arrière-plan compris)",
            shown["Relais"],
            0.3,
            note="from the click to every relay's booked, used and unused places and last booking drawn; « … » in "
            "those columns meanwhile. RelayService.relay_counts alone (one GROUP BY over the season's invitations "
            f"joined to their bookings): {relay_counts * 1000:.0f} ms.",
        )
    )
    results += [
        Result(
            f"Recherche « {SEARCH} » dans les réservations de la saison (Invitations)",
            search_time,
            0.1,
            unit="ms",
            note=f"{search_rows} bookings found among the season's 12,600: the filtering itself (counted and first page searched in SQL, fetched, "
            "list drawn), without the 250 ms pause the field waits for after the last key.",
        ),
        Result(
            "Tri des réservations de la saison par relais (clic sur la colonne)",
            sort_time,
            0.1,
            unit="ms",
            note="no target in the issue; for reference (3.2 s before, through QSortFilterProxyModel).",
        ),
        Result("Réserver 2 places (une transaction, base de 300 000 invitations)", book_time, 0.02, unit="ms"),
        Result("Relever une présence par son code (une transaction)", scan_time, 0.02, unit="ms"),
    ]
    return results


# --- the window ---------------------------------------------------------------------------
def measure_window(services: Services, store_path: Path, workdir: Path):
    """Median time to open each tab (its lists reloaded and drawn), the first opening of each,
    the search filter and a sort of the bookings list."""
    from PySide6.QtCore import QSettings, Qt

    from acs_desktop.ui.app import make_application
    from acs_desktop.ui.main_window import MainWindow

    app = make_application()
    settings = QSettings(str(workdir / "fenetre.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings, store_path)
    window.tabs.setCurrentIndex(0)
    window.show()
    app.processEvents()
    season_id = window.current_season_id()
    pages = window.tab_pages
    first: dict[str, float] = {}
    for index in range(1, len(pages)):
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        first[pages[index].title] = time.perf_counter() - start

    shown: list[float] = []

    def open_tab(index: int) -> float:
        """Until the tab has drawn; for a tab that computes in the background (the review, the
        relays' counts), also until what it computes is shown (`shown`)."""
        window.tabs.setCurrentIndex((index + 1) % len(pages))
        _settle(app, pages)
        pages[index].set_season(season_id)  # hidden: marked to reload when shown
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        opened = time.perf_counter() - start
        if getattr(pages[index], "loading", False):
            _settle(app, pages)
            shown.append(time.perf_counter() - start)
        return opened

    tabs = {}
    shown_medians = {}
    for index, page in enumerate(pages):
        open_tab(index)
        shown.clear()
        tabs[page.title] = statistics.median(open_tab(index) for _ in range(TAB_REPEAT))
        if shown:
            shown_medians[page.title] = statistics.median(shown)

    invitations = pages[3]
    window.tabs.setCurrentIndex(3)
    app.processEvents()
    view = invitations.view

    def search(text: str) -> float:
        start = time.perf_counter()
        view.search.setText(text)
        apply = getattr(view, "apply_search", None)
        if apply is not None:
            apply()
        app.processEvents()
        return time.perf_counter() - start

    times = []
    for _ in range(TAB_REPEAT):
        times.append(search(SEARCH))
        found = view.visible_count()
        search("")
    search_time = statistics.median(times)

    relay = [column.title for column in view.model.COLUMNS].index("Relais")

    def sort() -> float:
        start = time.perf_counter()
        view.table.sortByColumn(relay, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        elapsed = time.perf_counter() - start
        view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        return elapsed

    sort_time = statistics.median(sort() for _ in range(3))
    window.close()
    app.processEvents()
    return tabs, first, search_time, found, sort_time, shown_medians


def _settle(app, pages) -> None:
    """Wait, as the application does, until no tab computes in the background.

    Not a loop of processEvents(): a main thread spinning in Python holds the GIL, and the
    worker, which gives it up at every SQLite step, waits for it each time (the review took
    7 to 25 s instead of 0.2 s). Blocked in Qt's event loop, the main thread leaves it free."""
    from acs_desktop.ui.app import wait_until

    app.processEvents()
    if not wait_until(app, lambda: not any(getattr(page, "loading", False) for page in pages), 60):
        raise RuntimeError("a tab still computing after 60 s")
    app.processEvents()


# --- writes ---------------------------------------------------------------------------------
def _writes(path: Path, workdir: Path, today: datetime) -> tuple[float, float]:
    """Booking on future performances with places left; scanning codes of a performance past
    whose attendance is not recorded yet. On a copy of the store."""
    copy = workdir / "writes" / "acs.sqlite"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, copy)
    store = open_store(copy)
    try:
        return measure_writes(Services(store, lambda: today), today)
    finally:
        store.close()


def measure_writes(services: Services, today: datetime) -> tuple[float, float]:
    """Median time of booking 2 places (one transaction), then of recording one attendance by
    its code, on the store behind `services` (which they change)."""
    from acs_desktop.domain.states import InvitationStatus
    from acs_desktop.services.bookings import BookingRequest

    season = services.seasons.default_season()
    open_ones = [
        p
        for p in services.offers.list_performances(season.id)
        if p.remaining >= 2 and p.booking_deadline and p.booking_deadline > today + timedelta(days=1)
    ]
    relays = [r.id for r in services.relays.list_relays(include_inactive=False)]
    assert len(open_ones) > REPEAT + 1, "the large store has no performance with places left"
    requests = [BookingRequest(p.id, relays[i % len(relays)], 2) for i, p in enumerate(open_ones[: REPEAT + 1])]
    book_time = median_time(lambda: services.bookings.book_places(requests.pop()), repeat=REPEAT)

    sheets = services.attendance.pending_sheets(season.id)
    assert sheets, "the large store has no attendance to record"
    lines = [
        (sheet.performance_id, line.code)
        for sheet in sheets
        for line in services.attendance.sheet(sheet.performance_id)
        if line.status is InvitationStatus.ISSUED
    ]
    assert len(lines) > REPEAT + 1
    scan_time = median_time(lambda: services.attendance.record_code(*lines.pop()), repeat=REPEAT)
    return book_time, scan_time
