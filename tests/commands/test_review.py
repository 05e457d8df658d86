"""`acs-desktop report`, `import` and `export`, run as the command line runs them (in-process on a
copy of the demo store): French lines, exit codes, no traceback."""

import csv
import re

from openpyxl import load_workbook
from pypdf import PdfReader

from acs_desktop.cli import main
from acs_desktop.domain.french import format_int


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_report_writes_the_pdf_the_workbook_and_the_csv(capsys, data_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # names relative to the current folder, as a person types them
    code, out, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "report",
        "--season",
        "2025-2026",
        "--out",
        "bilan.pdf",
        "--xlsx",
        "bilan.xlsx",
        "--csv",
        "csv",
    )
    assert code == 0
    pages = len(PdfReader(tmp_path / "bilan.pdf").pages)
    # Like the other commands: what was written, then "→ " and the full path of each file.
    assert out.splitlines() == [
        f"Bilan de la saison 2025-2026 : {pages} pages.",
        f"→ {(tmp_path / 'bilan.pdf').resolve()}",
        "Tableaux du bilan en classeur XLSX.",
        f"→ {(tmp_path / 'bilan.xlsx').resolve()}",
        f"Tableaux du bilan en CSV : {len(list((tmp_path / 'csv').glob('*.csv')))} fichiers.",
        f"→ {(tmp_path / 'csv').resolve()}",
    ]
    assert "chiffres_cles" in load_workbook(tmp_path / "bilan.xlsx").sheetnames
    assert (tmp_path / "csv" / "motifs.csv").exists()


def test_report_of_an_unknown_season_is_refused_in_french(capsys, data_dir, tmp_path):
    code, _, err = run(capsys, "--data-dir", data_dir, "report", "--season", "2019-2020", "--out", tmp_path / "x.pdf")
    assert code == 1 and "La saison 2019-2020 n'existe pas dans cette base (saisons : 2026-2027, 2025-2026)." in err
    code, _, err = run(capsys, "--data-dir", data_dir, "report", "--season", "2019", "--out", tmp_path / "x.pdf")
    assert code == 1 and "n'est pas une saison" in err
    assert not (tmp_path / "x.pdf").exists()


def test_export_then_import_into_an_empty_folder(capsys, data_dir, tmp_path):
    code, out, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "export",
        "--season",
        "2025-2026",
        "--out",
        tmp_path / "saison",
        "--xlsx",
        tmp_path / "saison.xlsx",
    )
    assert code == 0 and "7 fichiers CSV" in out
    empty = tmp_path / "vide"
    code, out, _ = run(capsys, "--data-dir", empty, "import", tmp_path / "saison", "--dry-run")
    with (tmp_path / "saison" / "reservations.csv").open(encoding="utf-8-sig") as exported:
        rows = list(csv.DictReader(exported, delimiter=";"))
    places = sum(int(r["places"]) + int(r["annulees"] or 0) for r in rows)  # the demo's own count, whatever it is
    assert (
        code == 0 and f"Places (invitations) : {format_int(places)}" in out and "Rien n'a été écrit (--dry-run)." in out
    )
    code, out, _ = run(capsys, "--data-dir", empty, "import", tmp_path / "saison.xlsx")
    assert code == 0 and out.strip().endswith("Import terminé.")
    code, _, err = run(capsys, "--data-dir", empty, "import", tmp_path / "saison")
    assert code == 1
    lines = err.splitlines()
    assert re.fullmatch(
        r"Import refusé : 10 problème\(s\) à corriger et [\d\u202f]+ ligne\(s\) en attente de ces corrections ; rien n'a été écrit\.",
        lines[0],
    )
    assert lines[1].startswith(
        "  conventions.csv, ligne 2 : la convention de « Cirque en Loire » pour 2025-2026 existe déjà dans la base"
    )
    # The lines waiting for a refused one come after, each with its file and line and the line it waits for.
    waiting = lines.index("En attente d'une ligne refusée (vérifiées de nouveau après sa correction) :")
    assert waiting == 11 and re.fullmatch(
        r"  offres\.csv, ligne 2 : dépend de la convention de « .+ » pour 2025-2026 \(conventions\.csv, ligne \d+, refusée\) : .+",
        lines[12],
    )
    assert any(
        re.match(
            r"  reservations\.csv, ligne \d+ : dépend de la représentation « .+ \(offres\.csv, ligne \d+, en attente de conventions\.csv, ligne \d+\)",
            line,
        )
        for line in lines[waiting:]
    )


def test_export_needs_a_target(capsys, data_dir):
    code, _, err = run(capsys, "--data-dir", data_dir, "export", "--season", "2025-2026")
    assert code == 2 and "--out DOSSIER" in err


def test_import_of_a_missing_path_is_refused(capsys, data_dir, tmp_path):
    code, _, err = run(capsys, "--data-dir", data_dir, "import", tmp_path / "nulle-part")
    assert code == 1 and "n'existe pas" in err


def test_the_report_alone_says_what_it_wrote(data_dir, tmp_path, command_line):
    result = command_line("--data-dir", data_dir, "report", "--season", "2026-2027", "--out", tmp_path / "bilan.pdf")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.startswith("Bilan de la saison 2026-2027 : ") and f"→ {tmp_path / 'bilan.pdf'}" in result.stdout
    )
