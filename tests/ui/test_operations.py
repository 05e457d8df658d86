"""Running a service call for the window: progress, result, refusal, cancellation, what changed —
and the window keeps answering while slow work runs."""

import errno
import gc
import threading

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.services.documents import TicketSelection
from acs_desktop.ui import operations
from acs_desktop.ui.app import make_application
from acs_desktop.ui.events import AppEvents, Area, Changes
from acs_desktop.ui.operations import Operation, perform


@pytest.fixture
def window(qtbot):
    make_application()
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def warnings(messages):
    """The (title, text) of each warning box, as they are said."""
    return messages.boxes["warning"]


@pytest.fixture
def announced():
    events = AppEvents()
    seen = []
    events.changed.connect(seen.append)
    return events, seen


def run(qtbot, operation, signal="ended", timeout=5000):
    with qtbot.waitSignal(getattr(operation, signal), timeout=timeout) as waited:
        operation.start()
    return waited.args


# --- on the main thread -----------------------------------------------------------------------
def test_a_quick_call_announces_what_it_changed(window, announced, warnings):
    events, seen = announced
    done = perform(window, lambda: 42, changes=Changes.of(Area.RELAYS), events=events)
    assert done and done.value == 42
    assert seen == [Changes.of(Area.RELAYS)] and warnings == []


def test_a_refused_quick_call_is_said_and_announces_nothing(window, announced, warnings):
    events, seen = announced

    def refused():
        raise DomainError("relay_exists", "Ce relais existe déjà.")

    assert not perform(window, refused, changes=Changes.of(Area.RELAYS), events=events, title="Relais")
    assert warnings == [("Relais", "Ce relais existe déjà.")] and seen == []


def test_changes_say_which_parts_of_the_store_they_touch():
    relay = Changes.of(Area.RELAYS)
    assert relay.touches(frozenset({Area.RELAYS, Area.BOOKINGS}))
    assert not relay.touches(frozenset({Area.CONVENTIONS}))
    assert Changes.everything().touches(frozenset({Area.SETTINGS}))
    assert (relay | Changes.of(Area.BOOKINGS)).areas == {Area.RELAYS, Area.BOOKINGS}
    assert not Changes.of()


# --- in the background ------------------------------------------------------------------------
def test_progress_then_the_result_then_what_changed(qtbot, window, announced):
    events, seen_changes = announced
    seen = []

    def work(progress):
        for done in range(1, 4):
            progress(done, 3, f"Étape {done}")
        return "le document"

    operation = Operation(
        window, work, label="Impression des billets", changes=Changes.of(Area.BOOKINGS), events=events
    )
    operation.progressed.connect(lambda done, total, text: seen.append((done, total, text)))
    dialog = operation.dialog
    assert run(qtbot, operation, "succeeded") == ["le document"]
    assert seen == [(1, 3, "Étape 1"), (2, 3, "Étape 2"), (3, 3, "Étape 3")] and dialog.maximum() == 3
    assert not dialog.isVisible()
    assert seen_changes == [Changes.of(Area.BOOKINGS)]


def test_the_window_answers_while_the_work_runs(qtbot, window):
    """The work waits for a timer of the main thread: it could never fire if the window were blocked."""
    answered = threading.Event()

    def work(progress):
        if not answered.wait(timeout=5):
            raise RuntimeError("the main thread did not answer")
        return "fait"

    operation = Operation(window, work, label="Catalogue")
    with qtbot.waitSignal(operation.succeeded, timeout=8000):
        operation.start()
        QTimer.singleShot(50, answered.set)
    assert answered.is_set()


def test_a_refusal_is_said_in_french_and_announces_nothing(qtbot, window, warnings, announced):
    events, seen = announced

    def work(progress):
        raise DomainError("no_tickets", "Aucun billet à imprimer.")

    operation = Operation(
        window, work, label="Billets", title="Document non produit", changes=Changes.everything(), events=events
    )
    refused = []
    operation.refused.connect(refused.append)
    run(qtbot, operation)
    assert warnings == [("Document non produit", "Aucun billet à imprimer.")]
    assert refused == ["Aucun billet à imprimer."] and seen == []


