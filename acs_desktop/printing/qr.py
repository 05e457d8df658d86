"""QR codes for tickets: encoded once with ReportLab's `qrencoder`, drawn as one filled path.

ReportLab's `QrCodeWidget` encodes a code twice and draws one shape per run of dark modules
(about a hundred per ticket). Here a code is encoded once into a small matrix, and its dark
modules are merged into rectangles drawn by a single `drawPath`.

Choosing the mask: `QRCode.make()` scores the eight masked trials in pure Python, about 3 ms a
code — most of the 3 s allowed for a thousand tickets. The symbol still comes from ReportLab
(its encoding, error correction and final matrix); only the scoring is ours: the same four
penalty rules of ISO/IEC 18004, computed on the whole symbol held as big integers, each trial
being the unmasked symbol XOR the modules its mask inverts (about 0.8 ms a code in all).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import ClassVar

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # light modules around the symbol, as the standard asks
_LEVELS = {
    "L": qrencoder.QRErrorCorrectLevel.L,
    "M": qrencoder.QRErrorCorrectLevel.M,
    "Q": qrencoder.QRErrorCorrectLevel.Q,
    "H": qrencoder.QRErrorCorrectLevel.H,
}
_BITS = bytes.maketrans(b"\x00\x01", b"01")
_DARK_RUNS = re.compile("1+")


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol: `rows[r][c]` is "1" where the module is dark (row 0 at the top)."""

    rows: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.rows)

    @cached_property
    def rectangles(self) -> tuple[tuple[int, int, int, int], ...]:
        """(col, row, width, height) covering the dark modules: horizontal runs, stacked when
        the same run repeats on the next rows (a finder square becomes three rectangles)."""
        done: list[tuple[int, int, int, int]] = []
        open_runs: dict[tuple[int, int], int] = {}  # (first col, end col) → first row
        for r, row in enumerate(self.rows):
            continued = {span: open_runs.pop(span, r) for span in (m.span() for m in _DARK_RUNS.finditer(row))}
            done.extend((start, top, end - start, r - top) for (start, end), top in open_runs.items())
            open_runs = continued
        done.extend((start, top, end - start, self.size - top) for (start, end), top in open_runs.items())
        return tuple(done)


def encode(text: str, level: str = "M") -> QrMatrix:
    """Encode `text` once (a ticket code fits version 1, 21 × 21 modules, in alphanumeric mode)."""
    qr = qrencoder.QRCode(None, _LEVELS[level])
    qr.addData(text)
    version = qr.calculate_version()
    symbol = _Symbol.of(version, qr.errorCorrectLevel)
    # The unmasked symbol: its function patterns, then each codeword's bits at their places.
    unmasked = list(symbol.function)
    for index, value in enumerate(_codewords(version, qr.errorCorrectLevel, qr.dataList)):
        for layout, bits in enumerate(symbol.codeword(index, value)):
            unmasked[layout] |= bits
    # A mask only inverts data modules: each trial is the unmasked symbol XOR that mask's flips.
    best = min(
        range(8),
        key=lambda mask: (
            _score([a ^ b for a, b in zip(unmasked, symbol.flips[mask], strict=True)], symbol.geometry),
            mask,
        ),
    )
    rows = (unmasked[0] ^ symbol.flips[best][0]) | symbol.format_info[best]
    n, stride = symbol.geometry.size, symbol.geometry.size + 1
    bits = f"{rows:0{n * stride - 1}b}"
    return QrMatrix(tuple(bits[r * stride : r * stride + n] for r in range(n)))


def penalty(rows: Sequence[str]) -> int:
    """The penalty of a symbol ("1" = dark) by the four rules of ISO/IEC 18004 §7.8.3: runs of
    five or more of one colour (3, plus 1 beyond five), 2 × 2 blocks of one colour (3 each),
    1:1:3:1:1 finder-like patterns with four light modules on one side, the outside counting as
    light (40 each), and 10 for each 5 % the dark proportion strays from 50 %. Lower is better."""
    return _score(_layouts(rows), _Geometry.of_size(len(rows)))


