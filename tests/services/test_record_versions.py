"""Two desks, one record: a dialog saves with the version it read, and a record another desk saved
meanwhile is not overwritten — the save is refused in French and the other desk's change stays.

"Another desk" is a second `Services` on a second opening of the same store file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.states import AllocationKind, FollowUpKind
from acs_desktop.models import Relay
from acs_desktop.services import Services
from acs_desktop.services.conventions import AllocationInput, ConventionFigures
from acs_desktop.services.offers import PerformanceInput
from acs_desktop.services.partners import PartnerInput
from acs_desktop.services.relays import RelayInput
from tests.factories import Factory


@dataclass(frozen=True)
class Kind:
    """One kind of record a dialog edits: how a test makes one, reads what the dialog reads (its
    version), saves a new text in it (with a version, or none: not from a dialog) and reads it back."""

    make: Callable[[Services, Factory], int]
    version: Callable[[Services, int], int]
    save: Callable[[Services, int, str, int | None], object]
    text: Callable[[Services, int], str]
    refusal: str  # how the refusal begins


def _partner_id(s: Services, contact_or_venue_id: int) -> int:
    return next(p.id for p in s.partners.list_partners() if contact_or_venue_id in _children(s, p.id))


def _children(s: Services, partner_id: int) -> set[int]:
    detail = s.partners.get_partner(partner_id)
    return {c.id for c in detail.contacts} | {v.id for v in detail.venues}


def _contact(s: Services, contact_id: int):
    return next(
        c for p in s.partners.list_partners() for c in s.partners.get_partner(p.id).contacts if c.id == contact_id
    )


def _venue(s: Services, venue_id: int):
    return next(v for v in s.partners.list_venues() if v.id == venue_id)


def _convention(s: Services, make: Factory) -> int:
    season = make.season()
    return make.convention(make.partner(), season.id)


def _season_id(s: Services) -> int:
    return s.seasons.list_seasons()[0].id


def _show(s: Services, show_id: int):
    return next(r for r in s.offers.list_shows(_season_id(s)) if r.id == show_id)


def _allocation(s: Services, allocation_id: int):
    convention = s.conventions.list_conventions(_season_id(s))[0]
    return next(a for a in s.conventions.list_allocations(convention.id) if a.id == allocation_id)


def _convention_line(s: Services, entry_id: int):
    convention = s.conventions.list_conventions(_season_id(s))[0]
    return next(e for e in s.conventions.list_follow_ups(convention.id) if e.id == entry_id)


def _relay_line(s: Services, entry_id: int):
    relay = s.relays.list_relays()[0]
    return next(e for e in s.relays.list_follow_ups(relay.id) if e.id == entry_id)


def _referent(s: Services, referent_id: int):
    relay = s.relays.list_relays()[0]
    return next(r for r in s.relays.get_relay(relay.id).referents if r.id == referent_id)


def _reason(s: Services, reason_id: int):
    return next(r for r in s.reasons.list_reasons(include_inactive=True) if r.id == reason_id)


def _performance_input(s: Services, performance_id: int, hour: str) -> PerformanceInput:
    row = s.offers.get_performance(performance_id)
    return PerformanceInput(row.show_id, row.starts_at.replace(hour=int(hour)), row.quota, row.venue_id)


KINDS = {
    "partner": Kind(
        make=lambda s, make: make.partner(),
        version=lambda s, i: s.partners.get_partner(i).version,
        save=lambda s, i, t, v: s.partners.update_partner(i, PartnerInput("Théâtre de la Ville", notes=t), version=v),
        text=lambda s, i: s.partners.get_partner(i).data.notes,
        refusal="Ce partenaire a été modifié à un autre poste",
    ),
    "contact": Kind(
        make=lambda s, make: s.partners.save_contact(make.partner(), "Anne Martin"),
        version=lambda s, i: _contact(s, i).version,
        save=lambda s, i, t, v: s.partners.save_contact(
            _partner_id(s, i), "Anne Martin", role=t, contact_id=i, version=v
        ),
        text=lambda s, i: _contact(s, i).role,
        refusal="Ce contact a été modifié à un autre poste",
    ),
    "venue": Kind(
        make=lambda s, make: s.partners.save_venue(make.partner(), "Grande salle"),
        version=lambda s, i: _venue(s, i).version,
        save=lambda s, i, t, v: s.partners.save_venue(_partner_id(s, i), "Grande salle", t, venue_id=i, version=v),
        text=lambda s, i: _venue(s, i).address,
        refusal="Cette salle a été modifiée à un autre poste",
    ),
    "convention": Kind(
        make=lambda s, make: _convention(s, make),
        version=lambda s, i: s.conventions.get_convention(i).version,
        save=lambda s, i, t, v: s.conventions.update_figures(
            i, ConventionFigures(80, 90, Decimal("1200.00"), Decimal("12.00"), notes=t), version=v
        ),
        text=lambda s, i: s.conventions.get_convention(i).notes,
        refusal="Cette convention a été modifiée à un autre poste",
    ),
    "allocation": Kind(
        make=lambda s, make: s.conventions.save_allocation(
            _convention(s, make), AllocationInput(AllocationKind.EXTRA_PLACES, Decimal("10.00"))
        ),
        version=lambda s, i: _allocation(s, i).version,
        save=lambda s, i, t, v: s.conventions.save_allocation(
            _allocation(s, i).convention_id,
            AllocationInput(AllocationKind.EXTRA_PLACES, Decimal("10.00"), note=t),
            i,
            version=v,
        ),
        text=lambda s, i: _allocation(s, i).data.note,
        refusal="Cette affectation du surplus a été modifiée à un autre poste",
    ),
    "convention follow-up": Kind(
        make=lambda s, make: s.conventions.save_follow_up(
            _convention(s, make), date(2026, 10, 2), FollowUpKind.MEETING, "Réunion"
        ),
        version=lambda s, i: _convention_line(s, i).version,
        save=lambda s, i, t, v: s.conventions.save_follow_up(
            _convention_line(s, i).owner_id, date(2026, 10, 2), FollowUpKind.MEETING, t, i, version=v
        ),
        text=lambda s, i: _convention_line(s, i).text,
        refusal="Cette ligne de suivi a été modifiée à un autre poste",
    ),
    "show": Kind(
        make=lambda s, make: make.show(_convention(s, make), "Le Cid"),
        version=lambda s, i: _show(s, i).version,
        save=lambda s, i, t, v: s.offers.save_show(
            _show(s, i).convention_id, "Le Cid", description=t, show_id=i, version=v
        ),
        text=lambda s, i: _show(s, i).description,
        refusal="Ce spectacle a été modifié à un autre poste",
    ),
    "performance": Kind(
        make=lambda s, make: make.performance(_convention(s, make)),
        version=lambda s, i: s.offers.get_performance(i).version,
        save=lambda s, i, t, v: s.offers.save_performance(_performance_input(s, i, t), i, version=v),
        text=lambda s, i: str(s.offers.get_performance(i).starts_at.hour),
        refusal="Cette représentation a été modifiée à un autre poste",
    ),
    "relay": Kind(
        make=lambda s, make: make.relay(),
        version=lambda s, i: s.relays.get_relay(i).version,
        save=lambda s, i, t, v: s.relays.update_relay(i, RelayInput("CCAS", commune="Rezé", notes=t), version=v),
        text=lambda s, i: s.relays.get_relay(i).data.notes,
        refusal="Ce relais a été modifié à un autre poste",
    ),
    "referent": Kind(
        make=lambda s, make: s.relays.save_referent(make.relay(), "Paul Durand"),
        version=lambda s, i: _referent(s, i).version,
        save=lambda s, i, t, v: s.relays.save_referent(
            _referent(s, i).relay_id, "Paul Durand", phone=t, referent_id=i, version=v
        ),
        text=lambda s, i: _referent(s, i).phone,
        refusal="Ce référent a été modifié à un autre poste",
    ),
    "relay follow-up": Kind(
        make=lambda s, make: s.relays.save_follow_up(make.relay(), date(2026, 10, 2), FollowUpKind.EXCHANGE, "Appel"),
        version=lambda s, i: _relay_line(s, i).version,
        save=lambda s, i, t, v: s.relays.save_follow_up(
            _relay_line(s, i).owner_id, date(2026, 10, 2), FollowUpKind.EXCHANGE, t, i, version=v
        ),
        text=lambda s, i: _relay_line(s, i).text,
        refusal="Cette ligne de suivi a été modifiée à un autre poste",
    ),
    "non-use reason": Kind(
        make=lambda s, make: s.reasons.save_reason("Grève des transports"),
        version=lambda s, i: _reason(s, i).version,
        save=lambda s, i, t, v: s.reasons.save_reason(t, i, version=v),
        text=lambda s, i: _reason(s, i).label,
        refusal="Ce motif de non-venue a été modifié à un autre poste",
    ),
    "settings": Kind(
        make=lambda s, make: 1,
        version=lambda s, i: s.settings.get().version,
        save=lambda s, i, t, v: s.settings.update(name="Les Sorties Solidaires", commune=t, version=v),
        text=lambda s, i: s.settings.get().commune,
        refusal="Les réglages de l'association ont été modifiés à un autre poste",
    ),
}
# Texts each desk types: hours for a performance (its text is the hour it starts at).
MINE, THEIRS = {"performance": ("19", "18")}, ("mon texte", "leur texte")


def texts(name: str) -> tuple[str, str]:
    return MINE.get(name, THEIRS)


@pytest.mark.parametrize("name", KINDS)
def test_a_save_over_a_change_made_at_another_desk_is_refused_and_changes_nothing(name, services, other_desk, make):
    kind = KINDS[name]
    mine, theirs = texts(name)
    record = kind.make(services, make)
    opened_with = kind.version(services, record)  # this desk opens the dialog…

    kind.save(other_desk, record, theirs, kind.version(other_desk, record))  # …another desk saves meanwhile

    with pytest.raises(DomainError) as refused:
        kind.save(services, record, mine, opened_with)
    assert refused.value.code == "changed_elsewhere"
    assert refused.value.message.startswith(kind.refusal)
    assert "vos changements n'ont pas été enregistrés" in refused.value.message
    assert kind.text(services, record) == theirs
    assert kind.version(services, record) == opened_with + 1


@pytest.mark.parametrize("name", KINDS)
def test_a_save_with_the_version_read_is_written_and_raises_it(name, services, make):
    kind = KINDS[name]
    mine, _theirs = texts(name)
    record = kind.make(services, make)
    opened_with = kind.version(services, record)

    kind.save(services, record, mine, opened_with)

    assert kind.text(services, record) == mine
    assert kind.version(services, record) == opened_with + 1


def test_a_save_without_a_version_is_not_checked(services, other_desk, make):
    """Imports, the command line and the list's toggles save what they read in their own transaction."""
    relay = make.relay()
    other_desk.relays.update_relay(relay, RelayInput("CCAS", commune="Rezé", notes="leur texte"))
    services.relays.update_relay(relay, RelayInput("CCAS", commune="Rezé", notes="mon texte"))
    assert services.relays.get_relay(relay).data.notes == "mon texte"


