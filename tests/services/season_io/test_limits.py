"""Import limits and hostile files: each is refused in French, with its file (and line), before it is
read whole — or read right. The crafted files are in tests/data (see make_hostile_files.py there).

A file too large, a workbook that unpacks to too much (a zip bomb) or declares XML entities (the
"billion laughs"), a cell over the CSV field limit or a line over the line limit, a text whose
encoding cannot be told; UTF-16 and Windows-1252 (Excel in French) read with their accents; a NUL
refused at its line. Then: the lines that wait for a refused one are listed, a bounded number per
file; the work reports its progress and stops when asked, writing nothing; files changed between
the check and the import are refused."""

import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.progress import Cancelled
from acs_desktop.models import Referent, Relay
from acs_desktop.services.season_io import limits, reading
from acs_desktop.services.season_io import problems as listing
from acs_desktop.services.season_io.records import Reservations
from tests.services.test_season_io import FILES, counts, write_folder

DATA = Path(__file__).resolve().parents[2] / "data"


def problems(services, path):
    return [str(p) for p in services.season_io.plan(path).problems]


@pytest.fixture
def no_openpyxl(monkeypatch):
    """openpyxl must not even open the file."""
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("the file reached openpyxl"))


# --- workbooks ----------------------------------------------------------------------------------
def test_a_zip_bomb_is_refused_before_openpyxl_unpacks_it(services, tmp_path, no_openpyxl):
    bomb = tmp_path / "saison.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(limits.MAX_XLSX_UNCOMPRESSED // len(chunk) + 2):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk, huge once unpacked
    found = problems(services, bomb)
    assert len(found) == 1 and "saison.xlsx" in found[0] and "se décompresse en" in found[0]


def test_the_crafted_zip_bomb_is_refused_by_what_it_declares(services, tmp_path, no_openpyxl):
    bomb = DATA / "zip_bomb.xlsx"
    assert bomb.stat().st_size < 4096 and sum(m.file_size for m in zipfile.ZipFile(bomb).infolist()) > 3_000_000_000
    assert problems(services, bomb) == [
        "zip_bomb.xlsx : ce classeur se décompresse en 3814 Mo (au plus 150 Mo) : il n'est pas lu (un classeur de saison en fait quelques-uns)."
    ]


def test_the_billion_laughs_are_refused_before_any_xml_parser_sees_them(services, no_openpyxl):
    found = problems(services, DATA / "billion_laughs.xlsx")
    assert found == [
        "billion_laughs.xlsx : la partie « xl/sharedStrings.xml » de ce classeur déclare une DTD (des entités XML), "
        "ce qu'aucun tableur n'écrit et qui peut faire gonfler sa lecture sans fin : il n'est pas lu."
    ]


def rewritten(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, change(data) if item.filename == part else data)
    return target


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml.replace(
            b"?>\n", b"?>\n<!-- " + b"x" * 9000 + b" -->\n<?pi un?>\n", 1
        ),  # further than a first look
        lambda xml: (
            xml.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        ),  # not in ASCII bytes
        lambda xml: xml.replace(
            b"<!DOCTYPE sst [", b"<!DOCTYPE sst SYSTEM 'file:///etc/passwd' ["
        ),  # an external entity
    ],
    ids=["after-comments", "utf-16", "external"],
)
def test_a_dtd_is_found_wherever_the_prolog_hides_it(services, tmp_path, no_openpyxl, change):
    path = rewritten(DATA / "billion_laughs.xlsx", tmp_path / "saison.xlsx", "xl/sharedStrings.xml", change)
    assert "déclare une DTD" in problems(services, path)[0]


