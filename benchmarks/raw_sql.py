"""A service call against its raw SQL alone: the very statements it sends, with their parameters,
recorded during one call and replayed on the DBAPI connection (cursor, fetchall), without
SQLAlchemy nor the Python that builds the result; and, between the two, the same statements
through SQLAlchemy (cache lookup, execution, rows typed, ORM objects loaded), so that the gap
splits into what SQLAlchemy costs and what our own Python costs.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from acs_desktop.db.store import Store


@dataclass(frozen=True)
class AgainstRawSql:
    call: float  # the service call, seconds (medians)
    sqlalchemy: float  # its statements executed through a session, every row fetched
    raw: float  # its SQL on the DBAPI connection, every row fetched
    statements: int
    rows: int

    @property
    def ratio(self) -> float:
        return self.call / self.raw

    def note(self, runs: int) -> str:
        return (
            f"Medians of {runs} runs taken in turn: the review {self.call * 1000:.1f} ms, its {self.statements} SQL "
            f"statements replayed on the sqlite3 connection (same parameters, {self.rows:,} rows fetched) "
            f"{self.raw * 1000:.1f} ms. Between the two: SQLAlchemy executing the same statements (cached "
            f"compilation, rows typed, ORM objects) {(self.sqlalchemy - self.raw) * 1000:.1f} ms, our Python "
            f"building the review from the rows (sums per partner, discipline, month, kind of relay, commune) "
            f"{(self.call - self.sqlalchemy) * 1000:.1f} ms."
        )


def against_raw_sql(store: Store, call: Callable[[], object], runs: int = 9) -> AgainstRawSql:
    """Time `call` (one read transaction on `store`), the same statements through SQLAlchemy, and
    their raw SQL, in turn `runs` times; the replays are checked to fetch the same rows."""
    elements: list[tuple[Any, dict[str, Any]]] = []
    sql: list[tuple[str, Any]] = []

    def note_element(_conn, element, _multiparams, params, _options) -> None:
        elements.append((element, params))

    def note_sql(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        sql.append((statement, parameters))

    call()  # statements compiled and cached, pages read: every measure starts warm
    event.listen(store.engine, "before_execute", note_element)
    event.listen(store.engine, "before_cursor_execute", note_sql)
    try:
        call()
    finally:
        event.remove(store.engine, "before_execute", note_element)
        event.remove(store.engine, "before_cursor_execute", note_sql)

    def through_sqlalchemy() -> int:
        with store.read() as session, session.begin():
            return sum(len(session.execute(element, params or None).all()) for element, params in elements)

    connection = store.engine.raw_connection()

    def raw() -> int:
        cursor = connection.cursor()
        rows = 0
        for statement, parameters in sql:  # BEGIN included, as the call sent it
            cursor.execute(statement, parameters)
            rows += len(cursor.fetchall())
        cursor.close()
        connection.rollback()
        return rows

    try:
        rows = raw()
        assert rows == through_sqlalchemy(), "the raw replay does not fetch the rows SQLAlchemy fetches"
        times: list[list[float]] = [[], [], []]
        for _ in range(runs):
            for measure, action in zip(times, (call, through_sqlalchemy, raw), strict=True):
                start = time.perf_counter()
                action()
                measure.append(time.perf_counter() - start)
    finally:
        connection.close()
    call_time, sqlalchemy_time, raw_time = (statistics.median(measure) for measure in times)
    return AgainstRawSql(call_time, sqlalchemy_time, raw_time, len(sql), rows)


# The review's target against its SQL: SQLAlchemy alone costs about a third more than the raw
# statements; the review's own Python works on a few hundred lines (performances, relays), never
# on invitations, so it should cost no more than the SQL it reads.
RAW_TARGET = 2.0
RAW_TARGET_WHY = (
    " Target 2×: the review reads only aggregates (a few hundred lines per season, never one per "
    "invitation), so building it from them should cost no more than the SQL that counts them. Where "
    "the SQL is short (a 10,000-invitation season) the ratio nears 2×: below would take plain tuples "
    "instead of a frozen dataclass per performance line and per sum (Python's cost per object, not per "
    "invitation), at the price of the named fields the review's code reads."
)
