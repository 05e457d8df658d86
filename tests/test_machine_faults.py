"""Faults of the machine are said in French, and nothing is lost: a full disk (at start-up, during
an import, an export, a backup to a USB key), a read-only data folder, `--data-dir` on a file, a
store held by another program. A healthy store is never called damaged, nor are its backups; no
traceback from the command line or the self-test. (See tests/machine.py for how faults are made.)"""

import errno
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from acs_desktop import cli
from acs_desktop.db import lock
from acs_desktop.db import store as store_module
from acs_desktop.db.backup import check_backup, latest_good_backup, write_backup
from acs_desktop.db.store import StoreError, open_store
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import MachineFault
from acs_desktop.exports.atomic import write_documents
from tests.machine import (
    files_under,
    full_disk,
    held_by_another_program,
    quick_busy_timeout,
    sqlite_full_under,
    store_on_a_full_disk,
    store_read_only,
)

BUSY = "La base est utilisée par un autre programme"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seasons_in(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT label FROM season ORDER BY label")]
    finally:
        connection.close()


def main(capsys, *args) -> tuple[int, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "Erreur inattendue" not in out + err
    return code, err


# --- a backup to a full USB key -----------------------------------------------------------------
def test_a_backup_to_a_full_usb_key_is_said_and_leaves_no_partial_file(store_path, tmp_path, monkeypatch, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    before = digest(store_path)
    sqlite_full_under(monkeypatch, usb)
    code, err = main(capsys, "--data-dir", store_path.parent, "backup", "--to", usb)
    assert code == 1 and "le disque est plein" in err and str(usb) in err and "la base est intacte" in err
    assert files_under(usb) == []  # no 0-byte « .partiel »
    assert digest(store_path) == before


def test_a_backup_that_fails_keeps_the_earlier_copy_of_the_same_name(store_path, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    earlier = write_backup(store_path, usb / "acs-2026-11-22.sqlite")
    kept = digest(earlier)
    sqlite_full_under(monkeypatch, usb)
    with pytest.raises(StoreError) as refused:
        write_backup(store_path, earlier)
    assert refused.value.code == "disk_full" and not refused.value.damaged
    assert files_under(usb) == ["acs-2026-11-22.sqlite"] and digest(earlier) == kept


def test_the_windows_backup_to_a_full_key_is_a_french_refusal(services, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    sqlite_full_under(monkeypatch, usb)
    with pytest.raises(DomainError) as refused:
        services.safety.backup_to(usb)
    assert refused.value.code == "disk_full" and "le disque est plein" in refused.value.message
    assert files_under(usb) == []


# --- a full disk at start-up ------------------------------------------------------------------------
def engines_of_the_store(monkeypatch, fault) -> None:
    """Every engine `open_store` makes (to create, to migrate) meets `fault`."""
    real_make_engine = store_module.make_engine

    def make_engine(path, **options):
        engine = real_make_engine(path, **options)
        fault(engine)
        return engine

    monkeypatch.setattr(store_module, "make_engine", make_engine)


def test_a_store_that_cannot_be_created_on_a_full_disk_leaves_no_file(tmp_path, monkeypatch, capsys):
    engines_of_the_store(monkeypatch, store_on_a_full_disk)
    data = tmp_path / "data"
    code, err = main(capsys, "--data-dir", data, "export", "--season", "2026-2027", "--out", tmp_path / "out")
    assert code == 2 and "le disque est plein" in err and "La base n'a pas été créée" in err
    assert not (data / "acs.sqlite").exists()


@pytest.fixture
def old_store(store_path):
    """A store one schema behind (0005): opening it upgrades it, after a copy."""
    from alembic import command

    from acs_desktop.db.engine import make_engine
    from acs_desktop.db.store import alembic_config

    engine = make_engine(store_path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()
    return store_path


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def test_no_room_for_the_copy_before_a_migration_leaves_the_store_as_it_was(old_store, monkeypatch):
    before = digest(old_store)
    real_connect = sqlite3.connect

    def copies_on_a_full_disk(database, *args, **kwargs):
        connection = real_connect(database, *args, **kwargs)
        if "avant-mise-a-jour" in str(database):
            connection.execute("PRAGMA max_page_count=1")
        return connection

    monkeypatch.setattr(sqlite3, "connect", copies_on_a_full_disk)
    with pytest.raises(StoreError) as refused:
        open_store(old_store)
    assert refused.value.code == "disk_full" and "ni mise à jour ni modifiée" in refused.value.message
    assert not list(old_store.parent.glob("*avant-mise-a-jour*"))  # no half copy
    assert digest(old_store) == before and revision_of(old_store) == "0005"


def test_a_migration_refused_by_the_disk_is_said_and_changes_nothing(old_store, monkeypatch):
    engines_of_the_store(monkeypatch, store_read_only)
    with pytest.raises(StoreError) as refused:
        open_store(old_store)
    assert refused.value.code == "read_only" and "lecture seule" in refused.value.message
    assert revision_of(old_store) == "0005"


def test_the_days_backup_on_a_full_disk_is_said_and_the_start_goes_on(store_path, monkeypatch, capsys):
    backups = store_path.parent / "sauvegardes"
    sqlite_full_under(monkeypatch, backups)
    before = digest(store_path)
    cli._automatic_backup(store_path, store_path.parent, closing=False, gui=False)  # returns: the window opens
    err = capsys.readouterr().err
    assert (
        err.startswith("Sauvegarde automatique : ")
        and "le disque est plein" in err
        and "La sauvegarde n'a pas été faite" in err
    )
    assert "retentée à la fermeture" in err
    assert not [name for name in files_under(backups) if name.endswith(".partiel")]
    assert digest(store_path) == before


# --- a full disk during an import -------------------------------------------------------------------
def test_an_import_on_a_full_disk_writes_nothing(services, store, demo_services, tmp_path):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")
    demo_services.season_io.export_csv(season.id, tmp_path / "saison")
    plan = services.season_io.plan(tmp_path / "saison")
    assert plan.ok
    store_on_a_full_disk(store.engine)
    with pytest.raises(MachineFault) as refused:
        services.season_io.apply(plan)
    assert refused.value.code == "disk_full" and str(store.path) in refused.value.message
    assert "Rien n'a été enregistré" in refused.value.message
    assert seasons_in(store.path) == []


def test_a_write_on_a_read_only_store_is_refused_in_french(services, store):
    store_read_only(store.engine)
    with pytest.raises(MachineFault) as refused:
        services.seasons.create_season("2027-2028")
    assert refused.value.code == "read_only" and "lecture seule" in refused.value.message
    assert seasons_in(store.path) == []


# --- a full disk during an export: never a 0-byte or half file ---------------------------------------
@pytest.fixture
def demo_season(demo_services):
    return next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")


def test_a_workbook_export_on_a_full_disk_keeps_the_earlier_file(demo_services, demo_season, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "saison.xlsx"
    target.write_bytes(b"le classeur d'hier")
    full_disk(monkeypatch)
    with pytest.raises(MachineFault) as refused:
        demo_services.season_io.export_xlsx(demo_season.id, target)
    assert refused.value.code == "disk_full" and str(target) in refused.value.message
    assert files_under(out) == ["saison.xlsx"] and target.read_bytes() == b"le classeur d'hier"


def test_a_csv_export_on_a_full_disk_leaves_no_file_and_no_folder(demo_services, demo_season, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    full_disk(monkeypatch, room=5000)  # the first tables fit, a later one does not
    with pytest.raises(MachineFault):
        demo_services.season_io.export_csv(demo_season.id, out / "export" / "saison")
    assert files_under(out) == []


def test_the_review_tables_on_a_full_disk(demo_services, demo_season, tmp_path, monkeypatch):
    folder = tmp_path / "bilan"
    folder.mkdir()
    full_disk(monkeypatch, room=2000)
    with pytest.raises(MachineFault):
        write_documents(demo_services.documents.review_csv(demo_season.id), folder)
    assert files_under(folder) == []


def test_the_command_lines_report_on_a_full_disk(demo_store, tmp_path, monkeypatch, capsys):
    demo_store.close()
    out = tmp_path / "out"
    out.mkdir()
    full_disk(monkeypatch)
    code, err = main(
        capsys, "--data-dir", demo_store.path.parent, "report", "--season", "2025-2026", "--out", out / "bilan.pdf"
    )
    assert code == 1 and "le disque est plein" in err and str(out / "bilan.pdf") in err
    assert files_under(out) == []


def test_tickets_on_a_full_disk_are_neither_written_nor_marked(store, services, make, tmp_path, monkeypatch, capsys):
    from acs_desktop.services.documents import TicketSelection

    season = make.season("2026-2027")
    performance = make.performance(make.convention(make.partner(), season.id), in_days=400)  # ahead of any clock
    booking = make.book(performance, make.relay(), 2)
    to_print = services.documents.prepare_tickets(TicketSelection(booking_id=booking.booking_id)).summary
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    full_disk(monkeypatch)
    code, err = main(capsys, "--data-dir", store.path.parent, "tickets", "--booking", booking.booking_id, "--out", out)
    assert code == 1 and "le disque est plein" in err
    assert files_under(out) == []
    assert (
        services.documents.prepare_tickets(TicketSelection(booking_id=booking.booking_id)).summary == to_print
    )  # still to print
    assert "première fois" in to_print


# --- a store held by another program -------------------------------------------------------------------
def test_a_store_held_by_another_program_is_busy_not_damaged(store_path, monkeypatch):
    quick_busy_timeout(monkeypatch)
    write_backup(store_path, store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-21.sqlite")
    with held_by_another_program(store_path, readers_too=True), pytest.raises(StoreError) as refused:
        open_store(store_path)
    assert refused.value.code == "store_busy" and not refused.value.damaged
    assert refused.value.message.startswith(BUSY) and "Fermez ce programme" in refused.value.message
    assert "endommagée" not in refused.value.message


def test_at_start_a_busy_store_is_said_so_and_no_restore_is_offered(store_path, monkeypatch, capsys):
    quick_busy_timeout(monkeypatch)
    write_backup(store_path, store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-21.sqlite")
    with held_by_another_program(store_path, readers_too=True):
        code, err = main(
            capsys, "--data-dir", store_path.parent, "export", "--season", "2026-2027", "--out", store_path.parent / "x"
        )
    assert code == 2 and BUSY in err
    assert "endommagée" not in err and "restore" not in err


def test_writing_while_another_program_holds_the_store(services, store, monkeypatch):
    quick_busy_timeout(monkeypatch)
    store.engine.dispose()  # new connections take the short patience
    with held_by_another_program(store.path):
        assert services.seasons.list_seasons() == []  # reading still works
        with pytest.raises(MachineFault) as refused:
            services.seasons.create_season("2027-2028")
    assert refused.value.code == "store_busy" and refused.value.message.startswith(BUSY)
    assert seasons_in(store.path) == []


def test_the_command_lines_start_on_a_held_store(store_path, monkeypatch, capsys):
    """The start writes (the retention pass): a held store is said so, not « Erreur inattendue »."""
    quick_busy_timeout(monkeypatch)
    with held_by_another_program(store_path):
        code, err = main(
            capsys, "--data-dir", store_path.parent, "export", "--season", "2026-2027", "--out", store_path.parent / "x"
        )
    assert code == 1 and BUSY in err


def test_check_does_not_call_a_held_store_damaged(store_path, monkeypatch, capsys):
    quick_busy_timeout(monkeypatch)
    with held_by_another_program(store_path, readers_too=True):
        code = cli.main(["--data-dir", str(store_path.parent), "check"])
    out = capsys.readouterr().out
    assert code == 1 and BUSY in out and "pas endommagée" in out and "Restaurez" not in out


def test_the_self_test_on_a_held_store_says_so_without_traceback(store_path, monkeypatch, command_line):
    """The self-test waits as long as the application does (shortened here), then says it."""
    quick_busy_timeout(monkeypatch)
    with held_by_another_program(store_path, readers_too=True):
        result = command_line("--data-dir", str(store_path.parent), "--self-test")
    assert result.returncode != 0 and BUSY in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "endommagée" not in result.stderr


# --- a read-only data folder, and --data-dir on a file ---------------------------------------------------
@pytest.mark.parametrize(("number", "words"), [(errno.EROFS, "lecture seule"), (errno.EACCES, "Accès refusé")])
def test_a_read_only_data_folder_is_said_with_the_folder(store_path, monkeypatch, capsys, number, words):
    """Root writes into a 0500 folder: the refusal of the operating system is simulated where the
    start first writes (the lock file)."""

    def refused(path, *args, **kwargs):
        raise OSError(number, os.strerror(number), str(path))

    monkeypatch.setattr(lock, "open", refused, raising=False)
    before = digest(store_path)
    for command in (["--self-test"], ["export", "--season", "2026-2027", "--out", str(store_path.parent / "x")]):
        code, err = main(capsys, "--data-dir", store_path.parent, *command)
        assert code == 2 and words in err and f"« {store_path.parent} »" in err and "dossier des données" in err
    assert digest(store_path) == before


def test_a_healthy_store_sqlite_cannot_open_in_its_folder_is_not_damaged(store_path, tmp_path, monkeypatch, capsys):
    """A WAL store in a read-only folder: SQLite cannot make its -shm file and says « unable to
    open database file » (SQLITE_CANTOPEN), raised here for real on a path it cannot open."""
    backup = write_backup(store_path, store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-21.sqlite")
    real_connect = sqlite3.connect

    def cannot_open(database, *args, **kwargs):
        if "mode=ro" in str(database):
            return real_connect(f"{(tmp_path / 'sans-droits' / 'x.sqlite').as_uri()}?mode=ro", uri=True)
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", cannot_open)
    with pytest.raises(StoreError) as refused:
        open_store(store_path)
    assert (
        refused.value.code == "cannot_open" and not refused.value.damaged and "endommagée" not in refused.value.message
    )
    with pytest.raises(StoreError) as backup_refused:
        check_backup(backup)
    assert not backup_refused.value.damaged and "endommagée" not in backup_refused.value.message
    assert latest_good_backup(store_path.parent) is None  # it cannot be read now: not offered, not called damaged
    code, err = main(
        capsys, "--data-dir", store_path.parent, "export", "--season", "2026-2027", "--out", tmp_path / "x"
    )
    assert code == 2 and "ne peut pas être ouverte" in err and "endommagée" not in err and "restore" not in err


def test_data_dir_on_a_file_is_refused_in_french(tmp_path, store_path, command_line):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("pas un dossier")
    for args in (["--self-test"], ["check"], ["backup", "--to", str(tmp_path / "usb")]):
        result = command_line("--data-dir", str(a_file), *args)
        assert result.returncode == 2 and f"« {a_file} » est un fichier, pas un dossier" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    inside = command_line("--data-dir", str(a_file / "données"), "--self-test")
    assert inside.returncode == 2 and f"« {a_file} » est un fichier" in inside.stderr
    the_store = command_line("--data-dir", str(store_path), "check")
    assert (
        the_store.returncode == 2
        and "c'est la base elle-même" in the_store.stderr
        and str(store_path.parent) in the_store.stderr
    )
    assert a_file.read_text() == "pas un dossier"


def test_the_log_on_a_full_disk_prints_nothing_on_the_screen(tmp_path, capsys):
    """A log line lost on a full disk must not come back as a traceback (Python's default)."""
    import logging

    log_path = cli.setup_logging(tmp_path)
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log_path))
    handler.stream.close()  # every write now fails, as on a full disk
    logging.getLogger("acs_desktop").warning("une ligne perdue")
    assert capsys.readouterr().err == ""
    logging.getLogger().removeHandler(handler)


def test_a_read_only_backup_folder_at_start_is_said_and_the_start_goes_on(store_path, monkeypatch, capsys):
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if "sauvegardes" in self.parts:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    before = digest(store_path)
    cli._automatic_backup(store_path, store_path.parent, closing=True, gui=False)
    err = capsys.readouterr().err
    assert (
        "lecture seule" in err
        and "sauvegardes" in err
        and "La sauvegarde n'a pas été faite" in err
        and "au prochain démarrage" in err
    )
    assert digest(store_path) == before
