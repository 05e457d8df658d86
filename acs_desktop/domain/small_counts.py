"""Small counts protected: which cells of a set of published tables read « moins de N ».

What leaves the office (the funders' report, its XLSX and CSV) must not point at a person: a count
of fewer than N people in a line of a breakdown is hidden (*primary* suppression). Hiding it is not
enough when the tables also publish sums: a cell that is the only hidden one of a column whose
total is printed is that total minus the other cells. So other cells are hidden too
(*complementary* suppression), until no hidden cell can be recomputed.

The tables are described generically, so that the rule is proven once (tests/domain):

- a *cell* is any hashable key with its count (`values`);
- a *line* is a relation a reader knows: the `members` add up to `total`, which is another cell
  (hidden or not: a relay type's line is the sum of its relays' lines) or None when the sum is
  published elsewhere, exact (a column's total, a key figure).

`protect` hides, in order:

1. every count with 0 < count < N (nobody is not a small group: a 0 shows); these read
   « moins de N »;
2. in every line with exactly one hidden cell, the next smallest visible cell of that line (a count
   of N or more; a 0 only when nothing else is left), again and again until no line has a lone
   hidden cell; these read « masqué » — never « moins de N », which would be false;
3. a reader knows more than sums: a « moins de N » is between 1 and N − 1, a « masqué » is 0 or at
   least N. Two « moins de 5 » adding up to 8 are both 4. So each line is also read as that
   reader would (`pinned`): while a hidden cell of a line has a single possible value, the next
   smallest visible cell of the line is hidden too;
4. the relations can also be combined (two columns and a row may pin a cell that no single line
   pins): the linear system of all lines is solved exactly over the rationals (`determined`), and
   while a hidden cell is still determined, the next smallest visible cell of one of its lines is
   hidden, and steps 2 to 4 run again.

Hiding more never makes a hidden cell determined, so this ends, at worst with every cell hidden.
The cells the published totals alone pin (a breakdown of one line is its total) are left aside:
nothing can hide them.

Standard library only: exact fractions. At a network's size (thousands of relays) a solve of the
whole system takes seconds, so `protect` solves it only when the lines read alone pin nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_THRESHOLD = 5

Key = Hashable


@dataclass(frozen=True)
class Line:
    """A relation a reader of the tables knows: the members add up to `total` (a cell), or to a sum
    published elsewhere and exact (None)."""

    members: tuple[Key, ...]
    total: Key | None = None

    @property
    def cells(self) -> tuple[Key, ...]:
        return self.members if self.total is None else (*self.members, self.total)


def small_text(threshold: int) -> str:
    """What a hidden count reads: « moins de 5 »."""
    return f"moins de {threshold}"


def primary(values: Mapping[Key, int], threshold: int) -> set[Key]:
    """The counts about fewer than `threshold` people (not none): 0 < count < threshold."""
    return {key for key, value in values.items() if 0 < value < threshold}


def lone_hidden(lines: Iterable[Line], hidden: set[Key] | frozenset[Key]) -> list[Line]:
    """The lines with exactly one hidden cell: that cell is the line's total minus the others."""
    return [line for line in lines if sum(cell in hidden for cell in line.cells) == 1]


def next_smallest(values: Mapping[Key, int], cells: Iterable[Key], order: Mapping[Key, int]) -> Key:
    """The cell to hide beside a hidden one: the smallest count, a 0 last (a « masqué » that is 0
    would be told apart as soon as the line's hidden cells add up to less than N)."""
    return min(cells, key=lambda cell: (values[cell] == 0, values[cell], order[cell]))


def complementary(values: Mapping[Key, int], lines: Sequence[Line], hidden: Iterable[Key]) -> set[Key]:
    """`hidden`, plus in every line with a lone hidden cell the next smallest cell of that line
    (`next_smallest`), until stable. Ties go to the cell listed first in `values`."""
    order = {key: index for index, key in enumerate(values)}
    result = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:  # each line read as it is now: a cell hidden for one may serve the next
            if sum(cell in result for cell in line.cells) != 1:
                continue
            visible = [cell for cell in line.cells if cell not in result]
            if visible:  # a line of one cell is its published total: nothing to hide it behind
                result.add(next_smallest(values, visible, order))
                changed = True
    return result


def determined(lines: Sequence[Line], hidden: set[Key] | frozenset[Key]) -> set[Key]:
    """The hidden cells the lines pin down, however they are combined (sums, differences): a cell
    is determined when its unit vector lies in the row space of the lines' coefficients on the
    hidden cells (Gauss–Jordan elimination, exact fractions)."""
    unknowns = sorted({cell for line in lines for cell in line.cells if cell in hidden}, key=repr)
    column = {cell: index for index, cell in enumerate(unknowns)}
    rows: list[dict[int, Fraction]] = []
    for line in lines:
        row: dict[int, Fraction] = {}
        for cell in line.members:
            if cell in column:
                row[column[cell]] = row.get(column[cell], Fraction(0)) + 1
        if line.total is not None and line.total in column:
            row[column[line.total]] = row.get(column[line.total], Fraction(0)) - 1
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: list[tuple[int, dict[int, Fraction]]] = []  # (pivot column, row in reduced form)
    for row in rows:
        for pivot, reduced in pivots:  # reduce the new row by the pivots found so far
            factor = row.get(pivot)
            if factor:
                for k, v in reduced.items():
                    row[k] = row.get(k, Fraction(0)) - factor * v
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for index, (other, reduced) in enumerate(pivots):  # keep the earlier rows reduced
            factor = reduced.get(pivot)
            if factor:
                updated = dict(reduced)
                for k, v in row.items():
                    updated[k] = updated.get(k, Fraction(0)) - factor * v
                pivots[index] = (other, {k: v for k, v in updated.items() if v})
        pivots.append((pivot, row))
    pivot_columns = {pivot for pivot, _ in pivots}
    return {unknowns[pivot] for pivot, row in pivots if all(k in pivot_columns for k in row) and len(row) == 1}


