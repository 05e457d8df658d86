"""GUI fixtures: a main window on a fresh store, blocking message boxes and file dialogs answered automatically."""

from collections import defaultdict

import pytest
from PySide6.QtWidgets import QApplication

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow
from acs_desktop.ui.widgets.messages import Messages, use_messages
from tests.conftest import drain_background_work


class RecordedMessages(Messages):
    """Stands in for the blocking dialogs: records what was said, answers the questions and the
    choices of a file or a folder as the test set them."""

    def __init__(self):
        self.said: list[str] = []  # « title: text » of every box and question, in order
        self.boxes: dict[str, list[tuple[str, str]]] = defaultdict(list)  # kind → (title, text)
        self.answer = True  # to every yes/no question
        self.chosen: str | None = None  # the button pressed in a choice (None: « Annuler »)
        self.typed = ""  # the line typed when a text is asked (then « OK »)
        self.path = ""  # the file or folder chosen ("": cancelled)
        self.paths: list[str] = []  # the files chosen where several may be ([]: cancelled)
        self.asked: list[str] = []  # titles of the text, file and folder choices shown

    def _say(self, kind: str, title: str, text: str) -> None:
        self.said.append(f"{title}: {text}")
        self.boxes[kind].append((title, text))

    def information(self, _parent, title, message):
        self._say("information", title, message)

    def warning(self, _parent, title, message):
        self._say("warning", title, message)

    def critical(self, _parent, title, message):
        self._say("critical", title, message)

    def question(self, _parent, title, question, **_kwargs):
        self._say("question", title, question)
        return self.answer

    def choice(self, _parent, title, text, options, **_kwargs):
        self._say("choice", title, text)
        return list(options).index(self.chosen) if self.chosen in options else None

    def text(self, _parent, title, _label, text=""):
        self.asked.append(title)
        return self.typed, True

    def save_file(self, _parent, title, _start, _filters):
        self.asked.append(title)
        return self.path

    open_file = save_file

    def open_files(self, _parent, title, _start, _filters):
        self.asked.append(title)
        return list(self.paths)

    def folder(self, _parent, title, _start):
        self.asked.append(title)
        return self.path


@pytest.fixture
def messages():
    """The one stand-in for every message box and file dialog of the window."""
    recorded = RecordedMessages()
    previous = use_messages(recorded)
    yield recorded
    # Work still running says its end to the stand-in, never to a real (blocking) box.
    drain_background_work()
    if QApplication.instance() is not None:
        QApplication.processEvents()
    use_messages(previous)


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
