"""Spreadsheet cells that can never run: a text starting like a formula is written as text.

A partner or relay named `=HYPERLINK(…)`, `+cmd|' /C calc'!A0` or `@SUM(1+1)` would be run by a
spreadsheet opening the file (CSV injection). In a CSV file such a text gets a leading
apostrophe, the usual neutralisation, which the import takes off again so that a name survives
export → import unchanged; in an XLSX file it is a text cell (see `exports` and `season_io`).
Numbers stay numbers: only texts are touched.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def starts_like_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralized(text: str) -> str:
    """The CSV text of a text value: « '=HYPERLINK(…) ». A text already starting with an
    apostrophe gets one more, so that reading it back is exact."""
    if starts_like_a_formula(text) or text.startswith(QUOTE):
        return QUOTE + text
    return text


def restored(text: str) -> str:
    """The text a neutralised CSV cell stands for (the inverse of `neutralized`)."""
    if text.startswith(QUOTE) and (starts_like_a_formula(text[1:]) or text[1:].startswith(QUOTE)):
        return text[1:]
    return text


def as_text(cells) -> None:
    """openpyxl takes a text starting with « = » for a formula: every text cell is written as text
    (and one that looks like a formula is marked so, as Excel does for « '=… » typed by hand)."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if starts_like_a_formula(cell.value):
                cell.quotePrefix = True
