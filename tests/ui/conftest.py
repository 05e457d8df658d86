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
    recorded = Messages()
    from acs_desktop.ui import conventions_tab, invitations_tab, offers_tab, relays_tab
    from acs_desktop.ui.widgets import actions

    for module in (actions, conventions_tab, invitations_tab, offers_tab, relays_tab):
        if hasattr(module, "inform"):
            monkeypatch.setattr(module, "inform", recorded.inform)
        if hasattr(module, "confirm"):
            monkeypatch.setattr(module, "confirm", recorded.confirm)
    monkeypatch.setattr(actions, "refuse", lambda _p, message, title="Impossible": recorded.said.append(f"{title}: {message}"))
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
