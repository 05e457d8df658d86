"""Faults of the machine, said in French: a full disk, a read-only folder, a store held by
another program, a refused access, a key pulled out.

The one place where an `OSError` (by its errno) or an SQLite error (by its result code, also
inside SQLAlchemy's wrapper) becomes a French sentence naming the path concerned and what to
do. A fault is never a damaged store: an SQLite error that is none of these (CORRUPT, NOTADB,
...) is left to the caller, which calls the file damaged. Used by the store, the services, the
command line and the window.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from acs_desktop.domain.errors import DomainError

DISK_FULL, READ_ONLY, DENIED, BUSY = "disk_full", "read_only", "access_denied", "store_busy"
CANNOT_OPEN, NOT_A_FOLDER, MISSING, IO_ERROR, TOO_LARGE = (
    "cannot_open",
    "not_a_folder",
    "missing",
    "io_error",
    "too_large",
)

_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): DISK_FULL,  # a quota reached is a full disk for the user
    errno.EROFS: READ_ONLY,
    errno.EACCES: DENIED,
    errno.EPERM: DENIED,
    errno.ENOTDIR: NOT_A_FOLDER,
    errno.EEXIST: NOT_A_FOLDER,  # a folder asked where a file stands (mkdir on a file)
    errno.ENOENT: MISSING,
    errno.EIO: IO_ERROR,
    errno.EFBIG: TOO_LARGE,
    errno.EBUSY: BUSY,
}
_WINDOWS_BUSY = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open
# A PostgreSQL server (several desks): faults of the network or of the server, by SQLSTATE.
SERVER_UNREACHABLE, SERVER_REFUSED, SERVER_NO_DATABASE, SERVER_FULL, SERVER_BUSY = (
    "server_unreachable",
    "server_refused",
    "server_no_database",
    "server_full",
    "server_busy",
)
_POSTGRES = {
    "53100": SERVER_FULL,  # disk_full
    "28P01": SERVER_REFUSED,  # invalid_password
    "28000": SERVER_REFUSED,  # invalid_authorization_specification
    "42501": SERVER_REFUSED,  # insufficient_privilege
    "3D000": SERVER_NO_DATABASE,  # invalid_catalog_name
    "53300": SERVER_BUSY,  # too_many_connections
    "57P01": SERVER_UNREACHABLE,  # admin_shutdown
    "57P02": SERVER_UNREACHABLE,  # crash_shutdown
    "57P03": SERVER_UNREACHABLE,  # cannot_connect_now
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby server)
}
# What the server answers in words (libpq's messages are English whatever the desk's language).
_REFUSED_WORDS = (
    "password authentication failed",
    "no pg_hba.conf entry",
    'role "',
    "server does not support SSL",
    "permission denied",
)
# SQLite's primary result codes (the low byte of the extended code).
_SQLITE = {13: DISK_FULL, 8: READ_ONLY, 5: BUSY, 6: BUSY, 3: DENIED, 23: DENIED, 14: CANNOT_OPEN, 10: IO_ERROR}
# When an SQLite error comes without its code (an older Python, a driver that drops it).
_SQLITE_TEXT = (
    ("disk is full", DISK_FULL),
    ("readonly database", READ_ONLY),
    ("database is locked", BUSY),
    ("table is locked", BUSY),
    ("unable to open database", CANNOT_OPEN),
    ("disk i/o error", IO_ERROR),
    ("access permission denied", DENIED),
)

_SAID = {
    DISK_FULL: "Impossible d'écrire « {path} » : le disque est plein. Libérez de la place sur ce disque "
    "(ou choisissez-en un autre), puis recommencez.",
    READ_ONLY: "Impossible d'écrire « {path} » : le disque ou le dossier est en lecture seule. Choisissez un dossier "
    "où vous pouvez écrire, ou faites rétablir ce droit, puis recommencez.",
    DENIED: "Accès refusé à « {path} » : vous n'avez pas le droit d'y écrire (ou de le lire). Vérifiez les droits "
    "de ce dossier, ou choisissez-en un autre, puis recommencez.",
    BUSY: "La base est utilisée par un autre programme (« {path} ») : un outil SQLite, une synchronisation de "
    "fichiers ou une autre session la tient. Fermez ce programme, puis recommencez.",
    CANNOT_OPEN: "La base « {path} » ne peut pas être ouverte : son dossier est en lecture seule ou vous n'avez pas "
    "le droit d'y écrire (la base y crée ses fichiers -wal et -shm). Vérifiez les droits du dossier, puis recommencez.",
    NOT_A_FOLDER: "« {path} » n'est pas un dossier : indiquez un dossier.",
    MISSING: "Impossible d'écrire « {path} » : ce chemin n'existe pas (un dossier supprimé, un disque ou une clé USB "
    "retirés ?).",
    IO_ERROR: "Impossible de lire ou d'écrire « {path} » : erreur du disque (une clé USB retirée, un disque "
    "défaillant ?). Vérifiez le disque, puis recommencez.",
    TOO_LARGE: "Impossible d'écrire « {path} » : le fichier est trop grand pour ce disque (une clé USB en FAT32 "
    "n'accepte pas plus de 4 Go par fichier). Choisissez un autre disque.",
    SERVER_UNREACHABLE: "Le serveur de la base (« {path} ») ne répond pas : vérifiez la connexion au réseau et "
    "que le serveur est démarré, puis recommencez.",
    SERVER_REFUSED: "Le serveur de la base (« {path} ») refuse l'accès : nom d'utilisateur ou mot de passe "
    "incorrect, ou ce poste n'est pas autorisé. Vérifiez l'adresse de la base (voir « Plusieurs postes »).",
    SERVER_NO_DATABASE: "La base « {path} » n'existe pas sur le serveur : créez-la (voir « Plusieurs postes » "
    "dans le mode d'emploi) ou corrigez l'adresse.",
    SERVER_FULL: "Le serveur de la base (« {path} ») n'a plus de place sur son disque : faites libérer de la "
    "place sur le serveur, puis recommencez.",
    SERVER_BUSY: "Le serveur de la base (« {path} ») a atteint son nombre de connexions : fermez ACS Desktop "
    "sur un poste qui ne sert pas, puis recommencez.",
}


class MachineFault(DomainError):
    """A refusal because of the machine, not of what was asked: `code` is the fault's kind."""

    def __init__(self, code: str, message: str, path: Path | None = None):
        super().__init__(code, message)
        self.path = path


