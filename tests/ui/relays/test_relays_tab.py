"""The Relais tab: where each relay stands with the charter, its places unused without notice
(the threshold visible), and its follow-up log in the detail area."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services.relays import RelayInput
from acs_desktop.ui.relays.relays_table_model import ALERT
from tests.conftest import TODAY


def _column(model, title) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)


def _cells(model, title) -> dict[str, str]:
    column = _column(model, title)
    return {
        model.index(r, 0).data(): model.index(r, column).data(Qt.ItemDataRole.DisplayRole)
        for r in range(model.rowCount())
    }


def test_the_charter_and_the_places_unused_without_notice_are_shown(
    qtbot, window, services, make, clock, season, convention_id, messages
):
    services.settings.update(name="ACS", charter_version=2)
    current = services.relays.create_relay(
        RelayInput("A — CCAS", None, "Rezé", charter_version=2, charter_signed_on=date(2026, 2, 14))
    )
    older = services.relays.create_relay(
        RelayInput("B — Foyer", None, "Nantes", charter_version=1, charter_signed_on=date(2025, 9, 1))
    )
    services.relays.create_relay(RelayInput("C — Centre social", None, "Nantes"))
    clock.now = TODAY - timedelta(days=30)
    past = make.performance(convention_id, quota=10, in_days=10)
    ids_current = make.issued_booking(past, current, 3)[1]
    ids_older = make.issued_booking(past, older, 2)[1]
    clock.now = TODAY
    forgot = next(r.id for r in services.reasons.list_reasons() if r.label == "Oubli ou erreur de date")
    services.attendance.mark_unused(ids_current + ids_older, forgot)

    window.reload_seasons(season.id)
    window.select_season(season.id)
    window.tabs.setCurrentIndex(2)
    tab = window.tab_pages[2]
    model = tab.view.model
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not tab.loading)
    assert _cells(model, "Charte") == {
        "A — CCAS": "à jour (v2, 14/02/2026)",
        "B — Foyer": "ancienne version (v1)",
        "C — Centre social": "non signée",
    }
    assert _cells(model, "Sans prévenir") == {
        "A — CCAS": "3 (seuil atteint)",
        "B — Foyer": "2",
        "C — Centre social": "",
    }
    column = _column(model, "Sans prévenir")
    colours = {model.index(r, 0).data(): model.index(r, column).data(Qt.ItemDataRole.ForegroundRole) for r in range(3)}
    assert colours["A — CCAS"] == ALERT and colours["B — Foyer"] is None


def test_the_follow_up_log_is_in_the_detail_area(qtbot, window, services, season, relay_id, messages):
    services.relays.save_follow_up(relay_id, date(2026, 10, 2), FollowUpKind.MEETING, "Freins : transport le soir")
    window.reload_seasons(season.id)
    window.tabs.setCurrentIndex(2)
    tab = window.tab_pages[2]
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1)
    tab.view.select_ids([relay_id])
    model = tab.follow_ups.view.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == ["02/10/2026", "rencontre", "Freins : transport le soir"]
    assert tab.details.tabText(tab.details.indexOf(tab.follow_ups)) == "Suivi"

    messages.answer = True
    tab._delete_follow_up(services.relays.list_follow_ups(relay_id)[0])
    assert services.relays.list_follow_ups(relay_id) == []
    qtbot.waitUntil(lambda: model.rowCount() == 0)


def _booked_and_shown(window, make, season, convention_id, relay_id):
    """A performance with 3 places booked by the relay; the Relais tab shown (its counts asked)."""
    performance = make.performance(convention_id, quota=10, in_days=10)
    make.book(performance, relay_id, 3)
    window.reload_seasons(season.id)
    window.select_season(season.id)
    window.tabs.setCurrentIndex(2)
    return performance, window.tab_pages[2]


def test_the_relays_show_at_once_and_their_counts_a_moment_later(
    qtbot, window, services, make, season, convention_id, relay_id, messages
):
    """The names drawn first, « … » in the counts' columns while the season is counted in the
    background; reloading the same season keeps the counts shown until the new ones come."""
    performance, tab = _booked_and_shown(window, make, season, convention_id, relay_id)
    model = tab.view.model
    assert tab.loading  # listed, not counted yet: the counts come through the event loop
    name = services.relays.get_relay(relay_id).data.name
    assert _cells(model, "Réservées")[name] == "…"
    assert _cells(model, "Dernière réservation")[name] == "…"
    qtbot.waitUntil(lambda: not tab.loading)
    assert _cells(model, "Réservées")[name] == "3"

    make.book(performance, relay_id, 2)
    tab.reload()  # as a change announced by another tab would
    assert tab.loading
    assert _cells(model, "Réservées")[name] == "3"  # the last counts, not « … », until the new ones
    qtbot.waitUntil(lambda: not tab.loading)
    assert _cells(model, "Réservées")[name] == "5"


def test_counts_asked_by_an_earlier_reload_are_not_drawn(
    qtbot, window, services, make, season, convention_id, relay_id
):
    """Two reloads in a row: only the last one's counts are drawn (an earlier one may come later)."""
    performance, tab = _booked_and_shown(window, make, season, convention_id, relay_id)
    qtbot.waitUntil(lambda: not tab.loading)
    stale = services.relays.relay_counts(season.id)
    make.book(performance, relay_id, 4)
    tab.reload()
    tab._counts_ready(tab._generation - 1, stale)  # an answer to the reload before
    assert tab.loading
    qtbot.waitUntil(lambda: not tab.loading)
    name = services.relays.get_relay(relay_id).data.name
    assert _cells(tab.view.model, "Réservées")[name] == "7"


def test_counts_refused_are_said_and_never_drawn_as_zeros(
    qtbot, window, services, make, season, convention_id, relay_id, messages, monkeypatch
):
    """The store busy or gone while counting: the person reads why, the rows keep « … »."""
    from acs_desktop.domain.errors import DomainError

    def refuse(_season_id):
        raise DomainError("busy", "La base est occupée par un autre poste : réessayez dans un instant.")

    monkeypatch.setattr(services.relays, "relay_counts", refuse)
    _performance, tab = _booked_and_shown(window, make, season, convention_id, relay_id)
    qtbot.waitUntil(lambda: not tab.loading)
    assert any("La base est occupée par un autre poste" in said for said in messages.said)
    name = services.relays.get_relay(relay_id).data.name
    assert _cells(tab.view.model, "Réservées")[name] == "…"
