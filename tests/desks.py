"""A desk in a process of its own, for the tests of several desks on one PostgreSQL store.

Started with multiprocessing's "spawn" (a fresh interpreter: no Qt, no pytest state inherited);
it opens the store as a desk does and books at the moment all the desks reach the barrier.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def book_in_turn(address: str, data_dir: str, now: datetime, performance_ids, relay_id: int, places: int, barrier, out):
    from acs_desktop.db.server import open_server_store
    from acs_desktop.domain.errors import DomainError
    from acs_desktop.services import Services
    from acs_desktop.services.bookings import BookingRequest

    store = open_server_store(address, Path(data_dir), pool_size=1)
    services = Services(store, lambda: now)
    said = []
    try:
        for performance_id in performance_ids:
            barrier.wait(timeout=60)
            try:
                services.bookings.book_places(BookingRequest(performance_id, relay_id, places))
                said.append((performance_id, "booked", ""))
            except DomainError as refused:
                said.append((performance_id, refused.code, refused.message))
            except Exception as error:  # what a person must never read
                said.append((performance_id, "raw", repr(error)))
    finally:
        store.close()
        out.put(said)
