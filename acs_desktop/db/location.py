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


def data_dir_problem(data_dir: Path) -> str | None:
    """Why `data_dir` cannot be the data folder (a file stands there, or above it), in French;
    None if it can (it exists as a folder, or can be created)."""
    data_dir = Path(data_dir)
    where = "--data-dir (ou la variable ACS_DATA_DIR)"
    if data_dir.exists() and not data_dir.is_dir():
        if data_dir.name == STORE_FILENAME:
            return (
                f"« {data_dir} » est un fichier, pas un dossier : c'est la base elle-même. Donnez à {where} "
                f"son dossier, « {data_dir.parent} »."
            )
        return (
            f"« {data_dir} » est un fichier, pas un dossier. Donnez à {where} le dossier des données "
            f"(celui qui contient {STORE_FILENAME}, ou un dossier à créer)."
        )
    for above in data_dir.parents:
        if above.exists():
            if not above.is_dir():
                return f"« {above} » est un fichier : le dossier des données « {data_dir} » ne peut pas y être créé."
            break
    return None
