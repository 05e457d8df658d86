"""The list models sort and search themselves: what the view shows after a click on a column or
a search, and the selection that follows its records."""

from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from acs_desktop.ui.app import make_application
from acs_desktop.ui.widgets.records_view import RecordsView
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    places: int
    last: datetime | None


class ItemsModel(RowsTableModel):
    COLUMNS = (
        Column("Nom", lambda r: r.name),
        Column("Places", lambda r: str(r.places), sort=lambda r: r.places, numeric=True),
        Column("Dernière", lambda r: f"{r.last:%d/%m/%Y}" if r.last else "", sort=lambda r: r.last or ""),
    )


ITEMS = [
    Item(1, "Secours populaire", 10, datetime(2026, 3, 1)),
    Item(2, "CCAS de Rezé", 2, None),
    Item(3, "ccas d'Orvault", 10, datetime(2026, 1, 5)),
    Item(4, "Émergence", 9, datetime(2026, 2, 1)),
    Item(5, "Accueil de jour", 2, datetime(2025, 12, 24)),
]


@pytest.fixture
def view(qtbot):
    make_application()
    records = RecordsView(ItemsModel())
    qtbot.addWidget(records)
    records.set_rows(ITEMS)
    return records


def shown(view) -> list[int]:
    return [view.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(view.visible_count())]


def test_the_services_order_until_a_column_is_clicked(view):
    assert shown(view) == [1, 2, 3, 4, 5]


def test_numbers_sort_as_numbers_and_ties_keep_the_services_order(view):
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert shown(view) == [2, 5, 4, 1, 3]
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown(view) == [1, 3, 4, 2, 5]


def test_text_sorts_without_case_and_blanks_come_first(view):
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [view.model.row_at(r).name for r in range(5)] == [
        "Accueil de jour",
        "ccas d'Orvault",
        "CCAS de Rezé",
        "Secours populaire",
        "Émergence",
    ]
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert shown(view) == [2, 5, 3, 4, 1]


def test_the_services_order_comes_back(view):
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert shown(view) == [1, 2, 3, 4, 5]


def test_the_selection_follows_its_record_through_a_sort(view):
    view.select_ids([3])
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.selected_ids() == [3]
    assert view.current_row().name == "ccas d'Orvault"


def test_search_keeps_the_rows_containing_the_text_in_any_column_without_case(view, qtbot):
    qtbot.keyClicks(view.search, "ccas")
    assert shown(view) == [2, 3]
    view.search.setText("2026")  # a date as shown
    assert shown(view) == [1, 3, 4]
    view.search.setText("REZÉ")
    assert shown(view) == [2]
    view.search.clear()
    assert shown(view) == [1, 2, 3, 4, 5]


def test_search_and_sort_together_and_new_rows_keep_both(view):
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    view.search.setText("ccas")
    assert shown(view) == [3, 2]
    view.set_rows([*ITEMS, Item(6, "CCAS de Vertou", 50, None)])
    assert shown(view) == [6, 3, 2]


def test_a_selected_record_still_listed_stays_selected_after_a_search(view):
    view.select_ids([3])
    view.search.setText("ccas")
    assert view.selected_ids() == [3]
    view.search.setText("secours")
    assert view.selected_ids() == []
    assert view.model.rows() == ITEMS  # every row is kept, shown or not
