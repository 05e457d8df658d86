"""À propos: the version, where the data lives, and the bundled licences."""

from PySide6.QtWidgets import QLabel

from acs_desktop import __version__
from acs_desktop.resources import resource_path
from acs_desktop.ui.about_dialog import AboutDialog, app_icon


def test_about_says_version_data_folder_and_licences(qtbot, tmp_path):
    dialog = AboutDialog(str(tmp_path / "acs.sqlite"), tmp_path)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(__version__ in text and str(tmp_path / "acs.sqlite") in text for text in labels), labels
    assert any(str(tmp_path / "sauvegardes") in text for text in labels), labels
    licences = dialog.licences.toPlainText()
    for component in ("Qt 6 et PySide6", "LGPL", "DejaVu", "ReportLab", "SQLAlchemy"):
        assert component in licences


def test_the_application_icon_and_the_font_licence_are_shipped(qtbot):
    assert not app_icon().isNull()
    assert resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8").startswith("DejaVu fonts")
