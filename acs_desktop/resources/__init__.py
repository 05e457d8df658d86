"""The files the application ships with (fonts, icons, logo, licences), kept inside the package.

They travel as package data (pyproject.toml): the source tree, an editable or a plain
`pip install`, a wheel and the PyInstaller bundle (build.spec copies this folder to
`acs_desktop/resources`, where the frozen modules' `__file__` points) all find them beside this file.
"""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
