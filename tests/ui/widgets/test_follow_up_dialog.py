"""The follow-up dialog: a next step with its « À faire pour le » date and its « fait » mark,
shown for a line and saved through the owner's verb (a refusal beside its field)."""

from datetime import date

from acs_desktop.domain.states import FollowUpKind
from acs_desktop.services.follow_ups import NextStep
from acs_desktop.ui.widgets.follow_up_dialog import FollowUpDialog, FollowUpsTableModel


def relay_saver(services, relay_id):
    return lambda on, kind, text, entry_id, step, version: services.relays.save_follow_up(
        relay_id, on, kind, text, entry_id, step, version=version
    )


def test_the_next_step_its_date_and_its_mark_are_saved(qtbot, services, relay_id):
    dialog = FollowUpDialog(services, relay_saver(services, relay_id))
    qtbot.addWidget(dialog)
    assert dialog.due_on.value() is None  # no next step unless one is given
    dialog.text.setPlainText("Appel de la référente")
    dialog.next_step.setText("rappeler pour les dates de mars")
    dialog.due_on.set_value(date(2026, 12, 2))
    dialog.accept()
    [line] = services.relays.list_follow_ups(relay_id)
    assert (line.next_step, line.due_on, line.done) == ("rappeler pour les dates de mars", date(2026, 12, 2), False)

    again = FollowUpDialog(services, relay_saver(services, relay_id), line)
    qtbot.addWidget(again)
    assert (again.next_step.text(), again.due_on.value(), again.done_mark.isChecked()) == (
        "rappeler pour les dates de mars",
        date(2026, 12, 2),
        False,
    )
    again.done_mark.setChecked(True)
    again.accept()
    assert services.relays.list_follow_ups(relay_id)[0].done


def test_a_next_step_without_its_date_is_refused_beside_the_date(qtbot, services, relay_id):
    dialog = FollowUpDialog(services, relay_saver(services, relay_id))
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Appel")
    dialog.next_step.setText("rappeler")
    dialog.accept()
    assert services.relays.list_follow_ups(relay_id) == []
    assert dialog.result() == 0
    assert dialog.error_text() == "Indiquez pour quand est la prochaine étape."
    assert not dialog._fields["due_on"][1].isHidden()  # beside the date


def test_the_log_shows_the_next_step_and_when(services, relay_id):
    services.relays.save_follow_up(
        relay_id, date(2026, 11, 3), FollowUpKind.EXCHANGE, "Appel", next_step=NextStep("relancer", date(2026, 12, 2))
    )
    model = FollowUpsTableModel()
    model.set_rows(services.relays.list_follow_ups(relay_id))
    assert model.index(0, 3).data() == "relancer — prévu le 02/12/2026"
