"""A kill -9 in the middle of a batch loses nothing that was confirmed and leaves the store
consistent: a real subprocess books (then records attendance) and is killed mid-work."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest

from acs_desktop.db.store import open_store
from acs_desktop.services import Services

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]  # real processes, killed mid-work

CONFIRMED_BEFORE_KILL = 25

BOOKER = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services
    from acs_desktop.services.bookings import BookingRequest
    store = open_store(Path(sys.argv[1]))
    services = Services(store, lambda: datetime(2026, 11, 22, 10, 0))
    performance, relay = int(sys.argv[2]), int(sys.argv[3])
    while True:
        result = services.bookings.book_places(BookingRequest(performance, relay, 2))
        print("OK", result.booking_id, flush=True)  # the window says "réservé" only after this returns
""")

RECORDER = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services
    store = open_store(Path(sys.argv[1]))
    services = Services(store, lambda: datetime.fromisoformat(sys.argv[3]))
    for code in sys.argv[4:]:
        services.attendance.record_code(int(sys.argv[2]), code)
        print("OK", code, flush=True)
""")


def run_and_kill(script, *args):
    process = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    confirmed = []
    while len(confirmed) < CONFIRMED_BEFORE_KILL:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        confirmed.append(line.split()[1])
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    return confirmed


def integrity(path):
    with sqlite3.connect(path) as connection:
        result = (
            connection.execute("PRAGMA integrity_check").fetchone()[0],
            connection.execute("PRAGMA foreign_key_check").fetchall(),
        )
    connection.close()
    return result


def test_killed_while_booking(store, make, convention_id, relay_id, store_path, clock):
    performance = make.performance(convention_id, quota=5000, in_days=30)
    store.close()
    confirmed = run_and_kill(BOOKER, store_path, performance, relay_id)
    assert integrity(store_path) == ("ok", [])
    reopened = open_store(store_path)
    services = Services(reopened, clock)
    season = services.seasons.list_seasons()[0]
    bookings = {b.id: b for b in services.booking_lists.list_bookings(season.id)}
    assert {int(b) for b in confirmed} <= set(bookings)
    assert all(b.places == 2 and b.booked == 2 for b in bookings.values()), "no half-written booking"
    assert services.bookings.held_places(performance) == 2 * len(bookings) <= 5000
    reopened.close()


def test_killed_while_recording_attendance(store, services, make, convention_id, relay_id, store_path, clock):
    performance = make.performance(convention_id, quota=400, in_days=2)
    codes = []
    for _ in range(60):
        result, _ids = make.issued_booking(performance, relay_id, 5)
        codes += result.codes
    started = services.offers.get_performance(performance).starts_at + timedelta(minutes=5)
    store.close()
    confirmed = run_and_kill(RECORDER, store_path, performance, started.isoformat(), *codes)
    assert integrity(store_path) == ("ok", [])
    reopened = open_store(store_path)
    services = Services(reopened, lambda: started)
    used = {line.code for line in services.attendance.sheet(performance) if line.status.value == "used"}
    assert set(confirmed) <= used
    assert len(services.attendance.sheet(performance)) == 300
    reopened.close()
