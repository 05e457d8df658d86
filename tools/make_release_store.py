"""Build the store file of a release, with that release's own code, for the upgrade test.

    python tools/make_release_store.py COMMIT
    python tools/make_release_store.py b83a08e   # how tests/data/stores/acs-0.1.0.sqlite was made

The commit is checked out in a temporary git worktree; the release's code, run from there with
this environment's Python and libraries, creates a store through its normal opening path and
fills it with its demo loader (fixed seed, "now" fixed to the commit's date: the same commit
gives the same records). The release's services then record the season's key figures beside the
file (acs-VERSION.json), for tests/db/test_release_stores.py to compare with what today's code
reads after the upgrade. The file is VACUUMed and written as tests/data/stores/acs-VERSION.sqlite.

A release whose demo loader or services are called differently needs `RECIPE` adapted: the
script must keep building every stored release, so branch on the version rather than edit.
Standard library only (plus the release's own dependencies, which are this environment's).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORES = ROOT / "tests" / "data" / "stores"

# Run inside the release's worktree: argv = worktree, store path, figures path, now (ISO).
RECIPE = r"""
import dataclasses, json, sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

worktree, store_path, figures_path = (Path(a) for a in sys.argv[1:4])
now = datetime.fromisoformat(sys.argv[4])

import acs_desktop
where = Path(acs_desktop.__file__).resolve()
if not where.is_relative_to(worktree.resolve()):
    sys.exit(f"acs_desktop imported from {where}, not from the release's worktree {worktree}")

from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from acs_desktop.services.demo import load_demo

store = open_store(store_path)
load_demo(store, now)
services = Services(store, clock=lambda: now)
seasons = {}
for season in services.seasons.list_seasons():
    figures = dataclasses.asdict(services.review.key_figures(season.id))
    seasons[season.label] = {k: str(v) if isinstance(v, Decimal) else v for k, v in figures.items()}
store.close()
recorded = {"version": acs_desktop.__version__, "now": now.isoformat(), "key_figures": seasons}
figures_path.write_text(json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
print(acs_desktop.__version__)
"""


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def compact(path: Path) -> None:
    """The journal written into the file, the free pages dropped: the smallest whole file."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("VACUUM")
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    if check != "ok":
        sys.exit(f"{path}: integrity check says {check}")
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def build(commit: str, out_dir: Path = STORES) -> Path:
    sha = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    now = git("log", "-1", "--format=%cd", "--date=format:%Y-%m-%dT%H:%M:%S", sha)
    with tempfile.TemporaryDirectory(prefix="acs-release-") as tmp:
        worktree = Path(tmp) / "release"
        git("worktree", "add", "--detach", str(worktree), sha)
        try:
            store_path, figures_path = Path(tmp) / "acs.sqlite", Path(tmp) / "figures.json"
            env = dict(os.environ, PYTHONPATH=str(worktree), QT_QPA_PLATFORM="offscreen")
            done = subprocess.run(
                [sys.executable, "-c", RECIPE, str(worktree), str(store_path), str(figures_path), now],
                cwd=worktree,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                sys.exit(f"The release's code failed at {sha[:10]}:\n{done.stdout}{done.stderr}")
            version = done.stdout.strip().splitlines()[-1]
            compact(store_path)
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / f"acs-{version}.sqlite"
            target.write_bytes(store_path.read_bytes())
            figures = json.loads(figures_path.read_text(encoding="utf-8"))
            figures["commit"] = sha
            (out_dir / f"acs-{version}.json").write_text(
                json.dumps(figures, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
            )
        finally:
            git("worktree", "remove", "--force", str(worktree))
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"{shown}: release {version}, commit {sha[:10]}, {target.stat().st_size // 1024} KiB")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a release's store file under tests/data/stores/.")
    parser.add_argument("commit", help="the release's commit (or tag)")
    parser.add_argument("--out-dir", type=Path, default=STORES, help="where to write (default: tests/data/stores/)")
    args = parser.parse_args(argv)
    build(args.commit, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
