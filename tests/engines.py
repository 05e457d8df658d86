"""The engine the tests' stores run on: SQLite files, or databases on a PostgreSQL server.

On PostgreSQL each test gets a database of its own, created from a template database (migrated
once, or holding the demo): `CREATE DATABASE … TEMPLATE` copies it in a tenth of a second. The
server's address is ACS_TEST_POSTGRESQL (`.ci/run` starts one with `python -m tools.pg_sandbox`);
asked for PostgreSQL without a server, the run fails: a skipped engine is not a tested one.
"""

from __future__ import annotations

import itertools
import os
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

ENGINE_OPTION = "--engine"
ENGINE_VAR, SERVER_VAR = "ACS_TEST_ENGINE", "ACS_TEST_POSTGRESQL"
# What runs on both engines: the services, the store, the commands and the season review (its tab
# included). The window's other tests and the file-level safety tests are the store file's.
BOTH_ENGINES = ("tests/services/", "tests/db/", "tests/commands/", "tests/ui/review/", "tests/exports/")
# A test that needs the store file itself (its bytes, its copies, its journal) asks for one of these.
FILE_FIXTURES = {"store_path", "template_store", "demo_template"}


def engine_of(config) -> str:
    return config.getoption(ENGINE_OPTION) or os.environ.get(ENGINE_VAR) or "sqlite"


NO_SERVER = f"{SERVER_VAR} is not set: start a server (python -m tools.pg_sandbox start DIR) and give its address"


def postgresql_address() -> str:
    address = os.environ.get(SERVER_VAR)
    if not address:
        pytest.exit(NO_SERVER, returncode=3)
    return address


def server_available() -> bool:
    """A server to test on. Without one, the tests that need it are skipped on a developer's
    machine, but fail the run in CI (CI set): a skipped engine is not a tested one."""
    if os.environ.get(SERVER_VAR):
        return True
    if os.environ.get("CI"):
        pytest.fail(NO_SERVER)
    return False


def selected_for_engine(item) -> bool:
    """On PostgreSQL: the tests of BOTH_ENGINES that use a store, not the store file's own."""
    where = Path(str(item.fspath)).resolve().relative_to(Path(__file__).resolve().parent.parent).as_posix()
    if not where.startswith(BOTH_ENGINES) or item.get_closest_marker("sqlite_only"):
        return False
    names = set(item.fixturenames)
    return bool(names & {"store", "demo_store"}) and not names & FILE_FIXTURES


KEPT_AFTER_USE = 2


class ServerDatabases:
    """Template databases and one throwaway database per test on the server at `address`."""

    def __init__(self, address: str, data_dir: Path, today: datetime):
        self.address = address
        self.data_dir = data_dir
        self.today = today
        self._names = itertools.count()
        self._prefix = f"acs_test_{os.getpid()}"
        self._admin = create_engine(_sqlalchemy(address), isolation_level="AUTOCOMMIT", pool_size=1)
        self._templates: dict[bool, str] = {}
        self._retired: list[str] = []

    def _address_of(self, database: str) -> str:
        return make_url(self.address).set(database=database).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> str:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            clause = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{clause}')
        return self._address_of(name)

    def _template(self, demo: bool) -> str:
        if demo not in self._templates:
            from acs_desktop.db.server import open_server_store

            name = f"{self._prefix}_{'demo' if demo else 'empty'}"
            store = open_server_store(self._create(name), self.data_dir)
            try:
                if demo:
                    from acs_desktop.services.demo import load_demo

                    load_demo(store, self.today)
            finally:
                store.close()
            self._templates[demo] = name
        return self._templates[demo]

    def empty(self) -> str:
        """The address of a new, empty database (dropped by `drop_all` at the end of the run)."""
        return self._create(f"{self._prefix}_{next(self._names)}")

    def drop_address(self, address: str) -> None:
        self._retire(make_url(address).database)

    def open_copy(self, *, demo: bool, data_dir: Path):
        from acs_desktop.db.server import open_server_store

        data_dir.mkdir(parents=True, exist_ok=True)
        name = f"{self._prefix}_{next(self._names)}"
        return open_server_store(self._create(name, self._template(demo)), data_dir)

    def drop(self, store) -> None:
        """The test's database goes, two tests later: a window's work posted in the test's last
        moments may still read it while pytest-qt tears the widgets down (on SQLite the file stays
        on disk; a dropped database would fail that read, in the next test's name)."""
        self._retire(make_url(store.address).database)

    def _retire(self, name: str) -> None:
        self._retired.append(name)
        while len(self._retired) > KEPT_AFTER_USE:
            self.drop_named(self._retired.pop(0))

    def drop_named(self, name: str) -> None:
        """FORCE: a desk's connection left open does not keep the database. An autovacuum worker
        on it may refuse to be ended by a role without pg_signal_backend: then wait and retry."""
        for attempt in range(20):
            try:
                with self._admin.connect() as connection:
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except DBAPIError:
                if attempt == 19:
                    raise
                time.sleep(0.25)

    def drop_all(self) -> None:
        with self._admin.connect() as connection:
            names = list(
                connection.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"), {"prefix": self._prefix + "%"}
                ).scalars()
            )
        for name in names:
            self.drop_named(name)
        self._admin.dispose()


def _sqlalchemy(address: str) -> str:
    from acs_desktop.db.engine import server_url

    return server_url(address)
