"""The window and every dialog fit a 1280×720 laptop (1280×680 once a taskbar is shown), even
when every name in the store is 80 characters long."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import laptop_window
from tests.ui.long_names import LENGTH, lengthen_names

SCREEN = QSize(1280, 680)


@pytest.fixture
def long_services(demo_store, demo_services):
    lengthen_names(demo_store)
    return demo_services


def fits(size: QSize) -> bool:
    return size.width() <= SCREEN.width() and size.height() <= SCREEN.height()


def sizes(widget) -> dict[str, QSize]:
    return {"minimumSizeHint": widget.minimumSizeHint(), "sizeHint": widget.sizeHint(), "size": widget.size()}


def wait_computed(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not getattr(page, "loading", False), timeout=10_000)


def test_the_names_are_long(long_services):
    partner = long_services.partners.list_partners()[0]
    relay = long_services.relays.list_relays()[0]
    assert len(partner.name) == len(relay.name) == LENGTH


@pytest.fixture
def long_window(qtbot, long_services, demo_store, tmp_path, messages):
    return laptop_window(qtbot, long_services, demo_store, tmp_path)


def test_the_window_and_each_tab_fit(qtbot, long_window):
    window = long_window
    for index, page in enumerate(window.tab_pages):
        window.show_tab(index)
        wait_computed(qtbot, page)
        view = getattr(page, "view", None)
        if view is not None and view.model.rowCount():
            view.table.selectRow(0)  # the details of a selected row are shown too
        QApplication.processEvents()
        assert fits(page.minimumSizeHint()), (page.title, page.minimumSizeHint())
        assert fits(window.minimumSizeHint()), (page.title, window.minimumSizeHint())


def test_the_todo_page_fits(qtbot, long_window):
    window = long_window
    assert window.pages.currentWidget() is window.todo  # the window opens on it
    assert window.todo.tree.lines()  # the demo has things waiting, some with 80-character names
    assert fits(window.todo.minimumSizeHint()), window.todo.minimumSizeHint()
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()


def test_the_window_opens_within_the_screen(qtbot, services, store, tmp_path):
    make_application()
    window = MainWindow(services, window_settings(tmp_path), store.path)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()


def _dialogs(services, events, folder):
    from acs_desktop.ui import import_dialog, reasons_dialog, settings_dialog
    from acs_desktop.ui.conventions import convention_dialog, partner_dialog, partners_dialog
    from acs_desktop.ui.invitations import absence_dialog, attendance_dialog, booking_dialog
    from acs_desktop.ui.offers import performance_dialog, relays_to_warn_dialog, show_dialog, shows_dialog
    from acs_desktop.ui.relays import relay_dialog

    season = services.seasons.default_season().id
    performances = services.offers.list_performances(season)
    past = next(p for p in performances if p.starts_at < TODAY)
    coming = next(p for p in performances if p.starts_at > TODAY)
    convention = services.conventions.list_conventions(season)[0]
    return {
        "présence": lambda: attendance_dialog.AttendanceDialog(services, events, past.id),
        "réservation": lambda: booking_dialog.BookingDialog(services, season, performance_id=coming.id),
        "convention": lambda: convention_dialog.ConventionDialog(services, season, convention),
        "représentation": lambda: performance_dialog.PerformanceDialog(services, season, performances[0]),
        "relais": lambda: relay_dialog.RelayDialog(services, services.relays.list_relays()[0].id),
        "association": lambda: settings_dialog.SettingsDialog(services),
        "partenaires": lambda: partners_dialog.PartnersDialog(services, events),
        "partenaire": lambda: partner_dialog.PartnerDialog(services, convention.partner_id),
        "import": lambda: import_dialog.ImportDialog(services),
        "bons de réservation": lambda: _forms_import(services, season, folder),
        "absence": lambda: absence_dialog.AbsenceDialog(
            services, "Billets non utilisés", "3 billet(s) sélectionné(s).", lambda *_: 0
        ),
        "spectacle": lambda: show_dialog.ShowDialog(services, season, services.offers.list_shows(season)[0]),
        "spectacles": lambda: shows_dialog.ShowsDialog(services, events, season),
        "motifs": lambda: reasons_dialog.ReasonsDialog(services),
        "relais à prévenir": lambda: relays_to_warn_dialog.RelaysToWarnDialog(
            services, events, past.id, f"Représentation « {past.show_title} » annulée par « {past.partner_name} »."
        ),
    }


def _forms_import(services, season, folder):
    """The forms' import showing two long-named relays' forms, one line refused."""
    from acs_desktop.ui.import_requests_dialog import ImportRequestsDialog
    from tests.ui.test_import_requests_dialog import form_filled_on_its_first_lines

    relays = services.relays.list_relays(include_inactive=False)[:2]
    paths = [
        form_filled_on_its_first_lines(services, relay.id, season, folder / f"bon-{n}-{'x' * 60}.xlsx")
        for n, relay in enumerate(relays)
    ]
    dialog = ImportRequestsDialog(services, paths)
    dialog._show_preview(services.form_imports.preview(paths))
    return dialog


DIALOGS = (
    "présence",
    "réservation",
    "convention",
    "représentation",
    "relais",
    "association",
    "partenaires",
    "partenaire",
    "import",
    "bons de réservation",
    "absence",
    "spectacle",
    "spectacles",
    "motifs",
    "relais à prévenir",
)


@pytest.mark.parametrize("name", DIALOGS)
def test_each_dialog_fits(qtbot, long_services, events_stub, name, tmp_path):
    dialog = _dialogs(long_services, events_stub, tmp_path)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    for what, size in sizes(dialog).items():
        assert fits(size), (name, what, size)


def test_returning_places_asks_within_the_screen(qtbot, long_window, monkeypatch):
    from acs_desktop.ui.widgets.question_dialog import QuestionDialog

    asked = []

    def answer(dialog):
        dialog.show()
        QApplication.processEvents()
        asked.append(sizes(dialog))
        return 0  # cancelled: nothing is returned

    monkeypatch.setattr(QuestionDialog, "exec", answer)
    long_window.tabs.setCurrentIndex(3)
    tab = long_window.tab_pages[3]
    coming = next(r for r in tab.view.model.rows() if r.starts_at > TODAY and r.booked + r.issued)
    tab.view.select_ids([coming.id])
    tab.return_places()
    assert asked, "the question was asked"
    for what, size in asked[0].items():
        assert fits(size), (what, size)


def test_in_a_list_the_names_take_the_spare_width_not_the_last_column(qtbot, long_window):
    from acs_desktop.ui.widgets.records_view import NAME_FLOOR

    offers = long_window.tab_pages[1]
    long_window.tabs.setCurrentIndex(1)
    table, columns = offers.view.table, offers.view.model.COLUMNS
    header = table.horizontalHeader()
    names = [i for i, c in enumerate(columns) if c.stretch]
    others = [i for i, c in enumerate(columns) if not c.stretch]
    assert [columns[i].title for i in names] == ["Spectacle", "Partenaire", "Discipline", "Salle"]
    assert not header.stretchLastSection()
    for width in (1900, 1366, 900):
        long_window.resize(width, 768)
        QApplication.processEvents()
        sizes = [header.sectionSize(i) for i in range(len(columns))]
        assert min(sizes[i] for i in names) >= NAME_FLOOR  # never squeezed to a few letters
        assert sizes[-1] < min(sizes[i] for i in names)  # « État », last, takes no spare width
        spare = table.viewport().width() - sum(sizes[i] for i in others)
        if spare >= NAME_FLOOR * len(names):
            assert sum(sizes) == table.viewport().width()  # the names fill the list, no sideways scrolling
