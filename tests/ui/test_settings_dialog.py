"""The association's settings dialog saves with the version it read: another desk's change made
meanwhile is not overwritten, and a new logo is saved along with the settings."""

from acs_desktop.ui.settings_dialog import SettingsDialog

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_settings_changed_at_another_desk_are_not_overwritten(qtbot, services, other_desk):
    services.settings.update(name="Les Sorties Solidaires")
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    other_desk.settings.update(name="Les Sorties Solidaires", phone="02 40 00 00 00")

    dialog.commune.setText("Nantes")
    dialog._logo, dialog._logo_changed = PNG, True
    dialog.accept()

    assert dialog.isVisible()
    assert dialog.error_text().startswith(
        "Les réglages de l'association ont été modifiés à un autre poste pendant que vous les éditiez"
    )
    stored = services.settings.get()
    assert (stored.phone, stored.commune, stored.logo) == ("02 40 00 00 00", "", None)


def test_the_settings_and_a_new_logo_are_saved(qtbot, services):
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.name.setText("Les Sorties Solidaires")
    dialog._logo, dialog._logo_changed = PNG, True
    dialog.accept()

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = services.settings.get()
    assert (stored.name, stored.logo) == ("Les Sorties Solidaires", PNG)


def test_the_small_count_threshold_is_set_in_the_dialog_and_can_be_off(qtbot, services):
    services.settings.update(name="Les Sorties Solidaires")
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.small_count_threshold.value() == 5
    assert dialog.small_count_threshold.text() == "moins de 5 personnes"
    dialog.small_count_threshold.setValue(0)
    assert dialog.small_count_threshold.text() == "aucune protection"
    dialog.accept()

    assert services.settings.get().small_count_threshold == 0
