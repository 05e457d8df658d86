"""Fitting text into the boxes of a ticket."""

from reportlab.pdfbase.pdfmetrics import stringWidth

from acs_desktop.printing.fonts import SANS_BOLD, register_fonts
from acs_desktop.printing.text import ELLIPSIS, ellipsize, fit, wrap

register_fonts()


def test_wrap_keeps_every_line_within_the_width_and_every_word():
    text = "Les Fourberies de Scapin d’après Molière, version intégrale pour tous"
    lines = wrap(text, SANS_BOLD, 12, 150)
    assert len(lines) > 1
    assert all(stringWidth(line, SANS_BOLD, 12) <= 150 for line in lines)
    assert " ".join(lines) == text


def test_a_word_longer_than_a_line_is_cut():
    lines = wrap("Anticonstitutionnellement" * 3, SANS_BOLD, 12, 80)
    assert all(stringWidth(line, SANS_BOLD, 12) <= 80 for line in lines)
    assert "".join(lines) == "Anticonstitutionnellement" * 3


def test_fit_shrinks_before_cutting():
    size, lines = fit("Le Misanthrope ou l’Atrabilaire amoureux", SANS_BOLD, 300, size=17, smallest=10, max_lines=1)
    assert 10 <= size < 17 and lines == ("Le Misanthrope ou l’Atrabilaire amoureux",)


def test_fit_ends_with_an_ellipsis_when_even_the_smallest_size_is_too_big():
    size, lines = fit("mot " * 60, SANS_BOLD, 100, size=12, smallest=10, max_lines=2)
    assert size == 10 and len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert stringWidth(lines[-1], SANS_BOLD, 10) <= 100


def test_ellipsize_leaves_short_text_alone():
    assert ellipsize("Phèdre", SANS_BOLD, 10, 200) == "Phèdre"


def test_no_line_breaks_at_a_no_break_space():
    lines = wrap("Les 1\u202f001 nuits à 20\u00a0h\u00a030 précises", SANS_BOLD, 12, 60)
    assert "1\u202f001" in lines and "20\u00a0h\u00a030" in lines
