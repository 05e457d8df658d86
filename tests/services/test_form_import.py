"""Importing returned booking forms (`FormImportService`): the preview asks the booking verbs in a
rolled-back transaction, the import does the same, form by form, and a form never books twice."""

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.booking_forms import (
    BOOKINGS_SHEET,
    HEADER_ROW,
    IDENTITY_SHEET,
    PERFORMANCE_HEADERS,
    PERFORMANCES_SHEET,
)
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.form_imports import LineOutcome
from acs_desktop.domain.states import WaitingStatus
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.offers import PerformanceFilter
from acs_desktop.services.todo import FORM_TO_REVIEW

REQUESTED_COLUMN = len(PERFORMANCE_HEADERS) + 1
NAMES_COLUMN = REQUESTED_COLUMN + 1


@pytest.fixture
def offer(make):
    season = make.season().id
    convention = make.convention(make.partner(), season)
    relay = make.relay("CCAS de Rezé")
    other = make.relay("Secours populaire", commune="Nantes")
    roomy = make.performance(convention, quota=10, in_days=20)
    small = make.performance(convention, quota=3, in_days=22)
    late = make.performance(convention, quota=10, in_days=14, deadline_days_before=2)
    return season, relay, other, {"roomy": roomy, "small": small, "late": late}


def write_form(services, relay, season, folder: Path, name: str = "bon.xlsx") -> Path:
    workbook, _pdf = services.documents.booking_form(relay, season)
    path = folder / name
    path.write_bytes(workbook.content)
    return path


def row_of(path: Path, sheet: str, record_id: int) -> int:
    book = load_workbook(path, read_only=True)
    for number, row in enumerate(book[sheet].iter_rows(values_only=True), start=1):
        if number > HEADER_ROW and row[0] == record_id:
            return number
    raise AssertionError(f"{record_id} not in {sheet}")


def fill(path: Path, asked: dict[int, int] | None = None, names: dict[int, str] | None = None, returns=None) -> None:
    """As a relay does in its spreadsheet: the yellow cells, then save."""
    rows = {pid: row_of(path, PERFORMANCES_SHEET, pid) for pid in {**(asked or {}), **(names or {})}}
    back = {bid: row_of(path, BOOKINGS_SHEET, bid) for bid in (returns or {})}
    book = load_workbook(path)
    for pid, places in (asked or {}).items():
        book[PERFORMANCES_SHEET].cell(rows[pid], REQUESTED_COLUMN, places)
    for pid, text in (names or {}).items():
        book[PERFORMANCES_SHEET].cell(rows[pid], NAMES_COLUMN, text)
    for bid, places in (returns or {}).items():
        book[BOOKINGS_SHEET].cell(back[bid], len(load_headers(book, BOOKINGS_SHEET)), places)
    book.save(path)


def load_headers(book, sheet):
    return [c.value for c in book[sheet][HEADER_ROW] if c.value is not None]


def outcomes(result):
    return [(line.sheet, line.outcome, line.asked) for form in result.forms for line in form.lines]


def held(services, performance_id):
    return services.bookings.held_places(performance_id)


def test_the_import_does_what_its_preview_announced(services, make, offer, tmp_path, clock):
    season, relay, other, p = offer
    path = write_form(services, relay, season, tmp_path)
    make.book(p["small"], other, 2)  # after the form was made: 1 place left on « small »
    clock.advance(days=13)  # the deadline of « late » has passed
    fill(path, {p["roomy"]: 4, p["small"]: 3, p["late"]: 1}, names={p["roomy"]: "Awa, Léo\nInès"})
    preview = services.form_imports.preview([path])
    assert not preview.applied
    assert held(services, p["roomy"]) == 0  # nothing written by the preview
    done = services.form_imports.apply(preview)
    assert outcomes(done) == outcomes(preview)
    by_sheet_line = {line.asked: line for line in done.forms[0].lines}
    assert [line.outcome for line in done.forms[0].lines] == [  # in the form's order: by date
        LineOutcome.REFUSED,
        LineOutcome.BOOKED,
        LineOutcome.WAITING,
    ]
    assert len(by_sheet_line[4].codes) == 4 and not preview.forms[0].lines[0].codes
    assert "date limite" in by_sheet_line[1].detail
    assert held(services, p["roomy"]) == 4
    assert held(services, p["small"]) == 2
    names = sorted(i.first_name or "" for i in services.booking_lists.invitations_of(_booking_of(services, p["roomy"])))
    assert names == ["", "Awa", "Inès", "Léo"]


