"""Query pieces shared by several services."""

from __future__ import annotations

from sqlalchemy import Select, select

from acs_desktop.models import Convention, Performance, Show


def season_performance_ids(season_id: int | None) -> Select:
    """SELECT of the ids of the season's performances (for `IN (…)` filters)."""
    return (
        select(Performance.id)
        .join(Show, Show.id == Performance.show_id)
        .join(Convention, Convention.id == Show.convention_id)
        .where(Convention.season_id == season_id)
    )
