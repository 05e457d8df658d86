"""The window shows before the store opens; what goes wrong while it opens is said in French."""

import sys

import pytest
from PySide6.QtWidgets import QApplication

from acs_desktop.ui import app as app_module
from acs_desktop.ui.app import run_gui


@pytest.fixture
def said(monkeypatch, messages):
    """The (title, text) of each critical box, as they are said."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own: put back after the test
    return messages.boxes["critical"]


def test_an_error_while_the_store_opens_is_said_and_the_frame_closes(qtbot, tmp_path, said):
    seen = []

    def broken(window):
        seen.append((window.isVisible(), window.statusBar().currentMessage()))
        raise RuntimeError("disque illisible")

    with pytest.raises(RuntimeError):
        run_gui(tmp_path, tmp_path / "acs.sqlite", tmp_path / "acs-desktop.log", broken)
    assert seen == [(True, "Ouverture de la base…")]  # the frame was on screen while the store opened
    assert said and said[0][0] == "Erreur inattendue"
    assert "journal" in said[0][1] and "Traceback" not in said[0][1]
    assert QApplication.overrideCursor() is None


def test_an_error_while_the_tabs_fill_in_is_said_too(qtbot, tmp_path, said):
    class Broken:  # services whose first query fails
        def __getattr__(self, name):
            raise RuntimeError("requête impossible")

    with pytest.raises(RuntimeError):
        run_gui(tmp_path, tmp_path / "acs.sqlite", tmp_path / "acs-desktop.log", lambda _window: Broken())
    assert [title for title, _text in said] == ["Erreur inattendue"]
    assert QApplication.overrideCursor() is None


def test_a_store_that_cannot_open_closes_the_frame_quietly(qtbot, tmp_path, said):
    assert run_gui(tmp_path, tmp_path / "acs.sqlite", tmp_path / "acs-desktop.log", lambda _window: None) == 2
    assert said == []  # open_services said why itself


def test_a_store_held_by_another_program_while_it_opens_is_said_as_such(qtbot, tmp_path, said, messages):
    """Not « Erreur inattendue »: the fault of the machine, in French, with what to do."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def held(_window):
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    with pytest.raises(OperationalError):  # the command line says it too, on stderr
        run_gui(tmp_path, tmp_path / "acs.sqlite", tmp_path / "acs-desktop.log", held)
    warned = [text for _title, text in messages.boxes["warning"]]
    assert said == [] and len(warned) == 1
    assert "La base est utilisée par un autre programme" in warned[0] and str(tmp_path / "acs.sqlite") in warned[0]


def test_the_exception_hook_says_a_full_disk_plainly(qtbot, tmp_path, said, messages):
    import errno

    app_module.install_exception_hook(tmp_path / "acs-desktop.log")
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "fenetre.ini"))
    sys.excepthook(OSError, error, None)
    warned = [text for _title, text in messages.boxes["warning"]]
    assert said == [] and len(warned) == 1
    assert "le disque est plein" in warned[0] and str(tmp_path / "fenetre.ini") in warned[0]


def test_what_follows_the_opening_waits_until_the_window_has_its_records(
    qtbot, tmp_path, demo_services, said, monkeypatch
):
    """The day's copy (cli's `after_open`) starts once « À faire » is filled, not under the frame."""
    seen = []

    def after_open(window):
        seen.append((window.services is demo_services, window.pages.currentWidget() is window.todo, window.todo.groups))

    def shown(_app, window, _services, _path):  # instead of the self-test: the window, events processed
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: seen != [])
        return 0

    monkeypatch.setattr(app_module, "_self_test", shown)
    code = run_gui(
        tmp_path,
        tmp_path / "acs.sqlite",
        tmp_path / "acs-desktop.log",
        lambda _w: demo_services,
        after_open,
        self_test=True,
    )
    assert code == 0 and len(seen) == 1
    attached, on_todo, groups = seen[0]
    assert attached and on_todo and groups  # the window had its records
