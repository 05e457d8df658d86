"""File permissions of the data folder, without SQLAlchemy (the log is set up before the store opens)."""

from __future__ import annotations

import os
from pathlib import Path


def private(path: Path, *, directory: bool = False) -> None:
    """Readable by the user only (the store holds data about people in precarity)."""
    if os.name != "nt":
        path.chmod(0o700 if directory else 0o600)
