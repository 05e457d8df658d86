"""Property-based tests: whatever the sequence of bookings and cancellations, the places held
never exceed the quota and every count adds up; what people type never breaks the parsers."""

import random
from datetime import datetime
from decimal import Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from acs_desktop.db.store import open_store
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_money, parse_date, parse_money, parse_time
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.services import Services
from tests.factories import Factory

QUOTA = 12


@given(st.text(max_size=30))
def test_parsers_refuse_in_french_or_accept(text):
    for parse in (parse_money, parse_date, parse_time):
        try:
            parse(text)
        except DomainError as error:
            assert error.message and error.code
        # any other exception fails the test


@given(st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2, allow_nan=False, allow_infinity=False))
def test_money_formatted_then_typed_back_is_the_same(amount):
    assert parse_money(format_money(amount)) == amount


def booking_machine(tmp_path_factory, template_store):
    class Bookings(RuleBasedStateMachine):
        @initialize()
        def setup(self):
            import shutil

            path = tmp_path_factory.mktemp("prop") / "acs.sqlite"
            shutil.copyfile(template_store, path)
            self.store = open_store(path)
            self.services = Services(self.store, lambda: datetime(2026, 11, 22, 10, 0), rng=random.Random(1))
            make = Factory(self.services)
            season = make.season()
            convention = make.convention(make.partner(), season.id)
            self.performance = make.performance(convention, quota=QUOTA)
            self.relays = [make.relay(f"Relais {i}", commune="Nantes") for i in range(3)]
            self.season_id = season.id
            self.expected_held = 0

        @rule(relay=st.integers(0, 2), places=st.integers(-1, 6))
        def book(self, relay, places):
            from acs_desktop.services.bookings import BookingRequest

            try:
                self.services.bookings.book_places(BookingRequest(self.performance, self.relays[relay], places))
            except DomainError as error:
                assert error.code in {"quota_exceeded", "number_too_small", "number_negative"}
                assert places <= 0 or places > QUOTA - self.expected_held
                return
            assert 0 < places <= QUOTA - self.expected_held
            self.expected_held += places

        @rule(data=st.data())
        def cancel_or_return(self, data):
            bookings = [b for b in self.services.booking_lists.list_bookings(self.season_id) if b.booked]
            if not bookings:
                return
            booking = data.draw(st.sampled_from(bookings))
            count = data.draw(st.integers(1, booking.booked))
            result = self.services.bookings.return_places(booking.id, count)
            assert result.places_returned == count
            self.expected_held -= count

        @invariant()
        def counts_add_up(self):
            if not hasattr(self, "services"):
                return
            held = self.services.bookings.held_places(self.performance)
            assert held == self.expected_held <= QUOTA
            row = self.services.offers.get_performance(self.performance)
            assert row.remaining == QUOTA - held
            invitations = [
                i
                for b in self.services.booking_lists.list_bookings(self.season_id)
                for i in self.services.booking_lists.invitations_of(b.id)
            ]
            assert sum(i.status is not InvitationStatus.CANCELLED for i in invitations) == held

        def teardown(self):
            if hasattr(self, "store"):
                self.store.close()

    return Bookings


@pytest.mark.slow  # 25 sequences of up to 15 steps, each on its own store
def test_bookings_and_cancellations_never_exceed_the_quota(tmp_path_factory, template_store):
    machine = booking_machine(tmp_path_factory, template_store)
    machine.TestCase.settings = settings(
        max_examples=25, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)
    )
    machine.TestCase().runTest()
