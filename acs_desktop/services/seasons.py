"""Seasons: list, create, and which one "today" belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.seasons import parse_season_label, season_label_for
from acs_desktop.models import Season
from acs_desktop.services.base import Service


@dataclass(frozen=True)
class SeasonInfo:
    id: int
    label: str
    starts_on: date
    ends_on: date
    closed: bool


def _info(season: Season) -> SeasonInfo:
    return SeasonInfo(season.id, season.label, season.starts_on, season.ends_on, season.closed_at is not None)


class SeasonService(Service):
    def list_seasons(self) -> list[SeasonInfo]:
        """Newest first."""
        with self._reading() as session:
            return [_info(s) for s in session.scalars(select(Season).order_by(Season.starts_on.desc()))]

    def create_season(self, label: str) -> SeasonInfo:
        clean, starts_on, ends_on = parse_season_label(label)
        with self._writing() as session:
            if session.scalar(select(Season.id).where(Season.label == clean)) is not None:
                raise DomainError("season_exists", f"La saison {clean} existe déjà.", field="label")
            season = Season(label=clean, starts_on=starts_on, ends_on=ends_on)
            session.add(season)
            session.flush()
            self._log(session, "create", "season", season.id, f"Saison {clean} créée")
            return _info(season)

    def current_label(self) -> str:
        return season_label_for(self._now().date())

    def default_season(self) -> SeasonInfo | None:
        """The season of today if it exists, else the newest one."""
        seasons = self.list_seasons()
        current = self.current_label()
        return next((s for s in seasons if s.label == current), seasons[0] if seasons else None)
