"""Private files: the data folder and every folder under it are 0700, every file in it 0600 (store,
-wal, -shm, copies, lock, window state, log); a copy to a USB key and tickets written elsewhere too."""

import os
import stat

import pytest

from tests.conftest import real_process

pytestmark = [pytest.mark.sqlite_only, pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")]


def modes(folder):
    found = {folder: stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[path] = stat.S_IMODE(path.stat().st_mode)
    return found


@pytest.mark.slow  # a self-test run to its end: a real process (tests/conftest.py)
def test_everything_in_the_data_folder_is_the_users_alone(tmp_path, command_line):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    (data / "notes-anciennes.txt").write_text("laissé par une version précédente")
    os.chmod(data / "notes-anciennes.txt", 0o644)
    started = real_process("--data-dir", str(data), "--demo", "--self-test")
    assert started.returncode == 0, started.stderr
    usb = tmp_path / "cle-usb"
    assert command_line("--data-dir", str(data), "backup", "--to", str(usb)).returncode == 0
    found = modes(data)
    names = {p.name for p in found}
    assert {"acs.sqlite", "acs-desktop.log", "fenetre.ini", "quotidiennes", "mensuelles"} <= names, names
    assert any(n.endswith(".lock") or "verrou" in n for n in names), names
    wrong = {str(p.relative_to(tmp_path)): oct(m) for p, m in found.items() if m != (0o700 if p.is_dir() else 0o600)}
    assert wrong == {}
    copies = [p for p in usb.rglob("*") if p.is_file()]
    assert copies and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in copies)
