"""A searchable, sortable list: a search field above a table view over a `RowsTableModel`."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from acs_desktop.ui.table_model import ID_ROLE, ROW_ROLE, SORT_ROLE, RowsTableModel


class RecordsView(QWidget):
    """Emits `activated(id)` on double-click or Enter; `selection_changed()` when the selection moves."""

    activated = Signal(int)
    selection_changed = Signal()

    def __init__(self, model: RowsTableModel, *, placeholder: str = "Rechercher…", parent=None):
        super().__init__(parent)
        self.model = model
        self._sized = False
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(60)  # fit columns on the first rows, not on 10 000
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

    def set_rows(self, rows) -> None:
        selected = self.selected_ids()
        self.model.set_rows(rows)
        if rows and not self._sized:
            self.fit_columns()
        self.select_ids(selected)

    def fit_columns(self, maximum: int = 320) -> None:
        """Columns as wide as their title and content (the first rows), within `maximum`."""
        self._sized = True
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            hint = max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))
            self.table.setColumnWidth(column, min(hint + 12, maximum))

    def restore_columns(self, state) -> None:
        """Column widths and order saved from a previous session (kept over `fit_columns`)."""
        if self.table.horizontalHeader().restoreState(state):
            self._sized = True

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(ID_ROLE) for index in rows]

    def selected_rows(self) -> list:
        return [index.data(ROW_ROLE) for index in self.table.selectionModel().selectedRows()]

    def current_row(self):
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for record_id in ids:
            source_row = self.model.row_of_id(record_id)
            if source_row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            selection.select(index, flags)
            if first:
                self.table.scrollTo(index)
                first = False

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    def _on_double_click(self, index) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.activated.emit(record_id)