def _rows(modules) -> tuple[str, ...]:
    return tuple(bytes(row).translate(_BITS).decode("ascii") for row in modules)


# The rules are computed on whole symbols held as big integers, so that each is a few C-speed
# operations instead of a loop over modules. Four layouts of the same symbol:
#   rows and columns, each line followed by one light separator (runs, blocks, dark count);
#   rows and columns, each line between four light modules on each side (finder patterns, whose
#   light margin may lie outside the symbol).
def _layouts(rows: Sequence[str]) -> list[int]:
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    return [
        int("0".join(rows), 2),
        int("0".join(columns), 2),
        int("".join(f"0000{row}0000" for row in rows), 2),
        int("".join(f"0000{column}0000" for column in columns), 2),
    ]


@dataclass(frozen=True)
class _Geometry:
    size: int
    cells: int  # every module of the separated layout
    anchors: int  # modules that are the lower-right corner of a 2 × 2 block
    padded: int  # every module and margin of the padded layout

    @staticmethod
    def of_size(n: int) -> _Geometry:
        full = "1" * n
        anchor_row = "0" + "1" * (n - 1)
        return _Geometry(
            n,
            int("0".join([full] * n), 2),
            int("0".join(["0" * n] + [anchor_row] * (n - 1)), 2),
            (1 << n * (n + 8)) - 1,
        )


class _Symbol:
    """What every symbol of one version and error-correction level shares, computed once with
    ReportLab's own `makeImpl` on empty data: the function patterns (finders, timing,
    alignment), where each data bit goes, what each mask inverts, and the format information."""

    _cache: ClassVar[dict[tuple[int, int], _Symbol]] = {}

    def __init__(self, version: int, level: int):
        blank = qrencoder.QRCode(version, level)
        blank.dataCache = [0] * sum(block.totalCount for block in qrencoder.QRRSBlock.getRSBlocks(version, level))
        blank.makeImpl(True, 0)
        n = blank.moduleCount
        self.geometry = _Geometry.of_size(n)
        self.positions = [(row, col) for col, row in blank.dataPosIterator()]
        self.flips = tuple(
            self._cells((row, col) for row, col in self.positions if qrencoder.QRUtil.getMask(mask)(row, col))
            for mask in range(8)
        )
        self.function = [a ^ b for a, b in zip(_layouts(_rows(blank.modules)), self.flips[0], strict=True)]
        format_info = []
        for mask in range(8):
            blank.makeImpl(True, mask)
            trial = int("0".join(_rows(blank.modules)), 2)
            blank.makeImpl(False, mask)
            format_info.append(int("0".join(_rows(blank.modules)), 2) ^ trial)
        self.format_info = tuple(format_info)
        self._codewords: dict[tuple[int, int], list[int]] = {}

    @classmethod
    def of(cls, version: int, level: int) -> _Symbol:
        key = (version, level)
        if key not in cls._cache:
            cls._cache[key] = cls(version, level)
        return cls._cache[key]

    def codeword(self, index: int, value: int) -> list[int]:
        """The layouts of the dark modules of codeword `index` worth `value` (MSB first)."""
        key = (index, value)
        bits = self._codewords.get(key)
        if bits is None:
            places = self.positions[8 * index : 8 * index + 8]
            bits = self._codewords[key] = self._cells(place for k, place in enumerate(places) if value & (0x80 >> k))
        return bits

    def _cells(self, cells) -> list[int]:
        """The four layouts (see `_layouts`) of a set of dark (row, col) modules."""
        n = self.geometry.size
        separated, padded = n * (n + 1) - 1, n * (n + 8)
        layouts = [0, 0, 0, 0]
        for row, col in cells:
            layouts[0] |= 1 << (separated - 1 - (row * (n + 1) + col))
            layouts[1] |= 1 << (separated - 1 - (col * (n + 1) + row))
            layouts[2] |= 1 << (padded - 1 - (row * (n + 8) + 4 + col))
            layouts[3] |= 1 << (padded - 1 - (col * (n + 8) + 4 + row))
        return layouts


