"""Import limits: a file too large, a workbook that unpacks to too much (a zip bomb) or a cell over
the CSV field limit is refused in French, with file (and line), before it is read whole."""

import zipfile

import pytest

from acs_desktop.services.season_io import files
from tests.services.test_season_io import write_folder


def problems(services, path):
    return [str(p) for p in services.season_io.plan(path).problems]


def test_a_zip_bomb_is_refused_before_openpyxl_unpacks_it(services, tmp_path, monkeypatch):
    bomb = tmp_path / "saison.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(files.MAX_XLSX_UNCOMPRESSED // len(chunk) + 2):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk, huge once unpacked
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("the bomb reached openpyxl"))
    found = problems(services, bomb)
    assert len(found) == 1 and "saison.xlsx" in found[0] and "se décompresse en" in found[0]


def test_a_file_over_the_size_limit_is_refused_unread(services, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "in")
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)  # the rule, on a small file: 30 Mo would slow the suite
    found = problems(services, folder)
    assert {p.split(" : ")[0] for p in found} == {"partenaires.csv", "conventions.csv", "relais.csv", "offres.csv", "reservations.csv"}
    assert all("au-delà de" in p and "ce n'est pas une saison" in p for p in found)


def test_a_cell_over_the_csv_field_limit_is_a_refusal_with_file_and_line(services, tmp_path):
    folder = write_folder(tmp_path / "in")
    with (folder / "relais.csv").open("a", encoding="utf-8") as handle:
        handle.write('Foyer;;Nantes;"' + "x" * 200_000 + '";;\n')
    found = problems(services, folder)
    assert [p for p in found if p.startswith("relais.csv, ligne 4")] != [], found
    assert any("dépasse" in p and "caractères" in p for p in found)
