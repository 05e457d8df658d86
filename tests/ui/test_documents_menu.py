"""The « Documents » menu on the demo store: each action asks, makes the PDF in the background,
and shows it; tickets are marked issued when they leave the preview (printed, saved, opened). And the preview's three ways
out: print, save, open in the system's viewer."""

from typing import ClassVar

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.ui import documents_menu, pdf_output
from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.documents_menu import WITH_RELAYS_OPTION, DocumentsMenu
from acs_desktop.ui.events import Area, Changes
from acs_desktop.ui.main_window import MainWindow
from acs_desktop.ui.pdf_output import PdfPreviewDialog
from tests.printing.pdf_tools import flat, page_count


@pytest.fixture
def window(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    win = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def menu(window) -> DocumentsMenu:
    return next(action.menu() for action in window.menuBar().actions() if isinstance(action.menu(), DocumentsMenu))


@pytest.fixture
def previews(monkeypatch):
    """The preview's exec, answered at once; the dialogs shown are kept."""
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PdfPreviewDialog, "exec", exec_)
    return shown


@pytest.fixture
def answers(monkeypatch):
    """What the person picks in the next list: set `answers.next = (id, option)`."""

    class Answers:
        next = None
        offered: ClassVar[list] = []
        options: ClassVar[list] = []  # the option offered in each list (None: none)

    def fake_choose(parent, title, prompt, items, **options):
        Answers.offered = items
        Answers.options.append(options.get("option"))
        return Answers.next

    monkeypatch.setattr(documents_menu, "choose", fake_choose)
    return Answers


def test_the_window_has_a_documents_menu_in_french(window, menu):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Affichage", "&Documents", "&Aide"]
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Billets d'une réservation…",
        "Billets à imprimer d'un relais…",
        "Billets d'une représentation…",
        "Feuille d'émargement d'une représentation…",
        "Bordereau de remise à un relais…",
        "Bons de réservation…",
        "Catalogue de la saison",
        "Semaine à venir",
    ]


