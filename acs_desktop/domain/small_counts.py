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

Standard library only, and exact: integers and fractions. At a network's size (5,000 relays, 30,000
cells, thousands of lines) `protect` keeps what each line holds up to date as it hides, and
`determined` eliminates sparsely: the report's protection takes a fraction of a second.
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
    state = _Hiding(values, lines)
    for cell in hidden:
        state.hide(cell)
    state.complete()
    return state.hidden


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


def _line_pins(total: int, small: int, masked: int, threshold: int) -> tuple[bool, bool]:
    """Whether a reader pins a line's hidden cells from the line alone: its `small` « moins de N »
    and its `masked` « masqué » add up to `total` (the line's total minus the cells shown); a
    « moins de N » is 1 to N − 1, a « masqué » is 0 or N and more. Every hidden cell of a kind
    reads the same, so the answer is per kind: (the « moins de N » pinned, the « masqué » pinned)."""
    small_pinned = small > 0 and (
        _possible([(1, threshold - 1)], total, _reader_sums(small - 1, masked, threshold)) < 2
    )
    masked_pinned = masked > 0 and (
        _possible([(0, 0), (threshold, INFINITY)], total, _reader_sums(small, masked - 1, threshold)) < 2
    )
    return small_pinned, masked_pinned


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
        small = [cell for cell in inside if 0 < values[cell] < threshold]
        masked = [cell for cell in inside if not 0 < values[cell] < threshold]
        small_pinned, masked_pinned = _line_pins(
            sum(values[cell] for cell in inside), len(small), len(masked), threshold
        )
        result.update(small if small_pinned else ())
        result.update(masked if masked_pinned else ())
    return result


class _Hiding:
    """The hidden cells while `protect` works, and what each line holds of them, kept up to date
    hide after hide: a network's lines are thousands, a round's hides a few, so nothing is read
    again from the start — the lines with a lone hidden cell, each line's hidden sum and kinds
    (`_line_pins`), each line's next smallest visible cell (its cells ranked once)."""

    def __init__(self, values: Mapping[Key, int], lines: Sequence[Line], threshold: int = 0) -> None:
        self.values = values
        self.lines = lines
        self.threshold = threshold  # for the pins (0: not asked)
        self.order = {key: index for index, key in enumerate(values)}
        self.hidden: set[Key] = set()
        self.lines_of: dict[Key, list[int]] = {}  # a line once per place the cell holds in it
        for index, line in enumerate(lines):
            for cell in line.cells:
                self.lines_of.setdefault(cell, []).append(index)
        self.count = [0] * len(lines)  # hidden places per line
        self.sum = [0] * len(lines)
        self.small: list[list[Key]] = [[] for _ in lines]  # hidden « moins de N » per line
        self.masked: list[list[Key]] = [[] for _ in lines]
        self.lone: set[int] = set()  # lines with one hidden place and another one to hide beside it
        self.changed: set[int] = set()  # lines whose pins are to be read again
        self.pins: dict[int, tuple[bool, bool]] = {}  # the lines that pin something
        self.ranked: dict[int, list[Key]] = {}  # a line's cells, smallest first
        self.shown_from: dict[int, int] = {}  # where in `ranked` its next visible cell is

    def key(self, cell: Key) -> tuple[bool, int, int]:
        """`next_smallest`'s order: the smallest count, a 0 last, ties to the cell listed first."""
        value = self.values[cell]
        return value == 0, value, self.order[cell]

    def hide(self, cell: Key) -> list[int]:
        """Hide a cell; the lines it leaves with a lone hidden cell."""
        if cell in self.hidden:
            return []
        self.hidden.add(cell)
        value = self.values[cell]
        kind = self.small if 0 < value < self.threshold else self.masked
        indices = self.lines_of.get(cell, [])
        for index in indices:
            self.count[index] += 1
            self.sum[index] += value
            kind[index].append(cell)
            self.changed.add(index)
        lone = []
        for index in indices:
            if self.count[index] == 1 and len(self.lines[index].cells) > 1:
                if index not in self.lone:
                    self.lone.add(index)
                    lone.append(index)
            else:
                self.lone.discard(index)
        return lone

    def smallest_shown(self, index: int) -> Key | None:
        """The next smallest visible cell of a line, None if none is left."""
        ranked = self.ranked.get(index)
        if ranked is None:
            ranked = self.ranked[index] = sorted(set(self.lines[index].cells), key=self.key)
        at = self.shown_from.get(index, 0)
        while at < len(ranked) and ranked[at] in self.hidden:
            at += 1  # a cell once hidden stays hidden: the search goes on from there next time
        self.shown_from[index] = at
        return ranked[at] if at < len(ranked) else None

    def beside(self, indices: Iterable[int]) -> Key | None:
        """The cell to hide beside one in these lines: the smallest visible cell of any of them."""
        shown = [cell for cell in map(self.smallest_shown, indices) if cell is not None]
        return min(shown, key=self.key) if shown else None

    def reached(self, cell: Key) -> set[int]:
        """The lines reached from a cell through hidden cells: the part of the system that says what
        it is (a cell hidden anywhere else leaves it as it is)."""
        lines: set[int] = set()
        seen, todo = {cell}, [cell]
        while todo:
            for index in self.lines_of.get(todo.pop(), []):
                if index not in lines:
                    lines.add(index)
                    fresh = [other for other in self.lines[index].cells if other in self.hidden and other not in seen]
                    seen.update(fresh)
                    todo += fresh
        return lines

    def complete(self) -> None:
        """`complementary`, from where it stands: passes over the lines in their order, each line
        read as it is when its turn comes, until no line has a lone hidden cell."""
        while self.lone:
            queue = sorted(self.lone)  # this pass; a line turned lone behind the pass waits for the next
            done = -1
            while queue:
                index = heapq.heappop(queue)
                if index <= done or index not in self.lone:
                    continue
                done = index
                beside = self.smallest_shown(index)
                assert beside is not None  # a lone line has another cell, visible
                for lone in self.hide(beside):
                    if lone > done:
                        heapq.heappush(queue, lone)

    def exposed(self) -> set[Key]:
        """`pinned`, from the lines changed since it was last asked."""
        for index in self.changed:
            line = self.lines[index]
            pins = (False, False)
            if self.count[index] and (line.total is None or line.total not in self.hidden):
                small = len(self.small[index])
                pins = _line_pins(self.sum[index], small, self.count[index] - small, self.threshold)
            if any(pins):
                self.pins[index] = pins
            else:
                self.pins.pop(index, None)
        self.changed.clear()
        result: set[Key] = set()
        for index, (small_pinned, masked_pinned) in self.pins.items():
            result.update(self.small[index] if small_pinned else ())
            result.update(self.masked[index] if masked_pinned else ())
        return result


