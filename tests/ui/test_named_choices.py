"""Small choices in the dialogs: a discipline or kind of relay that exists already is chosen, not
refused; a performance dated in the past is created only when ticked « Représentation passée »."""

from datetime import timedelta

from acs_desktop.ui.app import make_application
from acs_desktop.ui.offers.show_dialog import ShowDialog
from acs_desktop.ui.relays.relay_dialog import RelayDialog


def test_typing_an_existing_discipline_selects_it(qtbot, services, season, convention_id, messages):
    make_application()
    dialog = ShowDialog(services, season.id)
    qtbot.addWidget(dialog)
    before = services.offers.list_disciplines()
    messages.typed = "theatre"
    dialog._new_discipline()
    theatre = next(d.id for d in before if d.name == "Théâtre")
    assert dialog.discipline.value() == theatre and services.offers.list_disciplines() == before and messages.said == []


def test_typing_an_existing_kind_of_relay_selects_it(qtbot, services, messages):
    make_application()
    dialog = RelayDialog(services)
    qtbot.addWidget(dialog)
    before = services.relays.list_relay_types()
    messages.typed = "ccas"
    dialog._new_kind()
    assert (
        dialog.kind.value() == next(k.id for k in before if k.name == "CCAS")
        and services.relays.list_relay_types() == before
    )
    assert messages.said == []


def test_the_performance_dialog_refuses_a_past_date_unless_ticked_as_past(
    qtbot, services, season, convention_id, make, messages
):
    from acs_desktop.ui.offers.performance_dialog import PerformanceDialog

    make_application()
    show = make.show(convention_id)
    dialog = PerformanceDialog(services, season.id, show_id=show)
    qtbot.addWidget(dialog)
    dialog.day.set_value(services.clock().date() - timedelta(days=2))
    dialog.accept()
    error = dialog._fields["starts_at"][1]
    assert not error.isHidden() and "déjà passé" in error.text() and services.offers.list_performances(season.id) == []
    dialog.past.setChecked(True)
    dialog.accept()
    assert [p.show_id for p in services.offers.list_performances(season.id)] == [show]
