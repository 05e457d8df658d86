"""The season catalogue: performances by month, discipline, partner, hall, places left."""

from datetime import datetime, timedelta

from acs_desktop.domain.documents import CatalogueData, CatalogueEntry
from acs_desktop.printing.catalogue import render_catalogue
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, pages_text, placed_text, text

AS_OF = datetime(2026, 11, 22, 10, 0)


def entries(n: int) -> tuple[CatalogueEntry, ...]:
    start = datetime(2026, 11, 28, 20, 30)
    return tuple(
        CatalogueEntry(
            start + timedelta(days=3 * i),
            samples.AWKWARD_TITLE if i % 2 else "Phèdre",
            "Théâtre" if i % 3 else "Danse",
            samples.PARTNER,
            "Salle de l'Érdre",
            "Saint-Herblain",
            1 + i % 5,
            start + timedelta(days=3 * i - 3),
        )
        for i in range(n)
    )


def test_performances_by_month_with_places_and_how_to_book():
    data = CatalogueData(samples.identity(), "2026-2027", entries(12), AS_OF)
    pdf = render_catalogue(data)
    content = flat(pdf)
    assert "Novembre 2026" in content and "Décembre 2026" in content
    assert samples.AWKWARD_TITLE_IN_PARAGRAPHS in content and "Danse" in content
    assert "1 001 nuits" in text(pdf)  # never broken between 1 and 001
    assert "Salle de l'Érdre, Saint-Herblain" in content
    assert f"12 représentations, {data.places} places disponibles" in content
    assert "Pour réserver, contactez Les Amis du Spectacle : 02 40 00 00 00" in content
    assert "samedi\u00a028" in content or "samedi 28" in content


def test_a_long_catalogue_has_its_header_and_page_numbers_on_every_page():
    pages = pages_text(render_catalogue(CatalogueData(samples.identity(), "2026-2027", entries(90), AS_OF)))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "CATALOGUE DES PLACES" in page and "Saison 2026-2027" in page
        assert f"page {number} / {len(pages)}" in page


def test_full_and_past_performances_are_said_in_a_catalogue_of_everything():
    past = CatalogueEntry(AS_OF - timedelta(days=2), "La Mouette", "Théâtre", samples.PARTNER, "", "Nantes", 3)
    full = CatalogueEntry(
        AS_OF + timedelta(days=2), "Ubu roi", "Théâtre", samples.PARTNER, "", "Nantes", 0, AS_OF - timedelta(days=1)
    )
    data = CatalogueData(samples.identity(), "2026-2027", (past, full), AS_OF, everything=True)
    content = flat(render_catalogue(data))
    assert "passée" in content and "complet" in content and "sur demande" in content
    assert data.places == 0


def test_an_empty_catalogue_says_so():
    pdf = render_catalogue(CatalogueData(samples.identity(), "2026-2027", (), AS_OF))
    assert page_count(pdf) == 1 and "Aucune représentation à proposer" in flat(pdf)
    used = fonts(pdf)
    assert used and all(used.values())


def test_a_passed_deadline_holds_in_its_column_on_two_lines():
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from acs_desktop.printing.fonts import SANS
    from acs_desktop.printing.layout import MARGIN, PAGE_WIDTH

    long_title = "Le très long titre d'un spectacle qui n'en finit pas, avec encore des mots en plus !"[:80]
    rows = tuple(
        CatalogueEntry(
            AS_OF + timedelta(days=3 + i),
            long_title,
            "Théâtre",
            "Théâtre municipal de la Communauté d'agglomération de la Presqu'île"[:80],
            "Grande salle",
            "Saint-Sébastien-sur-Loire",
            4,
            AS_OF - timedelta(days=1) if i % 2 else AS_OF + timedelta(days=2),
        )
        for i in range(4)
    )
    pdf = render_catalogue(CatalogueData(samples.identity(), "2026-2027", rows, AS_OF))
    placed = placed_text(pdf)
    column, head = next((x, y) for x, y, piece in placed if piece == "Date limite")
    in_column = [
        (y, piece) for x, y, piece in placed if x >= column - 1 and 20 * mm < y < head
    ]  # the table, not the header nor the footer
    dates = [y for y, piece in in_column if piece == "21/11/2026"]
    assert len(dates) == 2 and [piece for _y, piece in in_column].count("sur demande") == 2
    for y in dates:  # under each passed deadline, one line « sur demande », then the next row
        below = sorted((other for other in in_column if other[0] < y), reverse=True)
        assert below[0][1] == "sur demande" and (len(below) == 1 or below[1][1] != "demande")
    assert all(
        column + stringWidth(piece, SANS, 9) <= PAGE_WIDTH - MARGIN for _y, piece in in_column
    )  # within the margin
    assert "Sur demande : la date limite de réservation est passée" in flat(pdf)
