"""Desks see each other: on a PostgreSQL store, a booking made at another desk reaches this
window's change signal within two seconds, without F5; this desk's own writes are not echoed."""

from acs_desktop.db.server import open_server_store
from acs_desktop.models import Base
from acs_desktop.services import Services
from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.events import Area
from acs_desktop.ui.live_refresh import TABLE_AREAS, changes_of
from acs_desktop.ui.main_window import MainWindow
from tests.conftest import FakeClock
from tests.factories import Factory


def test_every_table_belongs_to_a_part_of_the_window():
    assert {table.name for table in Base.metadata.sorted_tables} <= set(TABLE_AREAS)
    assert changes_of(frozenset({"invitation", "booking"})).areas == {Area.BOOKINGS}
    assert changes_of(frozenset({"a_table_of_a_newer_version"})).areas == set(Area)


def test_a_change_at_another_desk_shows_here_within_two_seconds(qtbot, server_store, tmp_path, messages):
    make_application()
    clock = FakeClock()
    services = Services(server_store, clock)
    make = Factory(services)
    season = make.season("2026-2027")
    performance = make.performance(make.convention(make.partner(), season.id), quota=10)
    relay = make.relay("Maison des Solidarités")
    window = MainWindow(services, window_settings(tmp_path), server_store.folder / "acs.sqlite")
    qtbot.addWidget(window)
    assert "Base partagée" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.live.feed.listening.is_set(), timeout=5000)

    other = open_server_store(server_store.address, tmp_path / "autre-poste")
    try:
        other_desk = Services(other, clock)
        with qtbot.waitSignal(window.events.changed, timeout=2000) as heard:
            Factory(other_desk).book(performance, relay, 2)
        assert Area.BOOKINGS in heard.args[0].areas
        assert Area.RELAYS not in heard.args[0].areas  # only the parts that changed reload

        with qtbot.assertNotEmitted(window.events.changed, wait=1500):
            make.book(performance, relay, 1)  # this desk's own write: announced by whoever made it, once
    finally:
        window.close()
        other.close()
    assert window.live is None or window.live.feed is None  # the feed stops with the window
