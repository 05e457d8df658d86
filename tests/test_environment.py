"""The Qt binding keeps Python's reference counts right: PySide6 6.12.0 under Python 3.11 drops a
reference to None on every call of a Qt method that returns nothing, and one to True on every
signal emitted from Python; after a few thousand calls the application dies with « Fatal Python
error: none_dealloc ». A release that does it again fails here, not in an office."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from acs_desktop.ui.app import make_application

CALLS = 1000


class Emitter(QObject):
    changed = Signal()


@pytest.fixture(autouse=True)
def app():
    return make_application()


def test_qt_calls_returning_nothing_keep_the_references_to_none():
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    assert sys.getrefcount(None) - before > -CALLS // 2


def test_signals_emitted_from_python_keep_the_references_to_true():
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.changed.emit()
    assert sys.getrefcount(True) - before > -CALLS // 2
