"""Making a document off the main thread, with a progress bar and « Annuler ».

The worker receives plain values (ids, a selection), calls the services — which open their own
sessions in its thread — and hands back plain results (a `Document`). The window stays
responsive; cancelling makes the renderer stop at its next progress report, before anything is
marked issued.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.printing.base import Cancelled, ProgressCallback

log = logging.getLogger(__name__)
UNEXPECTED = "Une erreur inattendue a empêché de produire le document. Le détail technique est dans le journal."


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(str)  # a French message
    cancelled = Signal()


class PrintJob(QRunnable):
    """Runs `work(progress)` on a thread of the pool; `progress` answers False once cancelled."""

    def __init__(self, work: Callable[[ProgressCallback], object]):
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until a signal says it ended
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.report)
        except Cancelled:
            self.signals.cancelled.emit()
        except DomainError as error:
            self.signals.failed.emit(error.message)
        except Exception:  # noqa: BLE001 - said in French, details in the log
            log.error("Document non produit\n%s", traceback.format_exc())
            self.signals.failed.emit(UNEXPECTED)
        else:
            self.signals.finished.emit(result)


class PrintTask(QObject):
    """A job and its progress dialog: `done(result)` when the document is ready; a refusal or an
    error is said in a message box; a cancellation in the status line of the parent window."""

    done = Signal(object)
    ended = Signal()  # whichever way it ended

    def __init__(self, parent: QWidget, label: str, work: Callable[[ProgressCallback], object], *, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._parent = parent
        self.job = PrintJob(work)
        self.dialog = QProgressDialog(label, "Annuler", 0, 0, parent)
        self.dialog.setWindowTitle("Préparation du document")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a quick document never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.finished.connect(self._on_finished)
        self.job.signals.failed.connect(self._on_failed)
        self.job.signals.cancelled.connect(self._on_cancelled)
        self._pool = pool or QThreadPool.globalInstance()

    def start(self) -> None:
        self._pool.start(self.job)

    def _cancel(self) -> None:
        self.job.cancel()
        self.dialog.setLabelText("Annulation…")

    def _on_progress(self, done: int, total: int) -> None:
        if self.job.is_cancelled:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"{self.dialog.labelText().split(' — ')[0]} — {done} / {total}")

    def _on_finished(self, result: object) -> None:
        self._close()
        self.done.emit(result)

    def _on_failed(self, message: str) -> None:
        self._close()
        QMessageBox.warning(self._parent, "Document non produit", message)

    def _on_cancelled(self) -> None:
        self._close()
        status = getattr(self._parent.window(), "statusBar", None)
        if status is not None:
            status().showMessage("Impression annulée : aucun billet n'a été marqué comme édité.", 8000)

    def _close(self) -> None:
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.close()
        self.ended.emit()
