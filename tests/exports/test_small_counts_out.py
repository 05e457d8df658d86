"""Small counts protected in what leaves the office: a relay with 3 places used reads « moins de 5 »
in the funders' PDF, the XLSX and the CSV; the totals stay exact; on the demo's real review, no
hidden cell can be recomputed from a line's or a column's total; the director's exact numbers
come back with the protection off."""

import csv
import io
import re
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from acs_desktop.domain.mediation import MediationKindLine, MediationLine
from acs_desktop.domain.review_protection import protect_review, review_cells
from acs_desktop.domain.small_counts import determined, lone_hidden, pinned
from acs_desktop.exports.review_tables import review_tables


def season_id(services, label="2026-2027"):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


@pytest.fixture
def out(demo_services):
    services = demo_services
    sid = season_id(services)
    review, protection = services.documents.review_for_funders(sid)
    relay = next(r for r in review.relays if r.places.used == 3)
    return services, sid, review, protection, relay


def pdf_lines(content: bytes) -> list[str]:
    """The report's text, one table cell (or line of text) per item, as pypdf extracts it."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [re.sub(r"[\s\u00a0\u202f]+", " ", line).strip() for line in text.splitlines()]


def annex_row(lines: list[str], relay) -> list[str]:
    """The relay's row in the annex: booked, printed, used, unused, participation (its name, kind
    and commune may wrap over several lines)."""
    start = f"{relay.relay} {relay.relay_type} {relay.commune}"
    for i in range(len(lines)):
        for k in range(3, 8):
            if " ".join(lines[i : i + k]) == start:
                return lines[i + k : i + k + 5]
    raise AssertionError(f"{start} is not in the report")


def test_a_relay_with_3_places_used_reads_less_than_5_in_the_pdf(out):
    services, sid, review, _, relay = out
    lines = pdf_lines(services.documents.review_report(sid).content)
    _, issued, used, _, rate = annex_row(lines, relay)
    assert used == "moins de 5" and issued == "moins de 5"
    assert rate == "masqué"  # 3 used of 3 printed: 100 % would say it
    # Once, a short note says why; the key figures stay exact.
    text = " ".join(lines)
    assert text.count("un nombre de moins de 5 personnes dans une ligne d'un tableau se lit « moins de 5 »") == 1
    assert f"{review.figures.used} places ont été utilisées" in text.replace("\u202f", " ")


def test_a_relay_with_3_places_used_reads_less_than_5_in_the_workbook_and_the_csv(out):
    services, sid, review, _, relay = out
    sheet = load_workbook(io.BytesIO(services.documents.review_workbook(sid).content))["relais"]
    headers = [c.value for c in sheet[2]]
    used = headers.index("Utilisées")
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == relay.relay)
    total = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "Total")
    assert row[used] == "moins de 5"
    assert total[used] == review.figures.used  # totals exact

    files = {d.filename: d.content for d in services.documents.review_csv(sid)}
    rows = list(csv.reader(io.StringIO(files["relais.csv"].decode("utf-8-sig")), delimiter=";"))
    line = next(r for r in rows if r[0] == relay.relay)
    assert line[rows[0].index("Utilisées")] == "moins de 5"
    assert next(r for r in rows if r[0] == "Total")[rows[0].index("Utilisées")] == str(review.figures.used)


def test_no_hidden_cell_of_the_real_review_can_be_recomputed(out):
    _, _, review, protection, _ = out
    values, lines = review_cells(review)
    hidden = protection.hidden
    assert hidden, "the demo has small counts: the check below would mean nothing without"
    forced = determined(lines, set(values))
    assert not [line for line in lone_hidden(lines, hidden) if not set(line.cells) <= forced]
    assert not (determined(lines, hidden) - forced)
    assert not (pinned(values, lines, hidden, 5) - forced)


def test_in_the_published_tables_a_column_never_hides_a_single_count(out):
    """Read as a funder reads the spreadsheets: a column with a total shows « moins de 5 » or
    « masqué » in no cell or in two at least; every « moins de 5 » is a count of 1 to 4."""
    _, _, review, protection, _ = out
    for table in review_tables(review, protection):
        if table.total is None:
            continue
        for index in range(1, len(table.headers)):
            hidden = [row[index] for row in table.rows if row[index] in ("moins de 5", "masqué")]
            counts = [row[index] for row in table.rows if isinstance(row[index], str) and "moins" in row[index]]
            assert len(hidden) != 1, (table.name, table.headers[index])
            assert all(c == "moins de 5" for c in counts)


def test_a_count_hidden_beside_a_small_one_reads_masked_not_less_than_5(out):
    _, _, review, protection, _ = out
    values, _ = review_cells(review)
    beside = [key for key in protection.hidden if values[key] >= 5]
    assert beside
    for table, index, field in beside:
        if table != "reasons":
            assert getattr(protection.places(table, index, getattr(review, table)[index].places), field) == "masqué"


def test_with_the_protection_off_the_report_shows_exact_numbers(out):
    services, sid, _, _, relay = out
    services.settings.update(name="Les Sorties Solidaires", small_count_threshold=0)
    lines = pdf_lines(services.documents.review_report(sid).content)
    assert annex_row(lines, relay)[:3] == ["3", "3", "3"]
    assert "se lit « moins de" not in " ".join(lines)


def test_the_funnel_hides_what_the_partners_and_relay_types_sheets_hide(out):
    services, sid, review, protection, _ = out
    book = load_workbook(io.BytesIO(services.documents.review_workbook(sid).content))
    for sheet, table, lines in (
        ("parcours_partenaires", "partners", review.partners),
        ("parcours_types_de_relais", "relay_types", review.relay_types),
    ):
        rows = list(book[sheet].iter_rows(min_row=3, values_only=True))
        used = [c.value for c in book[sheet][2]].index("Places utilisées")
        for index, line in enumerate(lines):
            assert rows[index][used] == protection.places(table, index, line.places).used
        assert rows[-1][used] == review.figures.used
    assert any(
        isinstance(protection.places("relay_types", i, g.places).used, str) for i, g in enumerate(review.relay_types)
    )


def test_a_mediation_action_with_3_people_reads_less_than_5(out):
    """A visit with three people points at them as a small relay does: hidden, with a second
    count beside it; the total of the people reached stays exact."""
    _, _, review, _, _ = out
    actions = (
        MediationLine(date(2026, 10, 1), "Visite", ("Le Quai des Arts",), ("CCAS de Nantes",), 3),
        MediationLine(date(2026, 10, 8), "Visite", ("Le Quai des Arts",), ("CCAS de Rezé",), 12),
        MediationLine(date(2026, 9, 20), "Présentation de saison", (), ("CCAS de Nantes",), 40),
    )
    kinds = (MediationKindLine("Visite", 2, 15), MediationKindLine("Présentation de saison", 1, 40))
    review = replace(review, mediation=actions, mediation_kinds=kinds)
    protection = protect_review(review)
    table = next(t for t in review_tables(review, protection) if t.name == "actions_mediation")
    people = [row[-1] for row in table.rows]
    assert people[0] == "moins de 5" and people.count(40) <= 1 and sum(isinstance(p, str) for p in people) >= 2
    values, lines = review_cells(review)
    forced = determined(lines, set(values))
    assert not (determined(lines, protection.hidden) - forced)
    assert not (pinned(values, lines, protection.hidden, 5) - forced)
