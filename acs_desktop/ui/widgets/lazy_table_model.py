"""A table model for lists too big to load at once (a season's bookings at 300,000 invitations).

Its source gives the ordered ids of every row that matches the search, in one light query; the
rows themselves are fetched a page at a time, when the view first draws one of them. Sorting
and searching are the source's (in SQL): `SORT_KEYS` names, per column, the order the source
knows. The search looks in the text columns (and dates) shown, not in the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from acs_desktop.ui.widgets.table_model import ID_ROLE, RowsTableModel


class RowSource(Protocol):
    def ids(self, text: str, order: str | None, descending: bool) -> list[int]: ...

    def rows(self, ids: list[int]) -> list[Any]: ...


class LazyRowsTableModel(RowsTableModel):
    PAGE = 100  # a window shows about 30 rows
    SEARCH_DELAY_MS = 250  # a search is a query: wait for a pause in the typing
    SORT_KEYS: Sequence[str | None] = ()  # per column, the source's order (None: not sortable)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: RowSource | None = None
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._pages: dict[int, list[Any]] = {}
        self._order: str | None = None

    # --- data in --------------------------------------------------------------------------
    def set_source(self, source: RowSource | None) -> None:
        """Fetch the ids again (the store changed, or another season); rows follow when drawn."""
        self.beginResetModel()
        self._source = source
        self._fetch_ids()
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:  # pragma: no cover - a lazy list has a source
        raise TypeError("LazyRowsTableModel takes a source (set_source), not rows")

    def rows(self) -> list[Any]:
        """Every row listed (each page fetched): for small lists and tests only."""
        return [self.row_at(i) for i in range(len(self._ids))]

    def visible_rows(self) -> list[Any]:
        return self.rows()

    def row_at(self, row: int) -> Any:
        page = row // self.PAGE
        if page not in self._pages:
            ids = self._ids[page * self.PAGE : (page + 1) * self.PAGE]
            found = {getattr(r, self.ID_FIELD): r for r in self._source.rows(ids)} if self._source and ids else {}
            self._pages[page] = [found.get(i) for i in ids]  # None: deleted since the ids were read
        return self._pages[page][row % self.PAGE]

    def row_of_id(self, record_id: int) -> int | None:
        return self._position.get(record_id)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def loaded_pages(self) -> int:
        return len(self._pages)

    # --- search and sort, by the source ---------------------------------------------------
    def set_search(self, text: str) -> None:
        text = text.strip()
        if text == self._search:
            return
        self.beginResetModel()
        self._search = text
        self._fetch_ids()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS[column] if 0 <= column < len(self.SORT_KEYS) else None
        descending = order == Qt.SortOrder.DescendingOrder and key is not None
        if (key, descending) == (self._order, self._descending):
            return
        self.beginResetModel()
        self._order, self._descending = key, descending
        self._fetch_ids()
        self.endResetModel()

    def _fetch_ids(self) -> None:
        self._ids = self._source.ids(self._search, self._order, self._descending) if self._source else []
        self._position = {record_id: row for row, record_id in enumerate(self._ids)}
        self._pages = {}

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:  # selections read ids: no page to fetch
            return self._ids[index.row()]
        return None if self.row_at(index.row()) is None else super().data(index, role)
