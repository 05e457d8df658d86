"""The one error type of the domain: a stable code for tests and logs, a French message for people."""

from __future__ import annotations


class DomainError(Exception):
    """A refused operation. `code` is stable (tests assert it); `message` is shown as is."""

    def __init__(self, code: str, message: str, *, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"DomainError({self.code!r}, {self.message!r}, field={self.field!r})"
