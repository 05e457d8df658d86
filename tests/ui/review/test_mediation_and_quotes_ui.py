"""« Actions de médiation… » and « Retours des relais… », opened from the review tab's dialogs."""

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer

from acs_desktop.domain.mediation import MediationKind
from acs_desktop.services.mediation import MediationInput
from acs_desktop.ui.review.feedback_quotes_dialog import FeedbackQuotesDialog
from acs_desktop.ui.review.mediation_dialogs import MediationActionDialog, MediationActionsDialog


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_an_action_is_recorded_from_its_dialog(qtbot, services, season, partner_id, relay_id):
    dialog = MediationActionDialog(services, season.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.on.set_value(date(2026, 9, 18))
    dialog.kind.set_value(list(MediationKind).index(MediationKind.VISIT))
    dialog.people.setValue(14)
    dialog.partners.tick(partner_id)
    dialog.relays.tick(relay_id)
    dialog.note.setText("Visite des coulisses")
    _ok(qtbot, dialog)
    [action] = services.mediation.list_actions(season.id)
    assert (action.on, action.kind, action.people, action.partner_ids, action.relay_ids, action.note) == (
        date(2026, 9, 18),
        MediationKind.VISIT,
        14,
        (partner_id,),
        (relay_id,),
        "Visite des coulisses",
    )


def test_the_list_edits_with_the_version_read_and_deletes(qtbot, services, season, messages):
    action = services.mediation.create_action(season.id, MediationInput(date(2026, 10, 1), MediationKind.CLOSING, 60))
    dialog = MediationActionsDialog(services, season.id, "2026-2027")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.view.visible_count() == 1
    dialog.view.select_ids([action.id])

    def change():
        editor = dialog.findChildren(MediationActionDialog)[0]
        assert editor.people.value() == 60
        editor.people.setValue(75)
        _ok(qtbot, editor)

    QTimer.singleShot(0, change)
    dialog.edit()
    assert services.mediation.get_action(action.id).people == 75 and dialog.changed
    dialog.view.select_ids([action.id])
    dialog.delete()
    assert services.mediation.list_actions(season.id) == []


def test_the_direction_chooses_the_quotes(qtbot, services, make, clock, performance_id, relay_id, season):
    result, _ = make.issued_booking(performance_id, relay_id, 1)
    clock.now = services.offers.get_performance(performance_id).starts_at + timedelta(hours=2)
    saved = services.feedback.save_feedback(result.booking_id, "Merci pour cette soirée.", 3)
    dialog = FeedbackQuotesDialog(services, season.id, "2026-2027")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.view.select_ids([saved.id])
    qtbot.mouseClick(dialog.quote_button, Qt.MouseButton.LeftButton)
    assert services.feedback.feedback_of(result.booking_id).quoted
    assert [q.text for q in services.review.review(season.id).quotes] == ["Merci pour cette soirée."]
