"""`acs-desktop booking-form`: one relay's form (workbook and PDF twin), or every active relay's
into a folder, as a person types it."""

import io

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.booking_forms import HEADER_ROW, IDENTITY_SHEET, PERFORMANCES_SHEET
from tests.printing.pdf_tools import flat


@pytest.fixture
def offer(make, services):
    """Performances two months ahead: the command line reads the system clock, not the tests' one."""
    season = make.season().id
    convention = make.convention(make.partner(), season)
    first = make.performance(convention, quota=8, in_days=60)
    second = make.performance(convention, quota=5, in_days=70)
    reze = make.relay("CCAS de Rezé")
    make.relay("Secours populaire", commune="Nantes")
    make.relay("Ancien relais", active=False)
    make.book(first, reze, 3)
    return season, reze, (first, second)


def test_one_relay_s_form_and_its_pdf_beside_it(command_line, store_path, offer, tmp_path):
    _season, relay, (first, second) = offer
    out = tmp_path / "bons" / "bon-reze.xlsx"
    out.parent.mkdir()
    done = command_line("--data-dir", store_path.parent, "booking-form", "--relay", "rezé", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "CCAS de Rezé" in done.stdout and str(out) in done.stdout and str(out.with_suffix(".pdf")) in done.stdout
    book = load_workbook(io.BytesIO(out.read_bytes()))
    lines = [r for r in book[PERFORMANCES_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]]
    assert [(r[0], r[7]) for r in lines] == [(first, 5), (second, 5)]
    assert book[IDENTITY_SHEET].cell(4, 2).value == relay
    assert "CCAS de Rezé" in flat(out.with_suffix(".pdf").read_bytes())


def test_every_active_relay_into_a_folder(command_line, store_path, offer, tmp_path):
    folder = tmp_path / "tous"
    done = command_line(
        "--data-dir", store_path.parent, "booking-form", "--all", "--season", "2026-2027", "--out", folder
    )
    assert done.returncode == 0, done.stderr
    assert "2 relais" in done.stdout
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 4 and sum(n.endswith(".xlsx") for n in names) == 2
    assert not any("ancien" in n for n in names)


def test_a_relay_or_all_is_required(command_line, store_path, offer):
    done = command_line("--data-dir", store_path.parent, "booking-form")
    assert done.returncode == 2 and "--relay" in done.stderr


def test_an_unknown_relay_is_said_in_french_and_nothing_is_written(command_line, store_path, offer, tmp_path):
    done = command_line(
        "--data-dir", store_path.parent, "booking-form", "--relay", "Inconnu", "--out", tmp_path / "x.xlsx"
    )
    assert done.returncode == 1 and "Aucun relais ne s'appelle « Inconnu »" in done.stderr
    assert not (tmp_path / "x.xlsx").exists()