Interval = tuple[int, int]  # inclusive bounds; the upper one may be INFINITY
INFINITY = 10**12


def _reader_sums(small: int, masked: int, threshold: int) -> list[Interval]:
    """What `small` cells read « moins de N » and `masked` cells read « masqué » can add up to."""
    base = (small, small * (threshold - 1))
    if not masked:
        return [base]
    return [base, (small + threshold, INFINITY)]


def _possible(domain: list[Interval], total: int, others: list[Interval], limit: int = 2) -> int:
    """How many values v of `domain` leave `total − v` within `others` (counted up to `limit`)."""
    found = 0
    for low, high in domain:
        for other_low, other_high in others:
            start, end = max(low, total - other_high), min(high, total - other_low)
            if end >= start:
                found += end - start + 1
                if found >= limit:
                    return limit
    return found


def pinned(
    values: Mapping[Key, int], lines: Iterable[Line], hidden: set[Key] | frozenset[Key], threshold: int
) -> set[Key]:
    """The hidden cells a reader pins from one line alone: the line's hidden cells add up to its
    total minus the cells shown, a « moins de N » is 1 to N − 1, a « masqué » is 0 or N and more."""
    result: set[Key] = set()
    for line in lines:
        inside = [cell for cell in line.cells if cell in hidden]
        if not inside:
            continue
        if line.total is not None and line.total in hidden:
            continue  # the sum itself is hidden: nothing to subtract from
        total = sum(values[cell] for cell in inside)
        small = [cell for cell in inside if 0 < values[cell] < threshold]
        for cell in inside:
            is_small = 0 < values[cell] < threshold
            domain = [(1, threshold - 1)] if is_small else [(0, 0), (threshold, INFINITY)]
            others = _reader_sums(len(small) - is_small, len(inside) - len(small) - (not is_small), threshold)
            if _possible(domain, total, others) < 2:
                result.add(cell)
    return result


def protect(values: Mapping[Key, int], lines: Sequence[Line], threshold: int) -> frozenset[Key]:
    """The cells to hide: « moins de N » (0 < count < N) and « masqué » (hidden beside them), until
    no hidden cell is pinned by a line or determined by the lines (but the ones their published
    totals alone determine).

    The lines read one by one (`pinned`, cheap) come first, by rounds: in a round, each pinned
    cell gets a cell hidden beside it, but one whose lines a hide of the same round already
    touched, which waits for the next round (that hide may be enough). Only when no line alone
    pins a cell with a visible cell beside it (a line all hidden pins only what its published total
    says anyway) is the whole system solved (`determined`, costly at a network's thousands of lines), and then
    one cell is hidden per solve, since one hide may undo several solutions."""
    if threshold <= 1:
        return frozenset()
    order = {key: index for index, key in enumerate(values)}
    hidden = complementary(values, lines, primary(values, threshold))
    if not hidden:
        return frozenset()
    forced = determined(lines, set(values))
    lines_of: dict[Key, list[Line]] = {}
    for line in lines:
        for cell in line.cells:
            lines_of.setdefault(cell, []).append(line)
    while True:
        touched: set[int] = set()  # the lines (by id) a hide of this round changed
        for cell in sorted(pinned(values, lines, hidden, threshold) - forced, key=order.__getitem__):
            around_lines = lines_of.get(cell, [])
            if any(id(line) in touched for line in around_lines):
                continue
            around = [c for line in around_lines for c in line.cells if c not in hidden]
            if around:  # else every cell of its lines is hidden: their totals say it anyway
                beside = next_smallest(values, around, order)
                hidden.add(beside)
                touched.update(id(line) for line in (*around_lines, *lines_of.get(beside, [])))
        if not touched and not _hide_beside_one_determined(values, lines, hidden, forced, order, lines_of):
            return frozenset(hidden)
        hidden = complementary(values, lines, hidden)


def _hide_beside_one_determined(
    values: Mapping[Key, int],
    lines: Sequence[Line],
    hidden: set[Key],
    forced: set[Key],
    order: Mapping[Key, int],
    lines_of: Mapping[Key, list[Line]],
) -> bool:
    """Hide a cell beside the first cell the lines combined determine: in its lines, or else in the
    lines reached from it through hidden cells (they combine to pin it; a cell hidden anywhere else
    leaves it as it is). One only, since one hide may undo several solutions. False if none."""
    for cell in sorted(determined(lines, hidden) - forced, key=order.__getitem__):
        around = [c for line in lines_of.get(cell, []) for c in line.cells if c not in hidden]
        if not around:  # pinned through other lines: hide beside those
            around = [c for line in _reached(cell, hidden, lines_of) for c in line.cells if c not in hidden]
        if around:
            hidden.add(next_smallest(values, around, order))
            return True
    return False


def _reached(cell: Key, hidden: set[Key], lines_of: Mapping[Key, list[Line]]) -> list[Line]:
    """The lines reached from a cell through hidden cells: the part of the system that says what it is."""
    reached: dict[int, Line] = {}
    seen, todo = {cell}, [cell]
    while todo:
        for line in lines_of.get(todo.pop(), []):
            if id(line) not in reached:
                reached[id(line)] = line
                fresh = [other for other in line.cells if other in hidden and other not in seen]
                seen.update(fresh)
                todo += fresh
    return list(reached.values())
