"""People at the desk: the two roles and what each may do.

A store may hold no account at all (one laptop, one person): then everything is allowed, as
before accounts existed. Once it holds one, every verb guarded by a `Permission` needs a person
logged in whose role grants it; the rule is here, once, and the services ask it
(`Desk.require`, `services/desk.py`).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DIRECTION = "direction"
    VOLUNTEER = "volunteer"

    @property
    def label(self) -> str:
        return {"direction": "direction", "volunteer": "bénévole"}[self.value]


class Permission(StrEnum):
    """What a volunteer may not do; every other verb (bookings, attendance, printed documents) is
    open to both roles."""

    RESTORE = "restore"
    ERASE = "erase"
    CLOSE_SEASON = "close_season"
    SETTINGS = "settings"
    PERSONAL_EXPORT = "personal_export"
    ACCOUNTS = "accounts"
    QUOTE_FEEDBACK = "quote_feedback"

    @property
    def label(self) -> str:
        """What is refused, as the end of « … est réservé à la direction »."""
        return _PERMISSION_LABELS[self]


_PERMISSION_LABELS = {
    Permission.RESTORE: "Restaurer une sauvegarde",
    Permission.ERASE: "Effacer les données d'une personne",
    Permission.CLOSE_SEASON: "Clôturer une saison",
    Permission.SETTINGS: "Modifier les réglages",
    Permission.PERSONAL_EXPORT: "Sortir des données personnelles (export, copie de la base)",
    Permission.ACCOUNTS: "Gérer les comptes",
    Permission.QUOTE_FEEDBACK: "Choisir les retours des relais cités dans le bilan",
}

GRANTED: dict[Role, frozenset[Permission]] = {
    Role.DIRECTION: frozenset(Permission),
    Role.VOLUNTEER: frozenset(),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in GRANTED[role]


MIN_PASSWORD_LENGTH = 8
DEFAULT_LOCK_MINUTES = 10  # the window locks after this many minutes without a key or a click (0: never)
