"""`acs-desktop week [--from JJ/MM/AAAA] [--out …]` on the demo (loaded on TODAY), in-process."""

import functools

import pytest

from acs_desktop import services as services_module
from tests.conftest import FakeClock
from tests.printing.pdf_tools import flat


@pytest.fixture
def demo_clock(monkeypatch):
    """The command's services see TODAY as "now" (the demo's day)."""
    monkeypatch.setattr(services_module, "Services", functools.partial(services_module.Services, clock=FakeClock()))


def test_the_week_from_a_day_into_a_file(command_line, data_dir, tmp_path):
    out = tmp_path / "appels.pdf"
    result = command_line("--data-dir", data_dir, "week", "--from", "22/11/2026", "--out", out)
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()
    assert said[0].startswith("5 représentations, 9 relais à appeler, 24 places") and said[1] == f"→ {out}"
    content = flat(out.read_bytes())
    assert "Du dimanche 22 au samedi 28 novembre 2026" in content and "La Promesse des marées" in content


def test_without_from_the_week_starts_today_into_the_current_folder(
    command_line, data_dir, tmp_path, monkeypatch, demo_clock
):
    monkeypatch.chdir(tmp_path)
    result = command_line("--data-dir", data_dir, "week")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "semaine-2026-11-22.pdf").exists()


def test_an_empty_week_still_writes_its_page(command_line, data_dir, tmp_path):
    result = command_line("--data-dir", data_dir, "week", "--from", "2027-08-02", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    sentence = "Aucune représentation du 02/08/2027 au 08/08/2027 : personne à appeler cette semaine."
    assert result.stdout.splitlines()[0] == sentence
    assert sentence in flat((tmp_path / "semaine-2027-08-02.pdf").read_bytes())


@pytest.mark.parametrize("typed", ["31/02/2026", "demain"])
def test_a_bad_date_is_refused_in_french_and_nothing_is_written(command_line, data_dir, tmp_path, typed):
    out = tmp_path / "sortie"
    out.mkdir()
    result = command_line("--data-dir", data_dir, "week", "--from", typed, "--out", out)
    assert result.returncode != 0 and result.stdout == ""
    assert f"--from : « {typed} » n'est pas valable (exemple : 14/02/2026)." in result.stderr
    assert "Traceback" not in result.stderr and list(out.iterdir()) == []
