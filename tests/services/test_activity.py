"""Every change is recorded (when, what, before → after) and can be searched."""

from decimal import Decimal

from acs_desktop.services.conventions import ConventionFigures


def test_every_change_adds_an_entry(services, make, season, partner_id, convention_id, performance_id, relay_id, clock):
    steps = [
        lambda: services.partners.save_contact(partner_id, "Hélène Moreau"),
        lambda: services.conventions.update_figures(
            convention_id, ConventionFigures(80, 90, Decimal("1300.00"), Decimal("12.00"))
        ),
        lambda: make.book(performance_id, relay_id, 2),
        lambda: services.relays.set_active(relay_id, False),
        lambda: services.reasons.save_reason("Grève des transports"),
        lambda: services.settings.update(name="Les Sorties Solidaires"),
    ]
    for step in steps:
        before = services.activity.count()
        step()
        assert services.activity.count() == before + 1, step


def test_updates_say_before_and_after(services, convention_id):
    services.conventions.update_figures(convention_id, ConventionFigures(80, 90, Decimal("1300.00"), Decimal("12.00")))
    latest = services.activity.entries()[0]
    assert latest.action == "modification" and latest.entity == "convention"
    assert "1\u202f200,00\u00a0€ → 1\u202f300,00\u00a0€" in latest.summary


def test_who_booked_what_and_when(services, make, performance_id, relay_id, clock):
    make.book(performance_id, relay_id, 3)
    found = services.activity.entries("ccas")
    assert found and found[0].action == "réservation" and "3 place(s)" in found[0].summary and found[0].at == clock()
    assert services.activity.entries("introuvable") == []
