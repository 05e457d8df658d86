"""The documents as plain data: the one shape every finished document takes (`Document`), what
each printed document holds (tickets, attendance sheet, relay slip, catalogue) and who issues them.

The service (`services/documents.py`) fills these; the renderers under `printing/` (ReportLab,
reached through `printing/renderers.py`) and the exporters under `exports/` turn them into bytes;
the window and the command line preview and write a `Document`. Nothing here touches the
database, ReportLab or Qt, so any layer may import it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from acs_desktop.domain.french import format_long_date, format_time_long

PDF, XLSX, CSV = "pdf", "xlsx", "csv"


@dataclass(frozen=True)
class Document:
    """One finished file: what the window previews and saves, what the command line writes.

    Every document the services make has this shape, whatever its kind: the tickets, the
    attendance sheet, the relay slip, the catalogue and the funders' report (PDF), the review's
    workbook (XLSX) and each of its tables (CSV: one document per file, so that a document is
    always one file, written the same way, and the tables' folder is the writer's choice)."""

    title: str
    filename: str  # a suggested file name, ending in `.kind`
    kind: str  # PDF, XLSX or CSV
    content: bytes
    summary: str = ""  # one French sentence saying what it holds
    tickets: tuple[int, ...] = ()  # invitations its tickets print: issued once the document leaves the preview


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
        """ "Samedi 14 février 2026 · 20 h 30"."""
        day = format_long_date(self.starts_at)
        return f"{day[:1].upper()}{day[1:]} · {format_time_long(self.starts_at)}"

    @property
    def where(self) -> str:
        """ "Théâtre de l'Estuaire — Grande salle, 4 quai de la Fosse, 44000 Nantes"."""
        place = ", ".join(part for part in (self.venue_name, self.venue_address) if part)
        return f"{self.partner_name} — {place}" if place else self.partner_name


def address_line(address: str | None, postal_code: str | None, commune: str | None) -> str:
    """ "4 quai de la Fosse, 44000 Nantes" (what is missing is left out)."""
    town = " ".join(part for part in (postal_code, commune) if part)
    return ", ".join(part for part in (address, town) if part)


def review_file_stem(season_label: str) -> str:
    """ "bilan-2025-2026": the funders' report, its workbook and its folder of CSV files."""
    return f"bilan-{season_label}"


# --- tickets --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TicketData:
    invitation_id: int
    code: str
    show_title: str
    partner_name: str
    venue_name: str
    venue_address: str
    starts_at: datetime
    first_name: str | None = None
    reprint: bool = False
    group: int = 0  # an opaque key (the booking's relay): see TicketBatch.row_per_group
    booking_id: int = 0


@dataclass(frozen=True)
class TicketBatch:
    identity: Identity
    tickets: tuple[TicketData, ...]
    # Each group (one relay's envelope) starts on a fresh row of the sheet, and the margin under
    # the cut marks says which rows hold which bookings — never the relay's name: the relay slip
    # of each booking carries it, with the same codes.
    row_per_group: bool = False


# --- attendance sheet -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AttendanceEntry:
    code: str
    first_name: str | None  # only when the booking asked for names on tickets
    present: bool | None = None  # recorded after the performance; None before


@dataclass(frozen=True)
class AttendanceGroup:
    relay_name: str | None  # None: the venue's copy, one group of every code, no relay named
    entries: tuple[AttendanceEntry, ...]


@dataclass(frozen=True)
class AttendanceSheetData:
    identity: Identity
    performance: PerformanceHeading
    groups: tuple[AttendanceGroup, ...]
    printed_at: datetime
    not_printed: int = 0  # places booked whose tickets are not printed yet: not on the sheet

    @property
    def total(self) -> int:
        return sum(len(group.entries) for group in self.groups)

    @property
    def with_relays(self) -> bool:
        """The association's copy: grouped and named by relay."""
        return any(group.relay_name is not None for group in self.groups)

    @property
    def entries(self) -> tuple[AttendanceEntry, ...]:
        return tuple(entry for group in self.groups for entry in group.entries)


# --- relay slip -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlipTicket:
    code: str
    first_name: str | None = None
    printed: bool = True  # False: booked, its ticket not printed yet


@dataclass(frozen=True)
class SlipLine:
    performance: PerformanceHeading
    tickets: tuple[SlipTicket, ...]
    bookings: tuple[int, ...] = ()  # booking numbers, as on the margin of the sheets of tickets


@dataclass(frozen=True)
class RelaySlipData:
    identity: Identity
    relay_name: str
    relay_commune: str
    referents: tuple[str, ...]
    season_label: str
    lines: tuple[SlipLine, ...]
    issued_at: datetime

    @property
    def places(self) -> int:
        return sum(len(line.tickets) for line in self.lines)


# --- booking form ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class FormPerformance:
    """A performance open to booking, as the form lists it (remaining: when the form was made)."""

    performance_id: int
    starts_at: datetime
    show_title: str
    partner_name: str
    venue_name: str
    discipline: str
    remaining: int
    booking_deadline: datetime | None = None


@dataclass(frozen=True)
class FormBooking:
    """One of the relay's upcoming bookings that still holds places (some may be given back)."""

    booking_id: int
    performance_id: int
    starts_at: datetime
    show_title: str
    partner_name: str
    venue_name: str
    places: int  # held now: booked or issued
    printed: int  # of which the tickets are printed


@dataclass(frozen=True)
class BookingFormData:
    """A relay's booking form (bon de réservation): what it may ask for, what it may give back.

    `form_id` is unique per form made: the form's identity, with the relay and the season, is
    written in the workbook's hidden sheet, so that a returned form is never taken for another."""

    identity: Identity
    form_id: str
    relay_id: int
    relay_name: str
    relay_commune: str
    season_id: int
    season_label: str
    made_at: datetime
    performances: tuple[FormPerformance, ...]
    bookings: tuple[FormBooking, ...]
    names_column: bool = True  # « Prénoms (facultatif) »: a relay has no stored preference, so always


# --- season catalogue -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CatalogueEntry:
    starts_at: datetime
    show_title: str
    discipline: str
    partner_name: str
    venue_name: str
    venue_commune: str
    remaining: int  # 0: full (listed only in a catalogue of everything)
    booking_deadline: datetime | None = None


@dataclass(frozen=True)
class CatalogueData:
    identity: Identity
    season_label: str
    entries: tuple[CatalogueEntry, ...]
    as_of: datetime
    everything: bool = False  # also the past and full performances

    @property
    def places(self) -> int:
        """Places that can still be booked (a past performance has none)."""
        return sum(entry.remaining for entry in self.entries if entry.starts_at > self.as_of)
