"""The one-folder application: its size on disk, and its start against the same application run
from source (both `--self-test` on the same demo store, medians, in one run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def build(workdir: Path) -> Path:
    pyinstaller = shutil.which("pyinstaller") or str(Path(sys.executable).with_name("pyinstaller"))
    subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(workdir / "dist"),
            "--workpath",
            str(workdir / "build"),
            str(ROOT / "build.spec"),
        ],
        check=True,
        cwd=workdir,
    )
    return workdir / "dist" / "acs-desktop"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def median_start(command: list[str], env: dict) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    bundle = build(workdir)
    size_mb = folder_size(bundle) / 1_000_000
    data = workdir / "data"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(workdir),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    frozen = [str(bundle / "acs-desktop"), "--data-dir", str(data), "--self-test"]
    source = [sys.executable, "-m", "acs_desktop", "--data-dir", str(data), "--self-test"]
    subprocess.run(
        [*frozen[:3], "--demo", "--self-test"], check=True, env=env, capture_output=True
    )  # demo + the day's backup
    subprocess.run(
        source, check=True, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True
    )  # warm the disk cache alike
    bundled = median_start(frozen, env)
    from_source = median_start(source, {**env, "PYTHONPATH": str(ROOT)})
    return [
        Result(
            "Taille de l'application en un dossier (Linux)",
            size_mb,
            150,
            unit="Mo",
            note=f"{folder_size(bundle) / 2**20:.0f} Mio ; Qt réduit à Core, Gui, Widgets, PrintSupport, Pdf et Svg ; CUPS pris sur le système.",
        ),
        Result(
            "Démarrage de l'application empaquetée ÷ depuis les sources (--self-test, base de démo)",
            bundled / from_source,
            1.5,
            unit="×",
            note=f"empaquetée {bundled:.2f} s, depuis les sources {from_source:.2f} s (médianes de {RUNS}).",
        ),
    ]
