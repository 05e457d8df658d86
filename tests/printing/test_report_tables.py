"""The report's tables: a text that holds on one line of its column is drawn as a plain string
(laid out several times faster than a Paragraph), a longer one wraps; both read the same."""

import pytest
from reportlab.platypus import Paragraph

from acs_desktop.printing.layout import styles
from acs_desktop.printing.report_tables import figures_table

LONG = "Centre d'hébergement et de réinsertion sociale de Saint-Sébastien-sur-Loire"


def _table(rows, **options):
    return figures_table(styles(), ("Relais", "Commune", "Places"), rows, width=300, text_columns=2, **options)


def _heights(table) -> list[float]:
    table.wrap(300, 1000)
    return table._rowHeights


def test_a_short_text_is_a_plain_string_and_a_long_one_wraps():
    table = _table([("CCAS de Rezé", "Rezé", 12), (LONG, "Nantes", 3)])
    short, long = table._cellvalues[1][0], table._cellvalues[2][0]
    assert short == "CCAS de Rezé"
    assert isinstance(long, Paragraph)
    heights = _heights(table)
    assert heights[2] > heights[1] * 1.5  # the wrapped name takes two lines or more
    assert table._cellvalues[1][2] == "12"  # the figures as before: right-aligned strings


def test_a_plain_cell_reads_as_its_paragraph_would():
    """Spaces and line ends as one space, « ; » and « : » kept on their word's line, a row as high
    as a one-line Paragraph (the leading of the cells' style)."""
    table = _table([("Foyer  du\nsoleil : Nantes", "Rezé", None)])
    assert table._cellvalues[1][0] == "Foyer du soleil\u00a0: Nantes"
    assert table._cellvalues[1][1] == "Rezé"
    assert table._cellvalues[1][2] == "—"
    # A Paragraph's line: its leading (font size + 2), between the cells' paddings (2.2 points each).
    assert _heights(table)[1] == pytest.approx(8 + 2 + 2 * 2.2)


def test_a_heading_stays_a_paragraph_and_an_empty_text_an_empty_cell():
    table = _table([(None, "Rezé", 1)], total=("Total", None, 1))
    assert all(isinstance(cell, Paragraph) for cell in table._cellvalues[0])
    assert table._cellvalues[1][0] == ""
    assert table._cellvalues[-1][0] == "Total"
