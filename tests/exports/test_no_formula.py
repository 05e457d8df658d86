"""No formula ever leaves the application: names that a spreadsheet would run are written as text
in every XLSX and neutralised in every CSV, and the import reads them back unchanged."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.cells import neutralized, restored
from acs_desktop.exports.atomic import write_documents
from acs_desktop.services.relays import RelayInput

HOSTILE = [
    line
    for line in (Path(__file__).parent.parent / "data" / "hostile_names.txt").read_text(encoding="utf-8").splitlines()
    if line
]


@pytest.fixture
def hostile_season(services, make, clock):
    season = make.season("2026-2027")
    partner = make.partner(HOSTILE[0])
    convention = make.convention(partner, season.id)
    performance = make.performance(convention, quota=20)
    for name in HOSTILE[1:]:
        relay = services.relays.create_relay(RelayInput(name, None, "@Nantes"))
        make.issued_booking(performance, relay, 2)
    return season.id


def no_formula_in(xlsx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    for sheet in load_workbook(io.BytesIO(xlsx)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def csv_cells(folder: Path) -> list[str]:
    cells = []
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [cell for row in csv.reader(handle, delimiter=";") for cell in row]
    return cells


def test_the_rule_is_reversible():
    for text in [*HOSTILE, "Théâtre", "", "'", "''", "l'Escale"]:
        assert restored(neutralized(text)) == text
    assert neutralized("=1+1") == "'=1+1" and neutralized("Théâtre") == "Théâtre"


def test_season_and_review_workbooks_carry_no_formula(services, hostile_season, tmp_path):
    services.season_io.export_xlsx(hostile_season, tmp_path / "saison.xlsx")
    no_formula_in((tmp_path / "saison.xlsx").read_bytes())
    review = services.documents.review_workbook(hostile_season).content
    no_formula_in(review)
    names = {
        cell.value
        for sheet in load_workbook(io.BytesIO(review)).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert set(HOSTILE) <= names  # as text, unchanged


def test_csv_files_neutralise_what_starts_like_a_formula(services, hostile_season, tmp_path):
    services.season_io.export_csv(hostile_season, tmp_path / "saison")
    write_documents(services.documents.review_csv(hostile_season), tmp_path / "bilan")
    for folder in (tmp_path / "saison", tmp_path / "bilan"):
        cells = csv_cells(folder)
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], folder
        assert not [
            c for c in cells if c.startswith("-") and not c[1:2].isdigit()
        ]  # only negative numbers start with « - »
        assert neutralized(HOSTILE[1]) in cells


@pytest.mark.parametrize("as_workbook", [False, True], ids=["csv", "xlsx"])
def test_export_then_import_keeps_such_names_intact(
    services, hostile_season, store, tmp_path, as_workbook, template_store
):
    import shutil

    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services

    target = tmp_path / ("saison.xlsx" if as_workbook else "saison")
    (services.season_io.export_xlsx if as_workbook else services.season_io.export_csv)(hostile_season, target)
    shutil.copyfile(template_store, tmp_path / "empty.sqlite")
    other = open_store(tmp_path / "empty.sqlite")
    try:
        fresh = Services(other, services.clock)
        plan = fresh.season_io.plan(target)
        assert plan.problems == (), [str(p) for p in plan.problems]
        fresh.season_io.apply(plan)
        assert {r.name for r in fresh.relays.list_relays()} == set(HOSTILE[1:])
        assert [p.name for p in fresh.partners.list_partners()] == [HOSTILE[0]]
        assert {r.commune for r in fresh.relays.list_relays()} == {"@Nantes"}
    finally:
        other.close()
