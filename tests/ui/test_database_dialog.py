"""« Base de données de ce poste » : a server checked in the background before it is kept; a wrong
address said under the field, nothing kept; back to the laptop's file."""

from acs_desktop.db.location import DATABASE_FILE, saved_database
from acs_desktop.services.store_choice import StoreChoiceService
from acs_desktop.ui.database_dialog import DatabaseDialog


def _dialog(qtbot, tmp_path):
    dialog = DatabaseDialog(StoreChoiceService(tmp_path), None)
    qtbot.addWidget(dialog)
    return dialog


def test_a_wrong_address_is_said_and_nothing_is_kept(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    assert dialog.local.isChecked() and not dialog.address.isEnabled()
    dialog.server.setChecked(True)
    dialog.address.setText("mysql://acs@serveur/acs")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.operation.running)
    assert "n'est pas l'adresse d'une base PostgreSQL" in dialog.error_text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not (tmp_path / DATABASE_FILE).exists()


def test_a_server_that_does_not_answer_is_said_and_nothing_is_kept(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    dialog.server.setChecked(True)
    dialog.address.setText(f"postgresql://acs@/acs?host={tmp_path}&port=1")
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.operation.running, timeout=20_000)
    assert "ne répond pas" in dialog.error_text()
    assert saved_database(tmp_path) is None


def test_an_empty_database_is_said_then_kept_for_the_next_start(qtbot, tmp_path, empty_database):
    dialog = _dialog(qtbot, tmp_path)
    dialog.server.setChecked(True)
    dialog.address.setText(empty_database)
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.operation.running, timeout=20_000)
    assert "Base vide" in dialog.verdict.text()
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.accept()
    assert saved_database(tmp_path) == empty_database
    again = _dialog(qtbot, tmp_path)
    assert again.server.isChecked() and again.address.text() == empty_database
    again.local.setChecked(True)
    with qtbot.waitSignal(again.accepted, timeout=20_000):
        again.accept()
    assert saved_database(tmp_path) is None


def test_the_password_is_typed_apart_and_never_shown(qtbot, tmp_path):
    from acs_desktop.db.location import save_database
    from acs_desktop.services.store_choice import split_password, with_password

    assert split_password("postgresql://acs:p%40ss@serveur/acs?sslmode=require") == (
        "postgresql://acs@serveur/acs?sslmode=require",
        "p@ss",
    )
    assert with_password("postgresql://acs@serveur/acs", "p@ss") == "postgresql://acs:p%40ss@serveur/acs"
    save_database(tmp_path, "postgresql://acs:s3cret@serveur/acs")
    dialog = _dialog(qtbot, tmp_path)
    assert dialog.address.text() == "postgresql://acs@serveur/acs"
    assert dialog.password.text() == "s3cret"
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.chosen_address() == "postgresql://acs:s3cret@serveur/acs"


def test_a_password_pasted_in_the_address_moves_to_its_masked_field(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    dialog.server.setChecked(True)
    dialog.address.setText("postgresql://acs:s3cret@serveur/acs")
    dialog.address.editingFinished.emit()
    assert dialog.address.text() == "postgresql://acs@serveur/acs" and dialog.password.text() == "s3cret"


def test_the_welcome_page_offers_a_server_before_anything_is_typed(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt

    from acs_desktop.ui import database_dialog

    opened = []
    monkeypatch.setattr(database_dialog.DatabaseDialog, "exec", lambda self: opened.append(self) or 0)
    assert window.welcome.server_button.isVisibleTo(window.welcome)
    qtbot.mouseClick(window.welcome.server_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].local.isChecked()  # the laptop's file until a server is chosen
