"""A read-only Qt table model over a list of frozen dataclasses, described by columns.

Each tab's model is a subclass that only lists its columns; rows come from a service call and
are replaced all at once with `set_rows` (begin/endResetModel). The id of a row is exposed in
`ID_ROLE`, and `SORT_ROLE` gives a value that sorts right (numbers as numbers, dates as dates).
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


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    numeric: bool = False
    tip: str = ""


class RowsTableModel(QAbstractTableModel):
    COLUMNS: Sequence[Column] = ()
    ID_FIELD = "id"  # the attribute of a row that identifies it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    # --- data in --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if getattr(r, self.ID_FIELD, None) == record_id), None)

    def is_muted(self, row: Any) -> bool:
        """Rows shown in grey (archived, inactive, cancelled). Subclasses say which."""
        return False

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
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            key = column.sort(row) if column.sort else column.text(row)
            return key.casefold() if isinstance(key, str) else key
        if role == ID_ROLE:
            return getattr(row, self.ID_FIELD, None)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_muted(row):
            return GREY
        return None
