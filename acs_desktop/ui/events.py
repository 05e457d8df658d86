"""The one application-level signal, and what it carries: which parts of the store changed.

After a change, whoever made it announces a `Changes` value; each tab looks at it and reloads
only if it shows one of those parts (a relay renamed does not redraw the conventions). A restore,
an import or F5 announce `Changes.everything()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Signal


class Area(Enum):
    """A part of the store, as the tabs show it."""

    SEASONS = "seasons"  # seasons created, closed
    PARTNERS = "partners"  # partners, venues
    CONVENTIONS = "conventions"  # conventions, their allocations and follow-ups
    OFFERS = "offers"  # shows, performances, disciplines
    RELAYS = "relays"  # relays and their referents
    BOOKINGS = "bookings"  # bookings, tickets, waiting list, attendance
    SETTINGS = "settings"  # the association, the reasons for unused places, the review's text


@dataclass(frozen=True)
class Changes:
    areas: frozenset[Area]

    @classmethod
    def of(cls, *areas: Area) -> Changes:
        return cls(frozenset(areas))

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset(Area))

    def touches(self, areas: frozenset[Area]) -> bool:
        return not self.areas.isdisjoint(areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)

    def __bool__(self) -> bool:
        return bool(self.areas)


class AppEvents(QObject):
    changed = Signal(object)  # a Changes

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
