"""Small counts protected: no hidden cell can be recomputed from a published total.

Tables are drawn at random (hypothesis): counts in rows, a published total per column, sometimes
a total per row (a cell of the table, or a sum published elsewhere), or a network's relays in kinds
and communes; the property is checked both by subtraction line by line and by solving all the
relations together. The fast `determined` and `protect` are checked against plain, slow references
kept here (the module as it was)."""

from fractions import Fraction
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from acs_desktop.domain.small_counts import (
    Line,
    complementary,
    determined,
    lone_hidden,
    next_smallest,
    pinned,
    primary,
    protect,
    small_text,
)


def table_lines(rows: int, columns: int, *, row_totals: bool) -> list[Line]:
    lines = [Line(tuple((r, c) for r in range(rows))) for c in range(columns)]
    if row_totals:
        lines += [Line(tuple((r, c) for c in range(columns))) for r in range(rows)]
    return lines


tables = st.integers(1, 7).flatmap(
    lambda rows: st.integers(1, 6).flatmap(
        lambda columns: st.tuples(
            st.lists(st.lists(st.integers(0, 40), min_size=columns, max_size=columns), min_size=rows, max_size=rows),
            st.booleans(),
            st.integers(0, 8),
        )
    )
)


def values_of(grid):
    return {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row)}


def protected(case):
    """A drawn table: its cells, its lines, what `protect` hides, and what the totals alone give."""
    grid, row_totals, threshold = case
    values = values_of(grid)
    lines = table_lines(len(grid), len(grid[0]), row_totals=row_totals)
    return values, lines, protect(values, lines, threshold), determined(lines, set(values))


def recomputed_by_subtraction(values, lines, hidden):
    """The hidden cells a reader gets as « a line's total minus its other cells »."""
    found = set()
    for line in lines:
        inside = [c for c in line.cells if c in hidden]
        if len(inside) == 1:
            found.add(inside[0])
    return found


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_hidden_cell_is_a_total_minus_the_other_cells(case):
    values, lines, hidden, forced = protected(case)  # forced: a table of one row, the total is the cell
    assert not (recomputed_by_subtraction(values, lines, hidden) - forced)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_hidden_cell_is_pinned_by_the_totals_combined(case):
    _, lines, hidden, forced = protected(case)
    assert not (determined(lines, hidden) - forced)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_small_count_is_hidden_and_totals_are_untouched(case):
    threshold = case[2]
    values, _, hidden, _ = protected(case)
    if threshold > 1:
        assert primary(values, threshold) <= hidden
    else:
        assert not hidden
    assert hidden <= set(values)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_with_several_rows_and_columns_totals_pin_nothing(case):
    """Beyond one row or one column nothing is forced: every hidden cell stays unknown."""
    grid, row_totals, _ = case
    _, lines, hidden, _ = protected(case)
    if len(grid) >= 2 and (len(grid[0]) >= 2 or not row_totals):
        assert not determined(lines, hidden)


def test_the_next_smallest_cell_of_the_column_is_hidden_with_a_small_one():
    values = {"a": 3, "b": 12, "c": 8, "d": 40}
    lines = [Line(("a", "b", "c", "d"))]
    assert complementary(values, lines, primary(values, 5)) == {"a", "c"}


def test_a_group_line_hides_the_group_cell_with_its_only_member():
    """A relay type with one relay: its line is the relay's; hiding one hides the other."""
    values = {"relay": 3, "other": 20, "type": 3, "type2": 20}
    lines = [Line(("relay", "other")), Line(("type", "type2")), Line(("relay",), "type"), Line(("other",), "type2")]
    hidden = protect(values, lines, 5)
    assert {"relay", "type"} <= hidden
    assert not lone_hidden(lines, hidden)


def test_a_bridge_between_two_hidden_squares_is_found_and_covered():
    """Every line holds two hidden cells, yet the cell joining two squares is pinned by the
    totals combined: the linear check hides more."""
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    lines = table_lines(4, 4, row_totals=True)
    assert not lone_hidden(lines, hidden)
    assert (1, 2) in determined(lines, hidden)
    values = {(r, c): 30 for r in range(4) for c in range(4)}
    for cell in hidden:
        values[cell] = 1
    protected = protect(values, lines, 2)
    assert not determined(lines, protected)


def test_a_cell_pinned_by_a_fully_hidden_line_does_not_stop_the_linear_check():
    """A line whose cells are all hidden pins one of them (0 and 1 under a published 1: nothing is
    left to hide beside it, its total says it anyway). The bridge of another table is still found
    and covered: that pin once ended `protect` before the whole system was solved."""
    bridge = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    values = {(r, c): 3 if (r, c) in bridge else 30 for r in range(4) for c in range(4)}
    lines = table_lines(4, 4, row_totals=True)
    values.update(a=0, b=1)
    lines.append(Line(("a", "b")))
    hidden = protect(values, lines, 5)
    assert {"a", "b"} <= hidden and pinned(values, lines, hidden, 5) == {"a", "b"}
    assert not determined(lines, hidden)
    assert (0, 2) in hidden  # beside (1, 2), the smallest of its lines


