"""Bookings imported for performances still to come are still to print: the import gives them
new ticket codes, which no ticket printed elsewhere carries, so an empty « editees » means none
printed, and `acs-desktop tickets --relay R` prints them (the command line reads the real clock)."""

from datetime import datetime, timedelta

from acs_desktop.cli import main
from acs_desktop.db.store import open_store
from acs_desktop.domain import ticket_codes
from acs_desktop.domain.seasons import season_label_for
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.services import Services
from tests.printing.pdf_tools import flat


def write_season(folder, ahead: datetime, past: datetime) -> None:
    label = season_label_for(ahead.date())
    files = {
        "partenaires": "nom\nThéâtre de la Ville\n",
        "conventions": f"partenaire;saison;etat;places_engagees;abonnes_solidaires;dons_eur;valeur_place_eur\nThéâtre de la Ville;{label};en cours;20;30;300,00;12,00\n",
        "relais": "nom;type;commune\nCCAS d'Orvault;CCAS;Orvault\n",
        "offres": "spectacle;partenaire;date;heure;places;saison\n"
        f"Antigone;Théâtre de la Ville;{ahead:%d/%m/%Y};20:30;6;{label}\n"
        f"Boléro;Théâtre de la Ville;{past:%d/%m/%Y};20:30;6;{label}\n",
        "reservations": "spectacle;date;heure;relais;places;presents;motif_non_utilisation\n"
        f"Antigone;{ahead:%d/%m/%Y};20:30;CCAS d'Orvault;3;;\n"
        f"Boléro;{past:%d/%m/%Y};20:30;CCAS d'Orvault;2;2;\n",
    }
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")


def test_imported_bookings_ahead_are_printed_by_the_tickets_command(tmp_path, capsys):
    now = datetime.now()
    ahead = now + timedelta(days=3)
    past = (
        now - timedelta(days=1)
        if season_label_for((now - timedelta(days=1)).date()) == season_label_for(ahead.date())
        else ahead
    )
    folder = tmp_path / "saison"
    write_season(folder, ahead, past)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(folder)]) == 0
    store = open_store(data / "acs.sqlite")
    services = Services(store)
    try:
        season = services.seasons.default_season()
        bookings = {b.show_title: b for b in services.booking_lists.list_bookings(season.id)}
        assert (bookings["Antigone"].booked, bookings["Antigone"].issued) == (3, 0)  # still to print
        if past != ahead:  # history: an empty « editees » on a past performance means all printed
            assert (bookings["Boléro"].booked, bookings["Boléro"].used) == (0, 2)
        codes = [i.code for i in services.booking_lists.invitations_of(bookings["Antigone"].id)]
    finally:
        store.close()
    capsys.readouterr()
    out = tmp_path / "billets.pdf"
    assert main(["--data-dir", str(data), "tickets", "--relay", "CCAS d'Orvault", "--out", str(out)]) == 0
    assert "3 billet" in capsys.readouterr().out
    text = flat(out.read_bytes())
    assert all(ticket_codes.display(code) in text for code in codes)
    store = open_store(data / "acs.sqlite")
    try:
        statuses = {i.status for i in Services(store).booking_lists.invitations_of(bookings["Antigone"].id)}
    finally:
        store.close()
    assert statuses == {InvitationStatus.ISSUED}
