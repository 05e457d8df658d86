"""The import dialog: it shows what will be created, or every line to correct (and the lines
waiting for them), and writes only on « Importer »; it shows its progress and « Annuler » stops it,
writing nothing; and the two actions of the Fichier menu."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

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


def test_the_plan_is_shown_then_imported_on_confirmation(dialog, qtbot, tmp_path, store, messages):
    folder = write_folder(tmp_path / "saison")
    messages.path = str(folder)
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
    folder = write_folder(
        tmp_path / "saison",
        reservations=("maladie ou imprevu", "Malchance"),
        offres=("14/02/2026;20:30;6", "30/02/2026;20:30;6"),
    )
    dialog.check(folder)
    wait_idle(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.problems_view
    rows = [(p.where, p.line) for p in dialog.problems_view.model.rows()]
    assert ("offres.csv", 2) in rows and ("reservations.csv", 4) in rows
    assert "Import impossible" in dialog.summary.text() and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "offres.csv, ligne 2 : " in QGuiApplication.clipboard().text()
    assert counts(store) == (0, 0, 0)


def test_a_workbook_can_be_chosen(dialog, qtbot, tmp_path, messages, demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")
    path = demo_services.season_io.export_xlsx(season.id, tmp_path / "saison.xlsx")
    messages.path = str(path)
    qtbot.mouseClick(dialog.workbook_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.import_button.isEnabled() and "2025-2026" in dialog.summary.text()


def test_lines_waiting_for_a_refused_one_are_listed_with_the_line_they_wait_for(dialog, qtbot, tmp_path):
    dialog.check(write_folder(tmp_path / "saison", offres=("14/02/2026;20:30;6", "14/02/2026;20:30;six")))
    wait_idle(qtbot, dialog)
    model = dialog.problems_view.model
    waiting_column = next(i for i, c in enumerate(model.COLUMNS) if c.title == "En attente de")
    rows = {
        (model.index(r, 0).data(), model.index(r, 1).data()): model.index(r, waiting_column).data()
        for r in range(model.rowCount())
    }
    assert rows == {
        ("offres.csv", "2"): "",
        ("reservations.csv", "2"): "offres.csv, ligne 2",
        ("reservations.csv", "3"): "offres.csv, ligne 2",
    }
    assert "1 problème(s) à corriger et 2 ligne(s) en attente de ces corrections" in dialog.summary.text()


class Gate:
    """Holds the background work at its `at`-th progress report until the test lets it go."""

    def __init__(self, at: int):
        self.at, self.calls = at, 0
        self.reached, self.release = threading.Event(), threading.Event()

    def wrap(self, progress):
        def held(percent, total, text):
            answer = progress(percent, total, text)  # the operation's progress: emits it, raises once cancelled
            self.calls += 1
            if self.calls == self.at:
                self.reached.set()
                self.release.wait(10)
                return progress(percent, total, text)
            return answer

        return held


def test_the_check_shows_its_progress_and_can_be_cancelled(dialog, qtbot, tmp_path, monkeypatch):
    from acs_desktop.services.season_io import reading

    monkeypatch.setattr(reading.Reader, "STEP", 1)
    gate, real = Gate(at=8), dialog.services.season_io.plan
    monkeypatch.setattr(dialog.services.season_io, "plan", lambda path, progress=None: real(path, gate.wrap(progress)))
    dialog.check(write_folder(tmp_path / "saison"))
    assert gate.reached.wait(10)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0)
    assert dialog.progress.isVisible() and dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    assert dialog.summary.text().startswith("Vérification : ligne 7 sur 16")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.release.set()
    wait_idle(qtbot, dialog)
    assert (
        "Vérification annulée" in dialog.summary.text() and dialog.plan is None and not dialog.import_button.isEnabled()
    )
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible() and dialog.close_button.isEnabled()


def test_an_import_cancelled_half_way_writes_nothing(dialog, qtbot, tmp_path, store, monkeypatch):
    from acs_desktop.services.season_io import reading
    from acs_desktop.services.season_io.records import Reservations

    folder = write_folder(tmp_path / "saison")
    dialog.check(folder)
    wait_idle(qtbot, dialog)
    monkeypatch.setattr(reading.Reader, "STEP", 1)
    monkeypatch.setattr(Reservations, "BATCH", 1)  # bookings written as they are read, before the cancel
    gate, real = Gate(at=16), dialog.services.season_io.apply  # the last line: two bookings of three written
    monkeypatch.setattr(dialog.services.season_io, "apply", lambda plan, progress=None: real(plan, gate.wrap(progress)))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert gate.reached.wait(10)
    dialog.reject()  # Échap while importing: it cancels, and the dialog stays open to say so
    assert dialog.isVisible() and dialog.summary.text() == "Annulation…"
    gate.release.set()
    wait_idle(qtbot, dialog)
    assert dialog.summary.text() == "<b>Import annulé : rien n'a été écrit.</b>"
    assert counts(store) == (0, 0, 0)
    assert dialog.import_button.isEnabled()  # the check still stands: importing again works
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert counts(store) == (1, 2, 9)


@pytest.fixture
def window(qtbot, services, store, tmp_path):
    make_application()
    win = MainWindow(services, window_settings(tmp_path), store.path)
    qtbot.addWidget(win)
    win.show()
    return win


def file_action(window, text):
    return next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == text)


def test_the_file_menu_imports_and_the_season_appears(window, qtbot, tmp_path, messages):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    assert {"&Importer une saison…", "&Exporter la saison…"} <= set(texts) and texts[-1] == "&Quitter"
    folder = write_folder(tmp_path / "saison")
    messages.path = str(folder)
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


def test_the_file_menu_exports_the_season(window, qtbot, tmp_path, messages):
    folder = write_folder(tmp_path / "saison")
    window.services.season_io.apply(window.services.season_io.plan(folder))
    window.reload_seasons()
    messages.chosen = "Un dossier de fichiers CSV…"
    messages.path = str(tmp_path / "export")
    (tmp_path / "export").mkdir()
    file_action(window, "&Exporter la saison…").trigger()
    qtbot.waitUntil(lambda: (tmp_path / "export" / "saison-2025-2026" / "reservations.csv").exists(), timeout=30000)
    qtbot.waitUntil(lambda: "exportée" in window.statusBar().currentMessage(), timeout=30000)
