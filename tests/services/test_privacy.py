"""Privacy: first names anonymised at the season's closing and after the retention period;
a referent's or a contact's data exported on request and erased."""

import json
from datetime import datetime

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import ConventionState
from acs_desktop.services import Services
from acs_desktop.services.privacy import add_months


def names(services, season_id):
    return services.privacy.first_names_held(season_id)


def test_closing_a_season_anonymises_first_names_and_closes_conventions(
    services, make, season, convention_id, performance_id, relay_id
):
    make.book(performance_id, relay_id, 2, first_names=("Awa", "Léon"), names_on_tickets=True)
    assert names(services, season.id) == 2
    result = services.privacy.close_season(season.id)
    assert (result.first_names, names(services, season.id)) == (2, 0)
    assert services.conventions.list_conventions(season.id)[0].state is ConventionState.CLOSED
    assert services.seasons.list_seasons()[0].closed
    with pytest.raises(DomainError) as refused:
        services.privacy.close_season(season.id)
    assert refused.value.code == "season_closed"


def test_retention_anonymises_seasons_ended_more_than_24_months_ago(store, make, relay_id):
    old_clock = datetime(2024, 3, 1, 10, 0)
    services = Services(store, lambda: old_clock)
    old = services.seasons.create_season("2023-2024")
    recent = services.seasons.create_season("2025-2026")
    for season in (old, recent):
        convention = make.convention(make.partner(f"Théâtre {season.label}"), season.id)
        show = services.offers.save_show(convention, "Antigone")
        from acs_desktop.services.offers import PerformanceInput

        performance = services.offers.save_performance(
            PerformanceInput(show, datetime(int(season.label[:4]) + 1, 3, 10, 20, 30), 5)
        )
        from acs_desktop.services.bookings import BookingRequest

        services.bookings.book_places(
            BookingRequest(performance, relay_id, 1, first_names=("Zoé",), names_on_tickets=True)
        )
    later = Services(store, lambda: datetime(2026, 11, 22, 10, 0))  # 2023-2024 ended 31/08/2024: 27 months ago
    done = later.privacy.apply_retention()
    assert [(d.season_label, d.first_names) for d in done] == [("2023-2024", 1)]
    assert (names(later, old.id), names(later, recent.id)) == (0, 1)
    assert later.privacy.apply_retention() == []


def test_add_months_handles_month_ends():
    assert add_months(datetime(2024, 8, 31).date(), 24).isoformat() == "2026-08-31"
    assert add_months(datetime(2024, 1, 31).date(), 1).isoformat() == "2024-02-29"


def test_a_referents_data_is_exported_then_erased_everywhere(services, make, relay_id, performance_id):
    referent = services.relays.save_referent(relay_id, "Claire Le Goff", "06 11 22 33 44", "claire@ccas.example")
    make.book(performance_id, relay_id, 1, referent_id=referent)
    exported = json.loads(services.privacy.export_referent(referent))
    assert exported["nom"] == "Claire Le Goff" and exported["courriel"] == "claire@ccas.example"
    assert exported["réservations faites"] == 1 and any(
        "Claire Le Goff" in line for line in exported["journal d'activité"]
    )
    services.privacy.erase_referent(referent)
    detail = services.relays.get_relay(relay_id).referents[0]
    assert "Claire" not in detail.name and detail.phone == "" and detail.email == ""
    assert not any("Claire Le Goff" in row.summary for row in services.activity.entries())
    assert services.booking_lists.list_bookings(services.seasons.list_seasons()[0].id)[0].places == 1


def test_a_partner_contacts_data_is_exported_then_erased(services, partner_id):
    contact = services.partners.save_contact(
        partner_id, "Hélène Moreau", "Relations publiques", "02 40 00 00 00", "rp@theatre.example"
    )
    assert json.loads(services.privacy.export_contact(contact))["fonction"] == "Relations publiques"
    services.privacy.erase_contact(contact)
    assert services.partners.get_partner(partner_id).contacts == ()
    assert not any("Hélène Moreau" in row.summary for row in services.activity.entries())
