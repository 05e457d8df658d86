"""The booking dialog warns of a relay's charter and its places unused without notice, and books anyway."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from acs_desktop.services.relays import RelayInput
from acs_desktop.ui.invitations.booking_dialog import BookingDialog
from tests.conftest import TODAY


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_relay_without_the_charter_is_warned_and_booked(qtbot, services, season, performance_id):
    relay = services.relays.create_relay(RelayInput("Foyer Oasis", None, "Nantes"))
    dialog = BookingDialog(services, season.id, performance_id=performance_id, relay_id=relay)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.relay_warning.isVisible()
    assert dialog.relay_warning.text() == (
        "Attention : « Foyer Oasis » n'a pas signé la charte de l'association (version 1)."
    )
    dialog.places.setValue(2)
    _ok(qtbot, dialog)
    assert len(dialog.result_value.codes) == 2  # warned, never refused


def test_a_relay_at_the_threshold_is_warned_and_a_current_one_is_not(
    qtbot, services, make, clock, season, convention_id
):
    signed = {"charter_version": 1, "charter_signed_on": date(2026, 2, 14)}
    careless = services.relays.create_relay(RelayInput("CCAS", None, "Rezé", **signed))
    careful = services.relays.create_relay(RelayInput("Centre social", None, "Nantes", **signed))
    clock.now = TODAY - timedelta(days=30)
    past = make.performance(convention_id, quota=10, in_days=10)
    ids = make.issued_booking(past, careless, 3)[1]
    clock.now = TODAY
    forgot = next(r.id for r in services.reasons.list_reasons() if r.label == "Oubli ou erreur de date")
    services.attendance.mark_unused(ids, forgot)
    coming = make.performance(convention_id, quota=10, in_days=10)

    dialog = BookingDialog(services, season.id, performance_id=coming, relay_id=careful)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.relay_warning.isVisible()
    dialog.relay.set_value(careless)
    assert dialog.relay_warning.isVisible()
    assert "« CCAS » compte 3 place(s) non utilisée(s) sans prévenir en 2026-2027 (seuil : 3)" in (
        dialog.relay_warning.text()
    )
    _ok(qtbot, dialog)
    assert dialog.result_value.codes
