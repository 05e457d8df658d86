"""The import dialog: it shows what will be created, or every line to correct, and writes only
on « Importer »; and the two actions of the Fichier menu."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.import_dialog import ImportDialog
from acs_desktop.ui.main_window import MainWindow
from tests.services.test_season_io import counts, write_folder


@pytest.fixture
def dialog(qtbot, services):
    make_application()
    widget = ImportDialog(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def wait_idle(qtbot, widget):
    qtbot.waitUntil(lambda: widget.task is None, timeout=30000)


def test_the_plan_is_shown_then_imported_on_confirmation(dialog, qtbot, tmp_path, store, monkeypatch):
    folder = write_folder(tmp_path / "saison")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.plan_view
    shown = {line.kind: line.new for line in dialog.plan_view.model.rows()}
    assert shown["Partenaires"] == 2 and shown["Places (invitations)"] == 9
    assert "Tout est vérifié" in dialog.summary.text() and dialog.import_button.isEnabled()
    assert counts(store) == (0, 0, 0)  # nothing written before confirmation
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert counts(store) == (1, 2, 9)
    assert "Import terminé" in dialog.summary.text() and not dialog.import_button.isEnabled()


def test_wrong_lines_are_listed_and_nothing_can_be_imported(dialog, qtbot, tmp_path, store):
    folder = write_folder(tmp_path / "saison", reservations=("maladie ou imprevu", "Malchance"), offres=("14/02/2026;20:30;6", "30/02/2026;20:30;6"))
    dialog.check(folder)
    wait_idle(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.problems_view
    rows = [(p.where, p.line) for p in dialog.problems_view.model.rows()]
    assert ("offres.csv", 2) in rows and ("reservations.csv", 4) in rows
    assert "Import impossible" in dialog.summary.text() and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "offres.csv, ligne 2 : " in QGuiApplication.clipboard().text()
    assert counts(store) == (0, 0, 0)


def test_a_workbook_can_be_chosen(dialog, qtbot, tmp_path, monkeypatch, demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")
    path = demo_services.season_io.export_xlsx(season.id, tmp_path / "saison.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.workbook_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.import_button.isEnabled() and "2025-2026" in dialog.summary.text()


@pytest.fixture
def window(qtbot, services, store, tmp_path):
    make_application()
    win = MainWindow(services, window_settings(tmp_path), store.path)
    qtbot.addWidget(win)
    win.show()
    return win


def file_action(window, text):
    return next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == text)


def test_the_file_menu_imports_and_the_season_appears(window, qtbot, tmp_path, monkeypatch):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    assert {"&Importer une saison…", "&Exporter la saison…"} <= set(texts) and texts[-1] == "&Quitter"
    folder = write_folder(tmp_path / "saison")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    file_action(window, "&Importer une saison…").trigger()
    dialog = window.findChild(ImportDialog)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.season_box.findText("2025-2026") >= 0
    window.tabs.setCurrentIndex(4)  # hidden tabs load when shown, the review in the background
    qtbot.waitUntil(lambda: not window.tab_pages[-1].loading, timeout=30000)
    assert window.tab_pages[-1].values["Places utilisées"].text() == "6"


def test_the_file_menu_exports_the_season(window, qtbot, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "saison")
    window.services.season_io.apply(window.services.season_io.plan(folder))
    window.reload_seasons()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: next(b for b in self.buttons() if b.text().startswith("Un dossier")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "export"))
    (tmp_path / "export").mkdir()
    file_action(window, "&Exporter la saison…").trigger()
    qtbot.waitUntil(lambda: (tmp_path / "export" / "saison-2025-2026" / "reservations.csv").exists(), timeout=30000)
    qtbot.waitUntil(lambda: "exportée" in window.statusBar().currentMessage(), timeout=30000)
