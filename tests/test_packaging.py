"""Installed from a wheel, the application still finds its fonts, icon, logo and licences.

The files live in acs_desktop/resources/ and travel as package data: the wheel built from this
tree must hold every one the code asks for (`resource_path("logo", "demo-logo.png")`, the DejaVu
fonts…) and every file of that folder. A plain `pip install .` installs exactly this wheel.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from acs_desktop.printing import fonts
from acs_desktop.resources import resources_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "acs_desktop"


def files_the_code_asks_for() -> set[str]:
    """Every `resource_path("a", "b")` spelled with literal strings in the package, plus the fonts
    (fonts.py passes their names from a table)."""
    asked = {f"fonts/{filename}" for filename in fonts._FILES.values()}
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "resource_path"
            ):
                parts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
                if parts and len(parts) == len(node.args):
                    asked.add("/".join(parts))
    return asked


@pytest.mark.slow  # builds a wheel with pip
def test_the_wheel_carries_every_resource(tmp_path):
    # Built from a clean copy: setuptools would otherwise reuse the file list of an earlier
    # build left in the tree (acs_desktop.egg-info/SOURCES.txt, build/) and hide a missing entry.
    source = tmp_path / "source"
    shutil.copytree(PACKAGE, source / "acs_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("acs_desktop-*.whl")
    in_wheel = set(zipfile.ZipFile(wheel).namelist())

    asked = files_the_code_asks_for()
    assert {"logo/demo-logo.png", "icons/acs-desktop.svg", "licences.md"} <= asked, asked
    for name in sorted(asked):
        assert (resources_dir() / name).is_file(), f"the code asks for {name}, absent from acs_desktop/resources/"
    shipped = {
        path.relative_to(resources_dir()).as_posix()
        for path in resources_dir().rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    missing = sorted(name for name in asked | shipped if f"acs_desktop/resources/{name}" not in in_wheel)
    assert not missing, f"absent from the wheel: {missing}"
    # Alembic reads its revisions (and the template) as files at run time.
    migrations = {
        p.relative_to(ROOT).as_posix()
        for p in (PACKAGE / "db" / "migrations").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert migrations - in_wheel == set()
