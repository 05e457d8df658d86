"""The relay's booking form (`DocumentService.booking_form`): what the workbook holds, what it
lets the relay fill, and the identity that ties a returned form to its relay and season."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.booking_forms import (
    BOOKINGS_SHEET,
    FIRST_NAMES,
    FORM_KEYS,
    FORM_KIND,
    HEADER_ROW,
    IDENTITY_SHEET,
    LINE_HEADERS,
    LINES_ROW,
    PERFORMANCES_SHEET,
    REQUESTED,
    TO_RETURN,
)
from acs_desktop.domain.documents import PDF, XLSX
from acs_desktop.domain.errors import DomainError
from acs_desktop.services.offers import PerformanceFilter, PerformanceInput

HOSTILE = Path(__file__).parent.parent / "data" / "hostile_names.txt"


@pytest.fixture
def offer(make, services):
    season = make.season().id
    convention = make.convention(make.partner(), season)
    relay = make.relay("CCAS de Rezé")
    other = make.relay("Secours populaire", commune="Nantes")
    open_ = make.performance(convention, quota=10, in_days=10)
    full = make.performance(convention, quota=2, in_days=12)
    past = services.offers.save_performance(
        PerformanceInput(make.show(convention), services.clock() - timedelta(days=3), 10, past=True)
    )
    cancelled = make.performance(convention, in_days=20)
    services.offers.cancel_performance(cancelled)
    make.book(open_, relay, 3)
    make.book(open_, other, 1)
    make.book(full, other, 2)
    return season, relay, {"open": open_, "full": full, "past": past, "cancelled": cancelled}


def workbook(document):
    return load_workbook(io.BytesIO(document.content))


def rows(sheet):
    return [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0] is not None]


def identity(book) -> dict:
    sheet = book[IDENTITY_SHEET]
    return {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, len(FORM_KEYS) + 1)}


def test_a_form_is_a_workbook_and_its_pdf_twin(services, offer):
    season, relay, _ = offer
    xlsx, pdf = services.documents.booking_form(relay, season)
    assert (xlsx.kind, pdf.kind) == (XLSX, PDF)
    assert xlsx.filename.removesuffix(".xlsx") == pdf.filename.removesuffix(".pdf")
    assert pdf.content.startswith(b"%PDF")


def test_the_lines_are_exactly_the_bookable_performances_with_their_remaining_places(services, offer):
    season, relay, _ = offer
    bookable = services.offers.list_performances(season, PerformanceFilter(bookable_only=True))
    lines = rows(workbook(services.documents.booking_form(relay, season)[0])[PERFORMANCES_SHEET])
    assert [(line[0], line[7]) for line in lines] == [(p.id, p.remaining) for p in bookable]
    assert [line[7] for line in lines] == [6, 0]  # 10 − 3 − 1; the full one is listed, at 0


def test_a_performance_past_its_booking_deadline_is_not_offered(make, services, offer):
    """The import would refuse it; booking after the deadline is the director's override."""
    season, relay, _ = offer
    convention = make.convention(make.partner("Le Lieu unique"), season)
    late = make.performance(convention, in_days=2, deadline_days_before=5)
    in_time = make.performance(convention, in_days=2, deadline_days_before=1)
    lines = rows(workbook(services.documents.booking_form(relay, season)[0])[PERFORMANCES_SHEET])
    offered = {line[0] for line in lines}
    assert in_time in offered
    assert late not in offered


def test_dates_and_times_are_french(services, offer):
    season, relay, performances = offer
    row = rows(workbook(services.documents.booking_form(relay, season)[0])[PERFORMANCES_SHEET])[0]
    starts_at = next(p.starts_at for p in services.offers.list_performances(season) if p.id == performances["open"])
    assert row[1:3] == (starts_at.strftime("%d/%m/%Y"), "20:30")


def test_the_bookings_sheet_holds_the_relay_s_upcoming_places_with_a_column_to_return(services, offer):
    season, relay, _ = offer
    sheet = workbook(services.documents.booking_form(relay, season)[0])[BOOKINGS_SHEET]
    assert sheet.cell(HEADER_ROW, 8).value == TO_RETURN
    lines = rows(sheet)
    assert [(line[3], line[6]) for line in lines] == [("Spectacle 1", 3)]  # not the other relay's bookings


