"""Run every benchmark module (`benchmarks/bench_*.py`) and write docs/performance.md.

Each module defines `run(workdir: Path) -> list[Result]`. Measures are medians over several runs,
taken on this machine, today; targets are compared in the same run, never in unit tests.

    python -m benchmarks              # all
    python -m benchmarks printing     # only bench_printing.py
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from benchmarks.common import Result

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "performance.md"


def discover(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    if only:
        names = [n for n in names if n.removeprefix("bench_") in only or n in only]
    return names


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} cœurs, {cpu}"
    )


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: list[tuple[str, list[Result]]] = []
    with tempfile.TemporaryDirectory(prefix="acs-bench-") as tmp:
        for name in discover(argv):
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"== {name}", flush=True)
            measured = module.run(Path(tmp) / name)
            for result in measured:
                print(
                    f"   {result.figure}: {result.measured_text} (cible {result.target_text}) {'repère' if result.target is None else 'OK' if result.met else 'MANQUÉ'}",
                    flush=True,
                )
            results.append((name, measured))
    write_report(results)
    return 0 if all(r.met for _, rs in results for r in rs) else 1


def _previous_rows(ran: set[str]) -> tuple[list[str], list[str]]:
    """Rows and notes of the benchmarks not run this time, kept from the current report."""
    if not REPORT.exists():
        return [], []
    rows, notes, in_notes = [], [], False
    for line in REPORT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Notes"):
            in_notes = True
        elif line.startswith("| ") and not line.startswith(("| figure", "|---")) and not in_notes:
            command = line.rsplit("`python -m benchmarks ", 1)[-1].split("`", 1)[0]
            if command not in ran:
                rows.append(line)
        elif in_notes and line.startswith("- "):
            notes.append(line)
    return rows, notes


def write_report(results: list[tuple[str, list[Result]]]) -> None:
    ran = {name.removeprefix("bench_") for name, _ in results}
    kept_rows, kept_notes = _previous_rows(ran)
    new_figures = {r.figure for _, rs in results for r in rs}
    lines = [
        "# Performance",
        "",
        "Written by `python -m benchmarks` (do not edit by hand). Medians over several runs, measured",
        "on the machine below; ratios are taken within one run, since shared machines are noisy.",
        "Running one benchmark (`python -m benchmarks NAME`) replaces its rows and keeps the others.",
        "",
        f"- date: {datetime.now():%Y-%m-%d %H:%M}",
        f"- machine: {machine()}",
        "",
        "| figure | target | measured | met | command |",
        "|---|---|---|---|---|",
        *kept_rows,
    ]
    for name, measured in results:
        for r in measured:
            lines.append(
                f"| {r.figure} | {r.target_text} | {r.measured_text} | {r.met_text} | `python -m benchmarks {name.removeprefix('bench_')}` |"
            )
    notes = [n for n in kept_notes if not any(n.startswith(f"- **{figure}**") for figure in new_figures)]
    notes += [f"- **{r.figure}**: {r.note}" for _, rs in results for r in rs if r.note]
    if notes:
        lines += ["", "## Notes", "", *notes]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"→ {REPORT}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
