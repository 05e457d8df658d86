"""What every document shares: French paragraph styles, escaping, the association's header and a
footer with "page x / y" (which needs the page count, hence a canvas that waits for the end).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from acs_desktop import APP_NAME
from acs_desktop.domain.documents import Identity
from acs_desktop.printing.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from acs_desktop.printing.text import ellipsize

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ACCENT = colors.HexColor("#8a1538")  # a theatre red, dark enough to print in grey
FOOTER_SIZE = 7.5
FOOTER_GAP = 6 * mm


def escape(text: str | None) -> str:
    """User text for a Paragraph (which reads a little XML): & < > are escaped."""
    return _xml_escape(text or "")


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph that keeps "1 234" and "20 h 30" on one line.

    ReportLab's Paragraph breaks lines at U+202F (the narrow no-break space of French numbers)
    and prints it as a plain space; it honours U+00A0. So U+202F becomes U+00A0 here: a little
    wider, never broken. (Tickets are drawn on the canvas and keep U+202F itself.)"""
    return Paragraph(markup.replace("\u202f", "\u00a0"), style)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "italic": ParagraphStyle("italic", parent=base, fontName=SANS_ITALIC),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=18, leading=22, spaceAfter=6),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=SANS_BOLD, fontSize=8.5, leading=10.5),
    }


def footer_texts(footer_left: str, number: int, total: int) -> tuple[str, str]:
    """The footer's two texts: `footer_left`, cut with "…" so that it ends at least
    FOOTER_GAP before "page x / y" at the right (a long show title never runs into it)."""
    right = f"page {number} / {total}"
    room = BODY_WIDTH - stringWidth(right, SANS, FOOTER_SIZE) - FOOTER_GAP
    return ellipsize(footer_left, SANS, FOOTER_SIZE, room), right


def numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas class that writes "footer_left … page x / y" at the bottom of every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            # Platypus passes initialFontName=None: without ours, Helvetica (never embedded) appears.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.setFont(SANS, FOOTER_SIZE)
                self.setFillColor(MUTED)
                left, right = footer_texts(footer_left, number, total)
                self.drawString(MARGIN, 8 * mm, left)
                self.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, right)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_identity(
    canvas: Canvas, identity: Identity, *, top: float, left: float = MARGIN, logo_height: float = 12 * mm
) -> float:
    """Logo and name of the association at the top left; returns the x where the text ended."""
    x = left
    if identity.logo_png:
        try:
            image = ImageReader(io.BytesIO(identity.logo_png))
            width, height = image.getSize()
            drawn_width = logo_height * width / height
            canvas.drawImage(image, x, top - logo_height, drawn_width, logo_height, mask="auto")
            x += drawn_width + 3 * mm
        except Exception:
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


def draw_page_header(canvas: Canvas, identity: Identity, title: str, lines: Iterable[str] = ()) -> float:
    """The top of every page of a document: the association at the left, the document's title
    (and a few lines under it) at the right, a rule below. Returns the y of the rule."""
    top = PAGE_HEIGHT - MARGIN
    draw_identity(canvas, identity, top=top)
    right = PAGE_WIDTH - MARGIN
    canvas.setFillColor(ACCENT)
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawRightString(right, top - 4.5 * mm, title.upper())
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 8)
    y = top - 9 * mm
    for line in lines:
        canvas.drawRightString(right, y, line)
        y -= 3.8 * mm
    rule = min(y + 1 * mm, top - 15 * mm)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, rule, right, rule)
    return rule


def table(rows: list[list], col_widths: list[float], style: list[tuple], **kwargs) -> Table:
    """A Platypus table whose cells are set in DejaVu: a table's own default font is Helvetica,
    which is never embedded and lacks "☐" and the narrow no-break space."""
    result = Table(rows, colWidths=col_widths, **kwargs)
    result.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 9), *style]))
    return result


PANEL_BACKGROUND = colors.HexColor("#f4f1ea")


def panel(flowables: list[Flowable]) -> Table:
    """A boxed note across the page (how to send a form back, how to return a place): a warm
    background with the accent line on its left."""
    return table(
        [[flowables]],
        [BODY_WIDTH],
        [
            ("BACKGROUND", (0, 0), (-1, -1), PANEL_BACKGROUND),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ],
    )


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    footer_left: str,
    header: Callable[[Canvas], None],
    header_height: float,
) -> bytes:
    """A4 document of `story` with `header(canvas)` drawn on every page above a body that starts
    `header_height` below the top margin, and "footer_left … page x / y" at the bottom."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + header_height,
        bottomMargin=MARGIN + 2 * mm,
        title=title,
        author=author,
        creator=APP_NAME,
        initialFontName=SANS,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def on_page(canvas: Canvas, _doc) -> None:
        canvas.saveState()
        header(canvas)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story, canvasmaker=numbered_canvas(footer_left))
    return buffer.getvalue()
