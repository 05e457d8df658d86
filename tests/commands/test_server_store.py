"""A laptop's store moved to a PostgreSQL server (`move-to`), worked on with `--database`, and
brought home again (`backup --to`): the same figures everywhere, and French refusals."""

import re

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine

from acs_desktop.db.engine import make_engine, server_url
from acs_desktop.db.store import open_store
from acs_desktop.db.transfer import compare, count_rows
from tests.conftest import real_process

PAST = "2025-2026"  # the demo's past season (as of the tests' day)


@pytest.fixture
def laptop(data_dir):
    """A laptop's data folder holding the demo."""
    return data_dir


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_move_to_then_report_gives_the_figures_of_the_laptop(command_line, laptop, empty_database, tmp_path):
    moved = command_line("--data-dir", laptop, "move-to", empty_database)
    assert moved.returncode == 0, moved.stderr
    assert "Transfert vérifié" in moved.stdout and "2 saisons" in moved.stdout
    assert "Traceback" not in moved.stdout + moved.stderr

    here = command_line("--data-dir", laptop, "report", "--season", PAST, "--out", tmp_path / "portable.pdf")
    there = command_line(
        "--data-dir", tmp_path / "poste", "--database", empty_database,
        "report", "--season", PAST, "--out", tmp_path / "serveur.pdf",
    )  # fmt: skip
    assert here.returncode == there.returncode == 0, there.stderr
    laptop_text, server_text = _pdf_text(tmp_path / "portable.pdf"), _pdf_text(tmp_path / "serveur.pdf")
    assert "Taux de participation" in laptop_text
    # The same figures and the same fingerprint; only the moment each report was written may differ.
    moment = re.compile(r"\d{2}:\d{2}(:\d{2})?")
    assert moment.sub("HH:MM", server_text) == moment.sub("HH:MM", laptop_text)


def test_move_to_refuses_a_database_that_is_not_empty_and_writes_nothing(command_line, laptop, empty_database):
    engine = create_engine(server_url(empty_database))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (id integer primary key, text varchar)")
        connection.exec_driver_sql("INSERT INTO notes VALUES (1, 'à garder')")
    refused = command_line("--data-dir", laptop, "move-to", empty_database)
    assert refused.returncode == 1
    assert "n'est pas vide" in refused.stderr and "Rien n'a été écrit" in refused.stderr
    with engine.connect() as connection:
        tables = connection.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").all()
        assert tables == [("notes",)]
    engine.dispose()


def test_a_server_store_is_backed_up_into_a_store_file_a_laptop_opens(command_line, laptop, empty_database, tmp_path):
    assert command_line("--data-dir", laptop, "move-to", empty_database).returncode == 0
    desk = tmp_path / "poste"
    written = command_line("--data-dir", desk, "--database", empty_database, "backup", "--to", tmp_path / "cle")
    assert written.returncode == 0, written.stderr
    (copy,) = (tmp_path / "cle").glob("acs-*.sqlite")
    assert not list((tmp_path / "cle").glob("*.partiel"))
    open_store(copy).close()  # a laptop's store: opens, at the current schema
    server, file = create_engine(server_url(empty_database)), make_engine(copy)
    try:
        assert compare(server, file) == 2  # every row and both seasons' reviews
        with file.connect() as connection:
            assert count_rows(connection)["invitation"] > 0
    finally:
        server.dispose()
        file.dispose()


def test_restore_is_refused_on_a_server_store(command_line, laptop, empty_database, tmp_path):
    assert command_line("--data-dir", laptop, "move-to", empty_database).returncode == 0
    refused = command_line(
        "--data-dir", tmp_path / "poste", "--database", empty_database, "restore", laptop / "acs.sqlite"
    )
    assert refused.returncode == 1
    assert "Restauration refusée" in refused.stderr and "move-to" in refused.stderr


def test_an_address_that_is_not_postgresql_is_refused_in_french(command_line, tmp_path):
    refused = command_line("--data-dir", tmp_path, "--database", "mysql://acs@serveur/acs", "todo")
    assert refused.returncode != 0
    assert "n'est pas l'adresse d'une base PostgreSQL" in refused.stderr
    assert not (tmp_path / "acs.sqlite").exists()


def test_the_address_comes_from_the_environment(command_line, laptop, empty_database, tmp_path, monkeypatch):
    assert command_line("--data-dir", laptop, "move-to", empty_database).returncode == 0
    monkeypatch.setenv("ACS_DATABASE", empty_database)
    checked = command_line("--data-dir", tmp_path / "poste", "check")
    assert checked.returncode == 0, checked.stdout
    assert "Base partagée" in checked.stdout and "la base est saine" in checked.stdout


@pytest.mark.slow
def test_the_demo_loads_and_the_self_test_passes_on_postgresql(empty_database, tmp_path):
    done = real_process("--data-dir", tmp_path / "poste", "--database", empty_database, "--demo", "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Démonstration chargée" in done.stdout
    assert "réussi" in done.stdout and "5/5 onglets dessinés" in done.stdout
    assert "acs_test" in done.stdout  # the line names the server's database, not a file


def test_a_new_desk_on_a_server_gets_its_data_folder_and_log(command_line, empty_database, tmp_path):
    desk = tmp_path / "nouveau-poste"
    done = command_line("--data-dir", desk, "--database", empty_database, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (desk / "acs-desktop.log").exists()  # a fault on a desk leaves its details somewhere
