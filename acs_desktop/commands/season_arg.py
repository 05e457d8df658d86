"""Finding the season a command names ("2025-2026"), or a French refusal listing those that exist."""

from __future__ import annotations

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.services import Services
from acs_desktop.services.seasons import SeasonInfo


def find_season(services: Services, text: str) -> SeasonInfo:
    label = parse_season_label(text)[0]
    seasons = services.seasons.list_seasons()
    found = next((s for s in seasons if s.label == label), None)
    if found is None:
        known = ", ".join(s.label for s in seasons) or "aucune"
        raise DomainError("season_unknown", f"La saison {label} n'existe pas dans cette base (saisons : {known}).")
    return found
