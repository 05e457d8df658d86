"""People at the desk, in the window: the login, the lock (idle or asked), the accounts page, and
what a volunteer does not see."""

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from acs_desktop.domain.accounts import Role
from acs_desktop.ui.accounts_dialog import AccountDialog, AccountsDialog
from acs_desktop.ui.activity_dialog import ActivityDialog
from acs_desktop.ui.app import log_in
from acs_desktop.ui.login_dialog import LoginDialog
from tests.ui.conftest import laptop_window

MARIE, PAUL = "direction-marie", "benevole-paul"


@pytest.fixture
def staffed(services):
    services.accounts.create_account("Marie", Role.DIRECTION, MARIE)  # Marie is at the desk
    services.accounts.create_account("Paul", Role.VOLUNTEER, PAUL)
    return services


def visible_actions(window) -> set[str]:
    return {a.text() for a in window.menus[0].actions() if a.isVisible() and a.text()}


def type_in(dialog, name: str, password: str) -> None:
    dialog.name.setText(name)
    dialog.password.setText(password)
    dialog.accept()


def test_the_login_says_a_wrong_password_then_lets_the_person_in(qtbot, staffed, messages):
    staffed.accounts.log_out()
    dialog = LoginDialog(staffed)
    qtbot.addWidget(dialog)
    type_in(dialog, "Marie", "pas le bon")
    assert dialog.error_text() == "Nom ou mot de passe incorrect." and not dialog.result()
    assert dialog.password.text() == ""  # never left in the field
    type_in(dialog, "Marie", MARIE)
    assert dialog.result() and staffed.accounts.who().name == "Marie"


def test_the_window_locks_when_idle_covers_everything_and_reopens_with_the_password(
    qtbot, staffed, store, tmp_path, messages
):
    staffed.settings.update(name="Les Sorties Solidaires", lock_minutes=10)
    window = laptop_window(qtbot, staffed, store, tmp_path)
    lock = window.idle_lock
    assert lock._timer.isActive() and lock._timer.interval() == 10 * 60_000
    lock._timer.start(5)  # a key pressed anywhere would start the ten minutes again
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier))
    assert lock._timer.remainingTime() > 9 * 60_000
    lock._timer.start(5)
    qtbot.waitUntil(lambda: lock.locked)
    curtain = window.findChild(QWidget, "lockCurtain")
    assert curtain.isVisible() and curtain.geometry() == window.rect()
    assert staffed.accounts.who() is None  # nobody at the desk while locked: the services refuse
    assert lock.dialog.name.text() == "Marie" and "10 minute(s)" in lock.dialog.intro.text()
    type_in(lock.dialog, "Marie", "pas le bon")
    assert lock.locked
    type_in(lock.dialog, "Marie", MARIE)
    assert not lock.locked and staffed.accounts.who().name == "Marie"
    qtbot.waitUntil(lambda: window.findChild(QWidget, "lockCurtain") is None)
    assert lock._timer.isActive()


def test_another_person_takes_the_desk_at_the_lock_and_sees_only_what_their_role_allows(
    qtbot, staffed, store, tmp_path, messages
):
    window = laptop_window(qtbot, staffed, store, tmp_path)
    assert {"L'&association…", "&Restaurer une sauvegarde…", "&Exporter la saison…"} <= visible_actions(window)
    window.lock_action.trigger()
    type_in(window.idle_lock.dialog, "Paul", PAUL)
    shown = visible_actions(window)
    for hidden in (
        "L'&association…",
        "C&omptes et rôles…",
        "&Motifs de non-utilisation…",
        "&Clôturer la saison…",
        "Sauve&garder vers…",
        "&Restaurer une sauvegarde…",
        "&Exporter la saison…",
    ):
        assert hidden not in shown
    assert "&Journal d'activité…" in shown and window.person_label.text() == "Paul (bénévole)"
    relays = window.tab_pages[2]
    window.show_tab(2)  # a tab reloads when shown
    qtbot.waitUntil(lambda: all(button.isHidden() for button, _permission in relays.person_buttons))


def test_a_store_without_accounts_never_locks(qtbot, window):
    assert not window.lock_action.isVisible() and not window.idle_lock._timer.isActive()
    window.idle_lock.lock()
    assert not window.idle_lock.locked


def test_the_first_account_is_made_from_the_accounts_page_as_a_direction_account(qtbot, services, messages):
    page = AccountsDialog(services)
    qtbot.addWidget(page)
    assert "Aucun compte" in page.about.text()
    form = AccountDialog(services, page, first=True)
    qtbot.addWidget(form)
    assert not form.role.isEnabled() and form.role.currentData() == Role.DIRECTION
    form.name.setText("Marie")
    form.password.setText(MARIE)
    form.confirm.setText("autre chose")
    form.accept()
    assert "pas les mêmes" in form.error_text()
    form.confirm.setText(MARIE)
    form.accept()
    assert form.result()
    page.reload()
    assert [r.name for r in page.panel.view.model._all] == ["Marie"]
    assert services.accounts.who().name == "Marie"


def test_the_activity_log_shows_who(qtbot, staffed, messages):
    dialog = ActivityDialog(staffed)
    qtbot.addWidget(dialog)
    model = dialog.view.model
    who = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Qui")
    assert model.index(0, who).data() == "Marie"


def test_the_start_asks_who_is_there_only_in_a_store_with_accounts(qtbot, services, messages):
    assert log_in(services, None)  # no account: no question
    services.accounts.create_account("Marie", Role.DIRECTION, MARIE)
    services.accounts.log_out()
    answered = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        answered.append(dialog.objectName())
        type_in(dialog, "Marie", MARIE)

    QTimer.singleShot(100, answer)
    assert log_in(services, None)
    assert answered == ["loginDialog"] and services.accounts.who().name == "Marie"
