"""The relay slip: performances, places, codes, and how to give a place back."""

from datetime import datetime

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import RelaySlipData, SlipLine, SlipTicket
from acs_desktop.printing.relay_slip import render_relay_slip
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, text


def slip(lines=3) -> RelaySlipData:
    performances = [
        SlipLine(
            samples.heading(starts_at=datetime(2027, 2, 13, 20, 30)),
            (SlipTicket("7KQM4ZP2X", "Zoé"), SlipTicket("0M4N7P2QA", printed=False)),
            (41,),
        ),
        SlipLine(samples.heading("Phèdre", datetime(2027, 3, 2, 19, 0)), (SlipTicket("AB12CD34E"),), (42, 43)),
        SlipLine(samples.heading("La Mouette", datetime(2027, 4, 1, 20, 0)), (SlipTicket("Z9Y8X7W6V"),), (44,)),
    ][:lines]
    return RelaySlipData(
        samples.identity(),
        "Centre social & <Bellevue>",
        "Nantes",
        ("Marie Dupont",),
        "2026-2027",
        tuple(performances),
        datetime(2027, 1, 20, 9, 0),
    )


def test_what_was_handed_and_how_to_return_it():
    data = slip()
    pdf = render_relay_slip(data)
    content = flat(pdf)
    assert "Relais : Centre social & <Bellevue> — Nantes" in content
    assert "Référent·e : Marie Dupont" in content
    for line in data.lines:
        for ticket in line.tickets:
            assert ticket_codes.display(ticket.code) in content
    assert samples.AWKWARD_TITLE_IN_PARAGRAPHS in content and "Phèdre" in content
    assert "1 001 nuits" in text(pdf)  # never broken between 1 and 001
    assert "7KQ-M4Z-P2X Zoé" in content and "0M4-N7P-2QA (billet à venir)" in content
    assert "Réservations n° 42, n° 43" in content
    assert "Total : 4 places pour 3 représentations." in content
    assert "Une place ne servira pas ?" in content
    assert "02 40 00 00 00 · contact@amis.example" in content
    assert "Reçu par (nom et signature)" in content


def test_one_page_with_embedded_fonts():
    pdf = render_relay_slip(slip())
    assert page_count(pdf) == 1
    used = fonts(pdf)
    assert used and all(used.values()) and all("DejaVu" in name for name in used)
