"""The disclosure layer on its own: thresholds, and attacks that try to recover hidden cells and must fail."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompas.surveys.disclosure import MIN_K, Columns, summarise, summarise_tables, texts

ROLES = ("leader", "employee")
DEPARTMENTS = ("BA", "BU", "KB", "SB", "SO", "TM")


def _rows(spec):
    rows = []
    for (role, department, n), value in spec:
        for i in range(n):
            rows.append({"role": role, "department": department, "q": (value + i) % 5 + 1})
    return rows


groups = st.lists(
    st.tuples(
        st.tuples(st.sampled_from(ROLES), st.sampled_from(DEPARTMENTS), st.integers(1, 25)),
        st.integers(0, 4),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda g: (g[0][0], g[0][1]),
)


def _published_equations(summary, micro_keys):
    """What an attacker sees: each shown aggregate as (row over the finest cells, n, sum)."""
    equations = []
    published = [(summary.by, c) for c in summary.cells] + [((), summary.total)]
    for name, cells in summary.margins.items():
        published += [((name,), c) for c in cells]
    for table, cell in published:
        if cell.suppressed:
            continue
        idx = [summary.by.index(a) for a in table]
        row = np.array(
            [all(key[i] == v for i, v in zip(idx, cell.key, strict=True)) for key in micro_keys], float
        )
        equations.append((row, cell.n, cell.n * cell.mean))
    return equations


def _recoverable(summary, true_n):
    """Hidden cells an attacker can compute exactly by any linear combination of what is shown."""
    micro_keys = list(true_n)
    equations = _published_equations(summary, micro_keys)
    matrix = np.array([e[0] for e in equations]).reshape(len(equations), len(micro_keys))
    rank = np.linalg.matrix_rank(matrix) if len(equations) else 0
    found = []
    for cell in summary.cells:
        if not cell.suppressed:
            continue
        target = np.array([key == cell.key for key in micro_keys], float)
        if np.linalg.matrix_rank(np.vstack([matrix, target])) == rank:
            found.append(cell.key)
    return found


@settings(max_examples=150, deadline=None)
@given(groups, st.integers(MIN_K, 8))
def test_no_hidden_cell_can_be_worked_out_by_linear_combination(spec, k):
    rows = _rows(spec)
    summary = summarise(rows, ["role", "department"], "q", k=k)
    true_n = {(r, d): n for (r, d, n), _v in spec}
    assert _recoverable(summary, true_n) == []
    for cell in summary.cells:
        if cell.suppressed:
            assert cell.n is None and cell.mean is None
        else:
            assert cell.n >= k and cell.n == true_n[cell.key]


@settings(max_examples=150, deadline=None)
@given(groups, st.integers(MIN_K, 8))
def test_subtraction_from_totals_never_isolates_one_hidden_cell(spec, k):
    summary = summarise(_rows(spec), ["role", "department"], "q", k=k)
    if summary.total.suppressed:
        assert all(c.suppressed for c in summary.cells)
        return
    groups_to_check = [list(summary.cells)]
    for name, margin in summary.margins.items():
        i = summary.by.index(name)
        for m in margin:
            members = [c for c in summary.cells if c.key[i] == m.key[0]]
            if not m.suppressed:
                groups_to_check.append(members)
    for members in groups_to_check:
        hidden = [c for c in members if c.suppressed]
        assert len(hidden) != 1, hidden
    # The one-way margins among themselves, against the total.
    for margin in summary.margins.values():
        assert sum(1 for c in margin if c.suppressed) != 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=10), st.integers(MIN_K, 6))
def test_one_way_table_hides_at_least_two_or_none(sizes, k):
    rows = [{"unit": f"u{i}", "q": 3} for i, n in enumerate(sizes) for _ in range(n)]
    summary = summarise(rows, ["unit"], "q", k=k)
    hidden = [c for c in summary.cells if c.suppressed]
    if not summary.total.suppressed:
        assert len(hidden) != 1
        shown_sum = sum(c.n for c in summary.cells if not c.suppressed)
        if hidden:  # what is left over is the hidden groups' sum, larger than any one of them
            hidden_sizes = [sizes[int(c.key[0][1:])] for c in hidden]
            assert summary.total.n - shown_sum == sum(hidden_sizes)
            assert summary.total.n - shown_sum > max(hidden_sizes)
    for cell in summary.cells:
        assert cell.suppressed or cell.n >= k


def test_small_cells_hidden_and_means_exact():
    rows = [{"role": "employee", "department": "A", "q": v} for v in (1, 2, 3, 4, 5, 5)]
    rows += [{"role": "leader", "department": "A", "q": 5}] * 2
    rows += [{"role": "employee", "department": "B", "q": 2}] * 7
    rows += [{"role": "leader", "department": "B", "q": 4}] * 6
    summary = summarise(rows, ["role", "department"], "q")
    assert summary.cell("leader", "A").suppressed and summary.cell("leader", "A").reason == "small"
    assert summary.cell("leader", "A").n is None
    assert summary.total.n == 21
    hidden = [c for c in summary.cells if c.suppressed]
    assert len(hidden) >= 2
    assert (
        _recoverable(
            summary, {("employee", "A"): 6, ("leader", "A"): 2, ("employee", "B"): 7, ("leader", "B"): 6}
        )
        == []
    )


def test_k_is_never_below_three():
    with pytest.raises(ValueError):
        summarise([{"d": "A", "q": 1}] * 10, ["d"], "q", k=2)
    summary = summarise([{"d": "A", "q": 1}] * 3 + [{"d": "B", "q": 2}] * 3, ["d"], "q", k=3)
    assert [c.n for c in summary.cells] == [3, 3]


def test_missing_answers_do_not_count_and_total_below_k_hides_everything():
    rows = [{"d": "A", "q": None}] * 10 + [{"d": "A", "q": 4}] * 4
    summary = summarise(rows, ["d"], "q")
    assert summary.total.suppressed and all(c.suppressed for c in summary.cells)


def test_columns_and_mappings_give_the_same_result():
    rng = np.random.default_rng(3)
    n = 400
    data = {
        "role": rng.choice(ROLES, n, p=[0.1, 0.9]),
        "department": rng.choice(DEPARTMENTS, n, p=[0.02, 0.3, 0.2, 0.2, 0.2, 0.08]),
        "q": rng.integers(1, 8, n).astype(float),
    }
    rows = [dict(zip(data, values, strict=True)) for values in zip(*data.values(), strict=True)]
    a = summarise(rows, ["role", "department"], "q")
    b = summarise(Columns(data), ["role", "department"], "q")
    assert [(c.key, c.n, c.suppressed) for c in a.cells] == [(c.key, c.n, c.suppressed) for c in b.cells]
    assert all(x.mean == pytest.approx(y.mean) for x, y in zip(a.cells, b.cells, strict=True) if x.mean)


def test_fixed_decisions_are_kept_across_tables():
    rows = [
        {"d": d, "u": f"{d}{i}", "q": 3}
        for d, sizes in {"A": [20, 3], "B": [30, 30, 30]}.items()
        for i, size in enumerate(sizes)
        for _ in range(size)
    ]
    tables = summarise_tables(
        rows, ["d", "u"], "q", [("u",), ("d",)], fixed={("d",): {("A",): True, ("B",): True}}
    )
    departments = {c.key: c for c in tables[("d",)]}
    assert not departments[("A",)].suppressed and not departments[("B",)].suppressed
    units = {c.key: c for c in tables[("u",)]}
    assert units[("A1",)].suppressed and units[("A0",)].suppressed  # the partner inside the department


def test_free_text_only_for_groups_of_ten_and_cpr_guarded():
    rows = [{"u": "big", "t": f"svar {i}"} for i in range(10)]
    rows += [{"u": "big", "t": "mit cpr er 010190-1234"}]
    rows += [{"u": "small", "t": "MARKER-SMALL"} for _ in range(9)]
    found = texts(rows, ["u"], "t")
    assert list(found) == [("big",)]
    assert all("010190" not in t for t in found[("big",)])
    assert "MARKER-SMALL" not in str(found)


def test_every_cross_pattern_of_three_by_three_is_safe():
    for sizes in itertools.product([1, 6], repeat=4):
        spec = [((r, d, n), 0) for (r, d), n in zip(itertools.product(ROLES, ("A", "B")), sizes, strict=True)]
        summary = summarise(_rows(spec), ["role", "department"], "q", k=5)
        assert _recoverable(summary, {(r, d): n for (r, d, n), _ in spec}) == []


units_spec = st.lists(
    st.tuples(st.sampled_from(DEPARTMENTS[:3]), st.integers(1, 30), st.integers(0, 6)),
    min_size=1,
    max_size=10,
)


@settings(max_examples=120, deadline=None)
@given(units_spec, st.integers(MIN_K, 7))
def test_unit_table_with_department_margins_from_another_page_cannot_be_subtracted(spec, k):
    """The leader's unit page and the role × department page share the department totals; together they
    must not give away a hidden unit."""
    rows = []
    for u, (department, size, leaders) in enumerate(spec):
        for i in range(size):
            rows.append(
                {
                    "department": department,
                    "unit": f"u{u}",
                    "role": "leader" if i < leaders else "employee",
                    "q": (i % 5) + 1,
                }
            )
    cross = summarise(rows, ["role", "department"], "q", k=k)
    fixed = {("department",): {c.key: not c.suppressed for c in cross.margins["department"]}}
    tables = summarise_tables(
        rows, ["department", "unit"], "q", [("unit",), ("department",)], k=k, fixed=fixed
    )
    # Department margins published by the cross table (or the unit table, which must agree).
    assert {c.key: c.suppressed for c in tables[("department",)]} == {
        c.key: c.suppressed for c in cross.margins["department"]
    }
    units = sorted({r["unit"] for r in rows})
    unit_department = {r["unit"]: r["department"] for r in rows}
    equations = []
    for cell in tables[("unit",)]:
        if not cell.suppressed:
            equations.append([1.0 if u == cell.key[0] else 0.0 for u in units])
    for cell in cross.margins["department"]:
        if not cell.suppressed:
            equations.append([1.0 if unit_department[u] == cell.key[0] else 0.0 for u in units])
    if not cross.total.suppressed:
        equations.append([1.0] * len(units))
    matrix = np.array(equations).reshape(len(equations), len(units))
    rank = np.linalg.matrix_rank(matrix) if equations else 0
    for cell in tables[("unit",)]:
        if cell.suppressed:
            target = np.array([[1.0 if u == cell.key[0] else 0.0 for u in units]])
            assert np.linalg.matrix_rank(np.vstack([matrix, target])) > rank, cell.key
        else:
            assert cell.n >= k


@settings(max_examples=150, deadline=None)
@given(groups, st.integers(MIN_K, 8))
def test_sd_only_with_a_shown_cell(spec, k):
    summary = summarise(_rows(spec), ["role", "department"], "q", k=k)
    published = [*summary.cells, summary.total, *itertools.chain(*summary.margins.values())]
    for cell in published:
        if cell.suppressed:
            assert cell.sd is None and cell.n is None and cell.mean is None
        else:
            assert cell.sd is not None and cell.sd >= 0


def test_sd_is_the_sample_standard_deviation():
    rows = [{"g": "a", "q": v} for v in (1, 2, 3, 4, 5)]
    cell = summarise(rows, ["g"], "q", k=5).cell("a")
    assert cell.mean == pytest.approx(3.0) and cell.sd == pytest.approx(math.sqrt(2.5))
