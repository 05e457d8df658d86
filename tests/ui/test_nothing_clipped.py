"""Nothing is cut or drawn over something else: the welcome page, the errors under the fields
(with long names in them), the hints; and an error goes once its field is edited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from acs_desktop.ui.conventions.partner_dialog import PartnerDialog
from acs_desktop.ui.invitations.booking_dialog import BookingDialog
from tests.conftest import TODAY
from tests.ui.long_names import lengthen_names


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def assert_whole(label) -> None:
    """The label has the width and the height its text needs: no word, no line cut off."""
    assert label.width() >= label.minimumSizeHint().width(), label.text()
    assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert label.height() >= label.fontMetrics().lineSpacing(), label.text()


def label_saying(parent: QWidget, words: str) -> QLabel:
    return next(label for label in parent.findChildren(QLabel) if words in label.text())


def assert_apart(parent: QWidget, *widgets: QWidget) -> None:
    rects = [rect_in(w, parent) for w in widgets]
    for i, first in enumerate(rects):
        for second in rects[i + 1 :]:
            assert not first.intersects(second), (first, second)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 680), (760, 520)])
def test_the_welcome_page_shows_its_title_intro_and_fields_whole(qtbot, window, size):
    window.resize(*size)
    QApplication.processEvents()
    page = window.welcome
    assert window.pages.currentWidget() is page
    title, intro = (label_saying(page, words) for words in ("Bienvenue", "La base est vide"))
    assert_apart(page, title, intro, page.name, page.season)
    assert_whole(title)
    assert_whole(intro)
    for field in (page.name, page.season):
        assert field.height() >= field.minimumSizeHint().height()


@pytest.fixture
def long_services(demo_store, demo_services):
    lengthen_names(demo_store)
    return demo_services


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def error_of(dialog, key):
    return dialog._fields[key][1]


def test_a_long_refusal_under_a_field_is_whole_and_apart_from_it(qtbot, long_services):
    taken = long_services.partners.list_partners()[0].name
    dialog = shown(qtbot, PartnerDialog(long_services))
    dialog.name.setText(taken)
    dialog.accept()
    QApplication.processEvents()
    error = error_of(dialog, "name")
    assert error.isVisible() and taken in error.text()
    assert error.height() >= 2 * error.fontMetrics().lineSpacing()  # the long name wraps, on two lines at least
    assert_whole(error)
    assert_apart(dialog, dialog.name, error, dialog.address)


def test_an_error_goes_once_its_field_is_edited(qtbot, long_services):
    taken = long_services.partners.list_partners()[0].name
    dialog = shown(qtbot, PartnerDialog(long_services))
    dialog.name.setText(taken)
    dialog.accept()
    assert "existe" in dialog.error_text() or "déjà" in dialog.error_text()
    qtbot.keyClicks(dialog.name, " bis")
    assert dialog.error_text() == ""
    assert not error_of(dialog, "name").isVisible()


def test_the_first_names_hint_and_error_are_under_their_field(qtbot, long_services):
    season = long_services.seasons.default_season().id
    coming = next(p for p in long_services.offers.list_performances(season) if p.starts_at > TODAY and p.remaining)
    dialog = shown(qtbot, BookingDialog(long_services, season, performance_id=coming.id))
    dialog.names_on_tickets.setChecked(True)
    dialog.first_names.setText("Anna, Bruno, Chloé, Driss")
    dialog.accept()
    QApplication.processEvents()
    field = dialog.first_names
    hint = label_saying(field.parentWidget(), "Facultatif")
    error = error_of(dialog, "first_names")
    assert error.isVisible() and "prénoms" in error.text()
    assert_whole(hint)
    assert_whole(error)
    assert_apart(dialog, field, hint, error, dialog.note)
    qtbot.keyClick(field, "\b")  # Backspace: edited
    assert not error.isVisible()


def test_a_hint_wraps_instead_of_widening_its_dialog(qtbot, long_services):
    from acs_desktop.ui.settings_dialog import SettingsDialog

    dialog = shown(qtbot, SettingsDialog(long_services))
    dialog.resize(460, dialog.height())
    QApplication.processEvents()
    assert dialog.width() == 460
    hint = label_saying(dialog, "Un nom neutre")
    assert rect_in(hint, dialog).right() < dialog.width()
    assert_whole(hint)
