"""Subcommands of `acs-desktop` (batch work without the window), one module each.

A command module defines `register(subparsers)`, which adds its parser and sets
`handler=run`; `run(args, context)` returns the exit code. A module whose parser sets
`opens_store=False` gets a context without services (restore, check: they handle the file
themselves), and `exclusive=False` lets it run while the window is open (read-only work).
Add a module to `COMMAND_MODULES` to make it available.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acs_desktop.db.store import Store
    from acs_desktop.services import Services

COMMAND_MODULES: tuple[str, ...] = (
    "safety",
    "documents",
    "review",
    "season_io",
    "week",
    "booking_forms",
    "form_import",
    "todo",
)


@dataclass
class CommandContext:
    data_dir: Path
    store_path: Path
    store: Store | None = None
    services: Services | None = None
    address: str | None = None  # the PostgreSQL server's, when this desk works on one


def say_written(summary: str, path: Path) -> None:
    """What every command says once a file is written: one French sentence, then "→ " and the
    file's full path (the person need not guess which folder "bilan.pdf" went to)."""
    print(summary)
    print(f"→ {Path(path).resolve()}")


def register_all(subparsers) -> None:
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"acs_desktop.commands.{name}").register(subparsers)
