"""The funders' report, read as a funder reads it: its text holds the key figures, the sections
of the compte rendu and page numbers, and no beneficiary's first name."""

import io
import re

import pytest
from pypdf import PdfReader

from acs_desktop.domain.documents import Identity
from acs_desktop.domain.french import format_int, format_money, format_percent
from acs_desktop.domain.review import FIGURES, SeasonNarrative
from acs_desktop.printing.report import render_season_report
from acs_desktop.services.demo_data import BENEFICIARY_FIRST


def season_id(services, label):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


def plain(text: str) -> str:
    """Spaces of any kind as one plain space, as a reader sees them."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def read(pdf: bytes) -> tuple[list[str], str]:
    pages = [plain(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    return pages, " ".join(pages)


@pytest.fixture
def demo_report(demo_services):
    sid = season_id(demo_services, "2026-2027")
    demo_services.review.save_narrative(
        sid,
        SeasonNarrative(
            highlights="Une soirée de cirque partagée par trois relais de Rezé.",
            relay_feedback="Les référents demandent plus de places le week-end.",
        ),
    )
    return demo_services.review.review(sid), demo_services.documents.review_report(sid).content


def test_the_demo_has_first_names_on_current_bookings(demo_services):
    """The check below would mean nothing if the demo held no first name."""
    sid = season_id(demo_services, "2026-2027")
    names = {
        i.first_name
        for b in demo_services.booking_lists.list_bookings(sid)
        if b.names_on_tickets
        for i in demo_services.booking_lists.invitations_of(b.id)
    }
    assert names & set(BENEFICIARY_FIRST)


def test_the_report_holds_the_key_figures(demo_report):
    review, pdf = demo_report
    pages, text = read(pdf)
    f = review.figures
    assert "Bilan de la saison 2026-2027" in text
    for figure in (
        format_int(f.solidarity_subscribers),
        format_money(f.donations),
        format_int(f.used),
        format_int(f.places_funded),
        format_int(f.issued),
        format_percent(f.participation_rate),
        format_money(f.surplus),
    ):
        assert plain(figure) in text, figure
    key_page = next(p for p in pages if p.startswith("Chiffres clés"))
    for change in review.comparisons():
        assert plain(f"{change.label} {change.value_text} {change.previous_text} {change.change_text}") in key_page, (
            change.label
        )
    assert "Saison 2025-2026" in key_page


def test_the_report_follows_the_compte_rendu_and_defines_each_figure(demo_report):
    _, pdf = demo_report
    _, text = read(pdf)
    positions = [
        text.index(title)
        for title in (
            "1. Objectifs",
            "2. Actions réalisées",
            "3. Publics touchés",
            "4. Partenaires",
            "5. Dons et leur utilisation",
            "6. Écarts avec le prévu",
            "7. Bilan qualitatif",
            "Définition des chiffres",
        )
    ]
    assert positions == sorted(positions)
    glossary = text[text.index("Définition des chiffres", positions[-1]) :]
    assert all(plain(d.label) in glossary for d in FIGURES)
    assert "Places utilisées ÷ places éditées, pour les seules représentations déjà passées" in glossary


def test_the_qualitative_text_is_in_the_report(demo_report):
    _, pdf = demo_report
    _, text = read(pdf)
    assert "Une soirée de cirque partagée par trois relais de Rezé." in text
    assert "Les référents demandent plus de places le week-end." in text


def test_every_page_is_numbered(demo_report):
    _, pdf = demo_report
    pages, _ = read(pdf)
    assert len(pages) >= 6
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page


def test_no_beneficiary_first_name_appears(demo_report):
    _, pdf = demo_report
    _, text = read(pdf)
    named = [name for name in BENEFICIARY_FIRST if re.search(rf"\b{re.escape(name)}\b", text)]
    assert named == []


def test_a_season_without_a_previous_one_says_so(demo_services):
    pdf = demo_services.documents.review_report(season_id(demo_services, "2025-2026")).content
    _, text = read(pdf)
    assert "Aucune saison précédente n'est enregistrée" in text
    assert "Places de la saison 2025-2026" in text


def test_an_empty_season_still_gives_a_report(services, make):
    season = make.season("2026-2027")
    review = services.review.review(season.id)
    pdf = render_season_report(review, Identity("Les Sorties Solidaires"))
    _, text = read(pdf)
    assert "Bilan de la saison 2026-2027" in text and "Pas encore de données" in text


def test_a_logo_goes_on_the_cover_and_a_broken_one_is_ignored(services, make):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (138, 21, 56)).save(buffer, format="PNG")
    review = services.review.review(make.season("2026-2027").id)
    with_logo = render_season_report(review, Identity("Les Sorties Solidaires", logo_png=buffer.getvalue()))
    assert PdfReader(io.BytesIO(with_logo)).pages[0].images
    broken = render_season_report(review, Identity("Les Sorties Solidaires", logo_png=b"\x89PNG\r\n\x1a\nnot really"))
    assert "Les Sorties Solidaires" in read(broken)[1]


def test_a_networks_thousands_of_relays_stay_in_the_workbook(demo_services, monkeypatch):
    """Up to `RELAYS_LISTED_MAX` relays, the annex lists them one by one; beyond (a network's
    thousands: a hundred pages), it says where they are and how the report gives them."""
    from acs_desktop.printing import report

    sid = season_id(demo_services, "2026-2027")
    review = demo_services.review.review(sid)
    last = review.relays[-1].relay  # by name: the last one listed, on the annex's last page
    _pages, listed = read(demo_services.documents.review_report(sid).content)
    assert plain(last) in listed
    assert "sont détaillés un à un" not in listed

    monkeypatch.setattr(report, "RELAYS_LISTED_MAX", len(review.relays) - 1)
    _pages, summed = read(demo_services.documents.review_report(sid).content)
    assert plain(last) not in summed
    assert f"Les {len(review.relays)} relais actifs de la saison sont détaillés un à un" in summed
    assert "« Exporter (XLSX/CSV)… », tableau « relais »" in summed
    assert "Par commune des relais" in summed  # the report still gives them by kind and commune
