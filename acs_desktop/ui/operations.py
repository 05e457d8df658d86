"""One way for the window to run a service call (after Anki's `CollectionOp` and `QueryOp`).

- `perform(parent, call, changes=…)` runs a quick call now, on the main thread: a refusal is shown
  as the domain's French message, a success announces what changed on the application's one
  signal, so the tabs that show it reload.
- `Operation(parent, work, …).start()` runs slow work — a thousand tickets, a report, an import —
  on a thread of the pool. `work(progress)` receives plain values, calls the services (which open
  their own sessions in that thread) and returns a plain result. `progress(done, total, text)`
  raises `Cancelled` once « Annuler » was pressed, so the work stops before anything is written.
  The operation shows a progress dialog when given a `label` (or lets its owner draw progress
  from its `progressed` signal), then says how it ended: `succeeded(result)`, `refused(message)`,
  `cancelled()`, and always `ended()`.

Either way a refusal, a machine fault (full disk, read-only folder, busy store) or an unexpected
error reaches the person as one French sentence, never a traceback; the details go to the log.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import describe
from acs_desktop.domain.progress import Cancelled, Progress
from acs_desktop.ui.events import AppEvents, Changes
from acs_desktop.ui.widgets.messages import messages

log = logging.getLogger(__name__)

UNEXPECTED = "Une erreur inattendue s'est produite ; le détail est dans le journal. Vos données ne sont pas perdues."


def explain(error: Exception) -> str:
    """The sentence said for `error`: the domain's message, a machine fault said as such, else a
    plain apology (the traceback goes to the log)."""
    if isinstance(error, DomainError):
        return error.message
    said = describe(error)
    if said is not None:
        log.warning("%s\n%s", said, "".join(traceback.format_exception(error)))
        return said
    log.error("Erreur inattendue\n%s", "".join(traceback.format_exception(error)))
    return UNEXPECTED


@dataclass(frozen=True)
class Attempt:
    """What a quick call gave: true if it was done (`value` holds its result), false if refused."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def perform(
    parent: QWidget,
    call: Callable[[], Any],
    *,
    changes: Changes | None = None,
    events: AppEvents | None = None,
    title: str = "Impossible",
) -> Attempt:
    """Run `call()` now; a refusal is shown (and nothing changed), a success announces `changes`."""
    try:
        value = call()
    except DomainError as error:
        messages().refusal(parent, error.message, title)
        return Attempt(False)
    if changes is not None and events is not None:
        events.announce(changes)
    return Attempt(True, value)


class _MainThread(QObject):
    """Runs on the main thread what the pool's threads post: one object for the application's
    life (after Anki's `TaskManager.run_on_main`). No object of a job is a QObject that a pool
    thread emits from or frees, so a window closed while its work runs frees nothing under that
    work."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, deliver: Callable[[], None]) -> None:  # a method: it runs in this object's thread
        deliver()


_main_thread: _MainThread | None = None
# The operations under way, by number, touched on the main thread only: a job holds a number,
# never the operation itself, so no Qt object is ever released by a thread of the pool.
_under_way: dict[int, Operation] = {}
_numbers = itertools.count(1)


def _poster() -> _MainThread:
    """The main thread's receiver, made (on the main thread) by the first operation."""
    global _main_thread
    if _main_thread is None:
        _main_thread = _MainThread()
    return _main_thread


class _Job:
    """The work of one operation, run by a thread of the pool; what it has to say goes to the
    operation through the main thread, and only while the operation still exists."""

    def __init__(self, number: int, work: Callable[[Progress], object]):
        self._number = number
        self._work = work
        self._post_to = _poster()
        self.stop = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> bool:
        if self.stop.is_set():
            raise Cancelled
        self._post(lambda operation: operation._on_progress(done, total, text), last=False)
        return True

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self._post(lambda operation: operation._on_cancelled(), last=True)
        except Exception as error:
            message = explain(error)
            self._post(lambda operation: operation._on_refused(message), last=True)
        else:  # finished: even if stop was asked after the last step, the work is done
            self._post(lambda operation: operation._on_done(result), last=True)

    def _post(self, say: Callable[[Operation], None], *, last: bool) -> None:
        number = self._number

        def deliver() -> None:  # on the main thread
            operation = _under_way.pop(number, None) if last else _under_way.get(number)
            if operation is not None and shiboken6.isValid(operation._parent):  # its window may be gone
                say(operation)

        self._post_to.posted.emit(deliver)


class Operation(QObject):
    """Slow work on a thread of the pool, with progress, « Annuler », a refusal said in French
    and what changed announced to the tabs (see the module's docstring)."""

    progressed = Signal(int, int, str)  # done, total (0: unknown), text
    succeeded = Signal(object)
    refused = Signal(str)
    cancelled = Signal()
    ended = Signal()  # whichever way it ended

    def __init__(
        self,
        parent: QWidget,
        work: Callable[[Progress], object],
        *,
        label: str | None = None,
        dialog_title: str = "Travail en cours",
        title: str = "Opération impossible",
        cancelled_text: str = "Opération annulée : rien n'a été écrit.",
        changes: Changes | None = None,
        events: AppEvents | None = None,
        say_refusal: bool = True,
        pool: QThreadPool | None = None,
    ):
        # No Qt parent, and never deleted from the event loop: the operation is held by
        # `_under_way` while its work runs, then by whoever keeps it, and freed like any Python
        # object. (A deleteLater() on an operation made in Python crashed the event loop, now
        # and then, in the window tests.) `parent` is where it speaks: if it is gone, it is silent.
        super().__init__()
        self._parent = parent
        self._title = title
        self._cancelled_text = cancelled_text
        self._changes, self._events = changes, events
        self._say_refusal = say_refusal
        self._pool = pool or QThreadPool.globalInstance()
        self._number = next(_numbers)
        self._job = _Job(self._number, work)
        self.dialog: QProgressDialog | None = None
        self._label = label or ""
        if label is not None:
            self.dialog = QProgressDialog(label, "Annuler", 0, 0, parent)
            self.dialog.setWindowTitle(dialog_title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)  # quick work never flashes a dialog
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.running = False

    def start(self) -> Operation:
        self.running = True
        _under_way[self._number] = self
        self._pool.start(self._job.run)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report; it writes nothing."""
        self._job.stop.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Annulation…")

    @property
    def is_cancelled(self) -> bool:
        return self._job.stop.is_set()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.is_cancelled:
            return
        self.progressed.emit(done, total, text)
        dialog = self.dialog  # a modal setValue() runs the event loop: the end may close it meanwhile
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if self.dialog is dialog:
                dialog.setLabelText(text or (f"{self._label} — {done} / {total}" if total else self._label))

    def _on_done(self, result: object) -> None:
        self._close()
        if self._changes is not None and self._events is not None:
            self._events.announce(self._changes)
        self.succeeded.emit(result)
        self._end()

    def _on_refused(self, message: str) -> None:
        self._close()
        if self._say_refusal:
            messages().refusal(self._parent, message, self._title)
        self.refused.emit(message)
        self._end()

    def _on_cancelled(self) -> None:
        self._close()
        status = getattr(self._parent.window(), "statusBar", None)
        if status is not None and self._say_refusal:
            status().showMessage(self._cancelled_text, 8000)
        self.cancelled.emit()
        self._end()

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.setParent(None)  # freed with the last reference, not from the event loop
            self.dialog = None

    def _end(self) -> None:
        self.running = False
        self.ended.emit()
