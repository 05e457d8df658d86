"""How long work says how far it is, and how it learns that the person asked to stop.

Every slow call — tickets, reports, imports, exports — takes an optional `progress(done, total,
text="")`: `done` out of `total` steps (`total` 0 when unknown), with an optional sentence for the
person waiting. The callback raises `Cancelled` once « Annuler » was pressed; the work lets it
through, its transaction rolls back and nothing is written.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, text: str = "", /) -> object: ...


class Cancelled(Exception):
    """The person asked to stop: the work ends at its next progress report, nothing written."""


def report(progress: Progress | None, done: int, total: int, text: str = "") -> None:
    """Call `progress` if there is one (the work itself does not care who listens)."""
    if progress is not None:
        progress(done, total, text)
