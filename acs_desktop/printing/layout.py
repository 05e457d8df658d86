"""What every document shares: French paragraph styles, escaping, the association's header and a
footer with "page x / y" (which needs the page count, hence a canvas that waits for the end).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from acs_desktop.printing.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ACCENT = colors.HexColor("#8a1538")  # a theatre red, dark enough to print in grey


def escape(text: str | None) -> str:
    """User text for a Paragraph (which reads a little XML): & < > are escaped."""
    return _xml_escape(text or "")


@dataclass(frozen=True)
class Identity:
    """Who issues the document: the association, printed in the header."""

    name: str
    address_line: str = ""
    contact_line: str = ""
    logo_png: bytes | None = None


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "italic": ParagraphStyle("italic", parent=base, fontName=SANS_ITALIC),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=18, leading=22, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base, fontName=SANS_BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=SANS_BOLD, fontSize=8.5, leading=10.5),
    }


def numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas class that writes "footer_left … page x / y" at the bottom of every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", SANS)
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.setFont(SANS, 7.5)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, 8 * mm, footer_left)
                self.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, f"page {number} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_identity(canvas: Canvas, identity: Identity, *, top: float, left: float = MARGIN, logo_height: float = 12 * mm) -> float:
    """Logo and name of the association at the top left; returns the x where the text ended."""
    x = left
    if identity.logo_png:
        try:
            image = ImageReader(io.BytesIO(identity.logo_png))
            width, height = image.getSize()
            drawn_width = logo_height * width / height
            canvas.drawImage(image, x, top - logo_height, drawn_width, logo_height, mask="auto")
            x += drawn_width + 3 * mm
        except Exception:  # noqa: BLE001 - a broken logo never stops a print: the name suffices
            pass
    canvas.setFillColor(INK)
    canvas.setFont(SANS_BOLD, 10)
    canvas.drawString(x, top - 4.5 * mm, identity.name)
    canvas.setFont(SANS, 7.5)
    canvas.setFillColor(MUTED)
    if identity.address_line:
        canvas.drawString(x, top - 8.5 * mm, identity.address_line)
    if identity.contact_line:
        canvas.drawString(x, top - 12 * mm, identity.contact_line)
    return x


ProgressCallback = Callable[[int, int], bool]
"""`progress(done, total)` → False to stop (the user cancelled)."""


class Cancelled(Exception):
    """Raised by a renderer when its progress callback asked to stop."""