def fault_kind(error: BaseException) -> str | None:
    """The kind of machine fault behind `error` (unwrapping SQLAlchemy), or None if it is not one."""
    error = getattr(error, "orig", None) or error  # SQLAlchemy's DBAPIError keeps the driver's error in .orig
    if isinstance(error, MachineFault):
        return error.code
    if isinstance(error, OSError):
        if getattr(error, "winerror", None) in _WINDOWS_BUSY:
            return BUSY
        return _ERRNO.get(error.errno)
    if type(error).__module__.startswith("psycopg"):
        state = getattr(error, "sqlstate", None) or ""
        if state in _POSTGRES:
            return _POSTGRES[state]
        if not state and type(error).__name__ == "OperationalError":  # refused before a session: said in words
            text = str(error)
            if "database" in text and "does not exist" in text:
                return SERVER_NO_DATABASE
            if any(words in text for words in _REFUSED_WORDS):
                return SERVER_REFUSED
            return SERVER_UNREACHABLE
        if state.startswith("08"):
            return SERVER_UNREACHABLE  # connection_exception
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE.get(code & 0xFF)
    if type(error).__module__.startswith("sqlite3"):
        text = str(error).lower()
        return next((kind for words, kind in _SQLITE_TEXT if words in text), None)
    return None


def describe(error: BaseException, path: Path | str | None = None, *, outcome: str = "") -> str | None:
    """The French sentence for a machine fault (None if `error` is not one). The path is the file
    the error names, else `path` (the store, for an SQLite error); `outcome` says what became of
    the work (« La base n'a pas été modifiée. »)."""
    kind = fault_kind(error)
    if kind is None:
        return None
    if isinstance(error, MachineFault):
        return error.message
    concerned = _path_of(error, path)
    if kind == CANNOT_OPEN and concerned and not Path(concerned).exists():
        kind = MISSING
    sentence = _SAID[kind].format(path=concerned or "?")
    return f"{sentence} {outcome}".strip()


def fault(error: BaseException, path: Path | str | None = None, *, outcome: str = "") -> MachineFault | None:
    """`error` as a MachineFault (a DomainError: every layer already shows its message), or None."""
    message = describe(error, path, outcome=outcome)
    if message is None:
        return None
    if isinstance(error, MachineFault):
        return error
    concerned = _path_of(error, path)
    return MachineFault(fault_kind(error), message, Path(concerned) if concerned else None)


def _path_of(error: BaseException, path: Path | str | None) -> str | None:
    name = getattr(error, "filename", None) if isinstance(error, OSError) else None
    if name is not None:
        return os.fsdecode(name)
    return str(path) if path is not None else None
