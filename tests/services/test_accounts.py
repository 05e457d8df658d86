"""Accounts and roles: a store without accounts allows everything; with accounts, a volunteer may
book and record but not restore, erase, close a season, change the settings or take personal data
out; the direction manages the accounts and one active direction account always remains."""

from pathlib import Path

import pytest

from acs_desktop.domain.accounts import Role
from acs_desktop.domain.errors import DomainError
from acs_desktop.services import Services
from acs_desktop.services.passwords import hash_password, verify_password

PASSWORD = "clé-de-la-salle"


def refused(call) -> str:
    with pytest.raises(DomainError) as error:
        call()
    return error.value.code


@pytest.fixture
def staffed(services):
    """A store with a director (Marie) and a volunteer (Paul); Paul is at the desk."""
    services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    paul = services.accounts.create_account("Paul", Role.VOLUNTEER, "paul-bénévole")
    services.accounts.log_out()
    services.accounts.log_in("paul", "paul-bénévole")
    return paul


def test_passwords_are_salted_scrypt_strings_and_checked():
    stored = hash_password(PASSWORD)
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert stored != hash_password(PASSWORD)  # a salt of its own
    assert verify_password(PASSWORD, stored)
    assert not verify_password(PASSWORD + "!", stored)
    assert not verify_password(PASSWORD, "md5$abc")
    assert not verify_password(PASSWORD, "n'importe quoi")


def test_a_store_without_accounts_allows_everything(services, season):
    assert not services.accounts.has_accounts()
    assert services.accounts.who() is None
    services.settings.update(name="Les Sorties Solidaires", lock_minutes=5)
    assert services.settings.get().lock_minutes == 5
    services.privacy.close_season(season.id)


def test_the_first_account_is_a_direction_account_and_logs_its_maker_in(services):
    assert refused(lambda: services.accounts.create_account("Paul", Role.VOLUNTEER, PASSWORD)) == (
        "first_account_direction"
    )
    marie = services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    assert services.accounts.has_accounts()
    assert services.accounts.who() == marie


def test_accounts_are_checked_when_made(services):
    services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    assert refused(lambda: services.accounts.create_account(" marie ", Role.VOLUNTEER, PASSWORD)) == (
        "account_name_taken"
    )
    assert refused(lambda: services.accounts.create_account("Paul", Role.VOLUNTEER, "court")) == ("password_too_short")
    assert refused(lambda: services.accounts.create_account("", Role.VOLUNTEER, PASSWORD)) == "name_required"


def test_a_wrong_name_and_a_wrong_password_get_the_same_refusal(services):
    services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    services.accounts.log_out()
    with pytest.raises(DomainError) as wrong_password:
        services.accounts.log_in("Marie", "pas le bon")
    with pytest.raises(DomainError) as wrong_name:
        services.accounts.log_in("Inconnue", PASSWORD)
    assert wrong_password.value.message == wrong_name.value.message == "Nom ou mot de passe incorrect."
    assert services.accounts.who() is None
    assert services.accounts.log_in("  MARIE ", PASSWORD).name == "Marie"


def test_with_accounts_nobody_logged_in_may_do_nothing_guarded(services):
    services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    services.accounts.log_out()
    assert refused(lambda: services.settings.update(name="Autre")) == "not_logged_in"


@pytest.mark.parametrize(
    "forbidden",
    [
        "restore",
        "backup_to",
        "close_season",
        "erase_referent",
        "export_referent",
        "erase_contact",
        "settings",
        "logo",
        "reasons",
        "export_xlsx",
        "export_csv",
        "accounts",
    ],
)
def test_a_volunteer_is_refused_what_belongs_to_the_direction_and_nothing_changes(
    forbidden, services, staffed, make, season, partner_id, relay_id, tmp_path
):
    referent = services.relays.save_referent(relay_id, "Claire Le Goff", "06 11 22 33 44", "claire@ccas.example")
    contact = services.partners.save_contact(partner_id, "Jean Dupont", "Billetterie", "02 40 00 00 00", "j@t.example")
    calls = {
        "restore": lambda: services.safety.restore(tmp_path / "acs.sqlite"),
        "backup_to": lambda: services.safety.backup_to(tmp_path / "cle"),
        "close_season": lambda: services.privacy.close_season(season.id),
        "erase_referent": lambda: services.privacy.erase_referent(referent),
        "export_referent": lambda: services.privacy.export_referent(referent),
        "erase_contact": lambda: services.privacy.erase_contact(contact),
        "settings": lambda: services.settings.update(name="Autre nom"),
        "logo": lambda: services.settings.set_logo(None),
        "reasons": lambda: services.reasons.save_reason("Grève des transports"),
        "export_xlsx": lambda: services.season_io.export_xlsx(season.id, tmp_path / "saison.xlsx"),
        "export_csv": lambda: services.season_io.export_csv(season.id, tmp_path / "csv"),
        "accounts": lambda: services.accounts.create_account("Léa", Role.VOLUNTEER, PASSWORD),
    }
    log_before = services.activity.count()
    assert refused(calls[forbidden]) == "not_allowed"
    assert services.activity.count() == log_before
    assert not services.seasons.list_seasons()[0].closed
    assert services.settings.get().name != "Autre nom"
    assert [r.name for r in services.relays.get_relay(relay_id).referents] == ["Claire Le Goff"]
    assert not list(Path(tmp_path).glob("saison.xlsx")) and not (tmp_path / "cle").exists()


def test_a_volunteer_books_and_the_log_says_who(services, staffed, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 2)
    newest = services.activity.entries()[0]
    assert (newest.action, newest.who) == ("réservation", "Paul")
    assert services.activity.entries("paul")[0].summary == newest.summary


def test_the_log_has_no_author_in_a_store_without_accounts(services, make, performance_id, relay_id):
    make.book(performance_id, relay_id, 2)
    assert services.activity.entries()[0].who is None


def test_the_direction_manages_accounts_and_keeps_one_director(services):
    marie = services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    paul = services.accounts.create_account("Paul", Role.VOLUNTEER, PASSWORD)
    assert [a.name for a in services.accounts.list_accounts()] == ["Marie", "Paul"]
    assert refused(lambda: services.accounts.set_role(marie.id, Role.VOLUNTEER)) == "last_director"
    assert refused(lambda: services.accounts.set_active(marie.id, False)) == "own_account"
    assert services.accounts.set_role(paul.id, Role.DIRECTION).role is Role.DIRECTION
    services.accounts.reset_password(paul.id, "nouveau-mot")
    services.accounts.log_out()
    services.accounts.log_in("Paul", "nouveau-mot")
    assert services.accounts.set_active(marie.id, False).active is False
    assert refused(lambda: services.accounts.set_role(paul.id, Role.VOLUNTEER)) == "last_director"
    services.accounts.log_out()
    assert refused(lambda: services.accounts.log_in("Marie", PASSWORD)) == "login_refused"  # deactivated


def test_a_role_changed_elsewhere_counts_at_once(store, clock, services):
    services.accounts.create_account("Marie", Role.DIRECTION, PASSWORD)
    paul = services.accounts.create_account("Paul", Role.DIRECTION, PASSWORD)
    other_desk = Services(store, clock)  # same store object: the same desk, here Marie's
    assert other_desk.accounts.who().name == "Marie"
    services.accounts.log_out()
    services.accounts.log_in("Paul", PASSWORD)
    services.accounts.set_role(paul.id, Role.VOLUNTEER)  # Paul demotes himself: another director remains
    assert refused(lambda: services.settings.update(name="Autre")) == "not_allowed"