def test_updates_without_a_dialog_raise_the_version_too(services, make):
    """A change made elsewhere than in a dialog (a toggle, a state change) also makes an open
    dialog's version stale: its save is refused rather than undoing that change."""
    relay = make.relay()
    opened_with = services.relays.get_relay(relay).version
    services.relays.set_active(relay, False)
    with pytest.raises(DomainError, match="Ce relais a été modifié"):
        services.relays.update_relay(relay, RelayInput("CCAS", commune="Rezé", active=True), version=opened_with)
    assert services.relays.get_relay(relay).data.active is False


def test_a_record_deleted_at_another_desk_is_said_deleted(services, other_desk, make):
    relay = make.relay()
    referent = services.relays.save_referent(relay, "Paul Durand")
    opened_with = services.relays.get_relay(relay).referents[0].version
    other_desk.relays.delete_referent(referent)
    with pytest.raises(DomainError) as refused:
        services.relays.save_referent(relay, "Paul Durand", "06", referent_id=referent, version=opened_with)
    assert refused.value.code == "changed_elsewhere"
    assert refused.value.message == (
        "Ce référent a été supprimé à un autre poste pendant que vous l'éditiez : "
        "vos changements n'ont pas été enregistrés."
    )
    assert services.relays.get_relay(relay).referents == ()


