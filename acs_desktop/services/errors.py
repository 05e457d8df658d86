"""Services raise one error type; it lives in the domain so that parsers can raise it too."""

from acs_desktop.domain.errors import DomainError

__all__ = ["DomainError"]
