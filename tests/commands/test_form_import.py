"""`acs-desktop import-requests`: returned forms, previewed with --dry-run, then imported, as a
person types it (the command line reads the system clock: performances two months ahead)."""

import pytest

from acs_desktop.domain.booking_forms import PERFORMANCES_SHEET
from acs_desktop.services import Services
from acs_desktop.services.base import system_clock
from tests.services.test_form_import import fill, tamper


@pytest.fixture
def forms(make, services, store, tmp_path):
    season = make.season().id
    convention = make.convention(make.partner(), season)
    roomy = make.performance(convention, quota=8, in_days=60)
    small = make.performance(convention, quota=2, in_days=70)
    reze = make.relay("CCAS de Rezé")
    nantes = make.relay("Secours populaire", commune="Nantes")
    now = Services(store, system_clock)  # the form is made "now", as the command line will read it
    paths = []
    for relay, name in ((reze, "reze.xlsx"), (nantes, "nantes.xlsx")):
        path = tmp_path / name
        path.write_bytes(now.documents.booking_form(relay, season)[0].content)
        paths.append(path)
    fill(paths[0], {roomy: 3, small: 2}, names={roomy: "Awa, Léo"})
    fill(paths[1], {small: 1})
    return paths, roomy, small


def held(services, performance_id):
    return services.bookings.held_places(performance_id)


def test_dry_run_says_what_would_be_done_and_writes_nothing(command_line, store_path, services, forms):
    paths, roomy, small = forms
    done = command_line("--data-dir", store_path.parent, "import-requests", *paths, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "Rien n'a été écrit (--dry-run)" in done.stdout
    assert "Réservé" in done.stdout and "Liste d'attente" in done.stdout
    assert "codes " not in done.stdout  # a preview's codes are rolled back with it: never shown
    assert held(services, roomy) == held(services, small) == 0


def test_the_import_books_and_says_the_codes_and_twice_books_nothing_more(command_line, store_path, services, forms):
    paths, roomy, small = forms
    done = command_line("--data-dir", store_path.parent, "import-requests", *paths)
    assert done.returncode == 0, done.stderr
    assert "Import terminé : 2 lignes réservées, 1 en liste d'attente" in done.stdout
    assert "codes " in done.stdout
    assert (held(services, roomy), held(services, small)) == (3, 2)
    again = command_line("--data-dir", store_path.parent, "import-requests", *paths)
    assert again.returncode == 1
    assert again.stdout.count("déjà été importé") == 2
    assert (held(services, roomy), held(services, small)) == (3, 2)


def test_a_tampered_form_is_refused_with_file_sheet_and_line(command_line, store_path, services, forms):
    paths, roomy, _small = forms
    tamper(paths[0], lambda book: book[PERFORMANCES_SHEET].cell(6, 2, "01/01/2030"))
    done = command_line("--data-dir", store_path.parent, "import-requests", paths[0])
    assert done.returncode == 1
    assert f"reze.xlsx › {PERFORMANCES_SHEET}, ligne 6 : la case « Date » a été modifiée" in done.stdout
    assert held(services, roomy) == 0
