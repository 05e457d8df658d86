"""Renaming a reason that another desk renamed meanwhile: refused in French, and the list then
shows the name stored."""

from acs_desktop.ui.reasons_dialog import ReasonsDialog


def test_a_reason_renamed_at_another_desk_is_not_renamed_over(qtbot, services, other_desk, messages):
    reason = services.reasons.save_reason("Grève")
    dialog = ReasonsDialog(services)
    qtbot.addWidget(dialog)
    row = next(r for r in dialog.panel.view.model.rows() if r.id == reason)
    other_desk.reasons.save_reason("Grève des transports", reason)

    messages.typed = "Grève des bus"
    dialog._rename(row)

    assert messages.boxes["warning"] == [
        (
            "Impossible",
            "Ce motif de non-venue a été modifié à un autre poste pendant que vous l'éditiez : vos changements "
            "n'ont pas été enregistrés. Fermez la fiche et rouvrez-la pour voir la version actuelle.",
        )
    ]
    assert [r.label for r in dialog.panel.view.model.rows() if r.id == reason] == ["Grève des transports"]
