"""`acs-desktop todo [--season S]`: the lines of « À faire » on the demo (loaded on TODAY), in-process."""

import functools

import pytest

from acs_desktop import services as services_module
from tests.conftest import FakeClock


@pytest.fixture(autouse=True)
def demo_clock(monkeypatch):
    """The command's services see TODAY as "now" (the demo's day)."""
    monkeypatch.setattr(services_module, "Services", functools.partial(services_module.Services, clock=FakeClock()))


def test_the_lines_of_the_page_grouped_most_urgent_first(command_line, data_dir):
    result = command_line("--data-dir", data_dir, "todo")
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()
    assert said[0] == "À faire — saison 2026-2027"
    headings = [line for line in said[1:] if line and not line.startswith("  - ")]
    assert headings[0] == "Relais à prévenir d'une annulation (3) — urgent"
    assert "Conventions encore en brouillon (1)" in headings
    assert "  - Aucune copie de la base n'a encore été faite sur une clé USB ou un disque externe." in said


def test_the_season_asked_and_nothing_waiting_said_so(command_line, data_dir, tmp_path):
    result = command_line("--data-dir", data_dir, "todo", "--season", "2025-2026")
    assert result.stdout.splitlines()[0] == "À faire — saison 2025-2026"
    assert "Copie sur un support externe (1)" in result.stdout  # the past season: only the backup waits
    assert command_line("--data-dir", data_dir, "backup", "--to", tmp_path / "cle-usb").returncode == 0
    result = command_line("--data-dir", data_dir, "todo", "--season", "2025-2026")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["À faire — saison 2025-2026", "Rien à faire aujourd'hui."]


def test_an_unknown_season_is_refused(command_line, data_dir):
    result = command_line("--data-dir", data_dir, "todo", "--season", "2040-2041")
    assert result.returncode != 0
    assert "La saison 2040-2041 n'existe pas" in result.stderr