def protect(values: Mapping[Key, int], lines: Sequence[Line], threshold: int) -> frozenset[Key]:
    """The cells to hide: « moins de N » (0 < count < N) and « masqué » (hidden beside them), until
    no hidden cell is pinned by a line or determined by the lines (but the ones their published
    totals alone determine).

    The lines read one by one (`pinned`, cheap) come first, by rounds: in a round, each pinned
    cell gets a cell hidden beside it, but one whose lines a hide of the same round already
    touched, which waits for the next round (that hide may be enough). Only when no line alone
    pins a cell with a visible cell beside it (a line all hidden pins only what its published total
    says anyway) is the whole system solved (`determined`), and then one cell is hidden per solve,
    since one hide may undo several solutions. The hidden cells and what each line holds of them
    are kept up to date hide after hide (`_Hiding`): a round costs what it changes."""
    if threshold <= 1:
        return frozenset()
    state = _Hiding(values, lines, threshold)
    for cell in primary(values, threshold):
        state.hide(cell)
    state.complete()
    if not state.hidden:
        return frozenset()
    forced = determined(lines, set(values))
    while True:
        touched: set[int] = set()  # the lines (by index) a hide of this round changed
        for cell in sorted(state.exposed() - forced, key=state.order.__getitem__):
            around = state.lines_of.get(cell, [])
            if touched.isdisjoint(around):
                beside = state.beside(around)
                if beside is not None:  # else every cell of its lines is hidden: their totals say it
                    state.hide(beside)
                    touched.update(around, state.lines_of[beside])
        if not touched and not _hide_beside_one_determined(state, determined(lines, state.hidden) - forced):
            return frozenset(state.hidden)
        state.complete()


def _hide_beside_one_determined(state: _Hiding, solved: set[Key]) -> bool:
    """Hide a cell beside the first determined cell there is one to hide beside: in its lines, or
    else in the lines reached from it through hidden cells (they combine to pin it). One only, since
    one hide may undo several solutions. False if none."""
    for cell in sorted(solved, key=state.order.__getitem__):
        beside = state.beside(state.lines_of.get(cell, []))
        if beside is None:
            beside = state.beside(state.reached(cell))
        if beside is not None:
            state.hide(beside)
            return True
    return False