def test_a_dtd_in_a_sheet_is_refused_too_even_a_harmless_one(services, tmp_path, no_openpyxl):
    def small_dtd(xml: bytes) -> bytes:
        return xml.replace(b"?>\n", b'?>\n<!DOCTYPE worksheet [<!ENTITY nom "nom">]>\n', 1)

    path = rewritten(DATA / "billion_laughs.xlsx", tmp_path / "saison.xlsx", "xl/worksheets/sheet1.xml", small_dtd)
    assert "la partie « xl/worksheets/sheet1.xml » de ce classeur déclare une DTD" in problems(services, path)[0]


def test_a_workbook_without_dtd_is_still_read(services, tmp_path):
    """The crafted workbook, its DTD taken out: a plain workbook, which the check lets through."""

    def no_dtd(xml: bytes) -> bytes:
        start, end = xml.index(b"<!DOCTYPE"), xml.index(b"]>\n") + 3
        return xml[:start] + xml[end:].replace(b"&lol9;", b"CCAS")

    path = rewritten(DATA / "billion_laughs.xlsx", tmp_path / "saison.xlsx", "xl/sharedStrings.xml", no_dtd)
    plan = services.season_io.plan(path)
    assert plan.problems == () and {line.kind: line.new for line in plan.lines}["Relais"] == 1  # CCAS à Rezé


def test_a_sheet_that_breaks_half_way_is_a_refusal_near_its_line_not_an_error(services, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "relais"
    sheet.append(["nom", "commune"])
    for n in range(2, 3001):
        sheet.append([f"Relais {n}", "Nantes"])
    workbook.save(tmp_path / "ok.xlsx")
    broken = rewritten(
        tmp_path / "ok.xlsx",
        tmp_path / "saison.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<row r="2500">', b'<row r="2500"><<'),
    )
    found = services.season_io.plan(broken).problems
    assert found[0].where == "saison.xlsx › relais" and 2 < found[0].line <= 2500, [str(p) for p in found]
    assert (
        found[0].message
        == "cette feuille ne se lit pas au-delà de cette ligne (classeur endommagé) : réenregistrez le classeur dans le tableur."
    )


# --- CSV files: sizes ------------------------------------------------------------------------------
def test_a_file_over_the_size_limit_is_refused_unread(services, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "in")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)  # the rule, on a small file: 30 Mo would slow the suite
    found = services.season_io.plan(folder).problems
    assert {p.where for p in found if p.depends_on is None} == {
        "partenaires.csv",
        "conventions.csv",
        "relais.csv",
        "offres.csv",
        "reservations.csv",
    }
    assert all(
        "au-delà de" in p.message and "ce n'est pas une saison" in p.message for p in found if p.depends_on is None
    )


@pytest.mark.parametrize(
    "appended, line_limit, refusal",
    [
        (
            'Foyer;;Nantes;"' + "x" * 200_000 + '";;\n',
            None,
            "une cellule dépasse 131\u202f072 caractères : ce n'est pas une valeur de saison (un guillemet non fermé, peut-être).",
        ),
        # The line limit on a small line (a million `;` would be 1 Mo): refused before it becomes cells.
        (
            "Foyer;;Nantes" + ";" * 2000 + "\n",
            1000,
            "une ligne dépasse 1\u202f000 caractères : ce n'est pas une ligne de saison.",
        ),
    ],
    ids=["cell-over-the-field-limit", "line-over-the-line-limit"],
)
def test_a_cell_or_a_line_too_long_is_a_refusal_with_file_and_line(
    services, tmp_path, monkeypatch, appended, line_limit, refusal
):
    if line_limit:
        monkeypatch.setattr(limits, "MAX_LINE_CHARS", line_limit)
    folder = write_folder(tmp_path / "in")
    with (folder / "relais.csv").open("a", encoding="utf-8") as handle:
        handle.write(appended)
    assert f"relais.csv, ligne 4 : {refusal}" in problems(services, folder)


# --- CSV files: encodings and bytes -------------------------------------------------------------
def imported_relays(services, store, folder):
    plan = services.season_io.plan(folder)
    assert plan.problems == () and plan.ok, [str(p) for p in plan.problems]
    services.season_io.apply(plan)
    with store.read() as session:
        return set(session.execute(select(Relay.name, Relay.commune))), set(session.scalars(select(Referent.name)))