def test_a_relay_s_tickets_are_issued_once_saved_from_the_preview(
    qtbot, window, menu, demo_services, answers, previews, tmp_path, messages
):
    season = window.current_season_id()
    relay = max(demo_services.documents.relays_with_places(season), key=lambda r: r.to_print)
    answers.next = (relay.relay_id, False)
    reloaded = []
    menu.events.changed.connect(lambda changes: reloaded.append(changes == Changes.of(Area.BOOKINGS)))
    menu.relay_tickets.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    preview = previews[0]
    assert preview.document.pageCount() == page_count(preview.pdf) == -(-relay.to_print // 8)
    assert preview.windowTitle() == "Billets — aperçu" and f"{relay.to_print} billets" in preview.summary.text()
    assert any(text.startswith(relay.name) for _id, text in answers.offered)

    def to_print():
        return next(r for r in demo_services.documents.relays_with_places(season) if r.relay_id == relay.relay_id)

    assert reloaded == [] and to_print().to_print == relay.to_print  # only looked at: nothing issued yet
    target = tmp_path / "billets.pdf"
    messages.path = str(target)
    assert preview.save_as() == target
    assert reloaded == [True] and to_print().to_print == 0 and to_print().held == relay.held
    assert f"{relay.to_print} marqués édités." in preview.summary.text()
    preview.save_as()  # a second copy of the same document: not counted again
    assert reloaded == [True]
    assert f"{relay.to_print} duplicata" not in preview.summary.text()


def test_a_preview_closed_unprinted_leaves_the_tickets_to_print(qtbot, window, menu, demo_services, answers, previews):
    season = window.current_season_id()
    relay = max(demo_services.documents.relays_with_places(season), key=lambda r: r.to_print)
    answers.next = (relay.relay_id, False)
    menu.relay_tickets.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    previews[0].accept()  # « Fermer »
    after = next(r for r in demo_services.documents.relays_with_places(season) if r.relay_id == relay.relay_id)
    assert after.to_print == relay.to_print
    assert "DUPLICATA" not in flat(previews[0].pdf)


def test_a_booking_printed_again_is_a_duplicata(qtbot, window, menu, demo_services, answers, previews):
    booking = next(
        b
        for b in demo_services.booking_lists.list_bookings(window.current_season_id())
        if b.issued and b.starts_at > demo_services.clock()
    )
    answers.next = (booking.id, False)
    menu.booking_tickets.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    content = flat(previews[0].pdf)
    assert content.count("DUPLICATA") == booking.issued
    codes = [
        i.code for i in demo_services.booking_lists.invitations_of(booking.id) if i.status is InvitationStatus.ISSUED
    ]
    assert all(ticket_codes.display(code) in content for code in codes)


def test_attendance_sheet_slip_and_catalogue_from_the_menu(qtbot, window, menu, demo_services, answers, previews):
    season = window.current_season_id()
    performance = next(
        p
        for p in demo_services.offers.list_performances(season)
        if p.starts_at > demo_services.clock()
        and p.booked
        and any(b.issued for b in demo_services.booking_lists.list_bookings(season, performance_id=p.id))
    )
    relays = {
        b.relay_name
        for b in demo_services.booking_lists.list_bookings(season, performance_id=performance.id)
        if b.issued
    }
    answers.next = (performance.id, False)
    menu.attendance.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    assert "FEUILLE D'ÉMARGEMENT" in flat(previews[0].pdf) and [r for r in relays if r in flat(previews[0].pdf)] == []
    assert answers.options[-1] == WITH_RELAYS_OPTION
    answers.next = (performance.id, True)  # « avec le nom des relais (exemplaire de l'association) »
    menu.attendance.trigger()
    qtbot.waitUntil(lambda: len(previews) == 2, timeout=15000)
    assert all(r in flat(previews[1].pdf) for r in relays)
    answers.next = (demo_services.documents.relays_with_places(season)[0].relay_id, False)
    menu.slip.trigger()
    qtbot.waitUntil(lambda: len(previews) == 3, timeout=15000)
    assert "Une place ne servira pas ?" in flat(previews[2].pdf)
    menu.catalogue.trigger()
    qtbot.waitUntil(lambda: len(previews) == 4, timeout=15000)
    assert "CATALOGUE DES PLACES" in flat(previews[3].pdf) and previews[3].filename == "catalogue-2026-2027.pdf"


def test_the_week_ahead_from_the_menu(qtbot, menu, previews, messages):
    menu.week_ahead.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    content = flat(previews[0].pdf)
    assert previews[0].filename == "semaine-2026-11-22.pdf" and "SEMAINE À VENIR" in content
    assert "5 représentations, 9 relais à appeler" in content and "Appelé" in content
    assert messages.said == []


def test_the_week_ahead_needs_no_season(qtbot, services, store, tmp_path, previews, messages):
    make_application()
    win = MainWindow(services, window_settings(tmp_path), store.path)  # a new store: no season yet
    qtbot.addWidget(win)
    menu = next(a.menu() for a in win.menuBar().actions() if isinstance(a.menu(), DocumentsMenu))
    menu.aboutToShow.emit()
    assert menu.week_ahead.isEnabled() and not menu.catalogue.isEnabled()
    menu.week_ahead.trigger()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    assert "Aucune représentation du 22/11/2026 au 28/11/2026 : personne à appeler cette semaine." in flat(
        previews[0].pdf
    )
    assert messages.said == []  # never « Choisissez d'abord une saison »


def test_a_cancelled_choice_makes_nothing(qtbot, menu, answers, previews):
    answers.next = None
    menu.slip.trigger()
    qtbot.wait(200)
    assert previews == [] and menu.operations == []


def test_nothing_to_choose_is_said(qtbot, window, menu, demo_services, answers, previews, messages):
    window.season_box.setCurrentIndex(window.season_box.findText("2025-2026"))  # a past season: nothing to print
    menu.relay_tickets.trigger()
    assert [text for _title, text in messages.boxes["information"]] == [
        "Aucun relais n'a de billet à imprimer pour la saison 2025-2026."
    ]
    assert previews == []


# --- the preview -----------------------------------------------------------------------------------
@pytest.fixture
def preview(qtbot, demo_services):
    make_application()
    document = demo_services.documents.catalogue(demo_services.seasons.default_season().id)
    dialog = PdfPreviewDialog(document.content, document.title, document.filename, document.summary)
    qtbot.addWidget(dialog)
    return dialog


def test_save_as_pdf(preview, tmp_path, messages):
    target = tmp_path / "mon catalogue"
    messages.path = str(target)
    saved = preview.save_as()
    assert saved == tmp_path / "mon catalogue.pdf" and saved.read_bytes() == preview.pdf
    assert str(saved) in preview.summary.text()


def test_save_as_pdf_on_a_full_disk(preview, tmp_path, monkeypatch, messages):
    from tests.machine import files_under, full_disk

    out = tmp_path / "clé"
    out.mkdir()
    messages.path = str(out / "catalogue.pdf")
    full_disk(monkeypatch)
    assert preview.save_as() is None
    warned = [text for _title, text in messages.boxes["warning"]]
    assert warned and "le disque est plein" in warned[0] and str(out / "catalogue.pdf") in warned[0]
    assert files_under(out) == []


def test_open_in_the_system_viewer(preview, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    path = preview.open_in_viewer()
    assert (
        opened == [QUrl.fromLocalFile(str(path))] and path.read_bytes() == preview.pdf and path.name == preview.filename
    )


def test_print_renders_every_page_on_the_printer(preview, tmp_path, monkeypatch):
    output = tmp_path / "imprimante.pdf"

    class FakePrintDialog:
        def __init__(self, printer, parent):
            self.printer = printer

        def setWindowTitle(self, title):
            pass

        def setMinMax(self, first, last):
            assert (first, last) == (1, preview.document.pageCount())

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(output))
            self.printer.setResolution(100)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_output, "QPrintDialog", FakePrintDialog)
    outputs = []
    preview._on_output = lambda: outputs.append("imprimé") or "3 marqués édités."
    assert preview.print_document() is True
    assert page_count(output.read_bytes()) == preview.document.pageCount() > 1
    assert outputs == ["imprimé"] and preview.summary.text().endswith("· 3 marqués édités.")
    assert preview.print_document() is True and outputs == ["imprimé"]  # once per document


def test_a_print_dialog_cancelled_outputs_nothing(preview, monkeypatch):
    class Cancelled:
        def __init__(self, printer, parent):
            pass

        def setWindowTitle(self, title):
            pass

        def setMinMax(self, first, last):
            pass

        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(pdf_output, "QPrintDialog", Cancelled)
    outputs = []
    preview._on_output = lambda: outputs.append("imprimé")
    assert preview.print_document() is False and outputs == []
