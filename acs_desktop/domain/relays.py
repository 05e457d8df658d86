"""What the association asks of a relay: the charter it signed, and the places its people left
unused without notice (counted against the relay, never against a person: no person is stored)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from acs_desktop.domain.french import format_date

DEFAULT_NO_SHOW_THRESHOLD = 3  # the setting « Places non utilisées sans prévenir » of a new store


class CharterState(StrEnum):
    CURRENT = "current"
    OUTDATED = "outdated"
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class CharterStatus:
    """Where a relay stands with the association's charter (the one rule: `charter_status`)."""

    state: CharterState
    signed_version: int | None = None
    signed_on: date | None = None

    @property
    def is_current(self) -> bool:
        return self.state is CharterState.CURRENT

    @property
    def label(self) -> str:
        """« à jour (v2, 14/02/2026) », « ancienne version (v1) », « non signée »."""
        if self.state is CharterState.UNSIGNED:
            return "non signée"
        if self.state is CharterState.OUTDATED:
            return f"ancienne version (v{self.signed_version})"
        return f"à jour (v{self.signed_version}, {format_date(self.signed_on)})"

    def warning(self, relay: str, current_version: int) -> str:
        """The sentence a booking shows when the charter is not current ("" when it is)."""
        if self.state is CharterState.UNSIGNED:
            return f"« {relay} » n'a pas signé la charte de l'association (version {current_version})."
        if self.state is CharterState.OUTDATED:
            return (
                f"« {relay} » a signé une ancienne version de la charte (v{self.signed_version}) : "
                f"la version en vigueur est la v{current_version}."
            )
        return ""


def charter_status(signed_version: int | None, signed_on: date | None, current_version: int) -> CharterStatus:
    """Current when the relay signed (a date and a version) the version in force or a later one."""
    if signed_version is None or signed_on is None:
        return CharterStatus(CharterState.UNSIGNED)
    if signed_version < current_version:
        return CharterStatus(CharterState.OUTDATED, signed_version, signed_on)
    return CharterStatus(CharterState.CURRENT, signed_version, signed_on)


NOT_SIGNED = CharterStatus(CharterState.UNSIGNED)


def no_show_reached(count: int, threshold: int) -> bool:
    """The places unused without notice reached the threshold (the setting, at least 1)."""
    return threshold > 0 and count >= threshold


def no_show_warning(relay: str, count: int, threshold: int, season_label: str) -> str:
    """The sentence a booking shows once the relay reached the threshold ("" below it)."""
    if not no_show_reached(count, threshold):
        return ""
    return (
        f"« {relay} » compte {count} place(s) non utilisée(s) sans prévenir en {season_label} "
        f"(seuil : {threshold}). Un échange avec le relais aiderait à repérer les freins."
    )
