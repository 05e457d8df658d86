"""Desks see each other: another desk's change, heard from the server, announced on the window's
one change signal, so that the tabs showing it reload within a second or two, without F5.

The tables a change touched become the `Area`s the tabs know; changes heard close together are
announced once (a booking writes three tables in one go)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from acs_desktop.ui.events import AppEvents, Area, Changes

# Every table of the store and the part of the window that shows it (a test checks that none
# is missing); a table not listed (written by a newer version) reloads everything.
TABLE_AREAS: dict[str, frozenset[Area]] = {
    "season": frozenset({Area.SEASONS}),
    "partner": frozenset({Area.PARTNERS}),
    "partner_contact": frozenset({Area.PARTNERS}),
    "venue": frozenset({Area.PARTNERS}),
    "convention": frozenset({Area.CONVENTIONS}),
    "surplus_allocation": frozenset({Area.CONVENTIONS}),
    "follow_up_entry": frozenset({Area.CONVENTIONS}),
    "discipline": frozenset({Area.OFFERS}),
    "show": frozenset({Area.OFFERS}),
    "performance": frozenset({Area.OFFERS, Area.BOOKINGS}),
    "relay_type": frozenset({Area.RELAYS}),
    "relay": frozenset({Area.RELAYS}),
    "referent": frozenset({Area.RELAYS}),
    "relay_follow_up": frozenset({Area.RELAYS}),
    "booking": frozenset({Area.BOOKINGS}),
    "invitation": frozenset({Area.BOOKINGS}),
    "waiting_entry": frozenset({Area.BOOKINGS}),
    "imported_form": frozenset({Area.BOOKINGS}),
    "relay_feedback": frozenset({Area.BOOKINGS}),  # recorded with the attendance
    "mediation_action": frozenset({Area.SETTINGS}),  # the review's own records, like its text
    "mediation_action_partner": frozenset({Area.SETTINGS}),
    "mediation_action_relay": frozenset({Area.SETTINGS}),
    "non_use_reason": frozenset({Area.SETTINGS}),
    "association_settings": frozenset({Area.SETTINGS}),
    "activity_entry": frozenset(),  # the log is read when opened
    "account": frozenset({Area.SETTINGS}),  # accounts and roles (each call re-reads its own)
    "alembic_version": frozenset(Area),
}
GATHER_MS = 250


def changes_of(tables: frozenset[str]) -> Changes:
    areas: set[Area] = set()
    for table in tables:
        areas |= TABLE_AREAS.get(table, frozenset(Area))
    return Changes(frozenset(areas))


class LiveRefresh(QObject):
    """Listens (on the feed's thread) and announces (on the window's)."""

    heard = Signal(object)  # frozenset[str], emitted from the feed's thread: queued to this object's

    def __init__(self, events: AppEvents, parent: QObject | None = None):
        super().__init__(parent)
        self._events = events
        self._tables: set[str] = set()
        self._feed = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._announce)
        self.heard.connect(self._gather)

    def start(self, sessions) -> bool:
        """Listen to the other desks of `sessions` (the store); False when it has none (a file)."""
        watch = getattr(sessions, "watch_other_desks", None)
        self._feed = watch(self.heard.emit) if watch is not None else None
        return self._feed is not None

    @property
    def feed(self):
        return self._feed

    def stop(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed = None

    def _gather(self, tables: frozenset[str]) -> None:
        self._tables |= tables
        if not self._timer.isActive():
            self._timer.start()

    def _announce(self) -> None:
        tables, self._tables = frozenset(self._tables), set()
        self._events.announce(changes_of(tables))
