"""Reading a PDF the way a reader sees it: text per page, fonts, and QR codes on a rendered page."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader

FORBIDDEN_ON_TICKETS = (
    "gratuit",
    "free",
    "solidaire",
    "solidarite",
    "precarite",
    "invitation",
    "social",
    "sociaux",
    "relais",
    "ccas",
)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def placed_text(pdf: bytes, page: int = 1) -> list[tuple[float, float, str]]:
    """(x, y, text) of every piece of text drawn on `page` (1-based), in points from the bottom left."""
    found: list[tuple[float, float, str]] = []

    def visit(piece, cm, tm, _font, _size):
        if piece.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, piece.strip()))

    PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text(visitor_text=visit)
    return found


def text_rows(pdf: bytes, page: int = 1, tolerance: float = 2) -> list[str]:
    """The text of `page` line by line as the eye reads it: the pieces drawn at one height, left
    to right (a table row whose cells hold one line each reads as one row)."""
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for x, y, piece in sorted(placed_text(pdf, page), key=lambda placed: -placed[1]):
        if rows and rows[-1][0] - y <= tolerance:  # cells of other fonts sit a little higher or lower
            rows[-1][1].append((x, piece))
        else:
            rows.append((y, [(x, piece)]))
    return [" ".join(piece for _, piece in sorted(pieces)) for _, pieces in rows]


def text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def flat(pdf: bytes) -> str:
    """The text with line breaks read as spaces (a title wrapped on two lines reads whole)."""
    return " ".join(text(pdf).split("\n"))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def plain(value: str) -> str:
    """Lower case, accents removed: "Précarité" → "precarite"."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def forbidden_words_in(value: str, extra: tuple[str, ...] = ()) -> list[str]:
    folded = plain(value)
    return [word for word in (*FORBIDDEN_ON_TICKETS, *(plain(e) for e in extra)) if word in folded]


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on the pages → whether its program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def render_page(pdf: bytes, page: int, workdir: Path, dpi: int = 200) -> Path:
    """`page` (1-based) as a PNG made by pdftoppm."""
    source = workdir / "document.pdf"
    source.write_bytes(pdf)
    prefix = workdir / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(source), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def zbar(image: Path) -> list[str]:
    """The QR codes zbarimg reads in `image`."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)], capture_output=True, text=True
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no code found
    return [line for line in result.stdout.splitlines() if line]


def decode_ticket_codes(pdf: bytes, page: int, workdir: Path, dpi: int = 200) -> list[str | None]:
    """Render `page`, cut it along the tickets' cut lines, and decode each ticket's QR code on
    its own (zbar reading a whole page of eight codes sometimes misses one): one entry per
    ticket position, None where no code was read."""
    from PIL import Image

    from acs_desktop.printing import tickets

    scale = dpi / 72
    image = Image.open(render_page(pdf, page, workdir, dpi))
    found: list[str | None] = []
    for index in range(tickets.PER_SHEET):
        column, row = index % tickets.COLUMNS, index // tickets.COLUMNS
        left = tickets.GRID_LEFT + column * tickets.TICKET_WIDTH
        top = tickets.PAGE_HEIGHT - tickets.GRID_TOP + row * tickets.TICKET_HEIGHT
        cell = image.crop(
            (
                round(left * scale),
                round(top * scale),
                round((left + tickets.TICKET_WIDTH) * scale),
                round((top + tickets.TICKET_HEIGHT) * scale),
            )
        )
        path = workdir / f"page-{page}-ticket-{index + 1}.png"
        cell.save(path)
        codes = zbar(path)
        assert len(codes) <= 1, codes
        found.append(codes[0] if codes else None)
    return found