def test_the_settings_and_their_logo_are_saved_with_one_version_after_the_other(services, other_desk):
    """The settings dialog saves the settings, then the logo with the version that saving gave."""
    opened_with = services.settings.get().version
    saved = services.settings.update(name="Les Sorties Solidaires", version=opened_with)
    assert saved.version == opened_with + 1
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    assert services.settings.set_logo(png, version=saved.version) == opened_with + 2
    other_desk.settings.update(name="SOSO")
    with pytest.raises(DomainError, match="Les réglages de l'association ont été modifiés"):
        services.settings.set_logo(None, version=opened_with + 2)
    assert services.settings.get().logo == png


def test_a_row_changed_between_reading_and_writing_is_refused_the_same_way(services, make):
    """The version in the WHERE clause: a desk that saved between this transaction's read and its
    write (possible on PostgreSQL) leaves no row to update — SQLAlchemy's StaleDataError, said as
    the same refusal, and nothing written."""
    relay = make.relay()

    class Racing(type(services.relays)):  # type: ignore[misc]
        def rename_while_another_desk_saves(self, relay_id: int) -> None:
            with self._writing() as session:
                record = session.get(Relay, relay_id)
                assert record is not None
                session.execute(text("UPDATE relay SET version = version + 1 WHERE id = :id"), {"id": relay_id})
                record.notes = "mon texte"

    racing = Racing(services.sessions, services.clock)
    with pytest.raises(DomainError) as refused:
        racing.rename_while_another_desk_saves(relay)
    assert refused.value.code == "changed_elsewhere"
    assert refused.value.message.startswith("Ce relais a été modifié à un autre poste")
    assert services.relays.get_relay(relay).data.notes == ""
    assert services.relays.get_relay(relay).version == 1


