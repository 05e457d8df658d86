"""The one door to the renderers: a document's data in, its PDF bytes out.

The services import this module, never a renderer: each renderer (and ReportLab with it, a
quarter of a second to import) is imported here the first time one of its documents is made, so
that the window opens without it. This is the only place that imports a renderer lazily.
"""

from __future__ import annotations

from acs_desktop.domain.documents import (
    AttendanceSheetData,
    BookingFormData,
    CatalogueData,
    Identity,
    RelaySlipData,
    TicketBatch,
)
from acs_desktop.domain.progress import Progress
from acs_desktop.domain.review import SeasonReview
from acs_desktop.domain.review_protection import ReviewProtection
from acs_desktop.domain.week_ahead import WeekAheadData


def tickets_pdf(batch: TicketBatch, progress: Progress | None = None) -> bytes:
    from acs_desktop.printing.tickets import render_tickets

    return render_tickets(batch, progress=progress)


def attendance_sheet_pdf(data: AttendanceSheetData) -> bytes:
    from acs_desktop.printing.attendance_sheet import render_attendance_sheet

    return render_attendance_sheet(data)


def relay_slip_pdf(data: RelaySlipData) -> bytes:
    from acs_desktop.printing.relay_slip import render_relay_slip

    return render_relay_slip(data)


def booking_form_pdf(data: BookingFormData) -> bytes:
    from acs_desktop.printing.booking_form import render_booking_form

    return render_booking_form(data)


def catalogue_pdf(data: CatalogueData) -> bytes:
    from acs_desktop.printing.catalogue import render_catalogue

    return render_catalogue(data)


def week_ahead_pdf(data: WeekAheadData) -> bytes:
    from acs_desktop.printing.week_ahead import render_week_ahead

    return render_week_ahead(data)


def season_report_pdf(review: SeasonReview, identity: Identity, protection: ReviewProtection | None = None) -> bytes:
    from acs_desktop.printing.report import render_season_report

    return render_season_report(review, identity, protection)
