"""« À faire »: the page the window opens on; a click on a line shows its tab and selects its
record; Ctrl+0 comes back; the page reloads when a change touches what it shows."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from acs_desktop.domain.states import ConventionState, FollowUpKind
from acs_desktop.services.follow_ups import NextStep
from acs_desktop.services.todo import BACKUP, CANCELLATION, DRAFT_CONVENTION, TodoPlace
from acs_desktop.ui.events import Area, Changes
from acs_desktop.ui.todo.todo_page import NOTHING
from tests.services.test_form_import import fill, write_form
from tests.ui.conftest import laptop_window


def line_of(window, place):
    return next(item for item in window.todo.tree.lines() if item.data(0, Qt.ItemDataRole.UserRole).place == place)


def lines_of(window, place):
    return [i for i in window.todo.tree.lines() if i.data(0, Qt.ItemDataRole.UserRole).place == place]


def click(qtbot, window, item) -> None:
    tree = window.todo.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    QApplication.processEvents()


def test_the_window_opens_on_what_waits_grouped_with_a_count(demo_window, demo_services):
    window = demo_window
    assert window.pages.currentWidget() is window.todo
    season_id = window.current_season_id()
    groups = demo_services.todo.groups(season_id)
    tree = window.todo.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles[0] == f"{groups[0].title} — urgent"
    assert [t.split(" — ")[0] for t in titles] == [g.title for g in groups]
    assert [item.text(0) for item in tree.lines()] == [i.text for g in groups for i in g.items]
    assert {g.kind for g in groups} >= {CANCELLATION, DRAFT_CONVENTION, BACKUP}


def test_a_convention_line_shows_the_conventions_tab_with_it_selected(qtbot, demo_window):
    window = demo_window
    item = line_of(window, TodoPlace.CONVENTION)
    click(qtbot, window, item)
    assert window.pages.currentWidget() is window.tabs
    assert window.tabs.currentIndex() == 0
    conventions = window.tab_pages[0]
    assert conventions.view.selected_ids() == [item.data(0, Qt.ItemDataRole.UserRole).record_id]
    assert conventions.selected().state is ConventionState.DRAFT


def test_a_relay_to_warn_line_shows_it_among_the_invitations(qtbot, demo_window):
    window = demo_window
    item = line_of(window, TodoPlace.WARNING)
    click(qtbot, window, item)
    invitations = window.tab_pages[3]
    assert (window.pages.currentWidget(), window.tabs.currentIndex()) == (window.tabs, 3)
    assert invitations.side.currentWidget() is invitations.warnings
    assert invitations.warnings.view.selected_ids() == [item.data(0, Qt.ItemDataRole.UserRole).record_id]


def test_an_attendance_line_selects_the_performance_to_record(qtbot, demo_window):
    window = demo_window
    item = line_of(window, TodoPlace.ATTENDANCE)
    window.todo.tree.setCurrentItem(item)  # the keyboard: Entrée opens the current line
    qtbot.keyClick(window.todo.tree, Qt.Key.Key_Return)
    invitations = window.tab_pages[3]
    assert window.tabs.currentIndex() == 3
    assert invitations.side.currentWidget() is invitations.pending
    assert invitations.pending.view.selected_ids() == [item.data(0, Qt.ItemDataRole.UserRole).record_id]


def test_an_urgent_ticket_line_selects_the_booking(qtbot, demo_window, demo_services, messages):
    from tests.factories import Factory

    season_id = demo_window.current_season_id()
    make = Factory(demo_services)
    convention = demo_services.conventions.list_conventions(season_id)[0].id
    performance = make.performance(convention, in_days=3)
    relay = next(r for r in demo_services.relays.list_relays() if r.active)
    booked = make.book(performance, relay.id, 2)
    demo_window.events.announce(Changes.of(Area.BOOKINGS))
    item = line_of(demo_window, TodoPlace.BOOKING)
    assert "2 billets à éditer" in item.text(0)
    click(qtbot, demo_window, item)
    invitations = demo_window.tab_pages[3]
    assert demo_window.tabs.currentIndex() == 3
    assert invitations.side.currentWidget() is invitations.unprinted
    assert invitations.unprinted.view.selected_ids() == [booked.booking_id]
    assert invitations.view.selected_ids() == [booked.booking_id]  # in the season's list too


def test_the_backup_line_saves_a_copy_and_goes(qtbot, demo_window, messages, tmp_path):
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    messages.path = str(usb)
    click(qtbot, demo_window, line_of(demo_window, TodoPlace.BACKUP))
    assert list(usb.glob("acs-*.sqlite"))
    assert all(i.data(0, Qt.ItemDataRole.UserRole).place != TodoPlace.BACKUP for i in demo_window.todo.tree.lines())


def test_the_page_reloads_when_a_change_touches_it(demo_window, demo_services):
    window = demo_window
    warnings = [i for i in window.todo.tree.lines() if i.data(0, Qt.ItemDataRole.UserRole).place == TodoPlace.WARNING]
    booking_id = warnings[0].data(0, Qt.ItemDataRole.UserRole).record_id
    demo_services.offers.mark_relay_warned(booking_id)
    assert len(lines_of(window, TodoPlace.WARNING)) == len(warnings)  # until the change is announced
    window.events.announce(Changes.of(Area.BOOKINGS))
    assert len(lines_of(window, TodoPlace.WARNING)) == len(warnings) - 1


def test_ctrl_0_comes_back_and_the_digits_still_go_to_the_tabs(qtbot, demo_window):
    window = demo_window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert (window.pages.currentWidget(), window.tabs.currentIndex()) == (window.tabs, 1)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.todo
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the tab already current
    assert (window.pages.currentWidget(), window.tabs.currentIndex()) == (window.tabs, 0)
    window.show_todo()
    window.todo_action.trigger()  # « À faire » in the season's bar
    assert window.pages.currentWidget() is window.todo


def test_nothing_waiting_says_so(qtbot, services, make, store, tmp_path, messages):
    season = make.season("2026-2027")
    convention = make.convention(make.partner(), season.id)
    services.conventions.change_state(convention, ConventionState.SIGNED)
    services.safety.backup_to(tmp_path / "cle-usb")
    window = laptop_window(qtbot, services, store, tmp_path)
    assert window.pages.currentWidget() is window.todo
    assert window.todo.body.currentWidget() is window.todo.nothing
    assert window.todo.nothing.text() == NOTHING == "Rien à faire aujourd'hui."
    assert window.todo.tree.lines() == []


def test_an_empty_store_still_opens_on_the_welcome_page(window):
    assert window.pages.currentWidget() is window.welcome
    window.show_todo()  # Ctrl+0 leaves the welcome page alone
    assert window.pages.currentWidget() is window.welcome


def test_a_relay_follow_up_due_shows_the_relais_tab_with_it_selected(qtbot, window, services, clock, season, relay_id):
    today = clock().date()
    services.relays.save_follow_up(
        relay_id, today, FollowUpKind.EXCHANGE, "Appel", next_step=NextStep("rappeler la référente", today)
    )
    window.reload_seasons(season.id)
    window.show_todo()
    item = line_of(window, TodoPlace.RELAY)
    assert item.text(0) == f"Relais CCAS : rappeler la référente — prévu le {today:%d/%m/%Y}"
    click(qtbot, window, item)
    assert (window.pages.currentWidget(), window.tabs.currentIndex()) == (window.tabs, 2)
    assert window.tab_pages[2].view.selected_ids() == [relay_id]


def test_a_form_with_refused_lines_shows_them_and_is_marked_seen(
    qtbot, window, services, make, season, convention_id, relay_id, tmp_path, messages
):
    performance = make.performance(convention_id, quota=10, in_days=20)
    path = write_form(services, relay_id, season.id, tmp_path)
    fill(path, {performance: 1})
    services.offers.cancel_performance(performance)
    services.form_imports.apply(services.form_imports.preview([path]))
    window.reload_seasons(season.id)
    window.show_todo()
    item = line_of(window, TodoPlace.IMPORTED_FORM)
    assert item.text(0).endswith(": 1 ligne refusée.")
    messages.answer = False
    click(qtbot, window, item)
    assert "annulée" in messages.said[-1] and messages.said[-1].startswith("Lignes refusées: Bon de CCAS")
    assert len(lines_of(window, TodoPlace.IMPORTED_FORM)) == 1  # not answered: still there
    messages.answer = True
    click(qtbot, window, line_of(window, TodoPlace.IMPORTED_FORM))
    qtbot.waitUntil(lambda: lines_of(window, TodoPlace.IMPORTED_FORM) == [])
    assert services.form_imports.forms_to_review(season.id) == []
