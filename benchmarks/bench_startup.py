"""Start-up and memory, measured on the command an office actually runs: `acs-desktop --self-test`
against a bare PySide6 window with five empty table tabs, in the same run. The moments of each
process, seen from outside by the lines it prints: the window shown (the self-test writes it as
soon as the main window is exposed, the bare window likewise), the first page drawn with its
records (« À faire », the page the window opens on), the last of the five tabs drawn with its
records (the review computed), and its exit. A third process only imports what a start imports
before its first query: the floor of this path.

Runs alternate (bare, imports, demo, large) so that a busy moment of the machine weighs on all.
The day's automatic backup is taken by a first, untimed start on each store: the timed starts
are the day's later ones. Python's bytecode is compiled first, as it is in the installed
application. Peak memory: the maximum resident size of one `--self-test` on the large store.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import acs_desktop
from benchmarks.common import Result
from benchmarks.large_store import shared_large_store

RUNS = 7
BARE = '''\
"""A bare PySide6 window: five empty table tabs, shown, each tab drawn, then quit."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget

app = QApplication(sys.argv)
window = QMainWindow()
tabs = QTabWidget()
for title in ("Conventions", "Offres", "Relais", "Invitations", "Bilan de saison"):
    tabs.addTab(QTableView(), title)
window.setCentralWidget(tabs)
window.resize(1280, 780)
window.show()
while not (window.windowHandle() is not None and window.windowHandle().isExposed()):
    app.processEvents()
print("shown", flush=True)


def visit() -> None:
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        app.processEvents()
    app.quit()


