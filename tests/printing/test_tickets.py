"""Tickets as the door sees them: the text a reader extracts, the pages, the fonts, the QR codes
read back by a real decoder, and nothing that would single out the holder."""

import pytest

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import TicketBatch
from acs_desktop.domain.progress import Cancelled
from acs_desktop.printing.tickets import PER_SHEET, render_tickets, sheets
from tests.printing import samples
from tests.printing.pdf_tools import decode_ticket_codes, flat, fonts, forbidden_words_in, page_count, pages_text, text


def render(tickets, **options) -> bytes:
    return render_tickets(TicketBatch(samples.identity(), tuple(tickets), **options))


def test_each_ticket_shows_its_show_hall_date_time_and_code():
    tickets = samples.tickets(3)
    content = flat(render(tickets))
    for ticket in tickets:
        assert ticket_codes.display(ticket.code) in content
    assert samples.AWKWARD_TITLE in content  # œ, ’, &, < and the narrow no-break space, as typed
    assert "Phèdre" in content and "THÉÂTRE DE L'ESTUAIRE" in content
    assert "Salle de l'Érdre" in content and "4 quai de la Fosse, 44000 Nantes" in content
    # ReportLab writes U+00A0 as a plain space in TrueType text (it keeps the narrow U+202F).
    assert "Samedi 13 février 2027" in content and "20 h 30" in content
    assert "Les Amis du Spectacle" in content


def test_eight_tickets_a_sheet():
    assert page_count(render(samples.tickets(8))) == 1
    assert page_count(render(samples.tickets(17))) == 3
    assert [len(page) for page in sheets(TicketBatch(samples.identity(), tuple(samples.tickets(17))))] == [8, 8, 1]


def test_each_group_starts_a_fresh_row_and_the_margin_says_which_booking_is_where():
    tickets = samples.tickets(7, group_size=3)  # groups of 3, 3 and 1: rows 1-2, 3-4, then 5 on a new sheet
    batch = TicketBatch(samples.identity(), tuple(tickets), row_per_group=True)
    layout = [[t.invitation_id if t else None for t in page] for page in sheets(batch)]
    assert layout == [[1, 2, 3, None, 4, 5, 6, None], [7]]
    pdf = render_tickets(batch)
    pages = pages_text(pdf)
    assert "Réservations — rangées 1-2 : n° 100 · rangées 3-4 : n° 101" in pages[0]
    assert "Réservations — rangée 1 : n° 102" in pages[1]
    assert page_count(render(tickets)) == 1 and "Réservations —" not in text(render(tickets))


def test_the_first_name_only_when_given():
    named = text(render(samples.tickets(3, names=True)))
    assert "Au nom de : Zoé" in named and "Au nom de : Chloé" in named
    assert "Au nom de" not in text(render(samples.tickets(3)))


def test_a_reprint_says_duplicata_and_keeps_its_code():
    tickets = samples.tickets(2, reprint_every=2)  # the first is a reprint
    pages = render(tickets)
    assert text(pages).count("DUPLICATA") == 1
    assert ticket_codes.display(tickets[0].code) in text(pages)


def test_every_font_is_embedded_and_none_is_helvetica():
    used = fonts(render(samples.tickets(9, reprint_every=3, names=True)))
    assert used and all(used.values()), used
    assert all("DejaVu" in name for name in used)


def test_the_qr_code_of_each_ticket_reads_back_its_code(tmp_path):
    tickets = samples.tickets(2 * PER_SHEET + 3, seed=9, reprint_every=4, names=True)
    pdf = render(tickets)
    read = [code for page in (1, 2, 3) for code in decode_ticket_codes(pdf, page, tmp_path)]
    assert read == [t.code for t in tickets] + [None] * (PER_SHEET - 3)


def test_nothing_on_a_ticket_says_free_solidarity_or_relay():
    content = text(render(samples.tickets(8, reprint_every=2, names=True)))
    assert forbidden_words_in(content) == []
    assert "€" not in content and "prix" not in content.lower()


def test_the_forbidden_words_check_would_see_them():
    assert forbidden_words_in("Place SOLIDARITÉ offerte par le CCAS") == ["solidarite", "ccas"]


def stop_at_8(done, total, text=""):
    if done >= 8:
        raise Cancelled


def test_progress_after_each_sheet_and_cancel():
    calls = []
    render_tickets(
        TicketBatch(samples.identity(), tuple(samples.tickets(17))),
        progress=lambda done, total, text="": calls.append((done, total)),
    )
    assert calls == [(8, 17), (16, 17), (17, 17)]
    with pytest.raises(Cancelled):
        render_tickets(TicketBatch(samples.identity(), tuple(samples.tickets(17))), progress=stop_at_8)


def test_a_broken_logo_does_not_stop_the_print():
    from acs_desktop.domain.documents import Identity

    pdf = render_tickets(
        TicketBatch(
            Identity("Les Amis du Spectacle", logo_png=b"\x89PNG\r\n\x1a\nnot really"), tuple(samples.tickets(1))
        )
    )
    assert "Les Amis du Spectacle" in text(pdf)


def test_no_ticket_no_document():
    with pytest.raises(ValueError):
        render(())
