"""Names are required, and unique where a person would expect it."""

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.services.partners import PartnerInput
from acs_desktop.services.relays import RelayInput


def test_two_relays_with_the_same_name_in_one_commune_are_refused(services, make):
    make.relay("CCAS", commune="Rezé")
    with pytest.raises(DomainError) as refused:
        services.relays.create_relay(RelayInput(name="ccas ", commune="REZÉ"))
    assert refused.value.code == "relay_exists"


def test_the_same_relay_name_in_another_commune_is_fine(services, make):
    make.relay("CCAS", commune="Rezé")
    make.relay("CCAS", commune="Nantes")
    assert len(services.relays.list_relays()) == 2


def test_partner_names_are_unique_ignoring_case(services, make):
    make.partner("Le Grand T")
    with pytest.raises(DomainError) as refused:
        services.partners.create_partner(PartnerInput(name="le grand t"))
    assert refused.value.code == "partner_exists"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_names_are_required(services, name):
    with pytest.raises(DomainError) as refused:
        services.partners.create_partner(PartnerInput(name=name))
    assert refused.value.code == "name_required" and refused.value.field == "name"


def test_over_long_names_are_refused(services):
    with pytest.raises(DomainError) as refused:
        services.relays.create_relay(RelayInput(name="x" * 500, commune="Nantes"))
    assert refused.value.code == "text_too_long"
    assert services.relays.list_relays() == []


def test_season_labels_are_checked_and_unique(services):
    services.seasons.create_season("2025-2026")
    for label, code in (
        ("2025-2026", "season_exists"),
        ("2025-2027", "season_label_invalid"),
        ("saison 3", "season_label_invalid"),
    ):
        with pytest.raises(DomainError) as refused:
            services.seasons.create_season(label)
        assert refused.value.code == code


def test_a_relay_that_booked_cannot_be_deleted(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 1)
    with pytest.raises(DomainError) as refused:
        services.relays.delete_relay(relay_id)
    assert refused.value.code == "relay_in_use"


def test_a_partner_with_a_convention_cannot_be_deleted(services, partner_id, convention_id):
    with pytest.raises(DomainError) as refused:
        services.partners.delete_partner(partner_id)
    assert refused.value.code == "partner_in_use"
