"""Desks see each other: what one desk writes is announced to the others within a second.

Each write transaction on a PostgreSQL store notes the tables its statements changed; when it
commits, it sends them on the channel `acs_changes` (PostgreSQL's NOTIFY, delivered at commit,
never for a transaction rolled back), with the sending desk's id. A `ChangeFeed` listens on its
own connection, in a thread, and hands the other desks' changed tables to a callback; the window
turns them into its one change signal. A connection lost is taken again (every two seconds); on
its return, everything is said changed, since a notification sent meanwhile was lost.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable

from sqlalchemy import Engine, event

CHANNEL = "acs_changes"
EVERYTHING = frozenset({"*"})
_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)\"?", re.IGNORECASE)
_TABLES = "acs_changed_tables"
RETRY_SECONDS = 2.0


def announce_writes(engine: Engine, desk: str) -> None:
    """Make every committed write on `engine` send the tables it changed (see the module)."""

    @event.listens_for(engine, "before_cursor_execute")
    def _note(connection, _cursor, statement, _parameters, _context, _executemany):
        match = _WRITE.match(statement)
        if match:
            connection.info.setdefault(_TABLES, set()).add(match.group(1).lower())

    @event.listens_for(engine, "commit")
    def _send(connection):
        tables = connection.info.pop(_TABLES, None)
        if tables:
            payload = json.dumps({"desk": desk, "tables": sorted(tables)})
            cursor = connection.connection.dbapi_connection.cursor()  # beneath SQLAlchemy: no event re-entered
            try:
                cursor.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
            finally:
                cursor.close()

    @event.listens_for(engine, "rollback")
    def _forget(connection):
        connection.info.pop(_TABLES, None)


def libpq_address(address: str) -> str:
    """The address as libpq reads it (without SQLAlchemy's "+driver")."""
    scheme, rest = address.split(":", 1)
    return "postgresql:" + rest if scheme.startswith("postgres") else address


class ChangeFeed:
    """Listens for the other desks' changes; `on_change(tables)` is called on the feed's thread."""

    def __init__(self, address: str, desk: str, on_change: Callable[[frozenset[str]], None]):
        self._address = libpq_address(address)
        self._desk = desk
        self._on_change = on_change
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while connected and listening (tests wait on it)

    def start(self) -> ChangeFeed:
        self._thread = threading.Thread(target=self._run, name="acs-change-feed", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._address, autocommit=True, connect_timeout=10) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if lost:  # what was sent while this desk was away was not heard: reload all
                        self._on_change(EVERYTHING)
                    while not self._stop.is_set():
                        for notice in connection.notifies(timeout=0.5):
                            self._heard(notice.payload)
            except Exception as error:  # the server gone, the network cut: listen again shortly
                logging.getLogger(__name__).info("Écoute des autres postes interrompue : %s", error)
                self.listening.clear()
                lost = True
                self._stop.wait(RETRY_SECONDS)
        self.listening.clear()

    def _heard(self, payload: str) -> None:
        try:
            said = json.loads(payload)
            if said.get("desk") == self._desk:
                return  # this desk's own change: its window already announced it
            tables = frozenset(str(name) for name in said.get("tables", ()))
        except (ValueError, AttributeError):
            tables = EVERYTHING
        if tables:
            self._on_change(tables)
