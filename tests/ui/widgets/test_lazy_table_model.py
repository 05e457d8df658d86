"""The season's bookings fetched by pages: every row is there when scrolled to, sorting and
searching are the source's, and the selection follows its records."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow
from acs_desktop.ui.widgets.lazy_table_model import LazyRowsTableModel
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import ID_ROLE, Column


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    size: int


class ItemsModel(LazyRowsTableModel):
    PAGE = 50
    COLUMNS = (Column("Nom", lambda r: r.name), Column("Taille", lambda r: str(r.size), numeric=True))
    SORT_KEYS = ("name", "size")


class Source:
    """1,000 items; records what it is asked."""

    def __init__(self):
        self.items = {i: Item(i, f"Relais {i:04d}", i % 7) for i in range(1, 1001)}
        self.asked_rows: list[int] = []
        self.asked_ids: list[tuple] = []

    def ids(self, text, order, descending):
        self.asked_ids.append((text, order, descending))
        found = [i for i in self.items.values() if text.casefold() in i.name.casefold()]
        if order:
            found.sort(key=lambda i: getattr(i, order), reverse=descending)
        return [i.id for i in found]

    def rows(self, ids):
        self.asked_rows += ids
        return [self.items[i] for i in ids if i in self.items]


@pytest.fixture
def source():
    return Source()


@pytest.fixture
def view(qtbot, source):
    make_application()
    records = RecordsView(ItemsModel())
    qtbot.addWidget(records)
    records.resize(400, 300)
    records.show()
    records.set_source(source)
    qtbot.waitExposed(records)
    return records


def test_only_the_pages_drawn_are_fetched_and_every_row_is_there_when_scrolled(view, source, qtbot):
    model = view.model
    assert model.rowCount() == 1000
    assert model.loaded_pages() == 1 and len(source.asked_rows) == 50
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded_pages() >= 2)  # drawn at the next turn of the event loop
    assert model.loaded_pages() == 2  # the first page and the last
    assert [model.index(row, 0).data() for row in range(1000)] == [f"Relais {i:04d}" for i in range(1, 1001)]
    assert sorted(source.asked_rows) == list(range(1, 1001))  # each row fetched once


def test_a_row_deleted_since_the_ids_were_read_shows_empty(view, source):
    del source.items[120]
    view.model.set_source(source)
    del source.items[130]
    assert view.model.index(128, 0).data() is None  # 120 left out when the ids were read; 130 gone since
    assert view.model.index(127, 0).data() == "Relais 0129"
    assert view.model.index(128, 0).data(ID_ROLE) == 130
    assert view.model.index(129, 0).data() == "Relais 0131"


def test_sorting_asks_the_source_and_the_selection_follows(view, source):
    view.select_ids([10])
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert source.asked_ids[-1] == ("", "size", True)
    assert view.selected_ids() == [10] and view.current_row().id == 10
    assert [view.model.row_at(r).size for r in range(0, 1000, 100)] == sorted(
        (view.model.row_at(r).size for r in range(0, 1000, 100)), reverse=True
    )
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert source.asked_ids[-1] == ("", None, False)
    assert view.model.row_at(0).id == 1


def test_search_waits_for_a_pause_in_the_typing_then_asks_the_source_once(view, source, qtbot):
    asked = len(source.asked_ids)
    qtbot.keyClicks(view.search, "relais 01")
    assert view.visible_count() == 1000  # not yet: the user is typing
    qtbot.waitUntil(lambda: view.visible_count() == 100, timeout=2000)
    assert source.asked_ids[asked:] == [("relais 01", None, False)]


def test_a_selected_record_still_found_stays_selected(view):
    view.select_ids([105])
    view.search.setText("0105")
    view.apply_search()
    assert view.selected_ids() == [105]


@pytest.fixture
def window(qtbot, demo_services, demo_store, tmp_path):
    make_application()
    win = MainWindow(demo_services, window_settings(tmp_path), demo_store.path)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentIndex(3)
    qtbot.waitExposed(win)
    return win


def test_the_invitations_tab_lists_every_booking_of_the_season_and_searches_them(window, demo_services, qtbot):
    view = window.tab_pages[3].view
    season_id = window.current_season_id()
    everything = demo_services.booking_lists.list_bookings(season_id)
    assert view.model.rows() == everything
    relay = [c.title for c in view.model.COLUMNS].index("Relais")
    view.table.sortByColumn(relay, Qt.SortOrder.AscendingOrder)
    assert [r.relay_name.casefold() for r in view.model.rows()] == sorted(b.relay_name.casefold() for b in everything)
    qtbot.keyClicks(view.search, "ccas")
    qtbot.waitUntil(lambda: view.visible_count() < len(everything), timeout=2000)
    assert {r.id for r in view.model.rows()} == {
        b.id for b in everything if "ccas" in (b.relay_name + b.show_title).casefold()
    }


def test_each_column_of_the_invitations_tab_sorts_by_what_it_shows(window, demo_services):
    view = window.tab_pages[3].view
    shown = {"N°": "number", "Date": "date", "Heure": "time", "Spectacle": "show", "Relais": "relay"}
    for column, title in enumerate(c.title for c in view.model.COLUMNS):
        if title in shown:
            assert view.model.SORT_KEYS[column] == shown[title]
    assert len(view.model.SORT_KEYS) == len(view.model.COLUMNS)