def _booking_of(services, performance_id):
    with services.sessions.read() as session:
        from acs_desktop.models import Booking

        return session.query(Booking.id).filter(Booking.performance_id == performance_id).one()[0]


def test_a_full_performance_puts_the_relay_on_the_waiting_list(services, make, offer, tmp_path):
    season, relay, other, p = offer
    path = write_form(services, relay, season, tmp_path)
    make.book(p["small"], other, 3)
    fill(path, {p["small"]: 2})
    done = services.form_imports.apply(services.form_imports.preview([path]))
    assert outcomes(done) == [(PERFORMANCES_SHEET, LineOutcome.WAITING, 2)]
    with services.sessions.read() as session:
        from acs_desktop.models import WaitingEntry

        entries = session.query(WaitingEntry.relay_id, WaitingEntry.places, WaitingEntry.status).all()
    assert entries == [(relay, 2, WaitingStatus.WAITING)]


def test_the_same_form_imported_twice_books_nothing_twice(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 2})
    services.form_imports.apply(services.form_imports.preview([path]))
    again = services.form_imports.preview([path])
    assert again.forms[0].refusal_code == "form_already_imported"
    services.form_imports.apply(again)
    assert held(services, p["roomy"]) == 2
    copy = tmp_path / "copie.xlsx"
    copy.write_bytes(path.read_bytes())
    both = services.form_imports.preview([copy, path])
    assert [f.refusal_code for f in both.forms] == ["form_already_imported", "form_already_imported"]


def test_one_form_given_twice_in_one_import_is_taken_once(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 2})
    copy = tmp_path / "copie.xlsx"
    copy.write_bytes(path.read_bytes())
    done = services.form_imports.apply(services.form_imports.preview([path, copy]))
    assert sorted(f.refusal_code for f in done.forms) == ["", "form_twice"]
    assert held(services, p["roomy"]) == 2


def test_forms_compete_for_the_last_places_in_the_order_they_arrived(services, make, offer, tmp_path):
    season, relay, other, p = offer
    first = write_form(services, other, season, tmp_path, "secours.xlsx")
    second = write_form(services, relay, season, tmp_path, "ccas.xlsx")
    fill(first, {p["small"]: 2})
    fill(second, {p["small"]: 2})
    os.utime(second, (1_000_000, 1_000_000))  # the CCAS's form arrived first
    os.utime(first, (2_000_000, 2_000_000))
    preview = services.form_imports.preview([first, second])
    assert [f.file_name for f in preview.forms] == ["ccas.xlsx", "secours.xlsx"]
    assert outcomes(preview) == [
        (PERFORMANCES_SHEET, LineOutcome.BOOKED, 2),
        (PERFORMANCES_SHEET, LineOutcome.WAITING, 2),
    ]
    done = services.form_imports.apply(preview)
    assert outcomes(done) == outcomes(preview)
    assert held(services, p["small"]) == 2


def test_returned_places_go_back_to_the_quota_and_to_the_waiting_list(services, make, offer, tmp_path):
    season, relay, other, p = offer
    booking = make.book(p["small"], relay, 3).booking_id
    services.bookings.join_waiting_list(p["small"], other, 1)
    path = write_form(services, relay, season, tmp_path)
    fill(path, returns={booking: 2})
    preview = services.form_imports.preview([path])
    assert outcomes(preview) == [(BOOKINGS_SHEET, LineOutcome.RETURNED, 2)]
    assert "Secours populaire" in preview.forms[0].lines[0].detail
    services.form_imports.apply(preview)
    assert held(services, p["small"]) == 1
    with services.sessions.read() as session:
        from acs_desktop.models import WaitingEntry

        assert session.query(WaitingEntry.status, WaitingEntry.offered_places).one() == (WaitingStatus.OFFERED, 1)


