"""The one decision over the whole hierarchy (``disclosure.release``) on its own: no set of finest groups below
k may follow from the published tables by any linear combination – the union of hidden cells included."""

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompas.surveys.disclosure import MIN_K, RELEASED_TABLES, release, summarise_tables

UNITS = {f"u{d}{u}": f"d{d}" for d in range(3) for u in range(4)}

micro = st.lists(
    st.tuples(st.sampled_from(("leader", "employee")), st.sampled_from(sorted(UNITS)), st.integers(1, 12)),
    min_size=1,
    max_size=14,
    unique_by=lambda g: (g[0], g[1]),
)


def _rows(spec):
    return [
        {"role": role, "department": UNITS[unit], "unit": unit, "q": (i % 5) + 1}
        for role, unit, n in spec
        for i in range(n)
    ]


def _derivable_small_sets(tables, by, sizes, k):
    """Every set of finest groups with 0 < n < k whose indicator is in the row space of the shown cells."""
    keys = sorted(sizes)
    rows = []
    for table, cells in tables.items():
        idx = [by.index(a) for a in table]
        for cell in cells:
            if not cell.suppressed:
                rows.append(
                    [float(all(key[i] == v for i, v in zip(idx, cell.key, strict=True))) for key in keys]
                )
    matrix = np.array(rows).reshape(len(rows), len(keys))
    small = [key for key in keys if sizes[key] < k]
    found = []
    for size in range(1, k):
        for combo in itertools.combinations(small, size):
            n = sum(sizes[key] for key in combo)
            if n >= k:
                continue
            target = np.array([float(key in combo) for key in keys])
            if not len(rows):
                continue
            solution = np.linalg.lstsq(matrix.T, target, rcond=None)[0]
            if np.abs(matrix.T @ solution - target).max() < 1e-6:
                found.append((combo, n))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(micro, st.integers(MIN_K, 6))
def test_no_union_of_hidden_groups_below_k_follows_from_the_released_tables(spec, k):
    by = ("role", "department", "unit")
    tables = release(_rows(spec), "q", k)
    sizes = {(role, UNITS[unit], unit): n for role, unit, n in spec}
    assert _derivable_small_sets(tables, by, sizes, k) == []
    for cells in tables.values():
        for cell in cells:
            assert cell.suppressed or cell.n >= k


def test_department_minus_its_one_shown_unit_is_not_left_open():
    """Issue 12 in miniature: a department of 14 with a unit of 10 and two units of 2 – the unit of 10 must
    not be shown next to the department, or the two small units (4 together) follow by subtraction."""
    spec = [("employee", "u00", 10), ("employee", "u01", 2), ("employee", "u02", 2), ("employee", "u10", 30)]
    tables = release(_rows(spec), "q", 5)
    department = {c.key: c for c in tables[("department",)]}[("d0",)]
    units = {c.key[0]: c for c in tables[("unit",)]}
    assert units["u01"].suppressed and units["u02"].suppressed
    assert department.suppressed or units["u00"].suppressed
    # Everything that can safely be shown still is: the other department and its unit, and the total.
    assert not units["u10"].suppressed and not tables[()][0].suppressed
    assert set(RELEASED_TABLES) == set(tables)


def test_two_hidden_cells_of_four_together_are_not_enough():
    """The old rule (no parent with exactly one hidden child) let two hidden cells of 2 + 2 be subtracted."""
    rows = [{"u": u, "q": 3} for u, n in {"a": 20, "b": 2, "c": 2}.items() for _ in range(n)]
    cells = {c.key: c for c in summarise_tables(rows, ["u"], "q", [("u",)], 5)[("u",)]}
    assert cells[("a",)].suppressed and cells[("b",)].suppressed and cells[("c",)].suppressed