QTimer.singleShot(0, visit)
app.exec()
'''
PEAK = """\
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
if done.returncode:
    sys.exit(done.stderr.decode(errors="replace") or "failed")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(Path(acs_desktop.__file__).parent, quiet=1)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bare = workdir / "bare_window.py"
    bare.write_text(BARE, encoding="utf-8")
    demo_dir = workdir / "demo"
    _check(subprocess.run(_app(demo_dir, "--demo", "--self-test"), env=env, capture_output=True, text=True))
    large = shared_large_store(workdir.parent)
    large_dir = large.path.parent
    _check(subprocess.run(_app(large_dir, "--self-test"), env=env, capture_output=True, text=True))  # the day's backup

    imports = workdir / "imports_alone.py"
    imports.write_text(IMPORTS, encoding="utf-8")
    commands = {
        "bare": [sys.executable, str(bare)],
        "imports": [sys.executable, str(imports)],
        "sqlalchemy": [sys.executable, "-c", "import sqlalchemy.orm; print('imported', flush=True)"],
        "demo": _app(demo_dir, "--self-test"),
        "large": _app(large_dir, "--self-test"),
    }
    lines: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            lines[name].append(_timed(command, env))
    at = {name: {key: statistics.median(run[key] for run in runs) for key in runs[0]} for name, runs in lines.items()}
    bare_shown, bare_done = at["bare"]["shown"], at["bare"]["exit"]

    peak = subprocess.run([sys.executable, "-c", PEAK, *commands["large"]], env=env, capture_output=True, text=True)
    _check(peak)
    peak_mb = int(peak.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux

    def spread(name: str) -> str:
        moments = at[name]
        return ", ".join(f"{key} {moments[key]:.2f} s" for key in moments)

    medians = f"medians of {RUNS} starts, alternated; bare window: shown {bare_shown:.2f} s, its five tabs drawn {bare_done:.2f} s"
    floor = at["imports"]["shown"]  # its one line, once imported
    results = [
        Result(
            "Démarrage jusqu'à la fenêtre affichée (--self-test) ÷ fenêtre PySide6 nue, base de démonstration",
            at["demo"]["shown"] / bare_shown,
            1.5,
            unit="×",
            note=f"{medians}. The window shows before the store is opened and before SQLAlchemy is imported, with "
            "its menus, its five tab titles and « Ouverture de la base… »; its records follow (next rows).",
        ),
        Result(
            "Démarrage jusqu'à la fenêtre affichée (--self-test) ÷ fenêtre PySide6 nue, 300 000 invitations",
            at["large"]["shown"] / bare_shown,
            2.0,
            unit="×",
        ),
    ]
    for name, label in (("demo", "base de démonstration"), ("large", "300 000 invitations")):
        results += [
            Result(
                f"Première page dessinée avec ses données (« À faire ») ÷ fenêtre nue affichée ({label})",
                at[name]["first"] / bare_shown,
                2.0,
                unit="×",
                note=f"{spread(name)}. "
                + (FIRST_PAGE_NOTE.format(floor=floor, ratio=floor / bare_shown) if name == "demo" else ""),
            ),
            Result(
                f"Les cinq onglets dessinés avec leurs données, bilan compris ÷ fenêtre nue et ses cinq onglets ({label})",
                at[name]["five"] / bare_done,
                4.0,
                unit="×",
                note="each tab built when shown, the review computed in the background." if name == "demo" else "",
            ),
        ]
    results += [
        Result(
            "Limite : les seuls imports du démarrage (SQLAlchemy, modèles, services, modules de la fenêtre) ÷ fenêtre nue affichée",
            floor / bare_shown,
            None,
            unit="×",
            note=f"{floor:.2f} s: a process that imports what a start imports before its first query, and exits; "
            f"no store opened, no window. No page with records can come sooner on this path. SQLAlchemy's ORM "
            f"alone, in a bare Python: {at['sqlalchemy']['shown']:.2f} s "
            f"({at['sqlalchemy']['shown'] / bare_shown:.1f}× the bare window, Qt included).",
        ),
        Result(
            "Mémoire maximale de l'application à 300 000 invitations (fenêtre et cinq onglets)",
            peak_mb,
            300,
            unit="MB",
            note="maximum resident size (ru_maxrss) of one --self-test on the large store.",
        ),
    ]
    return results


FIRST_PAGE_NOTE = (
    "Of the time to « À faire », {floor:.2f} s ({ratio:.1f}× the bare window) is Python importing SQLAlchemy, "
    "the models, the services and the window's modules (next-but-one row); then each query is compiled the "
    "first time it runs and « À faire » asks eight rules of five services. Already off the path: the five tabs "
    "(built when first shown), the check of every page of the store (the day's first start only), the login "
    "decoy's scrypt key, the season's unprinted bookings (« À faire » reads the next days only). 2× would take "
    "drawing the first page without SQLAlchemy: its queries written twice, in plain sqlite3 for the start and "
    "through the ORM for the rest, the figures of « À faire » then computed in two places, which this project "
    "does not do; or the application kept running between sessions."
)
IMPORTS = """\
import sys

from PySide6.QtWidgets import QApplication

from acs_desktop.db.store import open_store  # noqa: F401
from acs_desktop.services import Services  # noqa: F401
from acs_desktop.ui.main_window import MainWindow, tab_classes

app = QApplication(sys.argv)
tab_classes()
print("imported", flush=True)
"""


def _timed(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from the launch to the moments a start prints: its first line (the window shown),
    the first page drawn with its records, the last of the five tabs drawn; and to its exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: dict[str, float] = {}
    for line in process.stdout:
        now = time.perf_counter() - start
        if "shown" not in seen:
            seen["shown"] = now
        elif "first" not in seen and " dessiné" in line:
            seen["first"] = now
        if line.startswith("Autotest : Bilan de saison dessiné"):
            seen["five"] = now
    process.wait()
    seen["exit"] = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{command} → {process.returncode}\n{process.stderr.read()}")
    return seen


def _app(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "acs_desktop", "--data-dir", str(data_dir), *args]


def _check(done: subprocess.CompletedProcess) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"{done.args} → {done.returncode}\n{done.stdout}\n{done.stderr}")
