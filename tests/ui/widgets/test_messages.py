"""The real dialogs behind `messages()`: a question's safe answer is the default, a choice gives
the option pressed; and a stand-in put in place is what the widgets reach."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from acs_desktop.ui.app import make_application
from acs_desktop.ui.widgets import messages as dialogs
from acs_desktop.ui.widgets.messages import Messages


def answer_the_box(act) -> None:
    """Once the box is shown, `act(box)` (the box blocks in its own loop meanwhile)."""

    def look() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(10, look)
        else:
            act(box)

    QTimer.singleShot(0, look)


def test_a_question_answered_with_enter_is_no(qtbot):
    make_application()
    answer_the_box(lambda box: box.defaultButton().click())
    assert Messages().question(None, "Supprimer le relais", "Supprimer « CCAS » ?", yes="Supprimer") is False


def test_a_question_answered_yes(qtbot):
    make_application()
    answer_the_box(lambda box: next(b for b in box.buttons() if b.text() == "Supprimer").click())
    assert Messages().question(None, "Supprimer le relais", "Supprimer « CCAS » ?", yes="Supprimer") is True


def test_a_choice_gives_the_option_pressed_or_none(qtbot):
    make_application()
    options = ("Un classeur XLSX…", "Un dossier de fichiers CSV…")
    answer_the_box(lambda box: next(b for b in box.buttons() if b.text() == options[1]).click())
    assert Messages().choice(None, "Exporter la saison", "Exporter la saison 2026-2027 :", options) == 1
    answer_the_box(lambda box: next(b for b in box.buttons() if b.text() == "Annuler").click())
    assert Messages().choice(None, "Exporter la saison", "Exporter la saison 2026-2027 :", options) is None


def test_the_stand_in_is_what_the_widgets_reach(messages):
    assert dialogs.messages() is messages  # the fixture's stand-in, in place for the test
    previous = dialogs.use_messages(Messages())
    assert previous is messages and type(dialogs.messages()) is Messages
    dialogs.use_messages(previous)
