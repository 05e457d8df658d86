"""Start-up loads only what the window needs: the libraries of documents (ReportLab), of
spreadsheets (openpyxl) and of migrations (Alembic) wait until they are used."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # each test starts a fresh interpreter: what it imports is the point

LATER = ("reportlab", "openpyxl", "alembic")
CODE = """
import sys
from pathlib import Path
from acs_desktop.cli import build_parser
from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow
store = open_store(Path(sys.argv[1]))
app = make_application()
window = MainWindow(Services(store), window_settings(Path(sys.argv[1]).parent), store.path)
window.show()
for index in range(window.tabs.count()):
    window.tabs.setCurrentIndex(index)
    app.processEvents()
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_the_window_opens_without_the_libraries_of_documents_spreadsheets_and_migrations(demo_store):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(demo_store.path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "PySide6" in loaded and "sqlalchemy" in loaded
    assert not loaded & set(LATER)


FRAME = """
import sys
from pathlib import Path
from acs_desktop.cli import parse_args
args = parse_args(["--data-dir", sys.argv[1], "--self-test"])
from acs_desktop.ui.app import make_application, window_settings
from acs_desktop.ui.main_window import MainWindow
app = make_application()
window = MainWindow(None, window_settings(Path(sys.argv[1])), Path(sys.argv[1]) / "acs.sqlite")
window.show()
app.processEvents()
print("|".join(window.tabs.tabText(i) for i in range(window.tabs.count())))
print(window.statusBar().currentMessage())
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} | {name for name in sys.modules if name.startswith("acs_desktop.")})))
"""


def test_the_window_frame_shows_before_the_store_and_sqlalchemy_are_loaded(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", FRAME, str(tmp_path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    titles, status, modules = done.stdout.strip().splitlines()
    assert titles == "Conventions|Offres|Relais|Invitations|Bilan de saison"
    assert status == "Ouverture de la base…"
    loaded = set(modules.split())
    assert "PySide6" in loaded
    assert not loaded & {
        "sqlalchemy",
        *LATER,
        "acs_desktop.services",
        "acs_desktop.commands.documents",
        "acs_desktop.db.store",
    }
    assert not (tmp_path / "acs.sqlite").exists()  # nothing opened yet
