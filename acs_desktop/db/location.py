"""Where the store lives: ``--data-dir``, then ``ACS_DATA_DIR``, then the platform's user data folder.

The store is the file `acs.sqlite` of that folder, unless the desk works on a PostgreSQL server
(several desks): ``--database``, then ``ACS_DATABASE``, then the address saved in the settings
(`base-de-donnees.txt` in the data folder, readable by its owner only).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

STORE_FILENAME = "acs.sqlite"
ENV_VAR = "ACS_DATA_DIR"
DATABASE_ENV_VAR = "ACS_DATABASE"
DATABASE_FILE = "base-de-donnees.txt"


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


def resolve_database(cli_value: str | None, data_dir: Path) -> str | None:
    """The PostgreSQL address this desk works on, or None for the store file of the data folder."""
    for value in (cli_value, os.environ.get(DATABASE_ENV_VAR), saved_database(data_dir)):
        if value and value.strip():
            return value.strip()
    return None


def saved_database(data_dir: Path) -> str | None:
    try:
        return (Path(data_dir) / DATABASE_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def save_database(data_dir: Path, address: str | None) -> None:
    """Keep (or, with None, forget) the address this desk opens at its next start."""
    from acs_desktop.db.files import private

    target = Path(data_dir) / DATABASE_FILE
    if address is None:
        target.unlink(missing_ok=True)
        return
    target.write_text(address.strip() + "\n", encoding="utf-8")
    private(target)


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