def test_returning_more_than_held_is_refused_on_its_line(services, make, offer, tmp_path):
    season, relay, _other, p = offer
    booking = make.book(p["small"], relay, 2).booking_id
    path = write_form(services, relay, season, tmp_path)
    fill(path, returns={booking: 5})
    line = services.form_imports.preview([path]).forms[0].lines[0]
    assert (line.outcome, line.asked) == (LineOutcome.REFUSED, 5)
    assert "n'a que 2 place(s)" in line.detail


def test_a_cancelled_performance_and_an_inactive_relay_are_refused_with_the_services_reasons(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1, p["small"]: 1})
    services.offers.cancel_performance(p["small"])
    preview = services.form_imports.preview([path])
    assert [line.outcome for line in preview.forms[0].lines] == [LineOutcome.BOOKED, LineOutcome.REFUSED]
    assert "annulée" in preview.forms[0].lines[1].detail


def test_an_inactive_relay_books_nothing(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1})
    services.relays.set_active(relay, False)
    line = services.form_imports.preview([path]).forms[0].lines[0]
    assert line.outcome is LineOutcome.REFUSED
    assert "inactif" in line.detail


def test_too_many_first_names_or_a_control_character_refuse_the_line(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1, p["small"]: 1}, names={p["roomy"]: "Awa, Léo", p["small"]: "Awa\x7f"})
    lines = services.form_imports.preview([path]).forms[0].lines
    assert [line.outcome for line in lines] == [LineOutcome.REFUSED, LineOutcome.REFUSED]
    assert "2 prénoms pour 1 place" in lines[0].detail
    assert "caractère de contrôle" in lines[1].detail


def test_an_empty_form_books_nothing_and_is_not_stored(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    done = services.form_imports.apply(services.form_imports.preview([path]))
    assert done.forms[0].lines == () and not done.forms[0].refused
    fill(path, {p["roomy"]: 1})
    assert outcomes(services.form_imports.preview([path])) == [(PERFORMANCES_SHEET, LineOutcome.BOOKED, 1)]


# --- tampered forms: refused whole, with file, sheet and line ----------------------------------------
def tamper(path: Path, change) -> None:
    book = load_workbook(path)
    change(book)
    book.save(path)


def _date_changed(book):
    book[PERFORMANCES_SHEET].cell(HEADER_ROW + 1, 2, "01/01/2030")


def _row_added(book):
    sheet = book[PERFORMANCES_SHEET]
    last = sheet.max_row + 1
    sheet.cell(last, 1, 999)
    sheet.cell(last, 4, "Spectacle inventé")
    sheet.cell(last, REQUESTED_COLUMN, 5)


def _row_removed(book):
    book[PERFORMANCES_SHEET].delete_rows(HEADER_ROW + 1)


def _hidden_removed(book):
    del book[IDENTITY_SHEET]


def _hidden_altered(book):
    book[IDENTITY_SHEET].cell(11, 6, "Autre spectacle")  # the first line's show, as the hidden sheet says it


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (_date_changed, f"bon.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 1} : la case « Date » a été modifiée"),
        (_row_added, f"bon.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 4} : une ligne a été ajoutée"),
        (_row_removed, f"bon.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 1} : la case « N° » a été modifiée"),
        (_hidden_removed, f"bon.xlsx : la feuille cachée « {IDENTITY_SHEET} »"),
        (_hidden_altered, f"bon.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 1} : la case « Spectacle »"),
    ],
)
def test_a_tampered_form_is_refused_whole_with_file_sheet_and_line(services, offer, tmp_path, change, said):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 2, p["small"]: 1})
    tamper(path, change)
    preview = services.form_imports.preview([path])
    form = preview.forms[0]
    assert form.refused and form.refusal_code == "form_altered"
    assert form.refusal.startswith(said), form.refusal
    services.form_imports.apply(preview)
    assert held(services, p["roomy"]) == held(services, p["small"]) == 0


def test_the_last_row_removed_is_refused_at_its_line(services, offer, tmp_path):
    season, relay, _other, _p = offer
    path = write_form(services, relay, season, tmp_path)
    tamper(path, lambda book: book[PERFORMANCES_SHEET].delete_rows(HEADER_ROW + 3))
    refusal = services.form_imports.preview([path]).forms[0].refusal
    assert refusal.startswith(f"bon.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 3} : une ligne a été supprimée")


