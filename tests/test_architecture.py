"""The layers of CONTRIBUTING.md, enforced: Qt only in ui/ (and the entry point); ui/ never touches the
database or the ORM; printing and services never import Qt."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "acs_desktop"
ENTRY_POINTS = {"cli.py", "__main__.py"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(where: Path):
    return [p for p in where.rglob("*.py") if "migrations" not in p.parts or p.name == "env.py"]


def test_nothing_outside_ui_imports_qt():
    offenders = []
    for path in modules(PACKAGE):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        qt = {name for name in imports_of(path) if name.split(".")[0] in {"PySide6", "shiboken6"}}
        if qt and str(relative) not in ENTRY_POINTS:
            offenders.append(f"{relative}: {sorted(qt)}")
        if qt and str(relative) in ENTRY_POINTS:
            # The entry point may reach Qt, but only inside a function (never at import time).
            tree = ast.parse(path.read_text(encoding="utf-8"))
            top = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
            top |= {a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names}
            assert not any(m.startswith("PySide6") for m in top), f"{relative} imports Qt at module level"
    assert offenders == []


def test_ui_never_imports_sqlalchemy_or_the_orm():
    offenders = []
    for path in modules(PACKAGE / "ui"):
        bad = {
            n
            for n in imports_of(path)
            if n.split(".")[0] == "sqlalchemy" or n.startswith("acs_desktop.models") or n.startswith("acs_desktop.db")
        }
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []


def test_the_architecture_test_sees_a_violation(tmp_path):
    """The scanner itself works: a file importing sqlalchemy is reported."""
    sample = tmp_path / "bad.py"
    sample.write_text("from sqlalchemy import select\nimport PySide6.QtCore\n", encoding="utf-8")
    assert {"sqlalchemy", "PySide6.QtCore"} <= imports_of(sample)


def test_domain_is_vocabulary_only():
    """domain/ (rules, states, formats) imports the standard library and itself: no ORM, no store,
    no services, no Qt, no printing, so any layer may use it."""
    offenders = []
    for path in modules(PACKAGE / "domain"):
        bad = {n for n in imports_of(path) if n.split(".")[0] in {"sqlalchemy", "PySide6", "reportlab", "openpyxl"}}
        bad |= {n for n in imports_of(path) if n.startswith("acs_desktop.") and not n.startswith("acs_desktop.domain")}
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []


def test_the_renderers_are_reached_through_one_door():
    """Outside printing/, a renderer module (and ReportLab with it) is reached only through
    printing/renderers.py, which imports each one when its document is made; the documents'
    data shapes live in domain/documents.py, so nobody needs a renderer to name them."""
    offenders = []
    for path in modules(PACKAGE):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "printing":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {
            f"acs_desktop.printing.{a.name}"
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module == "acs_desktop.printing"
            for a in n.names
        }
        bad = {
            n
            for n in imports_of(path) | named
            if n.startswith("acs_desktop.printing.") and n != "acs_desktop.printing.renderers"
        }
        if bad:
            offenders.append(f"{relative}: {sorted(bad)}")
    assert offenders == []


def test_the_renderer_door_imports_no_renderer_at_module_level():
    tree = ast.parse((PACKAGE / "printing" / "renderers.py").read_text(encoding="utf-8"))
    top = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
    assert top and all(not m.startswith("acs_desktop.printing") and not m.startswith("reportlab") for m in top)
