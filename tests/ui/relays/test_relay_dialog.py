"""The relay dialog, when another desk saved the relay while it was open: it says so, stays open
with what was typed, and writes nothing over the other desk's change."""

from acs_desktop.services.relays import RelayInput
from acs_desktop.ui.relays.relay_dialog import RelayDialog


def test_saving_over_another_desks_change_is_refused_and_says_so(qtbot, services, other_desk, relay_id):
    dialog = RelayDialog(services, relay_id)
    qtbot.addWidget(dialog)
    dialog.show()
    other_desk.relays.update_relay(relay_id, RelayInput("CCAS", commune="Rezé", phone="02 40 00 00 00"))

    dialog.notes.setPlainText("Appeler avant chaque envoi de billets")
    dialog.accept()

    assert dialog.isVisible()  # not closed: the director reads why and keeps what was typed
    assert dialog.error_text() == (
        "Ce relais a été modifié à un autre poste pendant que vous l'éditiez : vos changements n'ont pas été "
        "enregistrés. Fermez la fiche et rouvrez-la pour voir la version actuelle."
    )
    assert dialog.notes.toPlainText() == "Appeler avant chaque envoi de billets"
    stored = services.relays.get_relay(relay_id).data
    assert (stored.phone, stored.notes) == ("02 40 00 00 00", "")

    reopened = RelayDialog(services, relay_id)  # closed and reopened: the other desk's change, and saving works
    qtbot.addWidget(reopened)
    assert reopened.phone.text() == "02 40 00 00 00"
    reopened.notes.setPlainText("Appeler avant chaque envoi de billets")
    reopened.accept()
    assert reopened.result() == RelayDialog.DialogCode.Accepted
    stored = services.relays.get_relay(relay_id).data
    assert (stored.phone, stored.notes) == ("02 40 00 00 00", "Appeler avant chaque envoi de billets")
