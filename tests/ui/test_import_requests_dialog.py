"""« Fichier › Importer des bons de réservation… »: the forms chosen are previewed line by line,
nothing is written before « Importer », which books what the preview announced; « Annuler » and
Échap write nothing; a tampered form is refused whole with its file, sheet and line while the
others import; a form imported twice books nothing twice; « Monter » changes who gets the last
places."""

import os

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from acs_desktop.domain.booking_forms import HEADER_ROW, PERFORMANCES_SHEET
from acs_desktop.domain.ticket_codes import display
from acs_desktop.models import Booking, ImportedForm, WaitingEntry
from acs_desktop.ui.events import Area
from acs_desktop.ui.import_requests_dialog import ImportRequestsDialog
from tests.services.test_form_import import fill, held, tamper, write_form

MENU_TEXT = "Importer des &bons de réservation…"


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


def form_filled_on_its_first_lines(services, relay: int, season: int, path, lines: int = 3):
    """`path`: the form of `relay`, 1 place asked on each of its first `lines` performances."""
    write_form(services, relay, season, path.parent, path.name)
    sheet = load_workbook(path, read_only=True)[PERFORMANCES_SHEET]
    ids = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0]][:lines]
    fill(path, dict.fromkeys(ids, 1))
    return path


def open_from_menu(window, qtbot, messages, *paths) -> ImportRequestsDialog:
    messages.paths = [str(p) for p in paths]
    action = next(a for a in window.menus[0].actions() if a.text() == MENU_TEXT)
    action.trigger()
    assert messages.asked[-1] == "Bons de réservation à importer"
    dialog = window.findChildren(ImportRequestsDialog)[-1]
    wait_idle(qtbot, dialog)
    return dialog


def wait_idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)


def shown(dialog) -> list[tuple[str, str, str]]:
    """(form, line, result) of each row, as the table shows them."""
    model = dialog.view.model
    return [tuple(model.index(r, c).data() for c in (0, 1, 4)) for r in range(model.rowCount())]


def imported_forms(services) -> int:
    with services.sessions.read() as session:
        return session.scalar(select(func.count(ImportedForm.id)))


def waiting(services) -> list[tuple[int, int, int]]:
    with services.sessions.read() as session:
        return session.execute(select(WaitingEntry.performance_id, WaitingEntry.relay_id, WaitingEntry.places)).all()


@pytest.fixture
def filled(services, make, offer, tmp_path, clock):
    """A form of « CCAS de Rezé »: 4 places on « roomy » (booked), 3 on « small » where 1 is left
    (waiting list), 1 on « late » whose deadline has passed (refused)."""
    season, relay, other, p = offer
    path = write_form(services, relay, season, tmp_path)
    make.book(p["small"], other, 2)
    clock.advance(days=13)
    fill(path, {p["roomy"]: 4, p["small"]: 3, p["late"]: 1})
    return path


