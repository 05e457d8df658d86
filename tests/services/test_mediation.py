"""Mediation actions: dated, of a kind, with partners and relays; changed with the version read;
counted per kind in the review with the people reached."""

from datetime import date

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.mediation import MediationKind
from acs_desktop.services.mediation import MediationInput


def test_an_action_is_recorded_with_its_partners_and_relays(services, make, season, partner_id, relay_id):
    other = make.relay("Centre social Bellevue", commune="Nantes")
    action = services.mediation.create_action(
        season.id,
        MediationInput(date(2026, 9, 15), MediationKind.PRESENTATION, 24, (partner_id,), (relay_id, other), "Salle"),
    )
    [listed] = services.mediation.list_actions(season.id)
    assert listed == action
    assert listed.partners == ("Théâtre de la Ville",)
    assert set(listed.relays) == {"CCAS", "Centre social Bellevue"}
    assert (listed.people, listed.kind_label, listed.version) == (24, "Présentation de saison aux relais", 1)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (MediationInput(None, MediationKind.VISIT), "date_required"),
        (MediationInput(date(2026, 10, 1), None), "kind_required"),
        (MediationInput(date(2026, 10, 1), "party"), "kind_required"),
        (MediationInput(date(2026, 10, 1), MediationKind.VISIT, -1), "number_negative"),
        (MediationInput(date(2026, 10, 1), MediationKind.VISIT, 3, (), (), "x" * 301), "text_too_long"),
        (MediationInput(date(2026, 10, 1), MediationKind.VISIT, 3, (999,)), "not_found"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(services, season, values, code):
    with pytest.raises(DomainError) as refused:
        services.mediation.create_action(season.id, values)
    assert refused.value.code == code
    assert services.mediation.list_actions(season.id) == []


def test_an_update_with_an_old_version_is_refused(services, season, relay_id):
    action = services.mediation.create_action(season.id, MediationInput(date(2026, 10, 1), MediationKind.VISIT, 8))
    services.mediation.update_action(
        action.id, MediationInput(date(2026, 10, 2), MediationKind.VISIT, 9, (), (relay_id,)), version=1
    )
    with pytest.raises(DomainError) as refused:
        services.mediation.update_action(
            action.id, MediationInput(date(2026, 10, 3), MediationKind.VISIT, 10), version=1
        )
    assert refused.value.code == "changed_elsewhere"
    again = services.mediation.get_action(action.id)
    assert (again.on, again.people, again.relays, again.version) == (date(2026, 10, 2), 9, ("CCAS",), 2)


def test_a_deleted_action_is_gone_and_logged(services, season):
    action = services.mediation.create_action(season.id, MediationInput(date(2026, 10, 1), MediationKind.CLOSING, 80))
    services.mediation.delete_action(action.id, version=action.version)
    assert services.mediation.list_actions(season.id) == []
    assert "Action de médiation supprimée" in services.activity.entries(limit=1)[0].summary


def test_the_review_counts_actions_per_kind_and_people_reached(services, make, season, partner_id, relay_id):
    for day, kind, people in (
        (date(2026, 9, 15), MediationKind.PRESENTATION, 30),
        (date(2026, 11, 5), MediationKind.VISIT, 12),
        (date(2027, 1, 20), MediationKind.VISIT, 8),
    ):
        services.mediation.create_action(season.id, MediationInput(day, kind, people, (partner_id,), (relay_id,)))
    other = make.season("2027-2028")
    services.mediation.create_action(other.id, MediationInput(date(2027, 9, 1), MediationKind.CLOSING, 100))
    review = services.review.review(season.id)
    assert [(k.kind, k.actions, k.people) for k in review.mediation_kinds] == [
        ("Présentation de saison aux relais", 1, 30),
        ("Visite", 2, 20),
    ]
    assert (review.figures.mediation_actions, review.figures.mediation_people) == (3, 50)
    assert [line.on for line in review.mediation] == [date(2026, 9, 15), date(2026, 11, 5), date(2027, 1, 20)]
    assert review.mediation[0].partners == ("Théâtre de la Ville",) and review.mediation[0].relays == ("CCAS",)


def test_a_relay_deleted_leaves_the_action_without_it(services, make, season):
    relay = make.relay("Foyer", commune="Nantes")
    action = services.mediation.create_action(
        season.id, MediationInput(date(2026, 10, 1), MediationKind.MEETING, 5, (), (relay,))
    )
    services.relays.delete_relay(relay)
    assert services.mediation.get_action(action.id).relays == ()
