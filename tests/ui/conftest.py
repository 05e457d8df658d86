"""GUI fixtures: a main window on a fresh store, blocking message boxes answered automatically."""

import pytest

from acs_desktop.ui import widgets
from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow


class Messages:
    """Stands in for the blocking boxes: records what was said, answers questions."""

    def __init__(self):
        self.said: list[str] = []
        self.answer = True

    def inform(self, _parent, title, message):
        self.said.append(f"{title}: {message}")

    def confirm(self, _parent, title, question, **_kwargs):
        self.said.append(f"{title}: {question}")
        return self.answer


@pytest.fixture
def messages(monkeypatch):
    """Every module of the window that imported `inform`, `confirm` or `refuse` gets the stand-ins."""
    import sys

    from acs_desktop.ui.widgets import actions

    recorded = Messages()
    stand_ins = {
        "inform": recorded.inform,
        "confirm": recorded.confirm,
        "refuse": lambda _p, message, title="Impossible": recorded.said.append(f"{title}: {message}"),
    }
    originals = {name: getattr(actions, name) for name in stand_ins}
    from acs_desktop.ui.main_window import tab_classes

    tab_classes()  # loads every tab, dialog and action module (the window's frame alone loads none)

    for module in [m for name, m in sys.modules.items() if name.startswith("acs_desktop.ui")]:
        for name, stand_in in stand_ins.items():
            if getattr(module, name, None) is originals[name]:
                monkeypatch.setattr(module, name, stand_in)
    assert widgets  # the package is importable
    return recorded


@pytest.fixture
def window(qtbot, services, store, tmp_path, messages):
    make_application()
    win = MainWindow(services, window_settings(tmp_path), store.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def events_stub(qtbot):
    from acs_desktop.ui.events import AppEvents

    make_application()
    return AppEvents()


def laptop_window(qtbot, services, store, tmp_path) -> MainWindow:
    """The window on `services`, shown at a laptop's 1366×768 and active (it takes the keys)."""
    make_application()
    win = MainWindow(services, window_settings(tmp_path), store.path)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def demo_window(qtbot, demo_services, demo_store, tmp_path, messages):
    return laptop_window(qtbot, demo_services, demo_store, tmp_path)
