"""The funnel and the trends in the workbook and the CSV files: the key figures as totals, one
line per season, a season without data left empty and said so."""

import csv
import io

from openpyxl import load_workbook

from acs_desktop.domain.review_protection import no_protection
from acs_desktop.exports.review_files import csv_bytes, xlsx_bytes
from acs_desktop.exports.review_tables import review_tables


def season_id(services, label):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


def sheet_rows(review, name, protection=None):
    sheet = load_workbook(io.BytesIO(xlsx_bytes(review, protection)))[name]
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def csv_rows(review, name):
    table = next(t for t in review_tables(review) if t.name == name)
    return list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig")), delimiter=";"))


def test_the_funnel_per_partner_and_per_relay_kind_in_the_workbook(demo_services):
    """Small counts not protected, the lines add up to the totals (protected, they read « moins
    de 5 » or « masqué » as in the partners' and relay types' sheets: test_small_counts_out.py)."""
    review = demo_services.review.review(season_id(demo_services, "2026-2027"))
    f = review.figures
    headers, *rows, total = sheet_rows(review, "parcours_partenaires", no_protection())
    assert headers == ["Partenaire", "Places offertes", "Places réservées", "Places éditées", "Places utilisées"]
    assert len(rows) == len(review.partners)
    assert total == ["Total", f.places_offered, f.booked, f.issued, f.used]
    assert [sum(r[i] for r in rows) for i in range(1, 5)] == total[1:]
    headers, *rows, total = sheet_rows(review, "parcours_types_de_relais", no_protection())
    assert headers == ["Type de relais", "Places réservées", "Places éditées", "Places utilisées"]
    assert total == ["Total", f.booked, f.issued, f.used]
    assert [sum(r[i] for r in rows) for i in range(1, 4)] == total[1:]


def test_the_funnel_in_csv(demo_services):
    review = demo_services.review.review(season_id(demo_services, "2026-2027"))
    rows = csv_rows(review, "parcours_partenaires")
    assert rows[0][0] == "Partenaire" and rows[-1][0] == "Total"
    assert rows[-1][4] == str(review.figures.used)


def test_the_trends_in_the_workbook_and_in_csv(demo_services):
    demo_services.seasons.create_season("2024-2025")
    review = demo_services.review.review(season_id(demo_services, "2026-2027"))
    headers, *rows = sheet_rows(review, "tendances")
    assert headers == [
        "Saison",
        "Places offertes",
        "Places utilisées",
        "Taux de participation",
        "Dons collectés",
        "Relais actifs",
        "Données",
    ]
    assert [r[0] for r in rows] == ["2024-2025", "2025-2026", "2026-2027"]
    assert rows[0][1:] == [None, None, None, None, None, "pas de données"]  # empty, never zeros
    previous, current = review.previous, review.figures
    assert rows[1][1:3] == [previous.places_offered, previous.used]
    assert rows[2][1:3] == [current.places_offered, current.used]
    assert rows[2][4] == float(current.donations) and rows[2][5] == current.relays_active
    assert abs(rows[2][3] - current.participation_rate) < 1e-9
    lines = csv_rows(review, "tendances")
    assert lines[1] == ["2024-2025", "", "", "", "", "", "pas de données"]
    assert lines[2][2] == "804" and lines[2][6] == ""
    assert lines[3][3].endswith(" %")