@pytest.mark.parametrize("fixture", ["relais-utf16.csv", "relais-cp1252.csv"])
def test_utf16_with_a_bom_and_excel_windows_1252_are_read_with_their_accents(services, store, tmp_path, fixture):
    folder = write_folder(tmp_path / "in")
    shutil.copyfile(DATA / fixture, folder / "relais.csv")
    relays, referents = imported_relays(services, store, folder)
    assert relays == {("CCAS", "Rezé"), ("Centre social Bellevue", "Nantes")}
    assert referents == {"Hélène Lœuvre", "François d’Aulnay"}


RELAIS_LATIN = FILES["relais"].replace("Claire Martin", "Hélène Lœuvre")


@pytest.mark.parametrize("encoding, shown", [("mac_roman", "« Ž »"), ("cp850", "« ‚ »"), ("iso8859_15", "« ½ »")])
def test_another_code_page_is_refused_naming_the_encoding_never_read_as_mojibake(services, tmp_path, encoding, shown):
    folder = write_folder(tmp_path / "in")
    (folder / "relais.csv").write_bytes(RELAIS_LATIN.encode(encoding, errors="replace"))  # DOS has no « œ »
    found = services.season_io.plan(folder).problems
    assert found[0].where == "relais.csv" and found[0].line == 2
    assert found[0].message.startswith(
        f"ce fichier n'est ni en UTF-8 ni en Windows-1252 (l'encodage d'Excel) : lu ainsi, il donnerait {shown} ligne 2"
    )
    assert found[0].message.endswith("enregistrez-le au format « CSV UTF-8 » (séparateur point-virgule).")


