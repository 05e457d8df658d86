"""Where the store lives: ``--data-dir``, then ``ACS_DATA_DIR``, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

STORE_FILENAME = "acs.sqlite"
ENV_VAR = "ACS_DATA_DIR"


def default_data_dir() -> Path:
    return platformdirs.user_data_path("acs-desktop", appauthor=False, roaming=False)


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILENAME
