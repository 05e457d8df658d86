"""Files written whole or not at all: under a temporary name beside the target (« .NOM.xxxx.partiel »),
flushed to the disk, then put in place with one `os.replace`. On a full disk, a read-only
folder or a pulled key, the temporary files are removed and the targets are as they were: never
a 0-byte or half-written export, spreadsheet or PDF. The fault is said in French (MachineFault).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from acs_desktop.domain.documents import Document
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault

OUTCOME = "Aucun fichier n'a été laissé à moitié écrit."


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (see the module)."""
    return write_files({Path(path): data})[0]


def write_document(document: Document, path: Path, *, make_folder: bool = False) -> Path:
    """`document` to `path` (see the module); with `make_folder`, its folder is created if needed.
    A fault that `fault` does not know is still said in French."""
    path = Path(path)
    try:
        return write_files({path: document.content}, folder=path.parent if make_folder else None)[0]
    except OSError as exc:
        raise DomainError("write_failed", f"Impossible d'écrire « {path} » ({exc.strerror or exc}).") from None


def write_documents(documents: Iterable[Document], folder: Path) -> list[Path]:
    """Each document under its own name in `folder` (created if needed), all or none: never a
    table cut short by a full disk."""
    folder = Path(folder)
    try:
        return write_files({folder / document.filename: document.content for document in documents}, folder=folder)
    except OSError as exc:
        raise DomainError("export_failed", f"Impossible d'écrire dans « {folder} » ({exc.strerror or exc}).") from None


def write_files(files: dict[Path, bytes], *, folder: Path | None = None) -> list[Path]:
    """Write every file, or none: all are put in place only once all are on the disk. `folder`
    (with its parents) is created first if needed, and removed again if nothing could be written."""
    pending: list[tuple[Path, Path]] = []
    target = folder
    created = [] if folder is None else _make_folder(Path(folder))
    try:
        for target, data in files.items():
            pending.append((_written_beside(Path(target), data), Path(target)))
        for temporary, target in pending:
            os.replace(temporary, target)
    except OSError as error:
        _remove(temporary for temporary, _ in pending)
        _remove_folders(created)
        _raise_said(error, target)
    except BaseException:
        _remove(temporary for temporary, _ in pending)
        _remove_folders(created)
        raise
    return [target for _, target in pending]


def _written_beside(target: Path, data: bytes) -> Path:
    """The data under a temporary name beside `target`, on the disk. The file is the user's alone
    (mkstemp's 0600: what the application's umask gives every file it writes)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partiel")
    temporary = Path(name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)  # a disk that fills up on flushing says it here, before the target is replaced
        finally:
            os.close(fd)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _make_folder(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, deepest first."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_folders(missing)
        _raise_said(error, folder)
    return missing


def _raise_said(error: OSError, path: Path | None):
    """The fault in French naming `path` (the target, not a temporary name); else `error` itself."""
    said = fault(OSError(error.errno, error.strerror, None, getattr(error, "winerror", None)), path, outcome=OUTCOME)
    if said is None:
        raise error
    raise said from error


def _remove_folders(folders) -> None:
    for folder in folders:  # deepest first; a folder someone filled meanwhile stays
        with contextlib.suppress(OSError):
            folder.rmdir()


def _remove(paths) -> None:
    for path in paths:
        with contextlib.suppress(OSError):  # a folder gone read-only meanwhile: nothing more to do
            path.unlink(missing_ok=True)
