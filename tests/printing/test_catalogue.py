"""The season catalogue: performances by month, discipline, partner, hall, places left."""

from datetime import datetime, timedelta

from acs_desktop.printing.catalogue import CatalogueData, CatalogueEntry, render_catalogue
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, pages_text, text

AS_OF = datetime(2026, 11, 22, 10, 0)


def entries(n: int) -> tuple[CatalogueEntry, ...]:
    start = datetime(2026, 11, 28, 20, 30)
    return tuple(
        CatalogueEntry(start + timedelta(days=3 * i), samples.AWKWARD_TITLE if i % 2 else "Phèdre", "Théâtre" if i % 3 else "Danse",
                       samples.PARTNER, "Salle de l'Érdre", "Saint-Herblain", 1 + i % 5, start + timedelta(days=3 * i - 3))
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
    full = CatalogueEntry(AS_OF + timedelta(days=2), "Ubu roi", "Théâtre", samples.PARTNER, "", "Nantes", 0, AS_OF - timedelta(days=1))
    data = CatalogueData(samples.identity(), "2026-2027", (past, full), AS_OF, everything=True)
    content = flat(render_catalogue(data))
    assert "passée" in content and "complet" in content and "sur demande" in content
    assert data.places == 0


def test_an_empty_catalogue_says_so():
    pdf = render_catalogue(CatalogueData(samples.identity(), "2026-2027", (), AS_OF))
    assert page_count(pdf) == 1 and "Aucune représentation à proposer" in flat(pdf)
    used = fonts(pdf)
    assert used and all(used.values())
