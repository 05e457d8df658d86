"""Smoke test of the window on the demo store: five tabs, each listing the season's records."""

import pytest

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    win = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_five_tabs_in_french(window):
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Conventions",
        "Offres",
        "Relais",
        "Invitations",
        "Bilan de saison",
    ]


def test_current_season_is_selected_and_listed(window, demo_services, qtbot):
    assert window.season_box.currentText() == "2026-2027"
    conventions, offers, relays, invitations, review = window.tab_pages
    season_id = window.current_season_id()
    for index in range(5):  # hidden tabs load when shown
        window.show_tab(index)
    qtbot.waitUntil(lambda: not review.loading, timeout=30000)  # the review is computed in the background
    assert conventions.view.model.rowCount() == len(demo_services.conventions.list_conventions(season_id))
    assert offers.view.model.rowCount() == len(demo_services.offers.list_performances(season_id))
    assert relays.view.model.rowCount() == 48
    assert invitations.view.visible_count() == len(demo_services.booking_lists.list_bookings(season_id))
    assert review.values["Abonnés solidaires"].text() == "1\u202f012"


def test_changing_season_reloads_every_tab(window, qtbot):
    window.season_box.setCurrentIndex(window.season_box.findText("2025-2026"))
    window.tabs.setCurrentIndex(4)
    review = window.tab_pages[-1]
    qtbot.waitUntil(lambda: not review.loading, timeout=30000)
    assert review.values["Spectacles"].text() == "156"
    assert review.values["Places utilisées"].text() == "804"


def test_search_filters_the_list(window, qtbot):
    window.tabs.setCurrentIndex(2)
    relays = window.tab_pages[2].view
    qtbot.keyClicks(relays.search, "CCAS")
    assert 0 < relays.visible_count() < 48
    assert all("CCAS" in relays.model.index(r, 0).data() for r in range(relays.visible_count()))


def test_last_season_is_remembered(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    first = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(first)
    first.season_box.setCurrentIndex(first.season_box.findText("2025-2026"))
    first.close()
    second = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(second)
    assert second.season_box.currentText() == "2025-2026"


def test_the_frame_is_filled_when_the_store_opens(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    settings = window_settings(tmp_path)
    settings.setValue("window/tab", 2)
    frame = MainWindow(None, settings, demo_store.path)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    assert frame.tabs.currentIndex() == 2 and frame.tab_pages == []
    assert not any(menu.isEnabled() for menu in frame.menus)
    assert not frame.season_box.isEnabled()

    frame.attach(demo_services)
    assert frame.pages.currentWidget() is frame.todo and frame.tab_pages.built() == []  # no tab made unseen
    frame.show_tab(frame.tabs.currentIndex())
    built = frame.tab_pages.built()
    assert frame.tabs.currentIndex() == 2 and len(built) == 1  # the remembered tab, made when shown
    assert frame.tabs.currentWidget().isAncestorOf(built[0]) and built[0] is frame.tab_pages[2]
    qtbot.waitUntil(lambda: frame.tab_pages[2].view.model.rowCount() == 48)  # with its records
    assert [frame.tabs.tabText(i) for i in range(frame.tabs.count())] == [page.title for page in frame.tab_pages]
    titles = [action.text() for action in frame.menuBar().actions()]
    assert titles == ["&Fichier", "&Affichage", "&Documents", "&Aide"]
    assert all(menu.isEnabled() and menu.actions() for menu in frame.menus)
    assert frame.season_box.currentText() == "2026-2027"
    assert frame.statusBar().currentMessage().startswith("Données : ")
