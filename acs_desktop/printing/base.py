"""What the documents share that needs no ReportLab: who issues them, a performance as printed,
and counts in words. The window imports these at
start-up; ReportLab (a quarter of a second to import) waits until a document is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from acs_desktop.domain.french import format_int, format_long_date, format_time_long


@dataclass(frozen=True)
class Identity:
    """Who issues the document: the association, printed in the header."""

    name: str
    address_line: str = ""
    contact_line: str = ""
    logo_png: bytes | None = None


@dataclass(frozen=True)
class PerformanceHeading:
    """A performance as the documents print it: what, who, where, when."""

    show_title: str
    partner_name: str
    venue_name: str
    venue_address: str
    starts_at: datetime

    @property
    def when(self) -> str:
        """"Samedi 14 février 2026 · 20 h 30"."""
        day = format_long_date(self.starts_at)
        return f"{day[:1].upper()}{day[1:]} · {format_time_long(self.starts_at)}"

    @property
    def where(self) -> str:
        """"Théâtre de l'Estuaire — Grande salle, 4 quai de la Fosse, 44000 Nantes"."""
        place = ", ".join(part for part in (self.venue_name, self.venue_address) if part)
        return f"{self.partner_name} — {place}" if place else self.partner_name


def quantity(n: int, singular: str, plural: str | None = None) -> str:
    """"1 place", "12 places", "1 234 billets"."""
    return f"{format_int(n)} {singular if n == 1 else plural or singular + 's'}"