def test_the_hidden_sheet_says_whose_form_it_is(services, offer):
    season, relay, performances = offer
    book = workbook(services.documents.booking_form(relay, season)[0])
    assert book[IDENTITY_SHEET].sheet_state == "veryHidden"
    said = identity(book)
    assert said["type"] == FORM_KIND
    assert (said["relais_id"], said["relais"], said["saison_id"], said["saison"]) == (
        relay,
        "CCAS de Rezé",
        season,
        "2026-2027",
    )
    assert said["fait_le"] == services.clock().isoformat(timespec="seconds")
    hidden = book[IDENTITY_SHEET]
    assert [c.value for c in hidden[LINES_ROW]][: len(LINE_HEADERS)] == list(LINE_HEADERS)
    lines = [r for r in hidden.iter_rows(min_row=LINES_ROW + 1, values_only=True) if r[0]]
    assert [(r[0], r[1], r[2]) for r in lines if r[0] == PERFORMANCES_SHEET] == [
        (PERFORMANCES_SHEET, HEADER_ROW + 1, performances["open"]),
        (PERFORMANCES_SHEET, HEADER_ROW + 2, performances["full"]),
    ]
    assert [(r[0], r[2]) for r in lines if r[0] == BOOKINGS_SHEET] == [(BOOKINGS_SHEET, performances["open"])]


def test_two_forms_never_share_an_identifier(services, offer):
    season, relay, _ = offer
    first = identity(workbook(services.documents.booking_form(relay, season)[0]))["identifiant"]
    second = identity(workbook(services.documents.booking_form(relay, season)[0]))["identifiant"]
    assert first and second and first != second


def test_only_the_cells_to_fill_are_unlocked(services, offer):
    season, relay, _ = offer
    book = workbook(services.documents.booking_form(relay, season)[0])
    assert book.security.lockStructure
    for name, fillable in ((PERFORMANCES_SHEET, {REQUESTED, FIRST_NAMES}), (BOOKINGS_SHEET, {TO_RETURN})):
        sheet = book[name]
        assert sheet.protection.sheet
        headers = {c.column: c.value for c in sheet[HEADER_ROW] if c.value}
        assert fillable <= set(headers.values())
        unlocked = {
            headers.get(cell.column)
            for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=len(headers))
            for cell in row
            if not cell.protection.locked
        }
        assert unlocked == fillable


def test_the_columns_to_fill_refuse_what_is_not_a_whole_number(services, offer):
    season, relay, _ = offer
    book = workbook(services.documents.booking_form(relay, season)[0])
    for name, header, n in ((PERFORMANCES_SHEET, REQUESTED, 2), (BOOKINGS_SHEET, TO_RETURN, 1)):
        sheet = book[name]
        column = next(c.column_letter for c in sheet[HEADER_ROW] if c.value == header)
        (validation,) = sheet.data_validations.dataValidation
        assert (validation.type, validation.operator, validation.formula1) == ("whole", "greaterThanOrEqual", "0")
        assert validation.showErrorMessage
        covered = [row for row in range(1, HEADER_ROW + n + 3) if f"{column}{row}" in validation.sqref]
        assert covered == list(range(HEADER_ROW + 1, HEADER_ROW + n + 1))


def test_hostile_names_stay_text(services, make):
    season = make.season().id
    names = [line for line in HOSTILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    convention = make.convention(make.partner(names[0]), season)
    for name in names:
        make.performance(convention, show_id=services.offers.save_show(convention, name))
    relay = make.relay(names[0])
    book = workbook(services.documents.booking_form(relay, season)[0])
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    titles = [row[3] for row in rows(book[PERFORMANCES_SHEET])]
    assert sorted(titles) == sorted(names)
    assert identity(book)["relais"] == names[0]


def test_an_inactive_relay_gets_no_form(services, make):
    season = make.season().id
    make.performance(make.convention(make.partner(), season))
    relay = make.relay(active=False)
    with pytest.raises(DomainError) as refused:
        services.documents.booking_form(relay, season)
    assert refused.value.code == "relay_inactive"


def test_a_form_with_nothing_to_book_nor_to_return_is_refused(services, make):
    season = make.season().id
    relay = make.relay()
    with pytest.raises(DomainError) as refused:
        services.documents.booking_form(relay, season)
    assert refused.value.code == "nothing_to_book"


def test_every_active_relay_gets_its_form(services, offer, make):
    season, _relay, _ = offer
    make.relay("Ancien relais", active=False)
    documents = services.documents.booking_forms(season)
    assert sorted(d.filename for d in documents if d.kind == XLSX) == [
        "bon-reservation-ccas-de-reze-1-2026-11-22.xlsx",
        "bon-reservation-secours-populaire-2-2026-11-22.xlsx",
    ]
    assert len(documents) == 4
