"""The window's side of data safety: the activity log, closing a season, backup and restore."""

from pathlib import Path

from acs_desktop.ui import safety_actions
from acs_desktop.ui.activity_dialog import ActivityDialog


def test_the_activity_log_is_searchable(qtbot, services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 2)
    dialog = ActivityDialog(services)
    qtbot.addWidget(dialog)
    everything = dialog.view.model.rowCount()
    qtbot.keyClicks(dialog.view.search, "CCAS")
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() < everything)
    assert all("CCAS" in row.summary for row in dialog.view.model.rows())


def test_closing_the_season_asks_first(qtbot, window, services, make, season, performance_id, relay_id, messages):
    make.book(performance_id, relay_id, 1, first_names=("Awa",), names_on_tickets=True)
    window.reload_seasons()
    messages.answer = False
    window.close_season()
    assert services.privacy.first_names_held(season.id) == 1
    assert "1 prénom(s)" in messages.said[-1]
    messages.answer = True
    window.close_season()
    assert services.privacy.first_names_held(season.id) == 0


def test_backup_to_a_folder_and_restore_from_the_window(qtbot, window, services, season, messages, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    messages.path = str(usb)
    copy = safety_actions.backup_to_folder(window, services)
    assert copy is not None and copy.parent == usb
    services.seasons.create_season("2027-2028")
    messages.path = str(copy)
    window.restore_backup()
    assert [s.label for s in services.seasons.list_seasons()] == ["2026-2027"]
    assert window.season_box.count() == 1
    assert any("gardée" in said for said in messages.said)
    assert Path(messages.said[-1].split("\n")[-1]).exists()


def test_erasing_a_referent_says_it_reached_the_backups(qtbot, window, services, store, season, relay_id, messages):
    from acs_desktop.db.backup import automatic_backup
    from tests.conftest import TODAY

    referent = services.relays.save_referent(relay_id, "Hortense Quelquechose", "06 12 34 56 78")
    automatic_backup(store.path, store.path.parent, TODAY)  # a daily and a monthly copy
    window.reload_seasons()
    window.tabs.setCurrentIndex(2)
    tab = window.tab_pages[2]
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1)
    tab.view.select_ids([relay_id])
    tab.referents.view.select_ids([referent])
    messages.answer = True
    tab._erase_referent()
    assert services.relays.get_relay(relay_id).referents[0].name == f"Référent effacé n° {referent}"
    assert "Effacé aussi dans les 2 copies" in messages.said[-1], messages.said


def test_a_backup_to_a_full_key_from_the_window_is_said_in_french(
    qtbot, window, services, messages, monkeypatch, tmp_path
):
    from tests.machine import files_under, sqlite_full_under

    usb = tmp_path / "usb"
    usb.mkdir()
    messages.path = str(usb)
    sqlite_full_under(monkeypatch, usb)
    assert safety_actions.backup_to_folder(window, services) is None
    assert "le disque est plein" in messages.said[-1] and str(usb) in messages.said[-1]
    assert files_under(usb) == []  # no « .partiel »
