"""Documents made in the background: progress, result, refusal, cancellation — and the window
keeps answering while the work runs."""

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.services.documents import TicketSelection
from acs_desktop.ui.app import make_application
from acs_desktop.ui.print_job import PrintTask


@pytest.fixture
def window(qtbot):
    make_application()
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


def test_progress_then_the_result(qtbot, window):
    seen = []

    def work(progress):
        for done in range(1, 4):
            assert progress(done, 3)
        return "le document"

    task = PrintTask(window, "Impression des billets", work)
    task.job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.done, timeout=5000) as finished:
        task.start()
    assert finished.args == ["le document"]
    assert seen == [(1, 3), (2, 3), (3, 3)] and task.dialog.maximum() == 3
    assert not task.dialog.isVisible()


def test_the_window_answers_while_the_work_runs(qtbot, window):
    """The work waits for a timer of the main thread: it could never fire if the window were blocked."""
    answered = threading.Event()

    def work(progress):
        if not answered.wait(timeout=5):
            raise RuntimeError("the main thread did not answer")
        return "fait"

    task = PrintTask(window, "Catalogue", work)
    with qtbot.waitSignal(task.done, timeout=8000):
        task.start()
        QTimer.singleShot(50, answered.set)
    assert answered.is_set()


def test_a_refusal_is_said_in_french(qtbot, window, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))

    def work(progress):
        raise DomainError("no_tickets", "Aucun billet à imprimer.")

    task = PrintTask(window, "Billets", work)
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    assert said == ["Aucun billet à imprimer."]


def test_an_unexpected_error_is_said_without_traceback(qtbot, window, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    task = PrintTask(window, "Billets", lambda progress: 1 / 0)
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    assert len(said) == 1 and "inattendue" in said[0] and "ZeroDivision" not in said[0]


def test_cancel_stops_the_print_and_nothing_is_issued(qtbot, window, services, make, performance_id, relay_id):
    booking = make.book(performance_id, relay_id, 10)  # two sheets: the renderer reports after the first

    def work(progress):
        return services.documents.print_tickets(TicketSelection(booking_id=booking.booking_id), progress)

    task = PrintTask(window, "Impression des billets", work)
    # « Annuler » pressed as the first sheet is reported (in the worker's thread, so that the
    # renderer sees it at once; the dialog's button does the same through `job.cancel`).
    task.job.signals.progress.connect(lambda *_: task.job.cancel(), Qt.ConnectionType.DirectConnection)
    results = []
    task.done.connect(results.append)
    with qtbot.waitSignal(task.job.signals.cancelled, timeout=10000):
        task.start()
    assert results == []
    assert {i.status for i in services.booking_lists.invitations_of(booking.booking_id)} == {InvitationStatus.BOOKED}
    assert "aucun billet" in window.statusBar().currentMessage()


def test_the_cancel_button_cancels_the_job(qtbot, window):
    task = PrintTask(window, "Billets", lambda progress: None)
    task.dialog.show()
    button = task.dialog.findChild(QPushButton)
    assert button.text() == "Annuler"
    button.click()
    assert task.job.is_cancelled and task.dialog.labelText() == "Annulation…"
