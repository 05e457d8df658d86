"""Values refused that were accepted: an email that is not one (at input and at import); ISO dates
are accepted everywhere a date is read (input and import), as the README says."""

from datetime import date

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import parse_date
from acs_desktop.domain.validation import optional_email
from acs_desktop.services.relays import RelayInput


@pytest.mark.parametrize(
    "wrong", ["nom@", "nom.exemple.fr", "a@b@c.fr", "nom@exemple", "nom @exemple.fr", "@exemple.fr"]
)
def test_an_email_that_is_not_one_is_refused(wrong):
    with pytest.raises(DomainError) as refused:
        optional_email(wrong)
    assert refused.value.code == "email_invalid" and "adresse de courriel" in refused.value.message


def test_a_right_email_or_none_passes():
    assert optional_email("  claire.martin@ccas-reze.fr ") == "claire.martin@ccas-reze.fr"
    assert optional_email("") == "" and optional_email(None) == ""


def test_a_relay_with_a_wrong_email_is_refused_and_not_written(services):
    with pytest.raises(DomainError) as refused:
        services.relays.create_relay(RelayInput("CCAS", None, "Rezé", email="ccas.reze.fr"))
    assert refused.value.field == "email"
    assert services.relays.list_relays() == []


def test_a_wrong_email_in_an_imported_file_is_a_refusal_with_file_and_line(services, tmp_path):
    folder = tmp_path / "saison"
    folder.mkdir()
    (folder / "relais.csv").write_text(
        "nom;commune;email\nCCAS;Rezé;ccas@reze.fr\nFoyer;Nantes;foyer-at-nantes\n", encoding="utf-8"
    )
    plan = services.season_io.plan(folder)
    assert [str(p) for p in plan.problems] == [
        "relais.csv, ligne 3 : Colonne email : « foyer-at-nantes » n'est pas une adresse de courriel (exemple : nom@exemple.fr)."
    ]


def test_iso_dates_are_read_like_french_ones():
    assert parse_date("2026-02-14") == parse_date("14/02/2026") == date(2026, 2, 14)
    with pytest.raises(DomainError):
        parse_date("2026-02-30")
