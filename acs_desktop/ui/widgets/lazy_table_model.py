"""A table model for lists too big to load at once (a network's season: 126,000 bookings).

Its source gives the ids of the rows that match the search a page at a time (the first with
their count), in the list's order, each page starting where the previous one ended
(`Page.after`, the last row's sort key: keyset paging); the model asks for the next page as the
view scrolls to the end of those listed (Qt's `canFetchMore`/`fetchMore`). The rows themselves
are fetched a page at a time, when the view first draws one of them. Sorting and searching are
the source's (in SQL): `SORT_KEYS` names, per column, the order the source knows. The search
looks in the text columns (and dates) shown, not in the counts.

Selecting a record not listed yet (a booking just made, found by its code) lists every row up
to it first (`row_of_id`); reloading lists as many rows as were listed before, so that the view
stays where it was and its selection with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from acs_desktop.ui.widgets.table_model import ID_ROLE, RowsTableModel


class Page(Protocol):
    ids: list[int]
    after: Any  # where the next page starts; None: the list ends with this page
    count: int | None  # how many rows the list has, when asked


class RowSource(Protocol):
    def page(
        self,
        text: str,
        order: str | None,
        descending: bool,
        after: Any,
        limit: int | None,
        through: int | None,
        counted: bool,
    ) -> Page:
        """`limit` ids after `after` (None: the first), or every one up to `through` (a record's
        id); `counted`: with the number of rows the list has."""

    def rows(self, ids: list[int]) -> list[Any]: ...


class LazyRowsTableModel(RowsTableModel):
    PAGE = 100  # a window shows about 30 rows
    SEARCH_DELAY_MS = 250  # a search is a query: wait for a pause in the typing
    SORT_KEYS: Sequence[str | None] = ()  # per column, the source's order (None: not sortable)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: RowSource | None = None
        self._count = 0  # the rows the source lists, counted when the list was read
        self._ids: list[int] = []  # those listed so far, in order
        self._after: Any = None  # where the next page starts; None: every row is listed
        self._position: dict[int, int] = {}
        self._pages: dict[int, list[Any]] = {}
        self._order: str | None = None

    # --- data in --------------------------------------------------------------------------
    def set_source(self, source: RowSource | None) -> None:
        """Read the list again (the store changed, or another season): as many rows as were
        listed (at least a page), the others as the view scrolls."""
        self.beginResetModel()
        self._source = source
        self._read(max(len(self._ids), self.PAGE))
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:  # pragma: no cover - a lazy list has a source
        raise TypeError("LazyRowsTableModel takes a source (set_source), not rows")

    def rows(self) -> list[Any]:
        """Every row of the list (all listed, each page fetched): for small lists and tests only."""
        if self.canFetchMore():
            assert self._source is not None
            self._append(self._source.page(self._search, self._order, self._descending, self._after, None, None, False))
        return [self.row_at(i) for i in range(len(self._ids))]

    def visible_rows(self) -> list[Any]:
        return self.rows()

    def listed_count(self) -> int:
        """How many rows the list has (not only those listed so far)."""
        return len(self._ids) if self._after is None else max(self._count, len(self._ids))

    def row_at(self, row: int) -> Any:
        page = row // self.PAGE
        if page not in self._pages:
            ids = self._ids[page * self.PAGE : (page + 1) * self.PAGE]
            found = {getattr(r, self.ID_FIELD): r for r in self._source.rows(ids)} if self._source and ids else {}
            self._pages[page] = [found.get(i) for i in ids]  # None: deleted since the ids were read
        return self._pages[page][row % self.PAGE]

    def row_of_id(self, record_id: int) -> int | None:
        """The record's row, listing the rows up to it first if it is further down the list."""
        if record_id not in self._position and self._after is not None and self._source is not None:
            page = self._source.page(self._search, self._order, self._descending, self._after, None, record_id, False)
            self._append(page)
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
        self._read(self.PAGE)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS[column] if 0 <= column < len(self.SORT_KEYS) else None
        descending = order == Qt.SortOrder.DescendingOrder and key is not None
        if (key, descending) == (self._order, self._descending):
            return
        self.beginResetModel()
        self._order, self._descending = key, descending
        self._read(self.PAGE, count=False)  # the same rows in another order: counted already
        self.endResetModel()

    def _read(self, limit: int, *, count: bool = True) -> None:
        """The first `limit` ids, and the count (inside a reset)."""
        self._ids, self._position, self._pages, self._after = [], {}, {}, None
        if self._source is None:
            self._count = 0
            return
        page = self._source.page(self._search, self._order, self._descending, None, limit, None, count)
        if page.count is not None:
            self._count = page.count
        self._take(page)

    def _take(self, page: Page) -> None:
        """Add the page's ids to those listed (a record already listed is not listed twice: its
        key changed between two pages)."""
        for record_id in page.ids:
            if record_id not in self._position:
                self._position[record_id] = len(self._ids)
                self._ids.append(record_id)
        if page.ids or page.after is None:
            self._after = page.after

    def _append(self, page: Page) -> None:
        """A page listed after the rows already there (rows inserted, for the view)."""
        new = [i for i in dict.fromkeys(page.ids) if i not in self._position]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(new) - 1)
        self._take(page)
        if new:
            self.endInsertRows()

    # --- Qt -------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._source is not None and self._after is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        self._append(
            self._source.page(self._search, self._order, self._descending, self._after, self.PAGE, None, False)
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:  # selections read ids: no page to fetch
            return self._ids[index.row()]
        return None if self.row_at(index.row()) is None else super().data(index, role)
