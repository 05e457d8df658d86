"""The command line on a store with accounts: every command names its account (`--compte NOM`,
the password in ACS_MOT_DE_PASSE) and the role holds as in the window; a store without accounts
asks nothing."""

import pytest

from acs_desktop.db.backup import write_backup
from acs_desktop.db.store import open_store
from acs_desktop.domain.accounts import Role
from acs_desktop.services import Services
from tests.conftest import FakeClock

MARIE, PAUL = "direction-marie", "benevole-paul"


@pytest.fixture
def data(tmp_path):
    """A data folder whose store has a season, a director (Marie) and a volunteer (Paul)."""
    folder = tmp_path / "data"
    store = open_store(folder / "acs.sqlite")
    services = Services(store, FakeClock())
    services.seasons.create_season("2026-2027")
    services.accounts.create_account("Marie", Role.DIRECTION, MARIE)
    services.accounts.create_account("Paul", Role.VOLUNTEER, PAUL)
    store.close()
    return folder


def seasons(folder) -> list[str]:
    store = open_store(folder / "acs.sqlite")
    try:
        return [s.label for s in Services(store, FakeClock()).seasons.list_seasons()]
    finally:
        store.close()


def test_without_an_account_named_a_command_is_refused(data, command_line, monkeypatch):
    monkeypatch.delenv("ACS_MOT_DE_PASSE", raising=False)
    result = command_line("--data-dir", data, "todo")
    assert result.returncode == 1 and "--compte NOM" in result.stderr and "Traceback" not in result.stderr


def test_without_a_password_and_no_terminal_the_command_is_refused(data, command_line, monkeypatch):
    monkeypatch.delenv("ACS_MOT_DE_PASSE", raising=False)
    result = command_line("--data-dir", data, "--compte", "Paul", "todo")
    assert result.returncode == 1 and "ACS_MOT_DE_PASSE" in result.stderr


def test_a_wrong_password_says_so_without_telling_the_name_exists(data, command_line, monkeypatch):
    monkeypatch.setenv("ACS_MOT_DE_PASSE", "pas-le-bon")
    wrong_password = command_line("--data-dir", data, "--compte", "Paul", "todo")
    wrong_name = command_line("--data-dir", data, "--compte", "Personne", "todo")
    assert wrong_password.returncode == wrong_name.returncode == 1
    assert wrong_password.stderr == wrong_name.stderr == "Nom ou mot de passe incorrect.\n"


def test_a_volunteer_runs_the_desks_commands_but_not_the_directions(data, command_line, monkeypatch, tmp_path):
    monkeypatch.setenv("ACS_MOT_DE_PASSE", PAUL)
    assert command_line("--data-dir", data, "--compte", "Paul", "todo").returncode == 0
    export = command_line(
        "--data-dir", data, "--compte", "Paul", "export", "--season", "2026-2027", "--out", tmp_path / "x"
    )
    assert export.returncode == 1 and "réservé à la direction" in export.stderr
    assert not (tmp_path / "x").exists()
    monkeypatch.setenv("ACS_MOT_DE_PASSE", MARIE)
    export = command_line(
        "--data-dir", data, "--compte", "Marie", "export", "--season", "2026-2027", "--out", tmp_path / "x"
    )
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "x" / "partenaires.csv").exists()


def test_backup_and_restore_are_the_directions(data, command_line, monkeypatch, tmp_path):
    copy = write_backup(data / "acs.sqlite", tmp_path / "copie.sqlite")
    store = open_store(data / "acs.sqlite")
    services = Services(store, FakeClock())
    services.accounts.log_in("Marie", MARIE)
    services.seasons.create_season("2027-2028")  # after the copy: a restore would lose it
    store.close()
    monkeypatch.setenv("ACS_MOT_DE_PASSE", PAUL)
    for args in (("backup", "--to", tmp_path / "cle"), ("restore", copy)):
        result = command_line("--data-dir", data, "--compte", "Paul", *args)
        assert result.returncode == 1 and "réservé à la direction" in result.stderr, args
    assert not (tmp_path / "cle").exists() and "2027-2028" in seasons(data)
    assert command_line("--data-dir", data, "restore", copy).returncode == 1  # no account named
    monkeypatch.setenv("ACS_MOT_DE_PASSE", MARIE)
    assert command_line("--data-dir", data, "--compte", "Marie", "backup", "--to", tmp_path / "cle").returncode == 0
    assert command_line("--data-dir", data, "--compte", "Marie", "restore", copy).returncode == 0
    assert "2027-2028" not in seasons(data)


def test_the_log_names_the_account_a_command_acted_as(data, command_line, monkeypatch, tmp_path):
    monkeypatch.setenv("ACS_MOT_DE_PASSE", MARIE)
    assert command_line("--data-dir", data, "--compte", "Marie", "todo").returncode == 0
    store = open_store(data / "acs.sqlite")
    try:
        newest = Services(store, FakeClock()).activity.entries()[0]
    finally:
        store.close()
    assert (newest.action, newest.who) == ("connexion", "Marie")


def test_a_store_without_accounts_asks_nothing(tmp_path, command_line, monkeypatch):
    monkeypatch.delenv("ACS_MOT_DE_PASSE", raising=False)
    result = command_line("--data-dir", tmp_path / "vide", "todo")
    assert result.returncode == 0, result.stderr


def test_the_self_test_names_its_account_on_a_store_with_accounts(data, command_line, monkeypatch):
    monkeypatch.delenv("ACS_MOT_DE_PASSE", raising=False)
    result = command_line("--data-dir", data, "--self-test")
    assert result.returncode == 1 and "--compte NOM" in result.stderr and "Traceback" not in result.stderr