def test_a_workbook_that_is_not_a_form_and_a_text_file_are_refused(services, offer, tmp_path):
    from openpyxl import Workbook

    other = tmp_path / "autre.xlsx"
    Workbook().save(other)
    text = tmp_path / "texte.xlsx"
    text.write_text("pas un classeur")
    result = services.form_imports.preview([other, text])
    assert [f.refusal_code for f in result.forms] == ["not_a_form", "not_a_form"]
    assert all(f.refusal.startswith(f.file_name) for f in result.forms)


def test_a_zip_bomb_is_refused_by_the_season_imports_guards(services, offer, tmp_path, monkeypatch):
    from acs_desktop.services.season_io import limits

    season, relay, _other, _p = offer
    path = write_form(services, relay, season, tmp_path)
    monkeypatch.setattr(limits, "MAX_XLSX_UNCOMPRESSED", 1000)
    form = services.form_imports.preview([path]).forms[0]
    assert form.refusal_code == "form_unreadable" and "se décompresse" in form.refusal


def test_a_form_of_another_season_or_store_is_refused(services, make, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1})
    tamper(path, lambda book: book[IDENTITY_SHEET].cell(7, 2, "2019-2020"))
    form = services.form_imports.preview([path]).forms[0]
    assert form.refusal_code == "form_other_season"


def test_a_form_changed_after_its_preview_is_not_applied_unseen(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1})
    preview = services.form_imports.preview([path])
    fill(path, {p["roomy"]: 5})
    done = services.form_imports.apply(preview)
    assert done.forms[0].refusal_code == "form_changed"
    assert held(services, p["roomy"]) == 0


def test_a_form_is_all_or_nothing(services, offer, tmp_path, monkeypatch):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1, p["small"]: 1})
    preview = services.form_imports.preview([path])
    real = services.bookings.book_places
    calls = []

    def failing(request: BookingRequest):
        calls.append(request)
        if len(calls) == 2:
            raise OSError("disque plein")
        return real(request)

    monkeypatch.setattr(services.bookings, "book_places", failing)
    with pytest.raises(OSError):
        services.form_imports.apply(preview)
    assert held(services, p["roomy"]) == 0
    monkeypatch.undo()
    assert outcomes(services.form_imports.preview([path])) == outcomes(preview)  # not recorded as imported


def test_no_path_is_refused(services):
    with pytest.raises(DomainError) as refused:
        services.form_imports.preview([])
    assert refused.value.code == "no_form"


def test_the_preview_sees_its_own_bookings_but_the_store_does_not(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["small"]: 3})
    services.form_imports.preview([path])
    remaining = {r.id: r.remaining for r in services.offers.list_performances(season, PerformanceFilter())}
    assert remaining[p["small"]] == 3


def test_a_form_applied_with_refused_lines_waits_to_be_seen(services, make, offer, tmp_path):
    season, relay, other, p = offer
    path = write_form(services, relay, season, tmp_path)
    make.book(p["small"], other, 3)
    fill(path, {p["roomy"]: 1, p["small"]: 2, p["late"]: 1})
    services.offers.cancel_performance(p["late"])
    services.form_imports.apply(services.form_imports.preview([path]))
    [form] = services.form_imports.forms_to_review(season)
    assert (form.relay_name, form.refused, form.waiting) == ("CCAS de Rezé", 1, 1)
    [refused] = form.refused_lines
    assert refused.startswith(f"{PERFORMANCES_SHEET}, ligne ") and "annulée" in refused
    [item] = [i for i in services.todo.items(season) if i.kind == FORM_TO_REVIEW]
    assert item.text == (
        f"Bon de CCAS de Rezé importé le {form.imported_at:%d/%m/%Y} : 1 ligne refusée, 1 en liste d'attente."
    )
    services.form_imports.mark_form_seen(form.id)
    assert services.form_imports.forms_to_review(season) == []
    assert [i for i in services.todo.items(season) if i.kind == FORM_TO_REVIEW] == []


def test_a_form_applied_without_refusal_is_nothing_to_look_at(services, offer, tmp_path):
    season, relay, _other, p = offer
    path = write_form(services, relay, season, tmp_path)
    fill(path, {p["roomy"]: 1})
    services.form_imports.apply(services.form_imports.preview([path]))
    assert services.form_imports.forms_to_review(season) == []
