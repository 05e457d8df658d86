"""One instance per store: an operating-system lock on a file beside the store.

The lock dies with the process (even after a kill -9), so a crash never leaves the store
locked; the file only tells who holds it, for the message.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class StoreLock:
    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".lock")
        self._handle = None

    def acquire(self) -> bool:
        """True if this process now holds the store; False if another one does."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        try:
            if os.name == "nt":  # pragma: no cover
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{socket.gethostname()} pid {os.getpid()} depuis le {datetime.now():%d/%m/%Y à %H:%M}\n")
        handle.flush()
        self._handle = handle
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()