def test_an_unexpected_error_is_said_without_traceback(qtbot, window, warnings, caplog):
    run(qtbot, Operation(window, lambda progress: 1 / 0, label="Billets"))
    assert len(warnings) == 1 and "inattendue" in warnings[0][1] and "ZeroDivision" not in warnings[0][1]
    assert "ZeroDivisionError" in caplog.text  # the details are in the log


def test_a_full_disk_is_said_as_such(qtbot, window, warnings):
    def work(progress):
        raise OSError(errno.ENOSPC, "No space left on device")

    run(qtbot, Operation(window, work))
    assert len(warnings) == 1 and "disque" in warnings[0][1].lower()


def test_a_busy_store_is_said_as_such(qtbot, window, warnings):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def held(progress):
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    run(qtbot, Operation(window, held))
    assert len(warnings) == 1 and warnings[0][1].startswith("La base est utilisée par un autre programme")


def test_work_cancelled_before_it_starts_stops_at_its_first_report(qtbot, window):
    steps = []

    def work(progress):
        progress(10, 100, "un")
        steps.append("un")
        return "fini"

    operation = Operation(window, work)
    operation.cancel()
    run(qtbot, operation, "cancelled")
    assert steps == []


def test_an_owner_that_shows_its_own_messages_gets_the_refusal_only(qtbot, window, warnings):
    def work(progress):
        raise DomainError("import_empty", "Ces fichiers ne contiennent rien à importer.")

    operation = Operation(window, work, say_refusal=False)
    refused = []
    operation.refused.connect(refused.append)
    run(qtbot, operation)
    assert refused == ["Ces fichiers ne contiennent rien à importer."] and warnings == []


def test_cancel_stops_the_print_and_nothing_is_issued(
    qtbot, window, services, make, performance_id, relay_id, announced
):
    events, seen = announced
    booking = make.book(performance_id, relay_id, 10)  # two sheets: the renderer reports after the first
    asked = threading.Event()

    def work(progress):
        progress(0, 10, "Préparation…")  # the main thread presses « Annuler » on this report
        asked.wait(timeout=5)
        return services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id), progress)

    operation = Operation(
        window,
        work,
        label="Impression des billets",
        changes=Changes.of(Area.BOOKINGS),
        events=events,
        cancelled_text="Impression annulée : aucun billet n'a été marqué comme édité.",
    )
    operation.progressed.connect(lambda *_: (operation.cancel(), asked.set()))
    results = []
    operation.succeeded.connect(results.append)
    run(qtbot, operation, "cancelled", timeout=10000)
    assert results == [] and seen == []
    assert {i.status for i in services.booking_lists.invitations_of(booking.booking_id)} == {InvitationStatus.BOOKED}
    assert "aucun billet" in window.statusBar().currentMessage()


def test_the_cancel_button_cancels_the_work(qtbot, window):
    operation = Operation(window, lambda progress: None, label="Billets")
    operation.dialog.show()
    button = operation.dialog.findChild(QPushButton)
    assert button.text() == "Annuler"
    button.click()
    assert operation.is_cancelled and operation.dialog.labelText() == "Annulation…"


def test_work_outlives_the_window_that_started_it(qtbot):
    """The window closes while its work runs: the work ends on its thread, what it reports is
    dropped on the main thread, and nothing of Qt is freed under it."""
    make_application()
    parent = QMainWindow()
    release, finished = threading.Event(), threading.Event()
    succeeded = []

    def work(progress):
        release.wait(10)
        progress(1, 1, "fin")  # reported after its operation is gone
        finished.set()
        return "fait"

    operation = Operation(parent, work)
    operation.succeeded.connect(succeeded.append)
    operation.start()
    assert len(operations._under_way) == 1
    parent.deleteLater()
    qtbot.wait(50)  # the window and its operation are deleted
    del operation
    gc.collect()
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # what the work posted reaches the main thread, and is dropped
    assert finished.is_set() and succeeded == []
    assert operations._under_way == {}
