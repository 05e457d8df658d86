"""`acs-desktop report`, `import` and `export`, run as the command line runs them (in-process on a
copy of the demo store): French lines, exit codes, no traceback."""

import csv
import re

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text

from acs_desktop.cli import main
from acs_desktop.db.engine import make_engine
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


def _report(capsys, data_dir, path):
    code, _, _ = run(capsys, "--data-dir", data_dir, "report", "--season", "2025-2026", "--out", path)
    assert code == 0


def test_verify_says_the_figures_of_a_fresh_report_still_match(capsys, data_dir, tmp_path):
    _report(capsys, data_dir, tmp_path / "bilan.pdf")
    code, out, _ = run(capsys, "--data-dir", data_dir, "report", "--verify", tmp_path / "bilan.pdf")
    assert code == 0
    assert out.startswith("Les chiffres correspondent : le bilan de la saison 2025-2026 édité le ")
    fingerprint = re.search(r"empreinte ([0-9a-f]{10})", out).group(1)
    reader = PdfReader(tmp_path / "bilan.pdf")
    assert fingerprint in reader.metadata.subject and f"empreinte={fingerprint}" in reader.metadata["/Keywords"]
    assert all(f"empreinte {fingerprint}" in page.extract_text() for page in reader.pages)  # every footer


def test_verify_says_the_store_changed_since_the_report(capsys, data_dir, tmp_path):
    _report(capsys, data_dir, tmp_path / "bilan.pdf")
    engine = make_engine(data_dir / "acs.sqlite")
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE convention SET donations = donations + 100 WHERE id = (SELECT min(c.id) FROM convention c "
                "JOIN season s ON s.id = c.season_id WHERE s.label = '2025-2026')"
            )
        )
    engine.dispose()
    code, out, _ = run(capsys, "--data-dir", data_dir, "report", "--verify", tmp_path / "bilan.pdf")
    assert code == 1
    assert out.startswith(
        "Les chiffres ne correspondent plus : la base a changé depuis le bilan de la saison 2025-2026 édité le "
    )


def test_verify_refuses_a_file_without_a_fingerprint(capsys, data_dir, tmp_path):
    other = tmp_path / "autre.pdf"
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, _, err = run(capsys, "--data-dir", data_dir, "report", "--verify", other)
    assert code == 1 and "Ce fichier ne porte pas d'empreinte de bilan" in err
    code, _, err = run(capsys, "--data-dir", data_dir, "report", "--verify", other, "--season", "2025-2026")
    assert code == 1 and "--verify s'emploie seul" in err
