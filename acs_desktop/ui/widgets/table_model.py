"""A read-only Qt table model over a list of frozen dataclasses, described by columns.

Each tab's model is a subclass that only lists its columns; rows come from a service call and
are replaced all at once with `set_rows` (begin/endResetModel). The id of a row is exposed in
`ID_ROLE`, and `SORT_ROLE` gives a value that sorts right (numbers as numbers, dates as dates).

The model sorts and filters its rows itself, in Python, once per click or search: a
QSortFilterProxyModel would call `data()` through Python for every comparison (3.4 s to sort
12,600 bookings, 2 s to filter them). Sorting is stable (ties keep the service's order); the
search keeps the rows whose shown text, in any column, contains the words typed
(case-insensitive). Each change resets the model: the view (`RecordsView`) selects again the
records that were selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
GREY = QBrush(QColor("#777777"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    numeric: bool = False
    tip: str = ""
    stretch: bool = False  # a name: the column takes the list's spare width (and gives it back)


def stretched_columns(columns: Sequence[Column]) -> list[int]:
    """The columns that share a list's spare width: those marked, else the first text column."""
    marked = [i for i, c in enumerate(columns) if c.stretch]
    if marked:
        return marked
    return next(([i] for i, c in enumerate(columns) if not c.numeric), [len(columns) - 1] if columns else [])


def sort_value(column: Column, row: Any) -> Any:
    key = column.sort(row) if column.sort else column.text(row)
    return key.casefold() if isinstance(key, str) else key


def sorted_positions(keys: list[Any], descending: bool) -> list[int]:
    """Positions of `keys` in sorted order, stable; blanks (None, "") first; a column whose
    values cannot be compared with each other is sorted by their text."""
    wrapped = [(0, "") if k is None or k == "" else (1, k) for k in keys]
    try:
        return sorted(range(len(keys)), key=wrapped.__getitem__, reverse=descending)
    except TypeError:
        wrapped = [(0, "") if k is None or k == "" else (1, str(k)) for k in keys]
        return sorted(range(len(keys)), key=wrapped.__getitem__, reverse=descending)


class RowsTableModel(QAbstractTableModel):
    COLUMNS: Sequence[Column] = ()
    ID_FIELD = "id"  # the attribute of a row that identifies it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[Any] = []  # as the service gave them
        self._rows: list[Any] = []  # shown: filtered, then sorted
        self._search = ""
        self._sort_column = -1
        self._descending = False
        self._haystacks: list[str] | None = None  # each row's shown text, computed at the first search

    # --- data in --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._haystacks = None
        self._rows = self._arranged()
        self.endResetModel()

    def rows(self) -> list[Any]:
        """Every row, shown or not, in the service's order."""
        return list(self._all)

    def visible_rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def listed_count(self) -> int:
        """How many rows are shown (searched)."""
        return len(self._rows)

    def row_of_id(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if getattr(r, self.ID_FIELD, None) == record_id), None)

    def is_muted(self, row: Any) -> bool:
        """Rows shown in grey (archived, inactive, cancelled). Subclasses say which."""
        return False

    # --- search and sort ------------------------------------------------------------------
    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Show only the rows containing `text` in a column (the selection is the view's to keep)."""
        text = text.strip()
        if text == self._search:
            return
        self.beginResetModel()
        self._search = text
        self._rows = self._arranged()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Called by the view's header; -1 gives back the service's order."""
        self.beginResetModel()  # not layoutChanged: PySide6 6.12's emit() from Python leaks a reference to True
        self._sort_column = column if 0 <= column < len(self.COLUMNS) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._rows = self._arranged()
        self.endResetModel()

    def _arranged(self) -> list[Any]:
        rows = self._all
        if self._search:
            needle = self._search.casefold()
            rows = [row for row, text in zip(rows, self._haystack(), strict=True) if needle in text]
        if self._sort_column >= 0:
            column = self.COLUMNS[self._sort_column]
            rows = [rows[i] for i in sorted_positions([sort_value(column, row) for row in rows], self._descending)]
        return list(rows)

    def _haystack(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = ["\n".join(c.text(row) for c in self.COLUMNS).casefold() for row in self._all]
        return self._haystacks

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # most calls: first, and nothing else computed
            return self.COLUMNS[index.column()].text(self.row_at(index.row()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.COLUMNS[index.column()].numeric else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return GREY if self.is_muted(self.row_at(index.row())) else None
        if role == ID_ROLE:
            return getattr(self.row_at(index.row()), self.ID_FIELD, None)
        if role == ROW_ROLE:
            return self.row_at(index.row())
        if role == SORT_ROLE:
            return sort_value(self.COLUMNS[index.column()], self.row_at(index.row()))
        return None
