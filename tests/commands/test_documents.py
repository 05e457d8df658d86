"""`acs-desktop tickets | attendance | slip | catalogue` on a demo store, as a person runs them."""

import shutil
from datetime import datetime

import pytest

from acs_desktop.cli import main
from acs_desktop.db.store import open_store
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.services import Services
from tests.printing.pdf_tools import flat, fonts, forbidden_words_in, page_count


@pytest.fixture(scope="module")
def demo_now(tmp_path_factory, template_store):
    """A demo built around the real "now": the command line reads the system clock."""
    from acs_desktop.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo-now") / "acs.sqlite"
    shutil.copyfile(template_store, path)
    store = open_store(path)
    load_demo(store, datetime.now().replace(microsecond=0))
    store.close()
    return path


@pytest.fixture
def data_dir(tmp_path, demo_now):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(demo_now, folder / "acs.sqlite")
    return folder


@pytest.fixture
def services(data_dir):
    store = open_store(data_dir / "acs.sqlite")
    yield Services(store)
    store.close()


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *args])


def season_id(services):
    return services.seasons.default_season().id


def relay_with_tickets_to_print(services):
    return max(services.documents.relays_with_places(season_id(services)), key=lambda r: r.to_print)


def test_tickets_of_a_relay_by_name_then_nothing_left(data_dir, services, tmp_path, capsys):
    relay = relay_with_tickets_to_print(services)
    expected = [
        b
        for b in services.booking_lists.list_bookings(season_id(services), relay_id=relay.relay_id)
        if b.booked and b.starts_at > datetime.now()
    ]
    codes = [
        i.code
        for b in expected
        for i in services.booking_lists.invitations_of(b.id)
        if i.status is InvitationStatus.BOOKED
    ]
    out = tmp_path / "billets.pdf"
    assert run(data_dir, "tickets", "--relay", relay.name.upper(), "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert f"{len(codes)} billet" in printed and str(out) in printed
    pdf = out.read_bytes()
    content = flat(pdf)
    assert all(ticket_codes.display(code) in content for code in codes)
    assert page_count(pdf) == -(-len(codes) // 8) and all(fonts(pdf).values())
    assert services.settings.get().name_on_tickets == "SOSO"  # the demo prints a neutral name on tickets
    assert forbidden_words_in(content, extra=(relay.name,)) == []
    assert {i.status for b in expected for i in services.booking_lists.invitations_of(b.id) if i.code in codes} == {
        InvitationStatus.ISSUED
    }
    assert run(data_dir, "tickets", "--relay", str(relay.relay_id), "--out", str(tmp_path / "encore.pdf")) == 1
    assert "aucun billet à imprimer" in capsys.readouterr().err
    assert not (tmp_path / "encore.pdf").exists()


def test_an_ambiguous_relay_name_is_refused_with_the_list(data_dir, capsys):
    assert run(data_dir, "tickets", "--relay", "ccas") == 1
    err = capsys.readouterr().err
    assert "Plusieurs relais répondent à « ccas »" in err and err.count("  n° ") >= 2 and "--relay" in err


def test_an_unknown_relay_or_season_is_refused(data_dir, capsys):
    assert run(data_dir, "slip", "--relay", "Nulle part") == 1
    assert "Aucun relais ne s'appelle « Nulle part »" in capsys.readouterr().err
    assert run(data_dir, "catalogue", "--season", "1999-2000") == 1
    assert "La saison « 1999-2000 » n'existe pas" in capsys.readouterr().err


def test_a_booking_printed_twice_says_duplicata(data_dir, services, tmp_path, capsys):
    booking = next(
        b
        for b in services.booking_lists.list_bookings(season_id(services))
        if b.booked and b.starts_at > datetime.now()
    )
    assert run(data_dir, "tickets", "--booking", str(booking.id), "--out", str(tmp_path)) == 0
    assert "imprimé" in capsys.readouterr().out
    assert run(data_dir, "tickets", "--booking", str(booking.id), "--out", str(tmp_path / "encore.pdf")) == 0
    assert "duplicata" in capsys.readouterr().out
    assert flat((tmp_path / "encore.pdf").read_bytes()).count("DUPLICATA") == booking.booked + booking.issued
    assert (tmp_path / f"billets-reservation-{booking.id}.pdf").exists()  # a folder: the document's own name


def test_nothing_is_marked_when_the_folder_cannot_be_written(data_dir, services, tmp_path, capsys):
    relay = relay_with_tickets_to_print(services)
    assert run(data_dir, "tickets", "--relay", str(relay.relay_id), "--out", str(tmp_path / "absent" / "b.pdf")) == 1
    assert "Impossible d'écrire" in capsys.readouterr().err
    assert relay_with_tickets_to_print(services).to_print == relay.to_print


def test_attendance_sheet_of_a_performance(data_dir, services, tmp_path, capsys):
    performance = next(
        p
        for p in services.offers.list_performances(season_id(services))
        if p.starts_at > datetime.now()
        and p.booked
        and any(b.issued for b in services.booking_lists.list_bookings(season_id(services), performance_id=p.id))
    )
    relays = {
        b.relay_name
        for b in services.booking_lists.list_bookings(season_id(services), performance_id=performance.id)
        if b.issued
    }
    out = tmp_path / "feuille.pdf"
    assert run(data_dir, "attendance", "--performance", str(performance.id), "--out", str(out)) == 0
    content = flat(out.read_bytes())
    assert "FEUILLE D'ÉMARGEMENT" in content and performance.show_title in content
    assert [name for name in relays if name in content] == []  # the venue's copy: no relay named
    assert "Feuille d'émargement" in capsys.readouterr().out
    assert (
        run(data_dir, "attendance", "--performance", str(performance.id), "--with-relays", "--out", str(tmp_path)) == 0
    )
    association = next(tmp_path.glob("emargement-*-association.pdf"))
    assert (
        all(name in flat(association.read_bytes()) for name in relays) and str(association) in capsys.readouterr().out
    )


def test_slip_and_catalogue(data_dir, services, tmp_path, capsys):
    relay = relay_with_tickets_to_print(services)
    assert run(data_dir, "slip", "--relay", str(relay.relay_id), "--out", str(tmp_path / "bordereau.pdf")) == 0
    assert "Une place ne servira pas ?" in flat((tmp_path / "bordereau.pdf").read_bytes())
    label = services.seasons.default_season().label
    assert run(data_dir, "catalogue", "--season", label, "--out", str(tmp_path / "catalogue.pdf")) == 0
    catalogue = (tmp_path / "catalogue.pdf").read_bytes()
    assert "CATALOGUE DES PLACES" in flat(catalogue) and page_count(catalogue) > 1
    assert f"Catalogue {label}" in capsys.readouterr().out


def test_the_command_line_writes_the_document_and_refuses_without_traceback(data_dir, tmp_path, command_line):
    done = command_line("--data-dir", data_dir, "catalogue", "--out", tmp_path / "c.pdf")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    refused = command_line("--data-dir", data_dir, "attendance", "--performance", "999999")
    assert (
        refused.returncode == 1
        and "n'existe plus" in refused.stderr
        and "Traceback" not in refused.stderr + refused.stdout
    )
