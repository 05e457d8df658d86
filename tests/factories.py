"""Test data built through the services, so that fixtures obey the same rules as the window."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from acs_desktop.services import Services
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.conventions import ConventionFigures
from acs_desktop.services.offers import PerformanceInput
from acs_desktop.services.partners import PartnerInput
from acs_desktop.services.relays import RelayInput


class Factory:
    def __init__(self, services: Services):
        self.s = services
        self._shows = 0

    def season(self, label: str = "2026-2027"):
        return self.s.seasons.create_season(label)

    def partner(self, name: str = "Théâtre de la Ville", **fields) -> int:
        return self.s.partners.create_partner(PartnerInput(name=name, **fields))

    def convention(
        self, partner_id: int, season_id: int, *, donations="1200.00", place_value="12.00", places=80, subscribers=90
    ) -> int:
        figures = ConventionFigures(places, subscribers, Decimal(donations), Decimal(place_value))
        return self.s.conventions.create_convention(partner_id, season_id, figures)

    def show(self, convention_id: int, title: str | None = None) -> int:
        self._shows += 1
        return self.s.offers.save_show(convention_id, title or f"Spectacle {self._shows}")

    def performance(
        self,
        convention_id: int,
        *,
        quota: int = 10,
        in_days: float = 10,
        deadline_days_before: float | None = None,
        show_id: int | None = None,
    ) -> int:
        starts_at = (self.s.clock() + timedelta(days=in_days)).replace(hour=20, minute=30, second=0)
        deadline = None if deadline_days_before is None else starts_at - timedelta(days=deadline_days_before)
        show = show_id or self.show(convention_id)
        return self.s.offers.save_performance(PerformanceInput(show, starts_at, quota, booking_deadline=deadline))

    def relay(self, name: str = "CCAS", *, commune: str = "Rezé", active: bool = True) -> int:
        return self.s.relays.create_relay(RelayInput(name=name, commune=commune, active=active))

    def book(self, performance_id: int, relay_id: int, places: int = 2, **options):
        return self.s.bookings.book_places(BookingRequest(performance_id, relay_id, places, **options))

    def issued_booking(self, performance_id: int, relay_id: int, places: int = 2):
        result = self.book(performance_id, relay_id, places)
        ids = [i.id for i in self.s.booking_lists.invitations_of(result.booking_id)]
        self.s.bookings.issue_invitations(ids)
        return result, ids


def at(days: float, base: datetime) -> datetime:
    return base + timedelta(days=days)
