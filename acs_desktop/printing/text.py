"""Fitting user text into fixed boxes drawn straight on the canvas (tickets): wrap on spaces,
shrink down to a smallest size, and end with "…" only when even that does not fit.

Paragraphs would do it too, at about a millisecond each: too slow for a thousand tickets. The
results are cached: a batch of tickets repeats the same titles, halls and addresses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"
_BREAKS = re.compile(r"[ \t\r\n]+")  # never at a no-break space: "20 h 30", "1 001" stay whole


@lru_cache(maxsize=4096)
def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """`text` cut into lines no wider than `width` (a word longer than a line is cut too)."""
    lines: list[str] = []
    current = ""
    for word in filter(None, _BREAKS.split(text)):
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while stringWidth(current, font, size) > width and len(current) > 1:
            cut = _longest_prefix(current, font, size, width)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return tuple(lines)


@lru_cache(maxsize=4096)
def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """`text`, or its longest beginning followed by "…" that fits in `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    cut = _longest_prefix(text, font, size, width - stringWidth(ELLIPSIS, font, size))
    return text[:cut].rstrip() + ELLIPSIS


@lru_cache(maxsize=4096)
def fit(
    text: str, font: str, width: float, *, size: float, smallest: float, max_lines: int, step: float = 0.5
) -> tuple[float, tuple[str, ...]]:
    """The largest size from `size` down to `smallest` at which `text` holds in `max_lines`
    lines of `width`; at `smallest`, the last line that fits ends with "…"."""
    current = size
    while current >= smallest:
        lines = wrap(text, font, current, width)
        if len(lines) <= max_lines:
            return current, lines
        current -= step
    lines = wrap(text, font, smallest, width)
    kept = list(lines[:max_lines])
    kept[-1] = ellipsize(" ".join([kept[-1], *lines[max_lines:]]), font, smallest, width)
    return smallest, tuple(kept)


def _longest_prefix(text: str, font: str, size: float, width: float) -> int:
    """How many first characters of `text` fit in `width` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low
