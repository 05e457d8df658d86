"""The window without a mouse: Tab leaves a list and reaches every button and panel of a tab, and
the shortcuts the README lists do what it says."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar, QTableView

README = Path(__file__).resolve().parents[2] / "README.md"
LIST_TABS = (0, 1, 2, 3)  # Conventions, Offres, Relais, Invitations
MAX_PRESSES = 60


def press_tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def shown_tab(window, index):
    window.show_tab(index)  # the window opens on « À faire », before the tabs
    page = window.tab_pages[index]
    page.view.table.selectRow(0)  # a selected row: its buttons are enabled, its details shown
    QApplication.processEvents()
    return page


@pytest.mark.parametrize("index", LIST_TABS)
def test_tab_leaves_the_list_at_once(qtbot, demo_window, index):
    page = shown_tab(demo_window, index)
    page.view.table.setFocus()
    assert QApplication.focusWidget() is page.view.table
    press_tab(qtbot)
    assert QApplication.focusWidget() is not page.view.table


def reachable(page) -> list:
    """What a keyboard must reach: each enabled button and each list shown in the tab (a tab
    bar's own scroll arrows excepted: the tab bar takes the arrow keys)."""
    buttons = [
        b
        for b in page.findChildren(QAbstractButton)
        if b.isVisibleTo(page) and b.isEnabled() and not isinstance(b.parent(), QTabBar)
    ]
    tables = [t for t in page.findChildren(QTableView) if t.isVisibleTo(page)]
    return buttons + tables


@pytest.mark.parametrize("index", LIST_TABS)
def test_tab_reaches_every_button_and_list_of_a_tab(qtbot, demo_window, index):
    page = shown_tab(demo_window, index)
    page.view.table.setFocus()
    visited = set()
    for _ in range(MAX_PRESSES):
        press_tab(qtbot)
        visited.add(id(QApplication.focusWidget()))
        if QApplication.focusWidget() is page.view.table:
            break  # round the whole window
    missed = [
        (w.text() if hasattr(w, "text") else "") or type(w).__name__ for w in reachable(page) if id(w) not in visited
    ]
    assert missed == []


def test_an_empty_date_does_not_keep_the_keyboard(qtbot, demo_window):
    offers = shown_tab(demo_window, 1)
    offers.date_from.setFocus()
    assert offers.date_from.value() is None  # shows "—"
    press_tab(qtbot)
    assert QApplication.focusWidget() is offers.date_to


def shortcuts_of(widget) -> set[str]:
    return {a.shortcut().toString() for a in widget.actions() if not a.shortcut().isEmpty()}


def test_the_shortcuts_the_readme_lists_exist(demo_window):
    readme = README.read_text(encoding="utf-8")
    for listed in (
        "`Ctrl+N`",
        "`Ctrl+E`",
        "`Suppr`",
        "`Ctrl+F`",
        "`Ctrl+R`",
        "`Ctrl+K`",
        "`Ctrl+1` … `Ctrl+5`",
        "`F5`",
        "`Ctrl+Q`",
    ):
        assert listed in readme
    conventions, offers, relays, invitations, _review = (shortcuts_of(page) for page in demo_window.tab_pages)
    for tab in (conventions, offers, relays, invitations):
        assert {"Ctrl+N", "Ctrl+F", "Del"} <= tab  # new, search, delete or cancel
    for tab in (conventions, offers, relays):
        assert "Ctrl+E" in tab
    assert "Ctrl+R" in offers and "Ctrl+R" in invitations
    assert "Ctrl+K" in invitations
    window_keys = {
        a.shortcut().toString()
        for a in demo_window.findChildren(type(demo_window.menus[0].menuAction()))
        if not a.shortcut().isEmpty()
    }
    assert {f"Ctrl+{n}" for n in range(1, 6)} <= window_keys
    assert "F5" in window_keys
    assert "Ctrl+Q" in window_keys


def test_ctrl_digits_change_tab(qtbot, demo_window):
    for n in (5, 2, 1):
        qtbot.keyClick(demo_window, Qt.Key(Qt.Key.Key_0.value + n), Qt.KeyboardModifier.ControlModifier)
        assert demo_window.tabs.currentIndex() == n - 1
