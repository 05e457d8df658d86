"""The relays' feedback: recorded per booking after its performance, ≤ 500 characters and an
optional 1–4 scale; the direction chooses what the report quotes, without any name."""

from datetime import timedelta

import pytest

from acs_desktop.domain.accounts import Role
from acs_desktop.domain.errors import DomainError
from acs_desktop.services.relays import RelayInput


@pytest.fixture
def booking_id(services, make, clock, performance_id):
    kind = services.relays.get_or_create_relay_type("Centre social")
    relay = services.relays.create_relay(RelayInput("Centre social Bellevue", relay_type_id=kind, commune="Nantes"))
    result, _ids = make.issued_booking(performance_id, relay, 2)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(hours=3)
    return result.booking_id


def test_feedback_is_recorded_then_changed_with_its_version(services, booking_id):
    first = services.feedback.save_feedback(booking_id, "  Une belle soirée.  ", 4)
    assert (first.text, first.scale, first.quoted, first.version) == ("Une belle soirée.", 4, False, 1)
    second = services.feedback.save_feedback(booking_id, "Une belle soirée, à refaire.", None, version=1)
    assert (second.id, second.scale, second.version) == (first.id, None, 2)
    assert services.feedback.feedback_of(booking_id) == second


def test_feedback_before_the_performance_is_refused(services, make, performance_id, relay_id):
    booking = make.book(performance_id, relay_id, 1).booking_id
    with pytest.raises(DomainError) as refused:
        services.feedback.save_feedback(booking, "Trop tôt", 3)
    assert refused.value.code == "performance_not_started"


@pytest.mark.parametrize(
    ("text", "scale", "code"),
    [
        ("x" * 501, None, "text_too_long"),
        ("Bien", 5, "scale_invalid"),
        ("Bien", 0, "scale_invalid"),
        ("", None, "feedback_empty"),
    ],
)
def test_bad_feedback_is_refused(services, booking_id, text, scale, code):
    with pytest.raises(DomainError) as refused:
        services.feedback.save_feedback(booking_id, text, scale)
    assert refused.value.code == code
    assert services.feedback.feedback_of(booking_id) is None


def test_a_feedback_saved_meanwhile_by_another_desk_is_not_overwritten(services, booking_id):
    services.feedback.save_feedback(booking_id, "Écrit à l'autre poste", 3)
    with pytest.raises(DomainError) as refused:
        services.feedback.save_feedback(booking_id, "Écrit ici, sans l'avoir vu", 2)  # this dialog read none
    assert refused.value.code == "changed_elsewhere"
    assert services.feedback.feedback_of(booking_id).text == "Écrit à l'autre poste"


def test_saying_nothing_removes_a_feedback(services, booking_id):
    saved = services.feedback.save_feedback(booking_id, "Bien", 3)
    assert services.feedback.save_feedback(booking_id, "", None, version=saved.version) is None
    assert services.feedback.feedback_of(booking_id) is None


def test_the_report_quotes_only_the_chosen_feedback_with_the_kind_of_relay(
    services, make, clock, season, convention_id, booking_id
):
    chosen = services.feedback.save_feedback(booking_id, "Les enfants en parlent encore.", 4)
    services.feedback.set_quoted(chosen.id, True, version=chosen.version)
    other = make.performance(convention_id, in_days=1)
    relay = make.relay("Foyer Marie Curie", commune="Rezé")
    result, _ = make.issued_booking(other, relay, 1)
    clock.now += timedelta(days=2)
    services.feedback.save_feedback(result.booking_id, "Pas cité", 2)
    review = services.review.review(season.id)
    [quote] = review.quotes
    assert quote.sentence().startswith("Un relais (centre social), après « ")
    assert "Les enfants en parlent encore." in quote.sentence()
    assert "Bellevue" not in quote.sentence() and "(appréciation : 4/4)" in quote.sentence()
    assert len(services.feedback.list_feedback(season.id)) == 2


def test_a_volunteer_records_feedback_but_only_the_direction_chooses_what_to_quote(services, booking_id):
    services.accounts.create_account("Claire", Role.DIRECTION, "direction-2026")
    services.accounts.create_account("Paul", Role.VOLUNTEER, "benevole-2026")
    services.accounts.log_in("Paul", "benevole-2026")
    saved = services.feedback.save_feedback(booking_id, "Merci pour cette sortie.", 3)
    with pytest.raises(DomainError) as refused:
        services.feedback.set_quoted(saved.id, True, version=saved.version)
    assert refused.value.code == "not_allowed"
    services.accounts.log_in("Claire", "direction-2026")
    assert services.feedback.set_quoted(saved.id, True, version=saved.version).quoted


def test_a_relay_kind_with_brackets_is_not_put_in_brackets_again():
    from acs_desktop.domain.mediation import FeedbackQuote

    quote = FeedbackQuote("Centre d'hébergement (CHRS)", "Hamlet", "Très bien.", None)
    assert quote.sentence() == "Un relais, centre d'hébergement (CHRS), après « Hamlet » : « Très bien. »"
    assert (
        FeedbackQuote(None, "Hamlet", "Bien.", 3).sentence()
        == "Un relais, après « Hamlet » : « Bien. » (appréciation : 3/4)"
    )
