"""The command line, as a user runs it, on a fresh data folder: in-process through `cli.main(argv)`
(the `command_line` fixture); a self-test that runs to its end in a real process (`real_process`:
`python -m acs_desktop`), the first of them the smoke test."""

import hashlib
import io
import sys

import pytest

from acs_desktop import cli
from tests.conftest import real_process as run


@pytest.mark.slow
def test_demo_self_test_on_an_empty_folder(tmp_path):
    result = run("--data-dir", str(tmp_path / "data"), "--demo", "--self-test")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "Autotest : fenêtre affichée, ouverture de la base…"  # the window shows before the store opens
    assert lines[1].startswith("Démonstration chargée")
    # One line per page as soon as it has drawn with its records, in the order shown (the page the
    # window opens on first), then the result.
    drawn = [line for line in lines if line.endswith(("lignes", "au bilan")) and " dessiné" in line]
    assert [line.split(" dessiné")[0] for line in drawn] == [
        "Autotest : « À faire »",
        "Autotest : Conventions",
        "Autotest : Offres",
        "Autotest : Relais",
        "Autotest : Invitations",
        "Autotest : Bilan de saison",
    ]
    assert drawn[1] == "Autotest : Conventions dessiné, 11 lignes"  # the demo's 11 conventions
    assert lines[-1].startswith("Autotest ACS Desktop") and "réussi" in lines[-1]
    assert (tmp_path / "data" / "acs.sqlite").exists()


@pytest.mark.slow
def test_the_self_test_shows_every_tab_drawn_and_its_start_takes_the_days_copy_once(tmp_path):
    data = tmp_path / "data"
    first = run("--data-dir", str(data), "--demo", "--self-test")
    assert first.returncode == 0, first.stderr
    assert "5/5 onglets dessinés, « À faire » dessinée" in first.stdout.strip().splitlines()[-1]
    daily = list((data / "sauvegardes" / "quotidiennes").glob("acs-*.sqlite"))
    assert len(daily) == 1
    taken = daily[0].stat().st_mtime_ns
    again = run("--data-dir", str(data), "--self-test")
    assert again.returncode == 0, again.stderr
    assert daily[0].stat().st_mtime_ns == taken  # a session that wrote nothing: no copy on closing


@pytest.mark.slow
def test_data_dir_from_the_environment(tmp_path):
    result = run("--self-test", env_extra={"ACS_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / "acs.sqlite").exists()


@pytest.mark.parametrize("content", [b"Ceci n'est pas une base.\n", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_foreign_or_broken_file_is_refused_without_traceback(tmp_path, content, command_line):
    data = tmp_path / "data"
    data.mkdir()
    store = data / "acs.sqlite"
    store.write_bytes(content)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    result = command_line("--data-dir", str(data), "--self-test")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "ACS Desktop" in result.stderr or "base" in result.stderr
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before


def test_a_folder_in_place_of_the_store_is_refused(tmp_path, command_line):
    data = tmp_path / "data"
    (data / "acs.sqlite").mkdir(parents=True)
    result = command_line("--data-dir", str(data), "--self-test")
    assert result.returncode == 2 and "est un dossier" in result.stderr


def test_bad_option_in_french(tmp_path, command_line):
    result = command_line("--data-dir", str(tmp_path), "--nimporte-quoi")
    assert result.returncode == 2 and "option incorrecte" in result.stderr


def test_french_figures_print_on_a_windows_code_page(monkeypatch):
    """Redirected on Windows, the output is cp1252, which has no narrow no-break space: the
    command still prints, a space in its place, instead of stopping on an encoding error."""
    raw = io.BytesIO()  # cp1252 has the no-break space (0xA0), not the narrow one
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(UnicodeEncodeError):
        print("1\u202f234,50\u00a0€")
        stream.flush()
    cli.writable_output()
    print("Bilan : 1\u202f234,50\u00a0€ « ok » ✓")
    stream.flush()
    assert raw.getvalue().decode("cp1252").endswith("Bilan : 1 234,50\u00a0€ « ok » ?\n")
