"""A searchable, sortable list: a search field above a table view over a `RowsTableModel`.

The model sorts and filters itself (see `table_model`); a model that searches in the store
(`LazyRowsTableModel`) asks to wait for a pause in the typing (`SEARCH_DELAY_MS`).

The names (the columns marked `stretch`) share the spare width, and shrink first on a small
screen down to `NAME_FLOOR` (past it the list scrolls sideways: QHeaderView's own Stretch mode
would squeeze them to a few letters); the other columns fit their content and can be widened by
hand. Tab leaves the list
(arrows move in it), so that the keyboard reaches the buttons and panels around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.french import quantity
from acs_desktop.ui.widgets.table_model import ID_ROLE, ROW_ROLE, RowsTableModel, stretched_columns

FIT_ROWS = 40  # columns fit their title and the first rows, not 10,000
NAME_FLOOR = 160  # a name column is never narrower than this (or than its widest name, if less)


class RecordsView(QWidget):
    """Emits `activated(id)` on double-click or Enter; `selection_changed()` when the selection moves."""

    activated = Signal(int)
    selection_changed = Signal()

    def __init__(
        self, model: RowsTableModel, *, placeholder: str = "Rechercher…", counted: str | None = None, parent=None
    ):
        """`counted`: what a row is (« réservation »), to say beside the search how many the list
        has (a list read by pages shows no more than its first rows)."""
        super().__init__(parent)
        self.model = model
        self._counted = counted
        self._sized = False
        self._kept: list[int] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(getattr(model, "SEARCH_DELAY_MS", 0))
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._on_search_typed)

        self.table = QTableView(self)
        self.table.setModel(model)
        # After the view's own: the selection model has cleared itself when `_after_reset` selects again.
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._after_reset)
        self.count = QLabel(self)
        self.count.setVisible(counted is not None)
        if counted is not None:
            model.modelReset.connect(self._show_count)
            model.rowsInserted.connect(self._show_count)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next button, not the next cell
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self._stretched = stretched_columns(model.COLUMNS)
        self._floors = dict.fromkeys(self._stretched, NAME_FLOOR)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        above = QHBoxLayout()
        above.addWidget(self.search, 1)
        above.addWidget(self.count)
        layout.addLayout(above)
        layout.addWidget(self.table)

    def set_rows(self, rows) -> None:
        self.model.set_rows(rows)

    def set_source(self, source) -> None:
        """For a `LazyRowsTableModel`: list what `source` gives (ids now, rows when drawn)."""
        self.model.set_source(source)

    def _remember_selection(self) -> None:
        self._kept = self.selected_ids()

    def _after_reset(self) -> None:
        """New rows, a search or a sort: the records selected before stay selected if still listed."""
        if self.model.rowCount() and not self._sized:
            self.fit_columns()
        self.select_ids(self._kept)

    def _show_count(self, *_args) -> None:
        assert self._counted is not None
        self.count.setText(quantity(self.visible_count(), self._counted))

    def _on_search_typed(self, _text: str) -> None:
        if self._search_timer.interval():
            self._search_timer.start()  # a pause in the typing first
        else:
            self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.share_spare_width()
        return super().eventFilter(watched, event)

    def share_spare_width(self) -> None:
        """The names take what the other columns leave of the list's width."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c not in self._floors and not header.isSectionHidden(c)
        )
        shown = [c for c in self._floors if c < header.count() and not header.isSectionHidden(c)]
        if not shown:
            return
        share, extra = divmod(self.table.viewport().width() - others, len(shown))
        for rank, column in enumerate(shown):
            width = max(share + (rank < extra), self._floors[column])
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def fit_columns(self, maximum: int = 320) -> None:
        """Columns as wide as their title and the first rows' text, within `maximum` (the
        names share what is left)."""
        self._sized = True
        header = self.table.horizontalHeader()
        metrics = QFontMetrics(self.table.font())
        rows = min(self.model.rowCount(), FIT_ROWS)
        for column in range(self.model.columnCount()):
            texts = (self.model.index(row, column).data() or "" for row in range(rows))
            widest = max((metrics.horizontalAdvance(str(text)) for text in texts), default=0)
            width = min(max(header.sectionSizeHint(column), widest + 20), maximum)  # the title's hint has its margins
            if column in self._floors:
                self._floors[column] = min(width, NAME_FLOOR)
            else:
                self.table.setColumnWidth(column, width)
        self.share_spare_width()

    def restore_columns(self, state) -> None:
        """Column widths and order saved from a previous session (kept over `fit_columns`)."""
        if self.table.horizontalHeader().restoreState(state):
            self._sized = True
            header = self.table.horizontalHeader()
            header.setStretchLastSection(False)  # a state saved before the names took the spare width
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.share_spare_width()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(ID_ROLE) for index in rows]

    def selected_rows(self) -> list:
        return [index.data(ROW_ROLE) for index in self.table.selectionModel().selectedRows()]

    def current_row(self):
        """The first row selected (only its row read: « select all » on a long list reads no other)."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for record_id in ids:
            source_row = self.model.row_of_id(record_id)
            if source_row is None:
                continue
            index = self.model.index(source_row, 0)
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            selection.select(index, flags)
            if first:
                self.table.scrollTo(index)
                first = False

    def visible_count(self) -> int:
        """How many rows the list has (searched), listed or still to list as it scrolls."""
        return self.model.listed_count()

    def _on_double_click(self, index) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.activated.emit(record_id)