def test_determined_on_a_two_by_two_table():
    lines = table_lines(2, 2, row_totals=True)
    assert determined(lines, {(0, 0), (0, 1)}) == {(0, 0), (0, 1)}
    assert determined(lines, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()


def test_off_and_text():
    values = {"a": 1, "b": 2}
    assert protect(values, [Line(("a", "b"))], 0) == frozenset()
    assert small_text(5) == "moins de 5"


def reader_domain(value, threshold, limit):
    """What a reader knows of a hidden cell from its label."""
    if 0 < value < threshold:
        return set(range(1, threshold))
    return {0} | set(range(threshold, limit + 1))


def possible_values(values, line, hidden, threshold):
    """Brute force (sets of sums), independent of the module: for each hidden cell of a line whose
    total is published, the values a reader finds possible."""
    inside = [c for c in line.cells if c in hidden]
    total = sum(values[c] for c in inside)
    found = {}
    for cell in inside:
        sums = {0}
        for other in inside:
            if other != cell:
                sums = {s + v for s in sums for v in reader_domain(values[other], threshold, total) if s + v <= total}
        found[cell] = {v for v in reader_domain(values[cell], threshold, total) if total - v in sums}
    return found


@settings(max_examples=300, deadline=None)
@given(tables)
def test_a_reader_who_knows_what_the_labels_mean_pins_no_hidden_cell(case):
    """« moins de N » is 1 to N − 1, « masqué » 0 or N and more: with a line's total, a reader
    still finds two values possible for every hidden cell, unless the whole line is hidden (then
    its published total says it), or the published totals alone give it (a table of one line)."""
    threshold = case[2]
    values, lines, hidden, forced = protected(case)
    for line in lines:
        if all(c in hidden for c in line.cells):
            continue
        for cell, possible in possible_values(values, line, hidden, threshold).items():
            assert cell in forced or len(possible) >= 2, (cell, possible)


def test_a_cell_hidden_for_one_line_serves_the_next_one():
    """Hiding 12 beside 3 in the column also covers the group line 3 + 12 = 15: the group's 15
    need not be hidden too (each line is read as it is at the moment, not as it was)."""
    values = {"a": 3, "b": 12, "c": 40, "k1": 15, "k2": 40}
    lines = [Line(("a", "b", "c")), Line(("k1", "k2")), Line(("a", "b"), "k1"), Line(("c",), "k2")]
    assert protect(values, lines, 5) == {"a", "b"}


def test_a_network_s_table_is_protected_with_few_solves_of_the_whole_system(monkeypatch):
    """Hundreds of relays: each line read alone first, by rounds; the whole system is solved only
    when no line alone pins a cell (it was solved once per cell hidden: minutes, then hours)."""
    import random

    from acs_desktop.domain import small_counts

    rng = random.Random(7)
    rows, columns = 150, 6
    values = {(r, c): rng.choice([0, 1, 2, 3, 4, 6, 8, 12, 20, 40]) for r in range(rows) for c in range(columns)}
    lines = table_lines(rows, columns, row_totals=True)
    solves = []
    solve = small_counts.determined
    monkeypatch.setattr(small_counts, "determined", lambda lines, hidden: solves.append(1) or solve(lines, hidden))
    hidden = protect(values, lines, 5)
    monkeypatch.undo()
    forced = determined(lines, set(values))
    assert {cell for cell, v in values.items() if 0 < v < 5} <= hidden
    assert not (determined(lines, hidden) - forced) and not (recomputed_by_subtraction(values, lines, hidden) - forced)
    assert len(solves) <= 5  # the cells the totals alone give, then the system once or a few times


def network(relays, kinds, communes, related):
    """A network's tables as the review publishes them: relays in a kind and a commune, each field's
    column adding up to a published total, each kind's and commune's line to its relays', and
    issued = used + unused on the relays in `related`."""
    fields = ("issued", "used", "unused")
    lines = []
    for field in fields:
        lines.append(Line(tuple(("relay", i, field) for i in range(len(relays)))))
        for name, groups, of in (("kind", kinds, 1), ("commune", communes, 2)):
            lines.append(Line(tuple((name, g, field) for g in range(groups))))
            for g in range(groups):
                members = tuple(("relay", i, field) for i, relay in enumerate(relays) if relay[of] == g)
                lines.append(Line(members, (name, g, field)))
    for i in related:
        lines.append(Line((("relay", i, "used"), ("relay", i, "unused")), ("relay", i, "issued")))
    values = {}
    for i, (counts, _, _) in enumerate(relays):
        for field, value in zip(fields, counts, strict=True):
            values[("relay", i, field)] = value
    for name, groups, of in (("kind", kinds, 1), ("commune", communes, 2)):
        for g in range(groups):
            for f, field in enumerate(fields):
                values[(name, g, field)] = sum(relay[0][f] for relay in relays if relay[of] == g)
    return values, lines


networks = st.tuples(st.integers(1, 3), st.integers(1, 3)).flatmap(
    lambda groups: st.tuples(
        st.lists(
            st.tuples(
                st.tuples(*[st.sampled_from([0, 1, 2, 3, 4, 5, 6, 9, 15, 30])] * 3),
                st.integers(0, groups[0] - 1),
                st.integers(0, groups[1] - 1),
            ),
            min_size=1,
            max_size=9,
        ),
        st.just(groups),
        st.sets(st.integers(0, 8)),
    )
)


def network_of(case):
    relays, (kinds, communes), related = case
    return network(relays, kinds, communes, [i for i in related if i < len(relays)])


@settings(max_examples=100, deadline=None)
@given(tables, networks)
def test_independent_tables_are_protected_as_each_alone(table, case):
    """Two tables sharing no line (the partners' and the relays'): protected together, each hides
    what it hides alone (a cell hidden in one never covers a cell of the other), and the lines
    combined determine in each what they determine in it alone."""
    grid, row_totals, _ = table
    values = {("table", cell): value for cell, value in values_of(grid).items()}
    lines = [
        Line(tuple(("table", c) for c in line.members))
        for line in table_lines(len(grid), len(grid[0]), row_totals=row_totals)
    ]
    other_values, other_lines = network_of(case)
    both = {**values, **other_values}
    hidden = protect(both, lines + other_lines, 5)
    assert hidden == protect(values, lines, 5) | protect(other_values, other_lines, 5)
    assert determined(lines + other_lines, hidden) == determined(lines, hidden) | determined(other_lines, hidden)


# The reference for `determined`: the module's solver as it was, a dense Gauss–Jordan over fractions of
# the whole system, slow and plain. The sparse one must agree with it exactly.


def reference_determined(lines, hidden):
    unknowns = sorted({cell for line in lines for cell in line.cells if cell in hidden}, key=repr)
    column = {cell: index for index, cell in enumerate(unknowns)}
    pivots = []  # (pivot column, row in reduced form)
    for line in lines:
        row = {}
        for cell in line.members:
            if cell in column:
                row[column[cell]] = row.get(column[cell], Fraction(0)) + 1
        if line.total in column:
            row[column[line.total]] = row.get(column[line.total], Fraction(0)) - 1
        row = {k: v for k, v in row.items() if v}
        for pivot, reduced in pivots:
            factor = row.get(pivot)
            if factor:
                row = {k: row.get(k, 0) - factor * reduced.get(k, 0) for k in row.keys() | reduced.keys()}
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        pivot = min(row)
        row = {k: v / row[pivot] for k, v in row.items()}
        for index, (other, reduced) in enumerate(pivots):
            factor = reduced.get(pivot)
            if factor:
                updated = {k: reduced.get(k, 0) - factor * row.get(k, 0) for k in reduced.keys() | row.keys()}
                pivots[index] = (other, {k: v for k, v in updated.items() if v})
        pivots.append((pivot, row))
    return {unknowns[pivot] for pivot, row in pivots if len(row) == 1}


# Random relations: any cells, a cell twice in a line (a coefficient 2, a pivot that is not ±1), a
# total that is also a member; and a hidden set.
systems = st.integers(1, 9).flatmap(
    lambda cells: st.tuples(
        st.lists(
            st.tuples(
                st.lists(st.integers(0, cells - 1), min_size=1, max_size=5),
                st.one_of(st.none(), st.integers(0, cells - 1)),
            ),
            min_size=1,
            max_size=9,
        ),
        st.sets(st.integers(0, cells - 1)),
    )
)


@settings(max_examples=400, deadline=None)
@given(systems)
def test_determined_agrees_with_the_whole_system_solved_by_hand(case):
    drawn, hidden = case
    lines = [Line(tuple(members), total) for members, total in drawn]
    assert determined(lines, hidden) == reference_determined(lines, hidden)


def test_determined_confirms_a_cell_its_random_solution_leaves_at_0(monkeypatch):
    """a + b = c with b and c free: a random solution leaves a at 0 only when b and c draw the same
    value, which they do here. a is not determined (it is c − b): the exact check says so."""
    from acs_desktop.domain import small_counts

    class Same:
        def __init__(self, seed):
            pass

        def randrange(self, start, stop):
            return 7

    monkeypatch.setattr(small_counts, "random", SimpleNamespace(Random=Same))
    assert determined([Line(("a", "b"), "c")], {"a", "b", "c"}) == set()
    assert determined([Line(("a", "b"), "c"), Line(("b",)), Line(("c",))], {"a", "b", "c"}) == {"a", "b", "c"}


def test_determined_with_a_pivot_that_is_not_one():
    """2a + b and a + 2b published: both are determined (a fraction on the way: 3a = …)."""
    lines = [Line(("a", "a", "b")), Line(("a", "b", "b"))]
    assert determined(lines, {"a", "b"}) == {"a", "b"}
    assert determined(lines[:1], {"a", "b"}) == set()
    assert determined([Line(("a", "a"), "b")], {"a"}) == {"a"}  # 2a = b, b shown


@settings(max_examples=200, deadline=None)
@given(networks, st.randoms(use_true_random=False))
def test_determined_agrees_on_a_network_s_tables(case, rng):
    values, lines = network_of(case)
    hidden = {cell for cell in values if rng.random() < 0.4}
    assert determined(lines, hidden) == reference_determined(lines, hidden)


# The reference for `protect`: as it was before it kept what each line holds up to date, every line
# read again at each round, slow and plain. The fast one must hide exactly the same cells.


def reference_complementary(values, lines, hidden):
    order = {key: index for index, key in enumerate(values)}
    result = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in result for cell in line.cells) == 1:
                visible = [cell for cell in line.cells if cell not in result]
                if visible:
                    result.add(next_smallest(values, visible, order))
                    changed = True
    return result


