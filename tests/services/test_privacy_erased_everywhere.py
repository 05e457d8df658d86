"""Erased means erased in every file of the data folder: after a season closing, the retention
pass or « Effacer ses données », the erased first names, names, phones and emails are in no byte
of the store, its journal, the daily and monthly backups, the copies taken before a restore or a
migration, nor the activity log under a person's earlier names."""

import logging
import os
import random
import sqlite3
from datetime import datetime

from alembic import command

from acs_desktop.cli import setup_logging
from acs_desktop.db.backup import BACKUP_DIR, automatic_backup, list_backups, write_backup
from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config, open_store
from acs_desktop.services import Services
from acs_desktop.services.relays import RelayInput
from tests.conftest import TODAY, FakeClock
from tests.factories import Factory

FIRST_NAME = "Zéphyrine"
EARLIER_NAME = "Hortense Q."
REFERENT = ("Hortense Quelquechose", "06 12 34 56 78", "hortense.q@exemple.invalid")
CONTACT = ("Gaspard Contactier", "07 98 76 54 32", "gaspard.c@exemple.invalid")
KEPT = "Théâtre de la Ville"  # what nobody erased stays in every copy


def data_folder_bytes(data_dir) -> dict[str, bytes]:
    """Every file of the data folder, whatever its name, read as raw bytes."""
    files = {}
    for folder, _, names in os.walk(data_dir):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, data_dir)] = handle.read()
    return files


def files_holding(data_dir, values) -> dict[str, list[str]]:
    found = {}
    for name, content in data_folder_bytes(data_dir).items():
        held = [v for v in values if v.encode() in content or v.encode("utf-16-le") in content]
        if held:
            found[name] = held
    return found


def season_with_people(store, clock):
    services = Services(store, clock, rng=random.Random(3))
    make = Factory(services)
    season = make.season("2026-2027")
    partner = make.partner(KEPT)
    convention = make.convention(partner, season.id)
    performance = make.performance(convention, quota=40)
    relay = make.relay("CCAS de Rezé")
    for _ in range(5):
        make.book(performance, relay, 2, first_names=(FIRST_NAME, FIRST_NAME))
    referent = services.relays.save_referent(relay, EARLIER_NAME, REFERENT[1], "")
    contact = services.partners.save_contact(partner, *CONTACT[:1], "Relations publiques", *CONTACT[1:])
    return services, season, referent, contact


def copies_everywhere(store, data_dir, when: datetime):
    """The copies a real data folder holds: daily and monthly backups, a copy before a restore
    and one before a migration (beside the store)."""
    automatic_backup(store.path, data_dir, when)
    write_backup(store.path, data_dir / BACKUP_DIR / f"acs.avant-restauration-{when:%Y%m%d-%H%M%S}.sqlite")
    write_backup(store.path, data_dir / f"acs.avant-mise-a-jour-0005-{when:%Y%m%d-%H%M%S}.sqlite")


def test_nothing_erased_is_left_in_any_file_of_the_data_folder(tmp_path):
    data_dir = tmp_path / "donnees"
    data_dir.mkdir()
    log_path = setup_logging(data_dir)
    store = open_store(data_dir / "acs.sqlite")
    clock = FakeClock()
    services, season, referent, contact = season_with_people(store, clock)
    copies_everywhere(store, data_dir, datetime(2026, 10, 30, 9, 0))  # taken before the referent was renamed
    services.relays.save_referent(
        _relay_of(store, referent), REFERENT[0], REFERENT[1], REFERENT[2], referent_id=referent
    )
    automatic_backup(store.path, data_dir, TODAY)
    logging.getLogger("acs_desktop").info("Journal technique écrit pendant la session")
    every_value = [FIRST_NAME, EARLIER_NAME, *REFERENT, *CONTACT]
    assert set().union(*files_holding(data_dir, every_value).values()) == set(every_value)  # the test can see them

    services.privacy.close_season(season.id)
    erased_referent = services.privacy.erase_referent(referent)
    erased_contact = services.privacy.erase_contact(contact)
    store.close()
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert files_holding(data_dir, every_value) == {}
    copies = [b.path for b in list_backups(data_dir)] + list(data_dir.glob("*.avant-mise-a-jour-*.sqlite"))
    assert len(copies) == 6 and erased_referent.copies_erased == erased_contact.copies_erased == 6
    for copy in copies:  # still whole stores, still holding what was not erased
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("SELECT count(*) FROM partner WHERE name = ?", (KEPT,)).fetchone() == (1,)
            assert connection.execute("SELECT count(*) FROM invitation").fetchone()[0] == 10
        connection.close()
    assert log_path.exists()


def _relay_of(store, referent_id):
    with sqlite3.connect(store.path) as connection:
        return connection.execute("SELECT relay_id FROM referent WHERE id = ?", (referent_id,)).fetchone()[0]


def test_the_retention_pass_erases_first_names_in_the_backups_too(tmp_path):
    data_dir = tmp_path / "donnees"
    store = open_store(data_dir / "acs.sqlite")
    clock = FakeClock()
    services, _season, _, _ = season_with_people(store, clock)
    copies_everywhere(store, data_dir, TODAY)
    clock.advance(days=365 * 3)
    done = services.privacy.apply_retention()
    store.close()
    assert [d.season_label for d in done] == ["2026-2027"] and done[0].copies_erased == 4
    assert files_holding(data_dir, [FIRST_NAME]) == {}


def test_a_copy_taken_before_a_migration_is_erased_in_its_older_schema(tmp_path):
    data_dir = tmp_path / "donnees"
    data_dir.mkdir()
    path = data_dir / "acs.sqlite"
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO relay (id, name, commune, address, phone, email, active, notes) VALUES (1, 'CCAS', 'Rezé', '', '', '', 1, '')"
        )
        connection.execute(
            "INSERT INTO referent (id, relay_id, name, phone, email, active) VALUES (1, 1, ?, ?, ?, 1)", REFERENT
        )
    connection.close()
    store = open_store(path)
    assert store.migrated_from == "0001" and store.copy_before_migration.exists()
    assert REFERENT[0].encode() in store.copy_before_migration.read_bytes()
    services = Services(store, FakeClock())
    erased = services.privacy.erase_referent(1)
    store.close()
    assert erased.copies_erased == 1
    assert files_holding(data_dir, list(REFERENT)) == {}


def test_a_damaged_copy_is_named_not_silently_kept(tmp_path):
    data_dir = tmp_path / "donnees"
    store = open_store(data_dir / "acs.sqlite")
    services = Services(store, FakeClock())
    relay = services.relays.create_relay(RelayInput("CCAS", None, "Rezé"))
    referent = services.relays.save_referent(relay, *REFERENT)
    damaged = data_dir / BACKUP_DIR / "acs.endommagee-20261101-090000.sqlite"
    damaged.parent.mkdir(parents=True, exist_ok=True)
    write_backup(store.path, damaged)
    content = bytearray(damaged.read_bytes())
    content[100:4096] = b"\xff" * (4096 - 100)  # its first page broken: SQLite cannot read it
    damaged.write_bytes(bytes(content))
    erased = services.privacy.erase_referent(referent)
    store.close()
    assert erased.copies_unreachable == (str(damaged),)
    assert list(files_holding(data_dir, [REFERENT[0]])) == [os.path.relpath(damaged, data_dir)]