def test_the_preview_shows_each_line_then_importer_books_it(window, qtbot, messages, services, offer, filled):
    _season, relay, _other, p = offer
    dialog = open_from_menu(window, qtbot, messages, filled)
    rows = shown(dialog)
    assert rows[0][0] == "1. bon.xlsx — « CCAS de Rezé »"
    assert rows[0][2] == "1 réservation, 1 en liste d'attente, 1 ligne refusée"
    results = [result for _form, _line, result in rows[1:]]
    assert results[0].startswith("Refusé : ") and "date limite" in results[0]
    assert results[1:] == ["Réservé : 4 places", "Liste d'attente"]
    assert rows[1][1].startswith(f"{PERFORMANCES_SHEET}, ligne ")
    assert "Rien n'est écrit avant « Importer »" in dialog.summary.text()
    assert held(services, p["roomy"]) == 0 and waiting(services) == [] and imported_forms(services) == 0

    with (
        qtbot.waitSignal(window.events.changed, timeout=30000) as changed,
        qtbot.waitSignal(dialog.imported, timeout=30000),
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert Area.BOOKINGS in changed.args[0].areas
    assert held(services, p["roomy"]) == 4
    assert waiting(services) == [(p["small"], relay, 3)]
    assert "Import terminé" in dialog.summary.text()
    assert "1 réservation (4 billets avec leur code)" in dialog.summary.text()
    assert "1 inscription en liste d'attente" in dialog.summary.text()
    with services.sessions.read() as session:
        booking = session.scalar(select(Booking.id).where(Booking.performance_id == p["roomy"]))
    codes = [display(i.code) for i in services.booking_lists.invitations_of(booking)]
    booked = next(result for _f, _l, result in shown(dialog) if result.startswith("Réservé"))
    assert booked == f"Réservé : 4 places — {', '.join(codes)}"  # the codes the store holds
    assert not dialog.import_button.isEnabled() and dialog.cancel_button.text() == "Fermer"


def test_annuler_and_escape_write_nothing(window, qtbot, messages, services, offer, filled):
    _season, _relay, _other, p = offer
    dialog = open_from_menu(window, qtbot, messages, filled)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    dialog = open_from_menu(window, qtbot, messages, filled)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert held(services, p["roomy"]) == 0 and waiting(services) == [] and imported_forms(services) == 0


def test_enter_imports(window, qtbot, messages, services, offer, filled):
    _season, _relay, _other, p = offer
    dialog = open_from_menu(window, qtbot, messages, filled)
    dialog.view.table.setFocus()
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.keyClick(dialog.view.table, Qt.Key.Key_Return)
    assert held(services, p["roomy"]) == 4


def test_no_file_chosen_opens_nothing(window, messages):
    messages.paths = []
    next(a for a in window.menus[0].actions() if a.text() == MENU_TEXT).trigger()
    assert window.findChildren(ImportRequestsDialog) == []


def test_a_tampered_form_is_refused_at_the_top_of_its_form_and_the_others_import(
    window, qtbot, messages, services, offer, tmp_path
):
    season, relay, other, p = offer
    good = write_form(services, relay, season, tmp_path, "bon-reze.xlsx")
    bad = write_form(services, other, season, tmp_path, "bon-secours.xlsx")
    fill(good, {p["roomy"]: 2})
    fill(bad, {p["roomy"]: 5})
    tamper(bad, lambda book: book[PERFORMANCES_SHEET].cell(HEADER_ROW + 1, 2, "01/01/2030"))
    os.utime(bad, (1_000, 1_000))  # arrived first
    dialog = open_from_menu(window, qtbot, messages, good, bad)
    rows = shown(dialog)
    assert rows[0][0].startswith(  # the form's own row, across the table; unread, its relay is not known
        f"1. bon-secours.xlsx — Bon refusé : bon-secours.xlsx › {PERFORMANCES_SHEET}, ligne {HEADER_ROW + 1} : "
        "la case « Date » a été modifiée"
    )
    assert dialog.view.table.columnSpan(0, 0) == len(dialog.view.model.COLUMNS)
    assert dialog.view.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert dialog.view.table.columnSpan(2, 0) == 1  # a line: one cell per column
    assert rows[1][0] == "2. bon-reze.xlsx — « CCAS de Rezé »" and rows[2][2] == "Réservé : 2 places"
    assert "1 bon refusé en entier" in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert held(services, p["roomy"]) == 2  # the good form's places, none of the tampered one's
    assert imported_forms(services) == 1


def test_a_form_imported_twice_books_nothing_twice(window, qtbot, messages, services, offer, filled):
    _season, _relay, _other, p = offer
    dialog = open_from_menu(window, qtbot, messages, filled)
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    again = open_from_menu(window, qtbot, messages, filled)
    assert again is not dialog
    assert "a déjà été importé" in shown(again)[0][0]
    assert not again.import_button.isEnabled() and "Rien à importer" in again.summary.text()
    qtbot.keyClick(again, Qt.Key.Key_Return)  # Enter does nothing when there is nothing to import
    assert held(services, p["roomy"]) == 4 and len(waiting(services)) == 1 and imported_forms(services) == 1


def test_monter_gives_the_last_places_to_the_form_moved_up(window, qtbot, messages, services, offer, tmp_path):
    season, relay, other, p = offer
    first = write_form(services, relay, season, tmp_path, "bon-reze.xlsx")
    second = write_form(services, other, season, tmp_path, "bon-secours.xlsx")
    fill(first, {p["small"]: 3})
    fill(second, {p["small"]: 3})
    os.utime(first, (1_000, 1_000))
    os.utime(second, (2_000, 2_000))
    dialog = open_from_menu(window, qtbot, messages, second, first)
    assert "celui de leur arrivée" in dialog.summary.text()
    assert [(f, r) for f, _l, r in shown(dialog)] == [
        ("1. bon-reze.xlsx — « CCAS de Rezé »", "1 réservation"),
        ("", "Réservé : 3 places"),
        ("2. bon-secours.xlsx — « Secours populaire »", "1 en liste d'attente"),
        ("", "Liste d'attente"),
    ]
    assert not dialog.up_button.isEnabled()
    dialog.view.select_ids([1])
    assert dialog.up_button.isEnabled() and not dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert [f for f, _l, _r in shown(dialog) if f] == [
        "1. bon-secours.xlsx — « Secours populaire »",
        "2. bon-reze.xlsx — « CCAS de Rezé »",
    ]
    assert dialog.view.selected_ids() == [0]  # the form moved stays selected
    assert "celui que vous avez choisi" in dialog.summary.text()
    assert held(services, p["small"]) == 0  # a new preview, still nothing written
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert held(services, p["small"]) == 3
    assert waiting(services) == [(p["small"], relay, 3)]
