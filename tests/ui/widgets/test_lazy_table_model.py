"""The season's bookings listed by pages: the first page and the count at once, the next pages as
the list scrolls, every row there when scrolled to, sorting and searching the source's, and the
selection following its records (listed up to them if need be)."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

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


@dataclass(frozen=True)
class Page:
    ids: list[int]
    after: tuple | None
    count: int | None = None


class ItemsModel(LazyRowsTableModel):
    PAGE = 50
    COLUMNS = (Column("Nom", lambda r: r.name), Column("Taille", lambda r: str(r.size), numeric=True))
    SORT_KEYS = ("name", "size")


class Source:
    """1,000 items, read by pages as the service does (each page after the previous one's last
    key); records what it is asked."""

    def __init__(self):
        self.items = {i: Item(i, f"Relais {i:04d}", i % 7) for i in range(1, 1001)}
        self.asked_rows: list[int] = []
        self.asked_pages: list[tuple] = []
        self.counted: list[str] = []

    def _listed(self, text, order, descending):
        found = [i for i in self.items.values() if text.casefold() in i.name.casefold()]
        key = (lambda i: (getattr(i, order), i.id)) if order else (lambda i: (i.id,))
        return sorted(found, key=key, reverse=descending), key

    def page(self, text, order, descending, after, limit, through, counted):
        self.asked_pages.append((text, order, descending, limit, through))
        if counted:
            self.counted.append(text)
        listed, key = self._listed(text, order, descending)
        count = len(listed) if counted else None
        if after is not None:
            listed = [i for i in listed if (key(i) < after if descending else key(i) > after)]
        if through is not None:
            ids = [i.id for i in listed]
            if through not in ids:
                return Page([], after, count)
            listed = listed[: ids.index(through) + 1]
            return Page([i.id for i in listed], key(listed[-1]) if listed else after, count)
        more = limit is not None and len(listed) > limit
        listed = listed[:limit] if limit is not None else listed
        return Page([i.id for i in listed], key(listed[-1]) if more else None, count)

    def rows(self, ids):
        self.asked_rows += ids
        return [self.items[i] for i in ids if i in self.items]


@pytest.fixture
def source():
    return Source()


@pytest.fixture
def view(qtbot, source):
    make_application()
    records = RecordsView(ItemsModel(), counted="ligne")
    qtbot.addWidget(records)
    records.resize(400, 300)
    records.show()
    records.set_source(source)
    qtbot.waitExposed(records)
    return records


def test_the_first_page_and_the_count_at_once_then_more_as_the_list_scrolls(view, source, qtbot):
    model = view.model
    assert model.rowCount() == 50 and view.visible_count() == 1000
    assert view.count.text() == "1\u202f000 lignes"
    assert len(source.asked_pages) == 1 and model.loaded_pages() == 1 and len(source.asked_rows) == 50
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 50)  # the view asks for more at the end of the rows listed
    assert model.rowCount() == 100 and source.asked_pages[-1] == ("", None, False, 50, None)
    scroll = view.table.verticalScrollBar()
    while model.rowCount() < 1000:  # scrolled to the end, page after page
        qtbot.waitUntil(lambda: scroll.value() < scroll.maximum())  # the rows added make room below
        listed = model.rowCount()
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda n=listed: model.rowCount() > n)
    assert not model.canFetchMore()
    assert [model.index(row, 0).data() for row in range(1000)] == [f"Relais {i:04d}" for i in range(1, 1001)]
    assert sorted(source.asked_rows) == list(range(1, 1001))  # each row fetched once
    assert view.count.text() == "1\u202f000 lignes"


def test_the_keyboard_goes_on_past_the_rows_listed(view, qtbot):
    view.table.setFocus()
    view.select_ids([1])
    view.table.setCurrentIndex(view.model.index(0, 0))
    for _ in range(60):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.current_row().id == 61 and view.model.rowCount() >= 100


def test_a_row_deleted_since_the_ids_were_read_shows_empty(view, source):
    del source.items[20]
    view.model.set_source(source)
    del source.items[30]
    assert view.model.index(28, 0).data() is None  # 20 left out when the ids were read; 30 gone since
    assert view.model.index(27, 0).data() == "Relais 0029"
    assert view.model.index(28, 0).data(ID_ROLE) == 30
    assert view.model.index(29, 0).data() == "Relais 0031"


def test_a_record_added_between_two_pages_is_listed_once_where_it_sorts(view, source):
    model = view.model
    source.items[1001] = Item(1001, "Relais 1001", 3)  # after the first page
    source.items[0] = Item(0, "Relais 0000", 3)  # before it: seen at the next reading
    assert [r.id for r in model.rows()] == list(range(1, 1002))
    model.set_source(source)
    assert model.row_at(0).id == 0 and view.visible_count() == 1002


def test_sorting_asks_the_source_and_the_selection_follows(view, source):
    view.select_ids([10])
    counted = len(source.counted)
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert source.asked_pages[-1][:3] == ("", "size", True)
    assert len(source.counted) == counted  # the same rows in another order: not counted again
    assert view.selected_ids() == [10] and view.current_row().id == 10  # listed up to it, then selected
    sizes = [view.model.row_at(r).size for r in range(view.model.rowCount())]
    assert sizes == sorted(sizes, reverse=True)
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert source.asked_pages[-1][:3] == ("", None, False)
    assert view.model.row_at(0).id == 1


def test_selecting_a_record_further_down_lists_the_rows_up_to_it_in_one_reading(view, source):
    asked = len(source.asked_pages)
    view.select_ids([777])
    assert source.asked_pages[asked] == ("", None, False, None, 777)
    assert view.model.id_at(776) == 777 and view.selected_ids() == [777]
    listed = view.model.rowCount()  # and maybe a page more: scrolled to it, the view is at the end
    view.select_ids([5000])  # not in the list: nothing more listed
    assert view.model.rowCount() == listed and view.selected_ids() == []


def test_reading_again_keeps_the_rows_listed_and_the_selection(view, source):
    view.select_ids([420])
    listed = view.model.rowCount()
    view.model.set_source(source)  # the store changed (another desk booked): read again
    assert view.model.rowCount() == listed and view.selected_ids() == [420]
    assert ("", None, False, listed, None) in source.asked_pages


def test_select_all_reads_no_row_but_the_first(view, source):
    view.model.rows()
    view.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    asked = len(source.asked_rows)
    view.model.set_source(source)
    view.table.selectAll()
    assert len(view.selected_ids()) == 1000 and view.current_row() is not None
    assert len(source.asked_rows) - asked <= 2 * ItemsModel.PAGE  # the first page's rows only (drawn)


def test_search_waits_for_a_pause_in_the_typing_then_asks_the_source_once(view, source, qtbot):
    asked = len(source.asked_pages)
    qtbot.keyClicks(view.search, "relais 01")
    assert view.visible_count() == 1000  # not yet: the user is typing
    qtbot.waitUntil(lambda: view.visible_count() == 100, timeout=2000)
    assert [p[:3] for p in source.asked_pages[asked:]] == [("relais 01", None, False)]
    assert source.counted[-1] == "relais 01" and view.count.text() == "100 lignes"


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
    assert view.model.rowCount() < len(everything) == view.visible_count()  # the first page, and the count
    assert view.count.text() == f"{len(everything)} réservations"
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
