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

Standard library only, and exact: integers, and fractions where a pivot asks for one. At a
network's size (5,000 relays, 30,000 cells, thousands of lines) `determined` eliminates sparsely
and takes a fraction of a second; `protect` still solves it only when the lines read alone pin
nothing.
"""

from __future__ import annotations

import heapq
import random
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


Number = int | Fraction


def determined(lines: Sequence[Line], hidden: set[Key] | frozenset[Key]) -> set[Key]:
    """The hidden cells the lines pin down, however they are combined (sums, differences): a cell
    is determined when its unit vector lies in the row space of the lines' coefficients on the
    hidden cells, that is when every solution of « each line adds up to 0 » leaves it at 0.

    Exact, and fast at a network's thousands of lines: a sparse elimination to echelon form (the
    shortest row first, pivoting on the column the fewest other rows hold, so that the long lines
    stay few and the numbers small integers), then one such solution with random values on the
    free columns, checked against the lines themselves. A cell it does not leave at 0 is not
    determined: that solution moves it. A cell it leaves at 0 is determined but with a chance of
    2⁻⁶¹, and is confirmed exactly: its unit vector, reduced by the echelon rows, comes to nothing.
    So a wrong elimination could at worst hide more, never publish a determined cell."""
    unknowns: dict[Key, int] = {}  # column by cell, in the lines' order (never a set's: runs agree)
    rows: list[dict[int, Number]] = []
    for line in lines:
        row: dict[int, Number] = {}
        for cell, coefficient in _coefficients(line):
            if cell in hidden:
                column = unknowns.setdefault(cell, len(unknowns))
                row[column] = row.get(column, 0) + coefficient
        row = {column: value for column, value in row.items() if value}
        if row:
            rows.append(row)
    pivots = _echelon([dict(row) for row in rows])
    solution = _null_solution(pivots, len(unknowns), random.Random(0))
    if any(sum(value * solution[column] for column, value in row.items()) for row in rows):
        raise ArithmeticError("small counts: the elimination went wrong, nothing can be published")
    position = {pivot: index for index, (pivot, _) in enumerate(pivots)}
    cells = list(unknowns)
    return {
        cells[column]
        for column in range(len(cells))
        if not solution[column] and _in_row_space(pivots, position, column)
    }


def _coefficients(line: Line) -> list[tuple[Key, int]]:
    """The line as « members − total = 0 » (or « members = a published sum »)."""
    pairs = [(cell, 1) for cell in line.members]
    return pairs if line.total is None else [*pairs, (line.total, -1)]


def _quotient(a: Number, b: Number) -> Number:
    """a ÷ b exactly: an int while it is one (the coefficients are ±1, and so nearly always are
    the pivots), a fraction otherwise."""
    if b == 1:
        return a
    if b == -1:
        return -a
    quotient = Fraction(a) / b
    return quotient.numerator if quotient.denominator == 1 else quotient


def _subtract(row: dict[int, Number], factor: Number, pivot_row: dict[int, Number]) -> tuple[list[int], list[int]]:
    """row −= factor × pivot_row, in place; the columns the row gained, and those it lost."""
    gained, lost = [], []
    for column, value in pivot_row.items():
        updated = row.get(column, 0) - factor * value
        if updated:
            if column not in row:
                gained.append(column)
            row[column] = updated
        elif column in row:
            del row[column]
            lost.append(column)
    return gained, lost


def _echelon(rows: list[dict[int, Number]]) -> list[tuple[int, dict[int, Number]]]:
    """Gaussian elimination of sparse rows (in place), to (pivot column, row) in elimination
    order: a row holds no pivot column of the rows before it. The shortest active row goes
    first, on its column with a coefficient ±1 held by the fewest other active rows (Markowitz):
    the short lines (a row's issued = used + unused) are eliminated into the long ones (a column
    of thousands of relays) without filling them much."""
    active = dict(enumerate(rows))
    holders: dict[int, set[int]] = {}  # column -> the active rows holding it
    for index, row in active.items():
        for column in row:
            holders.setdefault(column, set()).add(index)
    queue = [(len(row), index) for index, row in active.items()]
    heapq.heapify(queue)
    pivots: list[tuple[int, dict[int, Number]]] = []
    while queue:
        length, index = heapq.heappop(queue)
        if index not in active or len(active[index]) != length:
            continue  # eliminated already, or changed since (queued again with its new length)
        row = active.pop(index)
        for column in row:
            holders[column].discard(index)
        if not row:
            continue  # a combination of the rows before it
        pivot = min(row, key=lambda column: (row[column] not in (1, -1), len(holders[column])))
        pivots.append((pivot, row))
        for other in list(holders[pivot]):
            target = active[other]
            gained, lost = _subtract(target, _quotient(target[pivot], row[pivot]), row)
            for column in gained:
                holders[column].add(other)
            for column in lost:
                holders[column].discard(other)
            heapq.heappush(queue, (len(target), other))
    return pivots


def _null_solution(pivots: list[tuple[int, dict[int, Number]]], columns: int, rng: random.Random) -> list[Number]:
    """A solution of « every row = 0 »: random values on the free columns (those of no pivot),
    then each pivot's value from its row, the last row first."""
    solution: list[Number] = [rng.randrange(1, 1 << 61) for _ in range(columns)]
    for pivot, row in reversed(pivots):
        rest = sum(value * solution[column] for column, value in row.items() if column != pivot)
        solution[pivot] = _quotient(-rest, row[pivot]) if rest else 0
    return solution


def _in_row_space(pivots: list[tuple[int, dict[int, Number]]], position: dict[int, int], column: int) -> bool:
    """Whether the unit vector of `column` is a combination of the echelon rows: reduced by them in
    their order, nothing is left."""
    if column not in position:
        return False  # a free column: no row can start it
    left: dict[int, Number] = {column: 1}
    queue = [position[column]]
    while queue:
        pivot, row = pivots[heapq.heappop(queue)]
        factor = left.get(pivot)
        if not factor:
            continue  # cancelled since it was queued, or queued twice
        for gained in _subtract(left, _quotient(factor, row[pivot]), row)[0]:
            if gained in position:
                heapq.heappush(queue, position[gained])
    return not left


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
    says anyway) is the whole system solved (`determined`), and then
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