def reference_protect(values, lines, threshold):
    if threshold <= 1:
        return frozenset()
    order = {key: index for index, key in enumerate(values)}
    hidden = reference_complementary(values, lines, primary(values, threshold))
    if not hidden:
        return frozenset()
    forced = reference_determined(lines, set(values))
    lines_of = {}
    for line in lines:
        for cell in line.cells:
            lines_of.setdefault(cell, []).append(line)

    def shown(reached):
        return [c for line in reached for c in line.cells if c not in hidden]

    while True:
        touched = set()
        for cell in sorted(pinned(values, lines, hidden, threshold) - forced, key=order.__getitem__):
            if any(id(line) in touched for line in lines_of.get(cell, [])):
                continue
            around = shown(lines_of.get(cell, []))
            if around:
                beside = next_smallest(values, around, order)
                hidden.add(beside)
                touched.update(id(line) for line in (*lines_of.get(cell, []), *lines_of[beside]))
        if not touched:
            for cell in sorted(reference_determined(lines, hidden) - forced, key=order.__getitem__):
                around = shown(lines_of.get(cell, []))
                if not around:  # the lines reached through hidden cells
                    reached, todo = {}, [cell]
                    while todo:
                        for line in lines_of.get(todo.pop(), []):
                            if id(line) not in reached:
                                reached[id(line)] = line
                                todo += [c for c in line.cells if c in hidden]
                    around = shown(reached.values())
                if around:
                    hidden.add(next_smallest(values, around, order))
                    break
            else:
                return frozenset(hidden)
        hidden = reference_complementary(values, lines, hidden)


