"""The translation of machine faults: real SQLite errors and operating-system errors become one
French sentence naming the path; a damaged file is not a fault, a fault is not a damage."""

import errno
import sqlite3

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from acs_desktop.domain.faults import BUSY, DISK_FULL, READ_ONLY, MachineFault, describe, fault, fault_kind


def sqlite_error(tmp_path, make) -> sqlite3.Error:
    """The error SQLite itself raises for what `make(connection)` does."""
    connection = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    try:
        make(connection)
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("SQLite did not refuse")


def fill(connection):
    connection.execute("CREATE TABLE t(x)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages}")
    connection.execute("INSERT INTO t SELECT randomblob(100000)")


def write_read_only(connection):
    connection.execute("PRAGMA query_only=ON")
    connection.execute("CREATE TABLE t(x)")


def test_sqlites_full_disk_is_said_with_the_path(tmp_path):
    error = sqlite_error(tmp_path, fill)
    assert str(error) == "database or disk is full" and fault_kind(error) == DISK_FULL
    said = describe(error, tmp_path / "acs.sqlite", outcome="Rien n'a été enregistré.")
    assert said.startswith(f"Impossible d'écrire « {tmp_path / 'acs.sqlite'} » : le disque est plein.")
    assert said.endswith("Rien n'a été enregistré.") and "Libérez de la place" in said


def test_sqlites_read_only_store(tmp_path):
    error = sqlite_error(tmp_path, write_read_only)
    assert str(error) == "attempt to write a readonly database" and fault_kind(error) == READ_ONLY
    assert "lecture seule" in describe(error, tmp_path / "acs.sqlite")


def test_a_store_locked_by_another_connection_is_busy(tmp_path):
    holder = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    holder.execute("CREATE TABLE t(x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        error = sqlite_error(
            tmp_path, lambda c: (c.execute("PRAGMA busy_timeout=10"), c.execute("INSERT INTO t VALUES (1)"))
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(error) == "database is locked" and fault_kind(error) == BUSY
    assert describe(error, tmp_path / "x.sqlite").startswith("La base est utilisée par un autre programme")


def test_the_fault_is_found_inside_sqlalchemys_wrapper(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only=ON")
        with pytest.raises(OperationalError) as raised:
            connection.exec_driver_sql("CREATE TABLE t(x)")
    engine.dispose()
    assert fault_kind(raised.value) == READ_ONLY
    made = fault(raised.value, tmp_path / "x.sqlite")
    assert isinstance(made, MachineFault) and made.code == READ_ONLY and made.path == tmp_path / "x.sqlite"


def test_a_damaged_file_is_no_fault_of_the_machine(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(sqlite3.DatabaseError) as damaged:
        sqlite3.connect(bad).execute("SELECT * FROM sqlite_master").fetchall()
    assert fault_kind(damaged.value) is None and describe(damaged.value) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "le disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "Accès refusé"),
        (errno.EPERM, "Accès refusé"),
        (errno.ENOENT, "n'existe pas"),
        (errno.EIO, "erreur du disque"),
        (errno.EFBIG, "trop grand"),
    ],
)
def test_operating_system_errors_in_french_with_the_file_they_name(tmp_path, number, words):
    error = OSError(number, "English words", str(tmp_path / "bilan.pdf"))
    said = describe(error, tmp_path / "ignored")
    assert words in said and f"« {tmp_path / 'bilan.pdf'} »" in said and "English" not in said


def test_other_errors_are_not_faults():
    assert describe(ValueError("x")) is None and describe(OSError(errno.ENAMETOOLONG, "long")) is None
