"""Slow work off the main thread (reports, exports, imports): a `Task` runs a function in the
global QThreadPool and reports progress, its result, a refusal or an unexpected error through
signals; it can be asked to stop between two steps.

The function receives `step(percent, text)`, which returns False once cancellation was asked.
It opens its own sessions through the services it calls and returns plain data.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import describe

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progress = Signal(int, str)
    done = Signal(object)
    refused = Signal(str)  # a DomainError's French message, or a plain French sentence
    cancelled = Signal()


class Cancelled(Exception):
    """Raised inside a task when `step` learns that the person asked to stop."""


class Task(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, str], bool]], object]):
        super().__init__()
        self.work = work
        self.signals = TaskSignals()
        self._stop = False  # the pool deletes the C++ side after run(); callers keep the Python side until a final signal

    def cancel(self) -> None:
        self._stop = True

    def step(self, percent: int, text: str) -> bool:
        if self._stop:
            raise Cancelled
        self.signals.progress.emit(percent, text)
        return True

    def run(self) -> None:
        try:
            result = self.work(self.step)
        except Cancelled:
            self.signals.cancelled.emit()
        except DomainError as error:
            self.signals.refused.emit(error.message)
        except Exception as error:  # noqa: BLE001 - never a traceback in the window: a sentence, details in the log
            said = describe(error)  # a full disk, a read-only folder, a busy store: said as such
            if said is not None:
                log.warning("%s\n%s", said, traceback.format_exc())
                self.signals.refused.emit(said)
                return
            log.error("Erreur inattendue dans une tâche\n%s", traceback.format_exc())
            self.signals.refused.emit("Une erreur inattendue s'est produite ; le détail est dans le journal. Vos données ne sont pas perdues.")
        else:  # finished: even if stop was asked after the last step, the work is done
            self.signals.done.emit(result)


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task
