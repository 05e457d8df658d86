"""The booking dialog's « dont accompagnateurs », and the relay's feedback recorded from the
attendance sheet."""

from datetime import timedelta

from PySide6.QtCore import Qt

from acs_desktop.services.relays import RelayInput
from acs_desktop.ui.events import AppEvents
from acs_desktop.ui.invitations.attendance_dialog import AttendanceDialog
from acs_desktop.ui.invitations.booking_dialog import BookingDialog
from acs_desktop.ui.invitations.relay_feedback_dialog import RelayFeedbackDialog


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_booking_dialog_books_companions_among_the_places(qtbot, services, season, performance_id, relay_id):
    dialog = BookingDialog(services, season.id, performance_id=performance_id, relay_id=relay_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.places.setValue(3)
    dialog.companions.setValue(1)
    _ok(qtbot, dialog)
    invitations = services.booking_lists.invitations_of(dialog.result_value.booking_id)
    assert [i.companion for i in invitations] == [False, False, True]


def test_more_companions_than_places_is_said_beside_the_field(qtbot, services, season, performance_id, relay_id):
    dialog = BookingDialog(services, season.id, performance_id=performance_id, relay_id=relay_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.places.setValue(1)
    dialog.companions.setValue(2)
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "accompagnateurs sont comptés parmi les places" in dialog.error_text()
    assert services.booking_lists.list_bookings(season.id) == []


def test_the_relay_feedback_is_recorded_from_the_attendance_sheet(
    qtbot, services, make, clock, performance_id, messages
):
    kind = services.relays.get_or_create_relay_type("Centre social")
    relay = services.relays.create_relay(RelayInput("Centre social Bellevue", relay_type_id=kind, commune="Nantes"))
    result, _ids = make.issued_booking(performance_id, relay, 2)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(hours=2)
    sheet = AttendanceDialog(services, AppEvents(), performance_id)
    qtbot.addWidget(sheet)
    sheet.show()
    sheet.view.select_ids([services.attendance.sheet(performance_id)[0].invitation_id])
    opened = []

    def answer():
        dialog = next(w for w in sheet.findChildren(RelayFeedbackDialog))
        opened.append(dialog)
        dialog.text.setPlainText("Une sortie réussie, les familles ont aimé.")
        dialog.scale.set_value(4)
        _ok(qtbot, dialog)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    sheet.relay_feedback()
    assert opened
    saved = services.feedback.feedback_of(result.booking_id)
    assert (saved.text, saved.scale) == ("Une sortie réussie, les familles ont aimé.", 4)
    assert "enregistré" in sheet.feedback.text()


def test_the_feedback_dialog_shows_what_was_recorded_and_refuses_a_long_text(
    qtbot, services, make, clock, performance_id, relay_id
):
    result, _ = make.issued_booking(performance_id, relay_id, 1)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(hours=2)
    services.feedback.save_feedback(result.booking_id, "Déjà noté", 2)
    dialog = RelayFeedbackDialog(services, result.booking_id, "CCAS", "Spectacle 1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.text.toPlainText(), dialog.scale.value()) == ("Déjà noté", 2)
    dialog.text.setPlainText("x" * 501)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "500 caractères au plus" in dialog.error_text()
    assert services.feedback.feedback_of(result.booking_id).text == "Déjà noté"