def test_a_refusal_for_a_record_no_dialog_edits_still_reads_well():
    from acs_desktop.services.base import changed_elsewhere

    message = changed_elsewhere("booking").message
    assert message.startswith("Cette fiche a été modifiée à un autre poste pendant que vous l'éditiez")


def test_an_erased_referent_is_not_written_back_by_a_dialog_opened_before(services, other_desk, make):
    """The erasure is a bulk UPDATE: it raises the version by hand, or a desk that had the referent
    open would save the erased name, phone and email again."""
    relay = make.relay()
    referent = services.relays.save_referent(relay, "Paul Durand", "06 00 00 00 00")
    opened_with = services.relays.get_relay(relay).referents[0].version
    other_desk.privacy.erase_referent(referent)
    with pytest.raises(DomainError, match="Ce référent a été modifié"):
        services.relays.save_referent(relay, "Paul Durand", "06 00 00 00 00", referent_id=referent, version=opened_with)
    assert services.relays.get_relay(relay).referents[0].name == f"Référent effacé n° {referent}"


def test_closing_the_season_raises_its_conventions_versions(services, make):
    season = make.season()
    convention = make.convention(make.partner(), season.id)
    opened_with = services.conventions.get_convention(convention).version
    services.privacy.close_season(season.id)
    assert services.conventions.get_convention(convention).version == opened_with + 1
