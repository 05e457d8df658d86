"""A throwaway PostgreSQL server in a folder, for the tests, CI and the benchmarks.

    python -m tools.pg_sandbox start DIR        # prints the address: postgresql://acs@/acs?host=DIR/socket&port=…
    python -m tools.pg_sandbox createdb DIR NAME  # a new empty database; prints its address
    python -m tools.pg_sandbox stop DIR

Uses Debian's `postgresql` package (initdb and pg_ctl under /usr/lib/postgresql/N/bin). The server
refuses to run as root: as root, the cluster belongs to the `postgres` user and is run as that user.
The cluster listens on a Unix socket in DIR only (no TCP port), trusts local connections and
writes without fsync: it is thrown away after the run, never a place for real data.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

PORT = 54329
INITDB = ("--locale=C.UTF-8", "--no-sync")
ROLE, DATABASE = "acs", "acs"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps them out of PATH)."""
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin") if (p / "pg_ctl").exists()), key=lambda p: int(p.parent.name))
    if versions:
        return versions[-1]
    on_path = shutil.which("pg_ctl")
    return Path(on_path).resolve().parent if on_path else None


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def address(folder: Path, database: str = DATABASE) -> str:
    return f"postgresql://{ROLE}@/{database}?host={folder.resolve() / 'socket'}&port={PORT}"


def createdb(folder: Path, name: str) -> str:
    bin_dir = binaries()
    assert bin_dir is not None
    socket = folder.resolve() / "socket"
    subprocess.run(
        [str(bin_dir / "createdb"), "-h", str(socket), "-p", str(PORT), "-U", ROLE, name],
        check=True,
        capture_output=True,
    )
    return address(folder, name)


def start(folder: Path) -> str:
    """Create (if needed) and start the cluster in `folder`; returns its address."""
    bin_dir = binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL n'est pas installé (paquet Debian « postgresql »).")
    folder = folder.resolve()
    owner = "postgres" if os.geteuid() == 0 else None
    data, socket = folder / "data", folder / "socket"
    folder.mkdir(parents=True, exist_ok=True)
    socket.mkdir(exist_ok=True)
    if owner:
        user = pwd.getpwnam(owner)
        for path in (folder, socket):
            os.chown(path, user.pw_uid, user.pw_gid)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            _as_owner(
                [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", *INITDB],
                owner,
            ),
            check=True,
            capture_output=True,
            env=env,
        )
    running = subprocess.run(
        _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "status"], owner), capture_output=True, env=env
    )
    options = f"-k {socket} -p {PORT} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    if running.returncode != 0:
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(folder / "server.log"),
                    "-w",
                    "-o",
                    options,
                    "start",
                ],
                owner,
            ),
            check=True,
            capture_output=True,
            env=env,
        )
    psql = [str(bin_dir / "psql"), "-h", str(socket), "-p", str(PORT), "-U", "postgres", "-d", "postgres", "-qAt"]
    exists = subprocess.run(
        [*psql, "-c", f"SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}'"], check=True, capture_output=True, text=True
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, "-c", f"CREATE ROLE {ROLE} LOGIN CREATEDB"], check=True, capture_output=True)
        subprocess.run([*psql, "-c", f"CREATE DATABASE {DATABASE} OWNER {ROLE}"], check=True, capture_output=True)
        # The tests read the server's files (erased means erased): the role may see where they are
        # and ask that memory be written to them.
        subprocess.run(
            [*psql, "-c", f"GRANT pg_read_all_settings, pg_checkpoint, pg_signal_backend TO {ROLE}"],
            check=True,
            capture_output=True,
        )
    return address(folder)


def stop(folder: Path) -> None:
    bin_dir = binaries()
    data = folder.resolve() / "data"
    if bin_dir is None or not (data / "postmaster.pid").exists():
        return
    owner = "postgres" if os.geteuid() == 0 else None
    subprocess.run(
        _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], owner),
        check=False,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pg_sandbox", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "createdb"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("name", nargs="?", default="acs_desk")
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            print(start(args.folder))
        elif args.action == "createdb":
            print(createdb(args.folder, args.name))
        else:
            stop(args.folder)
    except subprocess.CalledProcessError as error:
        print(f"PostgreSQL : {' '.join(error.cmd)} a échoué :\n{error.stderr or ''}", file=sys.stderr)
        log = args.folder / "server.log"
        if log.exists():
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
