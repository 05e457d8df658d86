"""What a person expects of the window: a first screen, French, keyboard, refusals said plainly,
changes shown everywhere, and the window remembering how it was left."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.conventions.partner_dialog import PartnerDialog
from acs_desktop.ui.events import Area, Changes
from acs_desktop.ui.main_window import MainWindow


def test_an_empty_store_opens_on_the_welcome_page(qtbot, window, services):
    assert window.pages.currentWidget() is window.welcome
    qtbot.keyClicks(window.welcome.name, "Les Sorties Solidaires")
    assert window.welcome.season.text() == "2026-2027"
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.tabs
    assert window.season_box.currentText() == "2026-2027"
    assert services.settings.get().name == "Les Sorties Solidaires"
    assert "Les Sorties Solidaires" in window.windowTitle()


def test_a_wrong_season_on_the_welcome_page_is_said(qtbot, window, services):
    window.welcome.season.setText("2026")
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert "n'est pas une saison" in window.welcome.error.text()
    assert services.seasons.list_seasons() == []


def test_the_demo_can_be_loaded_from_the_welcome_page(qtbot, window, services):
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert [s.label for s in services.seasons.list_seasons()] == ["2026-2027", "2025-2026"]
    assert window.pages.currentWidget() is window.tabs


def test_qt_speaks_french():
    make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_enter_validates_a_form(qtbot, services):
    dialog = PartnerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Le Lieu unique")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [p.name for p in services.partners.list_partners()] == ["Le Lieu unique"]


def test_escape_cancels_a_form(qtbot, services):
    dialog = PartnerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Le Lieu unique")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.partners.list_partners() == []


def test_ctrl_n_in_a_tab_opens_its_new_dialog(qtbot, window, make, season, monkeypatch):
    opened = []
    from acs_desktop.ui.relays import relays_tab

    monkeypatch.setattr(relays_tab.RelayDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window.reload_seasons()
    window.tabs.setCurrentIndex(2)
    window.tab_pages[2].view.table.setFocus()
    qtbot.keyClick(window.tab_pages[2].view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["RelayDialog"]


def test_deleting_a_relay_that_booked_is_refused_with_the_reason(
    qtbot, window, make, performance_id, relay_id, messages, services
):
    make.book(performance_id, relay_id, 1)
    window.reload_seasons()
    window.tabs.setCurrentIndex(2)
    tab = window.tab_pages[2]
    tab.view.select_ids([relay_id])
    tab.delete_action.trigger()
    assert any(said.startswith("Supprimer le relais") for said in messages.said), "asked first"
    assert any("Désactivez-le plutôt" in said for said in messages.said)
    assert len(services.relays.list_relays()) == 1


def test_after_a_change_every_tab_shows_it(qtbot, window, make, performance_id, relay_id, services):
    window.reload_seasons()
    window.tabs.setCurrentIndex(0)
    conventions = window.tab_pages[0]
    assert conventions.view.model.row_at(0).booked == 0
    make.book(performance_id, relay_id, 3)
    window.events.announce(Changes.of(Area.BOOKINGS))
    assert conventions.view.model.row_at(0).booked == 3
    window.tabs.setCurrentIndex(1)
    assert window.tab_pages[1].view.model.row_at(0).booked == 3


def test_a_tab_reloads_only_for_a_change_it_shows(qtbot, window, services, performance_id, relay_id):
    window.reload_seasons()
    window.tabs.setCurrentIndex(2)  # Relais
    relays, conventions = window.tab_pages[2], window.tab_pages[0]
    before = relays.reloads, conventions.reloads
    services.relays.save_referent(relay_id, "Camille Bernard")
    relays.announce(Area.RELAYS)
    assert relays.reloads == before[0] + 1
    window.tabs.setCurrentIndex(0)  # shown again: no reload, a relay is not drawn on the conventions
    assert conventions.reloads == before[1]
    window.reload_all()  # F5: everything
    assert conventions.reloads == before[1] + 1


def test_geometry_season_and_column_widths_are_remembered(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    first = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 701)
    first.tabs.setCurrentIndex(2)
    first.season_box.setCurrentIndex(first.season_box.findText("2025-2026"))
    active = [c.title for c in first.tab_pages[2].view.model.COLUMNS].index(
        "Actif"
    )  # not a name: names share the spare width
    first.tab_pages[2].view.table.setColumnWidth(active, 333)
    first.close()
    second = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (790, 701)
    assert second.season_box.currentText() == "2025-2026"
    assert second.tabs.currentIndex() == 2
    assert second.tab_pages[2].view.table.columnWidth(active) == 333


def test_offers_filters(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    win = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentIndex(1)
    offers = win.tab_pages[1]
    everything = offers.view.model.rowCount()
    offers.places_left.setChecked(True)
    left = offers.view.model.rows()
    assert 0 < len(left) < everything
    assert all(r.remaining > 0 for r in left)
    dance = next(d for d in demo_services.offers.list_disciplines() if d.name == "Danse")
    offers.discipline.set_value(dance.id)
    offers.reload()
    assert offers.view.model.rows() and all(r.discipline == "Danse" for r in offers.view.model.rows())
