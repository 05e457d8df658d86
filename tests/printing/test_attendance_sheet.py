"""The attendance sheet: every ticket handed out (the venue's copy without the relays, the
association's by relay), one line each, the performance on every page."""

import random
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import AttendanceEntry, AttendanceGroup, AttendanceSheetData
from acs_desktop.printing.attendance_sheet import render_attendance_sheet
from acs_desktop.printing.fonts import SANS
from acs_desktop.printing.layout import BODY_WIDTH, FOOTER_GAP, FOOTER_SIZE, footer_texts
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, pages_text, placed_text, text_rows

RELAYS = ("CCAS de Rezé", "Centre social & <Bellevue>", "L’Escale d’Œuvres")


LONG_RELAY = "Association d'accompagnement et d'insertion sociale des quartiers nord de Nantes-Erdre"[:80]
LONG_FIRST_NAME = "Marie-Christine-Alexandrine-Bénédicte de la Tour d'Auvergne-Lauraguais"
LONG_TITLE = "Le très long titre d'un spectacle qui n'en finit pas, avec encore des mots en plus !"[:80]


def sheet(
    sizes=(3, 70, 60), *, recorded=False, not_printed=0, relays=RELAYS, first_name="Zoé", title=samples.AWKWARD_TITLE
) -> AttendanceSheetData:
    rng = random.Random(4)
    groups = tuple(
        AttendanceGroup(
            relay,
            tuple(
                AttendanceEntry(
                    ticket_codes.new_code(rng), first_name if i % 4 == 0 else None, (i % 3 != 0) if recorded else None
                )
                for i in range(n)
            ),
        )
        for relay, n in zip(relays, sizes, strict=False)
    )
    return AttendanceSheetData(
        samples.identity(), samples.heading(title), groups, datetime(2027, 2, 10, 9, 0), not_printed
    )


def venue_copy(data: AttendanceSheetData) -> AttendanceSheetData:
    """The same tickets as the venue's copy: one group, no relay, codes in order."""
    entries = tuple(sorted(data.entries, key=lambda e: e.code))
    return AttendanceSheetData(
        data.identity, data.performance, (AttendanceGroup(None, entries),), data.printed_at, data.not_printed
    )


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


def test_the_venue_copy_lists_the_codes_in_order_and_never_names_a_relay():
    data = venue_copy(sheet())
    pdf = render_attendance_sheet(data)
    content = flat(pdf)
    assert [r for r in RELAYS if r in content] == [] and "Relais" not in content and "relais" not in content
    assert "133 billets remis pour cette représentation" in content and "Total : 133 billets" in content
    shown = [ticket_codes.display(e.code) for e in data.entries]
    positions = [content.index(code) for code in shown]
    assert positions == sorted(positions)  # in the order of the codes, as the door staff look them up
    assert "Code Prénom Présent Absent Remarque" in " ".join(pages_text(pdf)[0].split("\n"))


def test_long_names_stay_on_one_line_ending_with_an_ellipsis():
    data = sheet((4, 2), relays=(LONG_RELAY, "CCAS de Rezé"), first_name=LONG_FIRST_NAME)
    for copy in (data, venue_copy(data)):
        pdf = render_attendance_sheet(copy)
        rows = text_rows(pdf)
        for entry in copy.entries:
            row = next(row for row in rows if ticket_codes.display(entry.code) in row)
            if copy.with_relays and entry in copy.groups[0].entries:
                assert f"{LONG_RELAY[:20]}" in row and "…" in row  # the relay's name, cut, at the height of its code
            if entry.first_name:
                assert f"{LONG_FIRST_NAME[:12]}" in row and "…" in row
        body = rows[
            rows.index(next(r for r in rows if "Remarque" in r)) + 1 : rows.index(
                next(r for r in rows if "Total :" in r)
            )
        ]
        codes = [ticket_codes.display(e.code) for e in copy.entries]
        headers = [f"{g.relay_name} — {len(g.entries)} billets" for g in copy.groups if g.relay_name]
        # Nothing wrapped: a row holds a code, a relay's heading, or the boxes (drawn a little lower).
        assert [r for r in body if not any(c in r for c in codes) and r not in headers and set(r) - {"☐", " "}] == []
        assert LONG_FIRST_NAME not in flat(pdf)


def test_the_footer_gives_way_before_page_x_of_y():
    pdf = render_attendance_sheet(sheet((40, 40), title=LONG_TITLE))
    for number in range(1, page_count(pdf) + 1):
        bottom = [(x, piece) for x, y, piece in placed_text(pdf, number) if y < 15 * mm]
        (left_x, left), (right_x, right) = sorted(bottom)
        assert (
            left.startswith("Feuille d'émargement · Le très long") and "…" in left and left.endswith("13/02/2027 20:30")
        )
        assert right == f"page {number} / {page_count(pdf)}"
        assert left_x + stringWidth(left, SANS, FOOTER_SIZE) + FOOTER_GAP <= right_x + 0.01
    for length in (10, 120, 400):
        left, right = footer_texts("x" * length, 12, 345)
        assert stringWidth(left, SANS, FOOTER_SIZE) + FOOTER_GAP + stringWidth(right, SANS, FOOTER_SIZE) <= BODY_WIDTH


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
    assert "2 places réservées dont les billets ne sont pas encore imprimés" in flat(
        render_attendance_sheet(sheet((2,), not_printed=2))
    )
    assert "pas encore imprimé" not in flat(render_attendance_sheet(sheet((2,))))


def test_short_sheet_one_page_fonts_embedded():
    pdf = render_attendance_sheet(sheet((2, 1)))
    assert page_count(pdf) == 1
    used = fonts(pdf)
    assert used and all(used.values()) and all("DejaVu" in name for name in used)
