"""The season's workflows driven through the widgets (type, click, validate), checked in the store."""

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.states import InvitationStatus, WaitingStatus
from acs_desktop.ui.conventions.convention_dialog import ConventionDialog
from acs_desktop.ui.invitations.attendance_dialog import AttendanceDialog
from acs_desktop.ui.invitations.booking_dialog import WAITING, BookingDialog
from acs_desktop.ui.offers.performance_dialog import PerformanceDialog


def type_into(qtbot, widget, text):
    widget.clear()
    qtbot.keyClicks(widget, text)


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_create_a_convention_and_see_places_funded(qtbot, services, make, season):
    partner = make.partner("Le Grand T")
    dialog = ConventionDialog(services, season.id)
    qtbot.addWidget(dialog)
    dialog.partner.set_value(partner)
    dialog.places.setValue(80)
    type_into(qtbot, dialog.donations, "1 234,50")
    type_into(qtbot, dialog.place_value, "12")
    assert "102" in dialog.funded.text()  # live, before saving
    assert "274,50" in dialog.surplus.text()
    click_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    row = services.conventions.list_conventions(season.id)[0]
    assert (row.partner_id, row.places_funded, row.donations) == (partner, 102, Decimal("1234.50"))


def test_a_wrong_amount_is_said_next_to_its_field(qtbot, services, make, season):
    make.partner("Le Grand T")
    dialog = ConventionDialog(services, season.id)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.donations, "12,345")
    click_ok(qtbot, dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "deux chiffres après la virgule" in dialog.error_text()
    assert services.conventions.list_conventions(season.id) == []


def test_create_a_performance(qtbot, services, make, convention_id, season):
    show = make.show(convention_id, "La Cerisaie")
    venue = services.partners.save_venue(
        services.conventions.get_convention(convention_id).partner_id, "Grande salle", "4 quai de la Fosse"
    )
    dialog = PerformanceDialog(services, season.id, show_id=show)
    qtbot.addWidget(dialog)
    dialog.day.set_value(services.clock().date() + timedelta(days=20))
    dialog.quota.setValue(8)
    assert dialog.venue.value() == venue  # the partner's only hall is proposed
    click_ok(qtbot, dialog)
    row = services.offers.list_performances(season.id)[0]
    assert (row.show_title, row.quota, row.venue_name, row.remaining) == ("La Cerisaie", 8, "Grande salle", 8)
    assert row.booking_deadline == row.starts_at.replace(hour=18, minute=0) - timedelta(days=3)


def test_book_up_to_the_quota_then_the_next_booking_is_refused(qtbot, services, make, performance_id, relay_id, season):
    dialog = BookingDialog(services, season.id, performance_id=performance_id, relay_id=relay_id)
    qtbot.addWidget(dialog)
    dialog.places.setValue(10)
    assert "10</b> place(s) restante(s)" in dialog.availability.text()
    click_ok(qtbot, dialog)
    assert len(dialog.result_value.codes) == 10

    second = BookingDialog(services, season.id, performance_id=performance_id, relay_id=relay_id)
    qtbot.addWidget(second)
    second.places.setValue(1)
    assert second.wait_button.isEnabled()
    click_ok(qtbot, second)
    assert second.result() != second.DialogCode.Accepted
    assert "Il ne reste plus assez de places" in second.error_text()
    assert "il n'en reste aucune, 1 place demandée" in second.error_text()
    assert services.bookings.held_places(performance_id) == 10


def test_cancel_and_see_the_waiting_relay_offered_the_places(
    qtbot, window, services, make, performance_id, relay_id, messages, season
):
    other = make.relay("Foyer Oasis", commune="Nantes")
    first = make.book(performance_id, relay_id, 10)
    waiting = BookingDialog(services, season.id, performance_id=performance_id, relay_id=other)
    qtbot.addWidget(waiting)
    waiting.places.setValue(2)
    qtbot.mouseClick(waiting.wait_button, Qt.MouseButton.LeftButton)
    assert waiting.result_value == WAITING

    window.reload_seasons()  # the window was opened on the empty store, before the data
    window.tabs.setCurrentIndex(3)
    tab = window.tab_pages[3]
    tab.view.select_ids([first.booking_id])
    tab.cancel_action.trigger()
    assert any("Foyer Oasis" in said and "liste d'attente" in said for said in messages.said), messages.said
    entry = services.booking_lists.list_waiting(season.id)[0]
    assert (entry.status, entry.offered_places) == (WaitingStatus.OFFERED, 2)
    tab.waiting.view.select_ids([entry.id])
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert services.booking_lists.list_waiting(season.id) == []
    assert [b.relay_name for b in services.booking_lists.list_bookings(season.id) if b.active_places] == ["Foyer Oasis"]


def test_record_attendance_by_typing_codes_including_a_wrong_one(
    qtbot, services, make, clock, events_stub, performance_id, relay_id
):
    booking, _ids = make.issued_booking(performance_id, relay_id, 3)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(minutes=10)
    dialog = AttendanceDialog(services, events_stub, performance_id)
    qtbot.addWidget(dialog)
    first = ticket_codes.display(booking.codes[0])
    qtbot.keyClicks(dialog.code, first.lower())
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert "présent" in dialog.feedback.text() and dialog.code.text() == ""

    qtbot.keyClicks(dialog.code, "ABC-DEF-GHJ")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert "n'est pas un code de billet valable" in dialog.feedback.text()

    qtbot.keyClicks(dialog.code, first)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert "déjà enregistré" in dialog.feedback.text()
    statuses = [line.status for line in services.attendance.sheet(performance_id)]
    assert statuses.count(InvitationStatus.USED) == 1
    assert "présents : 1" in dialog.counts.text()


def test_mark_unused_with_a_reason(qtbot, services, make, clock, events_stub, performance_id, relay_id, monkeypatch):
    _booking, ids = make.issued_booking(performance_id, relay_id, 2)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(minutes=10)
    dialog = AttendanceDialog(services, events_stub, performance_id)
    qtbot.addWidget(dialog)
    reason = next(r for r in services.reasons.list_reasons() if r.label == "Transport ou distance")

    def answer(absence_dialog):
        absence_dialog.reason.set_value(reason.id)
        absence_dialog.comment.setPlainText("Tramway en panne")
        absence_dialog.accept()
        return absence_dialog.result()

    from acs_desktop.ui.invitations import absence_dialog

    monkeypatch.setattr(absence_dialog.AbsenceDialog, "exec", answer)
    dialog.view.select_ids([ids[1]])
    qtbot.mouseClick(dialog.absent_button, Qt.MouseButton.LeftButton)
    line = next(line for line in services.attendance.sheet(performance_id) if line.invitation_id == ids[1])
    assert (line.status, line.reason, line.comment) == (
        InvitationStatus.UNUSED,
        "Transport ou distance",
        "Tramway en panne",
    )


def test_unused_without_a_reason_stays_open(qtbot, services, make, clock, events_stub, performance_id, relay_id):
    from acs_desktop.ui.invitations.absence_dialog import AbsenceDialog

    _booking, ids = make.issued_booking(performance_id, relay_id, 1)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(minutes=10)
    dialog = AbsenceDialog(
        services, "Billets non utilisés", "1 billet", lambda r, c: services.attendance.mark_unused(ids, r, c)
    )
    qtbot.addWidget(dialog)
    click_ok(qtbot, dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "motif" in dialog.error_text()
