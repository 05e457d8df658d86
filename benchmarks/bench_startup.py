"""Start-up and memory, measured on the command an office actually runs: `acs-desktop --self-test`
(the store opened and checked, the window shown, every tab drawn, one line written), against a
bare PySide6 window with five empty table tabs shown and drawn the same way, in the same run.

Runs alternate (bare, demo, large) so that a busy moment of the machine weighs on all three.
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


def visit() -> None:
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        app.processEvents()
    app.quit()


QTimer.singleShot(0, visit)
app.exec()
print("ok")
'''
PEAK = '''\
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
if done.returncode:
    sys.exit(done.stderr.decode(errors="replace") or "failed")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
'''


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

    commands = {"bare": [sys.executable, str(bare)], "demo": _app(demo_dir, "--self-test"), "large": _app(large_dir, "--self-test")}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            start = time.perf_counter()
            _check(subprocess.run(command, env=env, capture_output=True, text=True))
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}

    peak = subprocess.run([sys.executable, "-c", PEAK, *commands["large"]], env=env, capture_output=True, text=True)
    _check(peak)
    peak_mb = int(peak.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux

    spread = ", ".join(f"{name} {median[name]:.2f} s" for name in commands)
    return [
        Result("Démarrage jusqu'à la fenêtre affichée (--self-test) ÷ fenêtre PySide6 nue, base de démonstration",
               median["demo"] / median["bare"], 1.5, unit="×", note=f"médianes de {RUNS} démarrages : {spread}."),
        Result("Démarrage jusqu'à la fenêtre affichée (--self-test) ÷ fenêtre PySide6 nue, 300 000 invitations",
               median["large"] / median["bare"], 2.0, unit="×"),
        Result("Mémoire maximale de l'application à 300 000 invitations (fenêtre et cinq onglets)", peak_mb, 300, unit="MB",
               note="taille résidente maximale (ru_maxrss) d'un --self-test sur la grande base."),
    ]


def _app(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "acs_desktop", "--data-dir", str(data_dir), *args]


def _check(done: subprocess.CompletedProcess) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"{done.args} → {done.returncode}\n{done.stdout}\n{done.stderr}")
