"""The few SQL functions that differ between the two engines, written once for both.

SQLite gets the store's own functions (`acs_fold`, registered on each connection by
`db.engine`) and its `strftime`/`instr`; PostgreSQL gets `lower` (the database is UTF-8, its
`lower` knows « É »), `to_char` and `strpos`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Integer, String, Time, any_, bindparam, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import UserDefinedType


class fold(FunctionElement[str]):
    """Case folded, as Python's `str.casefold` (near enough on PostgreSQL: `lower`)."""

    type = String()
    inherit_cache = True


class day_and_time(FunctionElement[str]):
    """A date and time as the window shows it: 14/02/2026 20:30."""

    type = String()
    inherit_cache = True


class time_of_day(FunctionElement[Any]):
    """The time of a date and time (sorts performances by their hour)."""

    type = Time()
    inherit_cache = True


class position(FunctionElement[int]):
    """Where the second text starts in the first (1-based), 0 if it is not in it."""

    type = Integer()
    inherit_cache = True


def _arguments(element, compiler, **kw) -> list[str]:
    return [compiler.process(argument, **kw) for argument in element.clauses]


@compiles(fold)
def _fold_sqlite(element, compiler, **kw):
    return "acs_fold({})".format(*_arguments(element, compiler, **kw))


@compiles(fold, "postgresql")
def _fold_postgresql(element, compiler, **kw):
    return "lower({})".format(*_arguments(element, compiler, **kw))


@compiles(day_and_time)
def _day_and_time_sqlite(element, compiler, **kw):
    return "strftime('%d/%m/%Y %H:%M', {})".format(*_arguments(element, compiler, **kw))


@compiles(day_and_time, "postgresql")
def _day_and_time_postgresql(element, compiler, **kw):
    return "to_char({}, 'DD/MM/YYYY HH24:MI')".format(*_arguments(element, compiler, **kw))


@compiles(time_of_day)
def _time_of_day_sqlite(element, compiler, **kw):
    return "strftime('%H:%M:%f', {})".format(*_arguments(element, compiler, **kw))


@compiles(time_of_day, "postgresql")
def _time_of_day_postgresql(element, compiler, **kw):
    return "CAST({} AS TIME)".format(*_arguments(element, compiler, **kw))


@compiles(position)
def _position_sqlite(element, compiler, **kw):
    return "instr({}, {})".format(*_arguments(element, compiler, **kw))


@compiles(position, "postgresql")
def _position_postgresql(element, compiler, **kw):
    return "strpos({}, {})".format(*_arguments(element, compiler, **kw))


class planner_only(FunctionElement[bool]):
    """A condition that changes no row, only how PostgreSQL reads them (a redundant filter that
    lets its planner use an index): the condition on PostgreSQL, nothing (true) on SQLite, whose
    planner would take it as its way in and read worse. Untyped: a Boolean would be compared to 1
    on SQLite."""

    inherit_cache = True


@compiles(planner_only)
def _planner_only_sqlite(element, compiler, **kw):
    return "1 = 1"


@compiles(planner_only, "postgresql")
def _planner_only_postgresql(element, compiler, **kw):
    return "({})".format(*_arguments(element, compiler, **kw))


class unindexed(FunctionElement[Any]):
    """A column SQLite's planner must not take as its way in (`+column`, SQLite's own way of saying
    so): where it would read a whole season through one index when another, narrower one is
    given. The column itself on PostgreSQL, whose planner weighs both."""

    inherit_cache = True


@compiles(unindexed)
def _unindexed_sqlite(element, compiler, **kw):
    return "+{}".format(*_arguments(element, compiler, **kw))


@compiles(unindexed, "postgresql")
def _unindexed_postgresql(element, compiler, **kw):
    return "{}".format(*_arguments(element, compiler, **kw))


class _among(FunctionElement[bool]):
    inherit_cache = True  # untyped: a Boolean would be compared to 1 on SQLite


def among(column: ColumnElement[int], ids: Sequence[int]) -> ColumnElement[bool]:
    """`column IN (ids)` for a list of ids: one parameter per id on SQLite, one array on
    PostgreSQL (`= ANY(…)`), where a list of 200 parameters costs more to send and plan than the
    query costs to run."""
    values = list(ids)
    return _among(column.in_(values), column == any_(bindparam(None, values, type_=ARRAY(Integer))))


@compiles(_among)
def _among_sqlite(element, compiler, **kw):
    return compiler.process(element.clauses.clauses[0], **kw)


@compiles(_among, "postgresql")
def _among_postgresql(element, compiler, **kw):
    return compiler.process(element.clauses.clauses[1], **kw)


class _Raw(UserDefinedType):
    """No conversion either way: a value as the driver read it, given back as it was."""

    cache_ok = True

    def get_col_spec(self, **kw) -> str:  # pragma: no cover - never a column's type
        return "RAW"


def raw(expression: ColumnElement[Any]) -> ColumnElement[Any]:
    """`expression` read and compared as the driver gives it (a date as SQLite stores it, text;
    a time as `time_of_day` writes it): a value read this way and compared again to the same
    expression (a list's last key, where the next page starts) finds its row exactly, whatever
    the type would have made of it."""
    return type_coerce(expression, _Raw())
