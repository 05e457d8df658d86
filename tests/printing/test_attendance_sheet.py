"""The attendance sheet: every ticket handed out, by relay, the performance on every page."""

import random
from datetime import datetime

from acs_desktop.domain import ticket_codes
from acs_desktop.printing.attendance_sheet import AttendanceEntry, AttendanceGroup, AttendanceSheetData, render_attendance_sheet
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, pages_text

RELAYS = ("CCAS de Rezé", "Centre social & <Bellevue>", "L’Escale d’Œuvres")


def sheet(sizes=(3, 70, 60), *, recorded=False, not_printed=0) -> AttendanceSheetData:
    rng = random.Random(4)
    groups = tuple(
        AttendanceGroup(relay, tuple(
            AttendanceEntry(ticket_codes.new_code(rng), "Zoé" if i % 4 == 0 else None, (i % 3 != 0) if recorded else None)
            for i in range(n)
        ))
        for relay, n in zip(RELAYS, sizes, strict=False)
    )
    return AttendanceSheetData(samples.identity(), samples.heading(), groups, datetime(2027, 2, 10, 9, 0), not_printed)


def test_one_line_per_ticket_grouped_by_relay_with_escaped_names():
    data = sheet()
    content = flat(render_attendance_sheet(data))
    for group in data.groups:
        assert f"{group.relay_name} — {len(group.entries)} billet" in content
        for entry in group.entries:
            assert ticket_codes.display(entry.code) in content
    assert "Centre social & <Bellevue>" in content and "L’Escale d’Œuvres" in content
    assert content.count("Zoé") == sum(1 for g in data.groups for e in g.entries if e.first_name)
    assert content.count("☐") == 2 * data.total  # present and absent, for every ticket


def test_the_header_and_page_x_of_y_on_every_page():
    pages = pages_text(render_attendance_sheet(sheet()))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat_page = " ".join(page.split("\n"))
        assert "FEUILLE D'ÉMARGEMENT" in flat_page
        assert samples.AWKWARD_TITLE in flat_page
        assert "Samedi 13 février 2027 · 20 h 30" in flat_page
        assert "Code Relais Prénom Présent Absent" in flat_page  # the table's head, repeated
        assert f"page {number} / {len(pages)}" in flat_page


def test_totals_blank_before_and_counted_after_the_performance():
    before = flat(render_attendance_sheet(sheet()))
    assert "Total : 133 billets" in before and "Présents : ________" in before
    after_data = sheet(recorded=True)
    after = flat(render_attendance_sheet(after_data))
    present = sum(1 for g in after_data.groups for e in g.entries if e.present)
    assert f"Présents : {present} · Absents : {after_data.total - present}" in after
    assert after.count("☒") == after_data.total


def test_tickets_not_printed_yet_are_said():
    assert "2 places réservées dont les billets ne sont pas encore imprimés" in flat(render_attendance_sheet(sheet((2,), not_printed=2)))
    assert "pas encore imprimé" not in flat(render_attendance_sheet(sheet((2,))))


def test_short_sheet_one_page_fonts_embedded():
    pdf = render_attendance_sheet(sheet((2, 1)))
    assert page_count(pdf) == 1
    used = fonts(pdf)
    assert used and all(used.values()) and all("DejaVu" in name for name in used)