@cache
def _generator(error_codewords: int) -> qrencoder.QRPolynomial:
    return qrencoder.QRUtil.getErrorCorrectPolynomial(error_codewords)


def _codewords(version: int, level: int, data_list) -> list[int]:
    """ReportLab's `QRCode.createData`, with the Reed-Solomon generator polynomial computed once
    per length instead of once per code (it was a third of the encoding time)."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, level)
    buffer = qrencoder.QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    capacity = 8 * sum(block.dataCount for block in blocks)
    if buffer.getLengthInBits() > capacity:
        raise ValueError(f"QR code too long: {buffer.getLengthInBits()} > {capacity} bits")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = itertools.cycle((qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1))
    while buffer.getLengthInBits() < capacity:
        buffer.put(next(pads), 8)
    offset, data_blocks, error_blocks = 0, [], []
    for block in blocks:
        data = buffer.buffer[offset : offset + block.dataCount]
        offset += block.dataCount
        generator = _generator(block.totalCount - block.dataCount)
        remainder = qrencoder.QRPolynomial(data, generator.getLength() - 1).mod(generator)
        length, kept = remainder.getLength(), generator.getLength() - 1
        data_blocks.append(data)
        error_blocks.append([remainder.get(i) if i >= 0 else 0 for i in range(length - kept, length)])
    return [
        value
        for group in (data_blocks, error_blocks)
        for column in itertools.zip_longest(*group)
        for value in column
        if value is not None
    ]


def _score(layouts: Sequence[int], geometry: _Geometry) -> int:
    rows, columns, padded_rows, padded_columns = layouts
    n = geometry.size
    score = 0
    for dark in (rows, columns):
        for same in (dark, dark ^ geometry.cells):  # dark runs, then light runs
            # Bit p of `five` is set where modules p … p+4 are all of this colour; a run of
            # length L ≥ 5 gives L − 4 such bits and costs L − 2, i.e. those bits + 2 per run.
            five = same & (same >> 1) & (same >> 2) & (same >> 3) & (same >> 4)
            score += five.bit_count() + 2 * (five & ~(five << 1)).bit_count()
    same_vertically = ~(rows ^ (rows >> (n + 1)))
    same_horizontally = ~(rows ^ (rows >> 1))
    score += 3 * (same_vertically & (same_vertically >> 1) & same_horizontally & geometry.anchors).bit_count()
    for dark in (padded_rows, padded_columns):
        light = dark ^ geometry.padded
        finder = dark & (light >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (light >> 5) & (dark >> 6)
        after = (light >> 7) & (light >> 8) & (light >> 9) & (light >> 10)
        before = (light << 1) & (light << 2) & (light << 3) & (light << 4)
        score += 40 * (finder & (after | before)).bit_count()
    cells = n * n
    return score + 10 * (abs(rows.bit_count() * 2 - cells) * 10 // cells)


def draw_qr(canvas: Canvas, matrix: QrMatrix, x: float, y: float, size: float, *, quiet_zone: int = QUIET_ZONE) -> None:
    """Draw `matrix` in the square of side `size` whose bottom-left corner is (x, y), quiet zone
    included (painted white, so the code reads on a tinted background too)."""
    modules = matrix.size + 2 * quiet_zone
    module = size / modules
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    # Work in module units, rows going down from the top-left corner of the symbol.
    canvas.translate(x + quiet_zone * module, y + size - quiet_zone * module)
    canvas.scale(module, -module)
    path = canvas.beginPath()
    for col, row, width, height in matrix.rectangles:
        path.rect(col, row, width, height)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
