"""Start-up: damaged store, one instance per store, the command line's backup, restore and check."""

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from acs_desktop import cli
from acs_desktop.db.backup import write_backup
from acs_desktop.db.lock import StoreLock
from tests.conftest import real_process


def damage(path):
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_store_is_refused_with_the_backup_to_restore_and_never_written(store_path, command_line):
    backup = write_backup(store_path, store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-21.sqlite")
    before = damage(store_path)
    result = command_line("--data-dir", str(store_path.parent), "--self-test")
    assert result.returncode == 2
    assert "endommagée" in result.stderr and str(backup) in result.stderr and "acs-desktop restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_in_the_window_the_latest_good_backup_is_offered_and_restored(store_path, monkeypatch):
    write_backup(store_path, store_path.parent / "sauvegardes" / "quotidiennes" / "acs-2026-11-21.sqlite")
    before = damage(store_path)
    monkeypatch.setattr(cli, "_ask_restore", lambda message, backup: True)
    store = cli._open(store_path, store_path.parent, gui=True)
    assert store is not None
    store.close()
    aside = list((store_path.parent / "sauvegardes").glob("acs.endommagee-*.sqlite"))
    assert len(aside) == 1 and hashlib.sha256(aside[0].read_bytes()).hexdigest() == before


def test_every_page_is_read_at_the_days_first_start_not_again_while_the_store_is_unchanged(store_path, monkeypatch):
    from datetime import datetime

    from acs_desktop.db import store as store_module
    from acs_desktop.db.backup import automatic_backup

    checked: list[bool] = []
    inspect = store_module.inspect_file
    monkeypatch.setattr(
        store_module, "inspect_file", lambda path, check=True: checked.append(check) or inspect(path, check=check)
    )

    def start() -> None:
        store = cli._open(store_path, store_path.parent, gui=False)
        assert store is not None
        store.close()

    start()  # no copy of today yet: read whole, then copied
    automatic_backup(store_path, store_path.parent, datetime.now())
    start()  # unchanged since its checked copy
    later = time.time() + 5
    os.utime(store_path, (later, later))  # written since the copy
    start()
    assert checked == [True, False, True]


@pytest.mark.slow  # its last start runs the self-test to its end: a real process
def test_a_second_start_on_the_same_store_says_so_and_exits(store_path, command_line):
    lock = StoreLock(store_path)
    assert lock.acquire()
    try:
        result = command_line("--data-dir", str(store_path.parent), "--self-test")
        assert result.returncode == 4 and "déjà ouvert" in result.stderr
    finally:
        lock.release()
    assert (
        real_process("--data-dir", str(store_path.parent), "--self-test").returncode == 0
    )  # run to its end: a real process


def test_a_killed_instance_leaves_no_lock_behind(store_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from acs_desktop.db.lock import StoreLock;"
            "l = StoreLock(Path(sys.argv[1])); assert l.acquire(); print('verrou', flush=True); time.sleep(60)",
            str(store_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "verrou"
    assert not StoreLock(store_path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    time.sleep(0.1)
    lock = StoreLock(store_path)
    assert lock.acquire()
    lock.release()


def test_backup_restore_and_check_from_the_command_line(store_path, tmp_path, services, command_line):
    services.seasons.create_season("2025-2026")
    usb = tmp_path / "usb"
    made = command_line("--data-dir", str(store_path.parent), "backup", "--to", str(usb))
    assert made.returncode == 0, made.stderr
    copy = next(usb.glob("acs-*.sqlite"))
    services.seasons.create_season("2026-2027")
    checked = command_line("--data-dir", str(store_path.parent), "check")
    assert checked.returncode == 0 and "la base est saine" in checked.stdout and "2 saison(s)" in checked.stdout
    services.sessions.engine.dispose()
    restored = command_line("--data-dir", str(store_path.parent), "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "1 saison(s)" in command_line("--data-dir", str(store_path.parent), "check").stdout


def test_check_reports_a_damaged_store(store_path, command_line):
    damage(store_path)
    result = command_line("--data-dir", str(store_path.parent), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
