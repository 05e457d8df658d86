"""The review's tables in a workbook (read back with openpyxl) and in CSV files: French headers,
numbers as numbers, euros and rates with their formats, the same figures as the review."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.review_protection import no_protection
from acs_desktop.exports.review_files import csv_bytes, csv_text, xlsx_bytes
from acs_desktop.exports.review_tables import Points, Rate, review_tables


@pytest.fixture
def review(demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2026-2027")
    return demo_services.review.review(season.id)


def rows_of(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]


def test_one_sheet_per_table_with_a_title_and_french_headers(review):
    book = load_workbook(io.BytesIO(xlsx_bytes(review)))
    assert book.sheetnames == [
        "chiffres_cles",
        "partenaires",
        "affectations",
        "relais",
        "types_de_relais",
        "communes",
        "disciplines",
        "mois",
        "motifs",
        "parcours_partenaires",
        "parcours_types_de_relais",
        "tendances",
        "actions_mediation",
        "bilan_qualitatif",
        "retours_cites",
        "definitions",
    ]
    sheet = book["chiffres_cles"]
    assert sheet["A1"].value == "Chiffres clés — saison 2026-2027"
    assert [c.value for c in sheet[2]] == ["Chiffre", "Saison 2026-2027", "Saison 2025-2026", "Écart", "Écart (%)"]


def test_key_figures_are_numbers_with_their_formats(review):
    sheet = load_workbook(io.BytesIO(xlsx_bytes(review)))["chiffres_cles"]
    by_label = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    f, p = review.figures, review.previous
    used = by_label["Places utilisées"]
    assert (used[1].value, used[2].value, used[3].value) == (f.used, p.used, f.used - p.used)
    assert used[4].value == pytest.approx((f.used - p.used) / p.used) and "%" in used[4].number_format
    donations = by_label["Dons collectés"]
    assert donations[1].value == pytest.approx(float(f.donations)) and "€" in donations[1].number_format
    rate = by_label["Taux de participation"]
    assert rate[1].value == pytest.approx(f.participation_rate) and "%" in rate[1].number_format
    assert (
        rate[3].value == pytest.approx((f.participation_rate - p.participation_rate) * 100)
        and "pts" in rate[3].number_format
    )


def test_partner_sheet_adds_up_to_the_season(review):
    """Small counts not protected (protected, they read « moins de 5 »: test_small_counts_out.py)."""
    sheet = load_workbook(io.BytesIO(xlsx_bytes(review, no_protection())))["partenaires"]
    rows = rows_of(sheet)
    headers = [c.value for c in sheet[2]]
    body, total = rows[:-1], rows[-1]
    assert total[0] == "Total" and len(body) == len(review.partners)
    used = headers.index("Utilisées")
    assert sum(r[used] for r in body) == total[used] == review.figures.used
    donations = headers.index("Dons collectés")
    assert sum(Decimal(str(r[donations])) for r in body) == review.figures.donations


def test_reasons_and_definitions_sheets(review):
    book = load_workbook(io.BytesIO(xlsx_bytes(review)))
    reasons = rows_of(book["motifs"])
    assert [r[0] for r in reasons[:-1]] == [r.reason for r in review.reasons]
    assert reasons[-1][1] == review.figures.unused
    definitions = rows_of(book["definitions"])
    assert ("Taux de participation" in [r[0] for r in definitions]) and all(r[1] for r in definitions)


def test_csv_files_are_french_and_excel_friendly(review):
    raw = csv_bytes(next(t for t in review_tables(review) if t.name == "chiffres_cles"))
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Chiffre;Saison 2026-2027;Saison 2025-2026;Écart;Écart (%)"
    donations = next(line for line in lines if line.startswith("Dons collectés;"))
    assert donations.split(";")[1] == f"{review.figures.donations:.2f}".replace(".", ",")


def test_csv_cells():
    assert csv_text(Decimal("1234.5")) == "1234,50"
    assert csv_text(Rate(0.8054)) == "80,5 %"
    assert csv_text(Points(-2.94)) == "-2,9 pts" and csv_text(Points(1.25)) == "+1,3 pts"
    assert csv_text(1012) == "1012" and csv_text(None) == ""


def test_without_a_previous_season_the_columns_say_so(demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")
    sheet = load_workbook(io.BytesIO(xlsx_bytes(demo_services.review.review(season.id))))["chiffres_cles"]
    assert [c.value for c in sheet[2]] == ["Chiffre", "Saison 2025-2026", "Saison précédente", "Écart", "Écart (%)"]
    assert all(row[2] is None and row[3] is None for row in rows_of(sheet))
