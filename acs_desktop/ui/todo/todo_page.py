"""« À faire »: the page the window opens on, what waits for the director this morning.

The lines come grouped from `services.todo` (most urgent first, a count per group); a click (or
Entrée) on a line asks the window to open its place (`open_requested` carries the line's
`TodoTarget`): the page knows the lines, the window knows its tabs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from acs_desktop.domain.french import quantity
from acs_desktop.services.todo import TodoGroup, TodoPlace, TodoTarget, TodoUrgency
from acs_desktop.ui.events import Area
from acs_desktop.ui.widgets.season_tab import SeasonTab

NOTHING = "Rien à faire aujourd'hui."
# Where each line is acted on, said in the list (another part may add its own: `PLACES[place] = …`).
PLACES = {
    TodoPlace.CONVENTION: "Conventions",
    TodoPlace.BOOKING: "Invitations › Billets à éditer",
    TodoPlace.WAITING: "Invitations › Liste d'attente",
    TodoPlace.ATTENDANCE: "Invitations › Présence à relever",
    TodoPlace.WARNING: "Invitations › Relais à prévenir",
    TodoPlace.BACKUP: "Fichier › Sauvegarder vers…",
    TodoPlace.RELAY: "Relais",
    TodoPlace.IMPORTED_FORM: "Lignes refusées, puis « vu »",
}
TARGET_ROLE = Qt.ItemDataRole.UserRole


class TodoTree(QTreeWidget):
    """The lines under their groups; a click or Entrée on a line opens it."""

    opened = Signal(object)  # a TodoTarget

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Ce qui attend", "Où agir"])
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setStyleSheet("QTreeView::item { padding: 3px 0; }")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(lambda item, _column: self._open(item))

    def keyPressEvent(self, event) -> None:
        current = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self._open(current)
        else:
            super().keyPressEvent(event)

    def _open(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, TARGET_ROLE)
        if isinstance(target, TodoTarget):
            self.opened.emit(target)

    def set_groups(self, groups: list[TodoGroup]) -> None:
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for group in groups:
            urgent = group.urgency is TodoUrgency.NOW
            heading = QTreeWidgetItem([group.title + (" — urgent" if urgent else "")])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a title, not a line to open
            self.addTopLevelItem(heading)
            for line in group.items:
                item = QTreeWidgetItem([line.text, PLACES.get(line.target.place, "")])
                item.setData(0, TARGET_ROLE, line.target)
                item.setToolTip(
                    0, f"{line.text}\nCliquer (ou Entrée) pour y aller : {PLACES.get(line.target.place, '')}"
                )
                heading.addChild(item)
            heading.setExpanded(True)

    def lines(self) -> list[QTreeWidgetItem]:
        """The lines that open a place, in the order shown (a test clicks them)."""
        found: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            lines = (group.child(j) for j in range(group.childCount())) if group is not None else ()
            found.extend(line for line in lines if line is not None)
        return found


class TodoPage(SeasonTab):
    title = "À faire"
    # Every part: bookings, conventions, partners' and relays' names, the seasons, the reminder's setting.
    shows = frozenset(Area)
    open_requested = Signal(object)  # a TodoTarget

    def __init__(self, services, events, parent=None):
        super().__init__(services, events, parent)
        self.groups: list[TodoGroup] = []
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.tree = TodoTree()
        self.tree.setObjectName("todoList")
        self.tree.opened.connect(self.open_requested)
        self.nothing = QLabel(NOTHING)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.nothing.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.nothing.setFont(font)
        self.body = QStackedWidget()
        self.body.addWidget(self.tree)
        self.body.addWidget(self.nothing)
        hint = QLabel("Ctrl+1 … Ctrl+5 : les onglets · Ctrl+0 : revenir à cette page")
        hint.setEnabled(False)  # said in grey
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(hint)

    def reload(self) -> None:
        self.groups = self.services.todo.groups(self.season_id) if self.season_id is not None else []
        self.tree.set_groups(self.groups)
        self.body.setCurrentWidget(self.tree if self.groups else self.nothing)
        lines = self.line_count()
        urgent = sum(1 for g in self.groups for i in g.items if i.urgency is TodoUrgency.NOW)
        summary = ""
        if lines:
            first = f" {quantity(urgent, 'ligne urgente', 'lignes urgentes')} en tête." if urgent else ""
            summary = (
                f"{quantity(lines, 'chose attend', 'choses attendent')}. Cliquez sur une ligne pour y aller.{first}"
            )
        self.heading.setText(f"<h2>À faire</h2>{summary}")

    def line_count(self) -> int:
        return sum(len(g.items) for g in self.groups)