def test_utf8_mixed_with_windows_1252_is_refused_at_the_first_line_that_shows_it(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    lines = RELAIS_LATIN.splitlines(keepends=True)
    (folder / "relais.csv").write_bytes(
        lines[0].encode() + lines[1].encode("cp1252") + lines[2].encode("utf-8") + "Foyer;;Orvault;Zoé\n".encode()
    )
    found = services.season_io.plan(folder).problems
    assert (found[0].where, found[0].line) == ("relais.csv", 4) and "mélange l'UTF-8 et un autre encodage" in found[
        0
    ].message


def test_utf16_without_a_bom_is_refused_clearly(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    (folder / "relais.csv").write_bytes(FILES["relais"].encode("utf-16-le"))
    found = services.season_io.plan(folder).problems
    assert found[0].where == "relais.csv" and "UTF-16 sans indication d'encodage (BOM)" in found[0].message


def test_a_utf16_file_that_does_not_decode_is_refused_at_its_line(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    (folder / "relais.csv").write_bytes(FILES["relais"].encode("utf-16") + b"\x00\xd8\x41\x00")  # a lone surrogate
    found = services.season_io.plan(folder).problems
    assert found[0].message.startswith("ce fichier commence comme un fichier UTF-16 mais ne se lit pas ainsi (ligne 4)")


def test_a_nul_byte_in_a_field_is_refused_at_its_line(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    shutil.copyfile(DATA / "relais-nul.csv", folder / "relais.csv")
    found = services.season_io.plan(folder).problems
    assert (
        str(found[0])
        == "relais.csv, ligne 3 : La colonne nom contient un caractère de contrôle invisible (U+0000, position 14) : retirez-le."
    )


# --- lines waiting for others -------------------------------------------------------------------
def test_past_a_few_hundred_per_file_problems_are_counted_not_listed(services, tmp_path, monkeypatch):
    monkeypatch.setattr(listing, "MAX_LISTED", 2)
    reservations = FILES["reservations"] + "".join(f"Inconnu {n};14/02/2026;20:30;CCAS;1;;\n" for n in range(5))
    folder = write_folder(
        tmp_path / "in",
        files={**FILES, "reservations": reservations},
        offres=("14/02/2026;20:30;6", "14/02/2026;20:30;six"),
    )
    plan = services.season_io.plan(folder)
    listed = [(p.where, p.line, p.depends_on) for p in plan.problems if p.where == "reservations.csv"]
    assert listed == [("reservations.csv", 2, "offres.csv, ligne 2"), ("reservations.csv", 3, "offres.csv, ligne 2")]
    assert [str(p) for p in plan.unlisted] == [
        "reservations.csv : et 5 lignes à corriger de plus, non listées ici : corrigez d'abord les lignes ci-dessus."
    ]
    assert (plan.to_correct, plan.waiting) == (6, 2)
    assert plan.refusal == "6 problème(s) à corriger et 2 ligne(s) en attente de ces corrections"


def test_a_file_refused_whole_makes_the_lines_relying_on_it_wait(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    (folder / "relais.csv").write_bytes(FILES["relais"].encode("mac_roman"))
    plan = services.season_io.plan(folder)
    waiting = {(p.where, p.line): p for p in plan.problems if p.depends_on}
    assert set(waiting) == {("reservations.csv", 2), ("reservations.csv", 3), ("reservations.csv", 4)}
    assert (
        waiting["reservations.csv", 2].message
        == "dépend du relais « CCAS » (relais.csv, fichier refusé) : sera vérifiée de nouveau après correction."
    )


# --- progress, cancelling, files changed ---------------------------------------------------------
def test_progress_is_reported_by_lines_read_out_of_all(services, tmp_path, monkeypatch):
    monkeypatch.setattr(reading.Reader, "STEP", 1)
    seen = []
    services.season_io.plan(write_folder(tmp_path / "in"), lambda percent, total, text: seen.append((percent, text)))
    assert seen[0] == (0, "Examen des fichiers…")
    assert seen[-1][1] == "Vérification : ligne 16 sur 16…"  # 5 files: headers, 2 lines each, 3 bookings
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)


def stop(*_):
    raise Cancelled


def test_a_check_stops_when_asked(services, tmp_path):
    with pytest.raises(Cancelled):
        services.season_io.plan(write_folder(tmp_path / "in"), stop)


def interrupt(*_):
    raise KeyboardInterrupt


@pytest.mark.parametrize("stop", [stop, interrupt], ids=["cancelled", "interrupted"])
def test_an_import_cancelled_half_way_writes_nothing(services, store, tmp_path, monkeypatch, stop):
    folder = write_folder(tmp_path / "in")
    plan = services.season_io.plan(folder)
    monkeypatch.setattr(reading.Reader, "STEP", 1)
    monkeypatch.setattr(Reservations, "BATCH", 1)  # the bookings are written as they are read
    calls = []

    def progress(percent, total, text):
        calls.append(text)
        if text.startswith("Vérification et écriture : ligne 16"):  # the last line: every booking but one written
            stop()

    with pytest.raises((Cancelled, KeyboardInterrupt)):
        services.season_io.apply(plan, progress)
    assert "Vérification et écriture : ligne 15 sur 16…" in calls
    assert counts(store) == (0, 0, 0)
    services.season_io.apply(services.season_io.plan(folder))  # and nothing stands in the way afterwards
    assert counts(store) == (1, 2, 9)


def test_files_changed_since_the_check_are_refused(services, store, tmp_path):
    folder = write_folder(tmp_path / "in")
    plan = services.season_io.plan(folder)
    (folder / "reservations.csv").write_text(FILES["reservations"].replace("CCAS;4;3", "CCAS;5;3"), encoding="utf-8")
    with pytest.raises(DomainError) as refused:
        services.season_io.apply(plan)
    assert (
        refused.value.code == "import_stale"
        and "Les fichiers ont changé depuis la vérification" in refused.value.message
    )
    assert counts(store) == (0, 0, 0)
