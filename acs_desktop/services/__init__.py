"""Business rules (no Qt): verbs that check, write in one transaction, log, and return plain data.

`Services` gathers them around one store and one clock, so that the window, the command line
and the tests use the very same rules.
"""

from __future__ import annotations

import random

from acs_desktop.db.store import Store
from acs_desktop.domain.errors import DomainError
from acs_desktop.services.accounts import AccountService
from acs_desktop.services.activity import ActivityService
from acs_desktop.services.attendance import AttendanceService
from acs_desktop.services.base import Clock, Sessions, system_clock
from acs_desktop.services.booking_lists import BookingListService
from acs_desktop.services.bookings import BookingService
from acs_desktop.services.conventions import ConventionService
from acs_desktop.services.documents import DocumentService
from acs_desktop.services.feedback import FeedbackService
from acs_desktop.services.form_import import FormImportService
from acs_desktop.services.mediation import MediationService
from acs_desktop.services.offers import OfferService
from acs_desktop.services.partners import PartnerService
from acs_desktop.services.privacy import PrivacyService
from acs_desktop.services.reasons import ReasonService
from acs_desktop.services.relays import RelayService
from acs_desktop.services.review import ReviewService
from acs_desktop.services.safety import SafetyService
from acs_desktop.services.season_io import SeasonIOService
from acs_desktop.services.seasons import SeasonService
from acs_desktop.services.settings import SettingsService
from acs_desktop.services.todo import TodoService
from acs_desktop.services.week_ahead import WeekAheadService

__all__ = ["DomainError", "Services"]


class Services:
    def __init__(self, sessions: Sessions, clock: Clock = system_clock, rng: random.Random | None = None):
        self.sessions = sessions
        self.clock = clock
        self.accounts = AccountService(sessions, clock)  # who is at the desk, and what they may do
        self.seasons = SeasonService(sessions, clock)
        self.settings = SettingsService(sessions, clock)
        self.partners = PartnerService(sessions, clock)
        self.conventions = ConventionService(sessions, clock)
        self.offers = OfferService(sessions, clock)
        self.relays = RelayService(sessions, clock)
        self.bookings = BookingService(sessions, clock, rng)
        self.booking_lists = BookingListService(sessions, clock)
        self.form_imports = FormImportService(sessions, clock, bookings=self.bookings)
        self.attendance = AttendanceService(sessions, clock)
        self.reasons = ReasonService(sessions, clock)
        self.mediation = MediationService(sessions, clock)  # the association's actions beside the places
        self.feedback = FeedbackService(sessions, clock)  # the relays' word after a performance
        self.review = ReviewService(sessions, clock)
        self.documents = DocumentService(
            sessions, clock, settings=self.settings, offers=self.offers, bookings=self.bookings, review=self.review
        )
        self.week = WeekAheadService(sessions, clock, identity=self.documents.identity)
        self.privacy = PrivacyService(sessions, clock)
        self.activity = ActivityService(sessions, clock)
        # Backups need the store itself (its file and engine), not only its sessions.
        self.safety = SafetyService(sessions, clock) if isinstance(sessions, Store) else None
        self.season_io = SeasonIOService(sessions, clock)
        self.todo = TodoService(
            seasons=self.seasons,
            booking_lists=self.booking_lists,
            attendance=self.attendance,
            offers=self.offers,
            conventions=self.conventions,
            relays=self.relays,
            form_imports=self.form_imports,
            safety=self.safety,
            clock=clock,
        )