@settings(max_examples=200, deadline=None)
@given(networks)
def test_protect_hides_what_reading_every_line_again_hides_on_a_network(case):
    values, lines = network_of(case)
    hidden = protect(values, lines, 5)
    assert hidden == reference_protect(values, lines, 5)
    assert not (reference_determined(lines, hidden) - reference_determined(lines, set(values)))


@settings(max_examples=200, deadline=None)
@given(tables)
def test_protect_hides_what_reading_every_line_again_hides_on_a_table(case):
    grid, row_totals, threshold = case
    values = values_of(grid)
    lines = table_lines(len(grid), len(grid[0]), row_totals=row_totals)
    assert protect(values, lines, threshold) == reference_protect(values, lines, threshold)


@settings(max_examples=200, deadline=None)
@given(tables, st.randoms(use_true_random=False))
def test_pinned_is_what_a_reader_finds_by_brute_force(case, rng):
    grid, row_totals, threshold = case
    threshold = max(threshold, 2)  # below, nothing is hidden
    values = values_of(grid)
    lines = table_lines(len(grid), len(grid[0]), row_totals=row_totals)
    hidden = {cell for cell in values if rng.random() < 0.5}
    expected = set()
    for line in lines:
        if line.total in hidden:
            continue
        for cell, possible in possible_values(values, line, hidden, threshold).items():
            if len(possible) < 2:
                expected.add(cell)
    assert pinned(values, lines, hidden, threshold) == expected
