"""mypy on the package, against a recorded baseline that may only go down.

    python tools/mypy_gate.py            # fails if a file has more errors than recorded
    python tools/mypy_gate.py --update   # records today's counts (after fixing errors, or a move)

mypy runs with the settings of `[tool.mypy]` in pyproject.toml. Its errors are counted per file
and compared with tools/mypy-baseline.txt (one `path count` line per file): a file may not get
worse while another gets better, and a file with no line there may have no error. When the
counts went down, the gate passes and says to run `--update` so that the lower count becomes
the new ceiling. Standard library only (mypy itself is in the `dev` extra).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tools" / "mypy-baseline.txt"
# `path:line: error: message  [code]` (a column may follow the line); notes are not counted.
ERROR = re.compile(r"^(?P<path>[^:\n]+?):\d+(?::\d+)?: error: ")
HEADER = """\
# mypy errors per file, as `python tools/mypy_gate.py` counts them: the most each file may have.
# Lower it with `python tools/mypy_gate.py --update` (CONTRIBUTING.md, "Gates"); never raise it by hand.
"""


def run_mypy() -> tuple[Counter[str], str]:
    """Today's errors per file (paths with forward slashes, relative to the repository)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary", "--hide-error-context"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:  # pragma: no cover - the interpreter itself missing
        sys.exit(f"mypy gate: cannot run mypy ({exc})")
    output = done.stdout + done.stderr
    if done.returncode not in (0, 1) or "No module named mypy" in output:
        sys.exit(
            f"mypy gate: mypy did not run (exit {done.returncode}). "
            f'Install the dev extra: pip install -e ".[dev]"\n{output}'
        )
    counts: Counter[str] = Counter()
    for line in done.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            counts[match["path"].replace("\\", "/")] += 1
    if done.returncode == 1 and not counts:
        sys.exit(f"mypy gate: mypy failed but no error line was recognised:\n{output}")
    return counts, done.stdout


def read_baseline(path: Path = BASELINE) -> Counter[str]:
    counts: Counter[str] = Counter()
    if not path.exists():
        return counts
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, count = line.rpartition(" ")
        if not name or not count.isdigit():
            sys.exit(f"mypy gate: {path.name}, line {number}: expected `path count`, found {line!r}")
        counts[name] = int(count)
    return counts


def write_baseline(counts: Counter[str], path: Path = BASELINE) -> None:
    lines = [f"{name} {count}" for name, count in sorted(counts.items()) if count]
    path.write_text(HEADER + f"# total {sum(counts.values())}\n" + "\n".join(lines) + "\n", encoding="utf-8")


def compare(baseline: Counter[str], current: Counter[str]) -> tuple[list[str], list[str]]:
    """The files that got worse and those that got better, each said as `path: before → now`."""
    worse, better = [], []
    for name in sorted(set(baseline) | set(current)):
        before, now = baseline[name], current[name]
        if now > before:
            worse.append(f"{name}: {before} → {now}")
        elif now < before:
            better.append(f"{name}: {before} → {now}")
    return worse, better


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="record today's counts as the baseline")
    parser.add_argument("--show", action="store_true", help="print mypy's error lines too")
    args = parser.parse_args(argv)

    current, output = run_mypy()
    if args.show:
        print(output, end="")
    baseline = read_baseline()
    total_before, total_now = sum(baseline.values()), sum(current.values())
    if args.update:
        write_baseline(current)
        print(f"mypy gate: baseline recorded, {total_now} errors in {len(current)} files (was {total_before}).")
        return 0

    worse, better = compare(baseline, current)
    if worse:
        print(
            f"mypy gate: FAILED, more mypy errors than recorded ({total_before} recorded, {total_now} now).",
            file=sys.stderr,
        )
        print("Files with more errors than their baseline (tools/mypy-baseline.txt):", file=sys.stderr)
        for line in worse:
            print(f"  {line}", file=sys.stderr)
        print(
            "See them with `python -m mypy` (or `python tools/mypy_gate.py --show`) and fix them. "
            "A file only moved or renamed carries its count: then `python tools/mypy_gate.py --update`, "
            "and check that the total did not go up.",
            file=sys.stderr,
        )
        return 1
    print(f"mypy gate: {total_now} errors, none above the baseline ({total_before}).")
    if better:
        print("Fewer errors than recorded in:")
        for line in better:
            print(f"  {line}")
        print(
            "Lower the baseline so they stay fixed: python tools/mypy_gate.py --update "
            "(and commit tools/mypy-baseline.txt)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
