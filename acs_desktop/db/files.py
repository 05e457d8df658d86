"""File permissions of the data folder, without SQLAlchemy (the log is set up before the store opens)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def private(path: Path, *, directory: bool = False) -> None:
    """Readable by the user only (the store holds data about people in precarity)."""
    if os.name != "nt":
        path.chmod(0o700 if directory else 0o600)


PRIVATE_UMASK = 0o077  # what the application creates is the user's alone: folders 0700, files 0600


def keep_private(data_dir: Path) -> None:
    """From now on, every file and folder this process creates is private (the store, its -wal
    and -shm, backups, copies, the lock, the window state, the log, and documents written
    elsewhere, tickets with first names among them); and what an earlier version left in the data
    folder readable by others is made private too."""
    if os.name == "nt":  # the user's profile folder is private already
        return
    os.umask(PRIVATE_UMASK)
    if not data_dir.is_dir():
        return
    paths = [(data_dir, True)]
    for folder, dirs, files in os.walk(data_dir):
        paths += [(Path(folder) / name, True) for name in dirs] + [(Path(folder) / name, False) for name in files]
    for path, directory in paths:
        if path.is_symlink():
            continue
        with contextlib.suppress(OSError):  # another owner's file: left as it is, never a reason not to start
            private(path, directory=directory)
