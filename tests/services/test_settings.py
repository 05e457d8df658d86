"""The association's settings: name required, logo checked, a neutral name for tickets."""

import pytest

from acs_desktop.domain.errors import DomainError


def test_the_name_on_tickets_defaults_to_the_association_name(services):
    info = services.settings.update(name="Culture pour tous")
    assert info.name_on_tickets == "Culture pour tous"
    assert services.settings.update(name="Les Sorties Solidaires", ticket_name="SOSO").name_on_tickets == "SOSO"


def test_a_revealing_name_for_tickets_is_refused(services):
    with pytest.raises(DomainError) as refused:
        services.settings.update(name="Les Sorties Solidaires", ticket_name="Sorties solidaires")
    assert refused.value.code == "ticket_name_reveals" and refused.value.field == "ticket_name"
    assert services.settings.get().name == ""


def test_the_logo_must_be_an_image(services):
    with pytest.raises(DomainError) as refused:
        services.settings.set_logo(b"GIF89a...")
    assert refused.value.code == "logo_format"


def test_the_association_name_is_required(services):
    with pytest.raises(DomainError) as refused:
        services.settings.update(name="  ")
    assert refused.value.code == "name_required"


def test_small_counts_are_protected_from_5_by_default_and_kept_when_not_given(services):
    assert services.settings.get().small_count_threshold == 5
    services.settings.update(name="Les Sorties Solidaires", small_count_threshold=10)
    services.settings.update(name="Les Sorties Solidaires", phone="02 40 00 00 00")
    assert services.settings.get().small_count_threshold == 10


def test_a_small_count_threshold_out_of_range_is_refused(services):
    with pytest.raises(DomainError) as refused:
        services.settings.update(name="Les Sorties Solidaires", small_count_threshold=100)
    assert refused.value.field == "small_count_threshold"
