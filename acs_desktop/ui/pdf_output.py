"""Showing a finished PDF: a preview, and from it « Imprimer… », « Enregistrer en PDF… » and
« Ouvrir dans le lecteur PDF » (the system's viewer).

The preview is Qt's own PDF view. Printing renders each page with `QPdfDocument.render` at the
printer's resolution (at most 300 dpi) onto the `QPrinter` chosen in Qt's print dialog.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acs_desktop.domain.documents import Document
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_int
from acs_desktop.exports.atomic import write_file
from acs_desktop.ui.widgets.messages import messages

MAX_PRINT_DPI = 300
_last_folder: Path | None = None
_viewer_folder: Path | None = None


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        pdf: bytes,
        title: str,
        filename: str,
        summary: str = "",
        parent: QWidget | None = None,
        *,
        on_output: Callable[[], str | None] | None = None,
    ):
        """`on_output` runs once, the first time the document leaves the preview (printed, saved
        or opened in the viewer); what it returns is added to the summary."""
        super().__init__(parent)
        self.pdf = pdf
        self.filename = filename
        self._on_output = on_output
        self.setWindowTitle(f"{title} — aperçu")
        self.resize(900, 1000)

        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        pages = self.document.pageCount()
        self.summary = QLabel(
            " · ".join(part for part in (summary, f"{format_int(pages)} page{'s' if pages > 1 else ''}") if part)
        )
        self.summary.setWordWrap(True)
        self.print_button = QPushButton("Imprimer…")
        self.print_button.setDefault(True)
        self.save_button = QPushButton("Enregistrer en PDF…")
        self.open_button = QPushButton("Ouvrir dans le lecteur PDF")
        close_button = QPushButton("Fermer")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_in_viewer)
        close_button.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    # --- the three ways out ----------------------------------------------------------------
    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.filename)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the documents keep their own margins: tickets print at their size
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer")
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        first, last = printer.fromPage() or 1, printer.toPage() or self.document.pageCount()
        printed = print_pages(self.document, printer, range(first - 1, last), self)
        if printed:
            self._output_done()
        return printed

    def save_as(self) -> Path | None:
        global _last_folder
        folder = _last_folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()
        )
        chosen = messages().save_file(self, "Enregistrer en PDF", str(folder / self.filename), "Documents PDF (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        try:
            write_file(path, self.pdf)  # whole or not at all: never a 0-byte PDF on a full disk
        except DomainError as error:
            messages().warning(self, "Enregistrer en PDF", error.message)
            return None
        except OSError as error:
            messages().warning(
                self, "Enregistrer en PDF", f"Impossible d'écrire « {path} » : {error.strerror or error}."
            )
            return None
        _last_folder = path.parent
        self.summary.setText(f"{self.summary.text()} · enregistré dans {path}")
        self._output_done()
        return path

    def open_in_viewer(self) -> Path | None:
        path = viewer_folder() / self.filename
        try:
            write_file(path, self.pdf)
        except DomainError as error:  # the temporary folder on a full disk
            messages().warning(self, "Lecteur PDF", error.message)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages().warning(
                self, "Lecteur PDF", f"Aucun lecteur PDF n'a pu ouvrir le document. Il est enregistré ici : {path}"
            )
        self._output_done()  # the viewer can print it: from here on it may be on paper
        return path

    def _output_done(self) -> None:
        if self._on_output is None:
            return
        on_output, self._on_output = self._on_output, None
        said = on_output()
        if said:
            self.summary.setText(f"{self.summary.text()} · {said}")


def print_pages(document: QPdfDocument, printer: QPrinter, pages: range, parent: QWidget | None = None) -> bool:
    """Render `pages` of `document` onto `printer`, fitted to its printable area, with a
    progress dialog that can stop between two pages. False if stopped or not started."""
    painter = QPainter()
    if not painter.begin(printer):
        messages().warning(parent, "Imprimer", "L'imprimante n'a pas pu démarrer.")
        return False
    progress = QProgressDialog("Impression…", "Arrêter", 0, len(pages), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    resolution = printer.resolution()
    dpi = min(resolution, MAX_PRINT_DPI)
    paper = printer.pageLayout().fullRectPixels(resolution)
    try:
        for index, page in enumerate(pages):
            if progress.wasCanceled():
                return False
            if index:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            # At its real size on the paper (A4 on A4), shrunk only if the paper is smaller.
            width, height = points.width() / 72 * resolution, points.height() / 72 * resolution
            fit = min(paper.width() / width, paper.height() / height, 1.0)
            painter.drawImage(QRectF(0, 0, width * fit, height * fit), image)
            progress.setValue(index + 1)
            QApplication.processEvents()
    finally:
        painter.end()
        progress.close()
    return True


def viewer_folder() -> Path:
    """A folder for the copies handed to the system's viewer, removed when the program quits."""
    global _viewer_folder
    if _viewer_folder is None:
        _viewer_folder = Path(tempfile.mkdtemp(prefix="acs-desktop-"))
        atexit.register(shutil.rmtree, _viewer_folder, True)
    return _viewer_folder


def show_document(
    parent: QWidget, document: Document, on_output: Callable[[], str | None] | None = None
) -> PdfPreviewDialog:
    """The preview of a PDF `Document`, shown until closed."""
    dialog = PdfPreviewDialog(
        document.content, document.title, document.filename, document.summary, parent, on_output=on_output
    )
    dialog.exec()
    return dialog
