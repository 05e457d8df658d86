"""QR codes: the mask chosen by the standard's penalty, the symbol drawn as exact rectangles,
and a real decoder reading what is printed."""

import io
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from acs_desktop.domain import ticket_codes
from acs_desktop.printing import qr
from tests.printing.pdf_tools import render_page, zbar


def naive_penalty(rows: list[str]) -> int:
    """ISO/IEC 18004 §7.8.3 read literally, module by module."""
    n = len(rows)
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    score = 0
    for line in rows + columns:
        for _colour, run in itertools.groupby(line):
            length = len(list(run))
            if length >= 5:
                score += 3 + (length - 5)
        for i in range(n - 6):
            if line[i : i + 7] == "1011101":
                light_before = all(j < 0 or line[j] == "0" for j in range(i - 4, i))
                light_after = all(j >= n or line[j] == "0" for j in range(i + 7, i + 11))
                if light_before or light_after:
                    score += 40
    for r in range(n - 1):
        for c in range(n - 1):
            if rows[r][c] == rows[r + 1][c] == rows[r][c + 1] == rows[r + 1][c + 1]:
                score += 3
    dark = sum(row.count("1") for row in rows)
    return score + 10 * int(abs(dark * 100 / (n * n) - 50) // 5)


@st.composite
def symbols(draw):
    n = draw(st.sampled_from([7, 11, 21, 25]))
    density = draw(st.floats(0.05, 0.95))
    rng = random.Random(draw(st.integers(0, 2**32)))
    rows = ["".join("1" if rng.random() < density else "0" for _ in range(n)) for _ in range(n)]
    if draw(st.booleans()):  # plant a finder-like pattern somewhere
        r, c = rng.randrange(n), rng.randrange(n - 6)
        rows[r] = rows[r][:c] + "1011101" + rows[r][c + 7 :]
    return rows


@settings(max_examples=300, deadline=None)
@given(symbols())
def test_penalty_is_the_standard_one(rows):
    assert qr.penalty(rows) == naive_penalty(rows)


def test_each_code_gets_the_mask_of_least_penalty_and_reportlab_s_matrix():
    rng = random.Random(11)
    for _ in range(40):
        code = ticket_codes.new_code(rng)
        reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        reference.addData(code)
        reference.version = reference.calculate_version()
        penalties = []
        for mask in range(8):
            reference.makeImpl(True, mask)
            penalties.append((naive_penalty(list(qr._rows(reference.modules))), mask))
        reference.makeImpl(False, min(penalties)[1])
        assert qr.encode(code).rows == qr._rows(reference.modules)


def test_a_ticket_code_is_a_version_1_symbol():
    assert qr.encode("7KQM4ZP2X").size == 21


def test_rectangles_cover_exactly_the_dark_modules():
    rng = random.Random(5)
    for _ in range(50):
        matrix = qr.encode(ticket_codes.new_code(rng))
        grid = [[0] * matrix.size for _ in range(matrix.size)]
        for col, row, width, height in matrix.rectangles:
            for r in range(row, row + height):
                for c in range(col, col + width):
                    grid[r][c] += 1
        assert ["".join(str(v) for v in row) for row in grid] == list(matrix.rows)
        assert len(matrix.rectangles) < sum(row.count("1") for row in matrix.rows) / 2


def test_the_drawn_symbol_is_one_path_and_decodes(tmp_path):
    codes = [ticket_codes.new_code(random.Random(seed)) for seed in range(6)]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    for index, code in enumerate(codes):
        qr.draw_qr(canvas, qr.encode(code), 20 * mm + (index % 3) * 60 * mm, 200 * mm - (index // 3) * 60 * mm, 30 * mm)
    canvas.showPage()
    canvas.save()
    content = buffer.getvalue()
    # Per symbol, two fills: the white square of the quiet zone, then every dark module at once.
    assert content.count(b"f*") == 2 * len(codes)
    assert content.count(b" re") == len(codes) + sum(len(qr.encode(code).rectangles) for code in codes)
    assert sorted(zbar(render_page(content, 1, tmp_path))) == sorted(codes)


def test_codewords_are_reportlab_s_for_every_level_and_length():
    rng = random.Random(2)
    for level in "LMQH":
        for length in (1, 9, 40, 120, 300):
            text = "".join(rng.choice("ABCDEFGH0123456789 éà&<") for _ in range(length))
            reference = qrencoder.QRCode(None, qr._LEVELS[level])
            reference.addData(text)
            version = reference.calculate_version()
            assert qr._codewords(
                version, reference.errorCorrectLevel, reference.dataList
            ) == qrencoder.QRCode.createData(version, reference.errorCorrectLevel, reference.dataList)


def test_larger_symbols_match_reportlab_too():
    """Versions with several alignment patterns and (from 7 on) version information."""
    for text, level in (("https://example.org/billet/7KQM4ZP2X", "L"), ("A" * 150, "M"), ("ACS " * 60, "Q")):
        matrix = qr.encode(text, level)
        reference = qrencoder.QRCode(None, qr._LEVELS[level])
        reference.addData(text)
        reference.version = reference.calculate_version()
        penalties = []
        for mask in range(8):
            reference.makeImpl(True, mask)
            penalties.append((qr.penalty(qr._rows(reference.modules)), mask))
        reference.makeImpl(False, min(penalties)[1])
        assert matrix.rows == qr._rows(reference.modules)
    assert qr.encode("ACS " * 60, "Q").size >= 45  # version 7 or more
