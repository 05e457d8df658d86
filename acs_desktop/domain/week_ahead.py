"""The week ahead as plain data: the call list of the next seven days.

For each performance of the week, the relays holding places on it and whom to call there (the
referent, a phone), how many places and whether their tickets have left; the performances the
partner cancelled are kept apart, with the relays that had places on them. No beneficiary is
named: the list is for calling referents.

The service (`services/week_ahead.py`) fills it, `printing/week_ahead.py` prints it. It lives
beside `domain/documents.py` (whose `Identity` and `PerformanceHeading` it uses) rather than in
it, so that each document's data stays in a short module of its own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from acs_desktop.domain.documents import Identity, PerformanceHeading
from acs_desktop.domain.french import format_date, format_long_date, quantity

WEEK_DAYS = 7  # the start day and the six days after it
NO_REFERENT = "pas de référent"


@dataclass(frozen=True)
class CallLine:
    """One relay to call about one performance."""

    relay_name: str
    relay_commune: str
    referent_name: str  # "" when the relay has no referent to call
    phone: str  # the referent's, else the relay's; "" when neither is known
    phone_is_relay: bool  # the phone is the relay's switchboard, not the referent's
    places: int  # places held (on a cancelled performance: the places the cancellation took)
    printed: int  # of them, tickets printed (issued) already
    warned_at: datetime | None = None  # a cancelled performance: when the relay was told

    @property
    def referent(self) -> str:
        return self.referent_name or NO_REFERENT

    @property
    def not_printed(self) -> int:
        return self.places - self.printed

    @property
    def tickets(self) -> str:
        """ "billets édités", "2 billets édités sur 5", "billets à éditer" (the words of the
        Invitations tab's « Billets à éditer »)."""
        if self.printed >= self.places:
            return "billet édité" if self.places == 1 else "billets édités"
        if self.printed == 0:
            return "billet à éditer" if self.places == 1 else "billets à éditer"
        return f"{self.printed} {'billet édité' if self.printed == 1 else 'billets édités'} sur {self.places}"

    @property
    def sort_key(self) -> tuple[str, str]:
        """By relay name as a person sorts it: « Épicerie » among the E."""
        return _fold(self.relay_name), _fold(self.relay_commune)

    @property
    def relay_label(self) -> str:
        """ "CCAS de Rezé", "Centre social Bellevue (Nantes)": the town when the name does not say it."""
        if not self.relay_commune or self.relay_commune.casefold() in self.relay_name.casefold():
            return self.relay_name
        return f"{self.relay_name} ({self.relay_commune})"


@dataclass(frozen=True)
class WeekPerformance:
    performance_id: int
    heading: PerformanceHeading
    calls: tuple[CallLine, ...]  # by relay name
    cancelled: bool = False

    @property
    def places(self) -> int:
        return sum(call.places for call in self.calls)


@dataclass(frozen=True)
class WeekAheadData:
    identity: Identity
    start: date
    performances: tuple[WeekPerformance, ...]  # on offer, by date and time
    cancelled: tuple[WeekPerformance, ...]  # cancelled by the partner, by date and time
    printed_at: datetime

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=WEEK_DAYS - 1)

    @property
    def empty(self) -> bool:
        return not self.performances and not self.cancelled

    @property
    def relays_to_call(self) -> int:
        """Relays holding places this week, each counted once (a relay may be called about two)."""
        return len({(c.relay_name, c.relay_commune) for p in self.performances for c in p.calls})

    @property
    def places(self) -> int:
        return sum(p.places for p in self.performances)

    @property
    def not_printed(self) -> int:
        return sum(c.not_printed for p in self.performances for c in p.calls)

    @property
    def to_warn(self) -> int:
        """Relays not yet told of a cancellation of this week."""
        return len({(c.relay_name, c.relay_commune) for p in self.cancelled for c in p.calls if c.warned_at is None})

    @property
    def period(self) -> str:
        """ "du 22/11/2026 au 28/11/2026"."""
        return f"du {format_date(self.start)} au {format_date(self.last_day)}"

    @property
    def title(self) -> str:
        """ "Du samedi 13 au vendredi 19 février 2027", "Du dimanche 28 février au samedi 6 mars 2027"."""
        weekday, day, month, year = format_long_date(self.start).split()
        if self.start.year != self.last_day.year:
            kept = [weekday, day, month, year]
        elif self.start.month != self.last_day.month:
            kept = [weekday, day, month]
        else:
            kept = [weekday, day]
        return f"Du {' '.join(kept)} au {format_long_date(self.last_day)}"

    @property
    def summary(self) -> str:
        """The line at the top of the page, and what the command line says."""
        if self.empty:
            return f"Aucune représentation {self.period} : personne à appeler cette semaine."
        text = (
            f"{quantity(len(self.performances), 'représentation')}, "
            f"{quantity(self.relays_to_call, 'relais à appeler', 'relais à appeler')}, "
            f"{quantity(self.places, 'place')}, "
            + (
                f"dont {quantity(self.not_printed, 'billet pas encore édité', 'billets pas encore édités')}."
                if self.not_printed
                else "billets tous édités."
            )
        )
        if self.cancelled:
            text += (
                f" {quantity(len(self.cancelled), 'représentation annulée', 'représentations annulées')} : "
                f"{quantity(self.to_warn, 'relais à prévenir', 'relais à prévenir')}."
            )
        return text


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
