"""The report's mediation actions (in « 2. Actions réalisées ») and the relays' words the
director chose (in « 7. Bilan qualitatif »), read as a funder reads them: the actions with their
partners and the number of relays; the quotes with the kind of relay only, never a name; and
companions apart in the key figures."""

from datetime import date

import pytest

from acs_desktop.domain.mediation import MediationKind
from acs_desktop.services.mediation import MediationInput
from tests.printing.test_report import read, season_id


@pytest.fixture
def report(demo_services):
    services = demo_services
    sid = season_id(services, "2026-2027")
    partner = services.partners.list_partners()[0]
    relays = services.relays.list_relays()
    services.mediation.create_action(
        sid,
        MediationInput(
            date(2026, 9, 18), MediationKind.PRESENTATION, 41, (partner.id,), tuple(r.id for r in relays[:3])
        ),
    )
    services.mediation.create_action(sid, MediationInput(date(2027, 3, 2), MediationKind.ARTISTS, 17, (partner.id,)))
    now = services.clock()
    past = [b for b in services.booking_lists.list_bookings(sid) if b.starts_at <= now and b.used]
    chosen, other = past[0], past[1]
    quoted = services.feedback.save_feedback(chosen.id, "Une première fois au théâtre, et une envie d'y retourner.", 4)
    services.feedback.set_quoted(quoted.id, True, version=quoted.version)
    services.feedback.save_feedback(other.id, "Ce retour n'est pas choisi pour le bilan.", 2)
    relay_type = next(r.relay_type for r in relays if r.id == chosen.relay_id)
    pages, whole = read(services.documents.review_report(sid).content)
    return pages, whole, chosen, other, partner, relay_type


def test_the_actions_are_counted_and_listed_in_actions_realisees(report):
    pages, whole, _chosen, _other, partner, _kind = report
    section = next(i for i, page in enumerate(pages) if "Actions de médiation À côté des places" in page)
    assert "2. Actions réalisées" in " ".join(pages[section - 1 : section + 1])
    assert "l'association a mené 2 actions de médiation, qui ont réuni 58 participants" in whole
    assert "Présentation de saison aux relais 1 41" in whole
    assert "Rencontre avec les artistes 1 17" in whole
    assert "18/09/2026" in whole and "3 relais :" in whole and partner.name in whole


def test_a_chosen_feedback_is_quoted_with_the_kind_of_relay_and_no_name(report):
    pages, whole, chosen, _other, _partner, relay_type = report
    qualitative = " ".join(
        pages[next(i for i, p in enumerate(pages) if "7. Bilan qualitatif" in p and "Faits marquants" in p) :]
    )
    kind = relay_type[0].lower() + relay_type[1:] if relay_type[1:2].islower() else relay_type
    assert f"Un relais ({kind}), après « {chosen.show_title} » : « Une première fois au théâtre" in qualitative
    assert "(appréciation : 4/4)" in qualitative
    assert "pas choisi pour le bilan" not in whole
    assert (
        chosen.relay_name not in qualitative.split("Paroles de relais")[1].split("Actions pour la saison prochaine")[0]
    )


def test_companions_have_their_line_in_the_key_figures(report):
    _pages, whole, *_ = report
    assert "dont accompagnateurs (réservées)" in whole
    assert "dont accompagnateurs (utilisées)" in whole
    assert "Actions de médiation 2" in whole and "Personnes touchées par les actions 58" in whole
