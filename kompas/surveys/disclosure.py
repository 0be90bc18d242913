"""Disclosure control for survey results: only groups of at least k answers are shown, and no hidden group can
be worked out from what is shown.

Pure computation (numpy, no Django). ``summarise(responses, by, value, k=5)`` groups the answers to one item by
the attributes in ``by`` and returns a :class:`Summary` with

* ``cells``: one :class:`Cell` per combination of the ``by`` values that occurs, with ``key`` (the tuple of
  values), ``n`` (number of answers), ``mean`` and ``suppressed`` (``n`` and ``mean`` are ``None`` then);
* ``total``: the cell for everybody (key ``()``);
* ``margins``: for two or more ``by`` attributes, the one-way tables (e.g. by role and by department), which
  are published too and therefore part of what an attacker knows.

**Primary suppression**: every published aggregate (cell, margin or total) with fewer than ``k`` answers is
hidden. ``k`` is editable but never below :data:`MIN_K`.

**Complementary suppression**: every published aggregate is a linear equation in the unknown counts (and sums,
and sums of squares) of the finest groups. A hidden aggregate can be worked out exactly when its indicator
vector lies in the row space of the published equations – subtraction from a total is the simplest case,
row and column sums of a cross table the next. The engine tests each hidden aggregate against the null space
of the published equations and, while one is exposed, hides one more published aggregate (the smallest that
closes the gap). Because counts, sums and sums of squares are all additive over the same groups, the same
pattern protects all three. Finest groups known to hold at least one answer are also checked by positivity
(a published sum of ``m`` hidden groups equal to ``m`` pins each of them to one).

**Unions** (ADR 0011): hiding more cells is not enough if the hidden cells of a table hold fewer than ``k``
together – a parent minus its shown children gives their union. Under every published parent the hidden
children are therefore none, or at least two with ``k`` answers together; and an exact test then tries every
set of finest groups with fewer than ``k`` answers together and hides one more aggregate while any such set
lies in the row space of what is published (parent minus children, sums across tables, any combination).

:func:`release` makes the one decision per item for everything the survey shows (total, role, department,
role × department, unit), so pages, unit pages, trend, API and CSV all read the same cells; :func:`release_items`
makes it for every item of a wave (the survey stores the result when a wave closes).

``fixed`` (see :func:`summarise_tables`) lets a caller publish several tables from the same data consistently:
aggregates decided elsewhere keep their decision, so two pages cannot contradict each other.

Free text: :func:`texts` returns the texts of groups with at least :data:`TEXT_K` respondents, never the
others, and drops any text the CPR guard flags.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from threadpoolctl import threadpool_limits

MIN_K = 3
DEFAULT_K = 5
TEXT_K = 10
_EPS = 1e-9
# Suppression patterns already tested, keyed by the pattern (bytes of the masks) and what it was tested for.
Memo = dict[tuple[Any, ...], Any]
# The union test tries every set of finest groups with fewer than k answers together. With k = 5 and a few
# dozen small groups that is some thousands of sets; the cap only matters for a very high k over many tiny
# groups, where the largest sets are then left to the table rule (every parent's hidden union ≥ k).
SMALL_SET_CAP = 200_000

__all__ = [
    "DEFAULT_K",
    "HIERARCHY",
    "MIN_K",
    "RELEASED_TABLES",
    "TEXT_K",
    "Cell",
    "Columns",
    "Summary",
    "release",
    "release_items",
    "summarise",
    "summarise_tables",
    "texts",
]


@dataclass(frozen=True)
class Cell:
    """One published (or hidden) group. ``reason`` is "" when shown, "small" or "complementary" when hidden."""

    key: tuple[Any, ...]
    n: int | None
    mean: float | None
    suppressed: bool
    reason: str = ""
    sd: float | None = None  # sample standard deviation (shown only with the cell)


@dataclass(frozen=True)
class Summary:
    by: tuple[str, ...]
    value: str
    k: int
    cells: tuple[Cell, ...]
    total: Cell
    margins: dict[str, tuple[Cell, ...]] = field(default_factory=dict)

    def cell(self, *key: Any) -> Cell | None:
        for cell in self.cells:
            if cell.key == tuple(key):
                return cell
        return None

    @property
    def shown(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if not c.suppressed)


def check_k(k: int) -> int:
    k = int(k)
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}, got {k}.")
    return k


class Columns:
    """Responses held column-wise: ``{attribute: sequence}`` of equal length (the fast path).

    Group codes are computed once per ``by`` tuple and cached, so summarising many items of the same
    respondents costs one ``bincount`` per item.
    """

    def __init__(self, data: Mapping[str, Sequence[Any] | np.ndarray]) -> None:
        self._data = {name: np.asarray(values) for name, values in data.items()}
        lengths = {len(v) for v in self._data.values()}
        if len(lengths) > 1:
            raise ValueError("All columns must have the same length.")
        self.length = lengths.pop() if lengths else 0
        self._codes: dict[tuple[str, ...], tuple[np.ndarray, tuple[tuple[Any, ...], ...]]] = {}
        self._values: dict[str, np.ndarray] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def column(self, name: str) -> np.ndarray:
        return self._data[name]

    def values(self, name: str) -> np.ndarray:
        """The column as float64 with missing answers (None, NaN) as NaN."""
        if name not in self._values:
            raw = self._data[name] if name in self._data else np.full(self.length, np.nan)
            if raw.dtype == object:
                raw = np.array([np.nan if v is None else float(v) for v in raw], dtype=np.float64)
            self._values[name] = raw.astype(np.float64, copy=False)
        return self._values[name]

    def codes(self, by: tuple[str, ...]) -> tuple[np.ndarray, tuple[tuple[Any, ...], ...]]:
        """An integer code per row and the key tuple of each code (sorted)."""
        if by not in self._codes:
            if not by:
                self._codes[by] = (np.zeros(self.length, dtype=np.int64), ((),))
            else:
                parts = []
                uniques = []
                for name in by:
                    u, inverse = _factorize(self._data[name])
                    uniques.append(u)
                    parts.append(inverse)
                combined = np.zeros(self.length, dtype=np.int64)
                for u, inverse in zip(uniques, parts, strict=True):
                    combined = combined * len(u) + inverse
                counts = np.bincount(combined) if self.length else np.zeros(0, dtype=np.int64)
                present = np.flatnonzero(counts)
                lookup = np.zeros(len(counts), dtype=np.int64)
                lookup[present] = np.arange(len(present))
                codes = lookup[combined]
                keys = []
                for code in present.tolist():
                    key = []
                    for u in reversed(uniques):
                        code, rest = divmod(code, len(u))
                        key.append(_plain(u[rest]))
                    keys.append(tuple(reversed(key)))
                self._codes[by] = (codes.astype(np.int64), tuple(keys))
        return self._codes[by]


def _factorize(column: np.ndarray) -> tuple[list[Any], np.ndarray]:
    """(sorted distinct values, code per row) – a dictionary pass for text, ``np.unique`` for numbers."""
    if column.dtype.kind in "iub":
        u, inverse = np.unique(column, return_inverse=True)
        return [_plain(v) for v in u], inverse.astype(np.int64).ravel()
    seen: dict[str, Any] = {}
    first = np.fromiter(
        (seen.setdefault(v, len(seen)) for v in column.tolist()), dtype=np.int64, count=len(column)
    )
    distinct = list(seen)
    order = sorted(range(len(distinct)), key=lambda i: (str(type(distinct[i])), distinct[i]))
    remap = np.empty(len(distinct), dtype=np.int64)
    remap[order] = np.arange(len(distinct))
    return [distinct[i] for i in order], remap[first] if len(column) else first


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


# Responses as rows (mappings of attribute to answer) or already held column-wise.
Responses = Columns | Iterable[Mapping[str, Any]]


def _columns(responses: Responses, names: Iterable[str]) -> Columns:
    if isinstance(responses, Columns):
        return responses
    names = list(dict.fromkeys(names))
    data: dict[str, list[Any]] = {name: [] for name in names}
    for row in responses:
        for name in names:
            data[name].append(row.get(name))
    return Columns({name: np.array(values, dtype=object) for name, values in data.items()})


# --- The engine -------------------------------------------------------------------------------------------


def _nullspace(matrix: np.ndarray) -> np.ndarray:
    """An orthonormal basis (columns) of the null space of ``matrix``."""
    cols = matrix.shape[1]
    if matrix.shape[0] == 0:
        return np.eye(cols)
    _u, s, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((s > _EPS * max(matrix.shape) * (s[0] if len(s) else 1)).sum())
    return vt[rank:].T


def _exposed(
    members: np.ndarray, micro_n: np.ndarray, hidden: np.ndarray, memo: Memo | None = None
) -> np.ndarray:
    """Which hidden aggregates can be worked out exactly from the published ones.

    The linear part depends only on the pattern (which aggregates are hidden, which groups are known), so it
    is remembered in ``memo`` (one per table structure): items of a wave mostly share their pattern."""
    published = ~hidden
    known = np.zeros(members.shape[1], dtype=bool)
    singles = members.sum(axis=1) == 1
    known[np.flatnonzero(members[published & singles].any(axis=0))] = True
    # Positivity: a published sum over m unknown groups, each holding at least one answer, that equals m.
    pub_rows = members[published]
    pub_n = pub_rows @ micro_n
    while True:
        unknown_part = pub_rows & ~known
        rest = pub_n - (pub_rows & known) @ micro_n
        m = unknown_part.sum(axis=1)
        pinned = (m > 0) & (rest == m)
        if not pinned.any():
            break
        known |= unknown_part[pinned].any(axis=0)
    memo_key = (hidden.tobytes(), known.tobytes())
    if memo is not None and memo_key in memo:
        return cast(np.ndarray, memo[memo_key])
    result = _linear_exposed(members, pub_rows, hidden, known)
    if memo is not None:
        if len(memo) > 256:
            memo.clear()
        memo[memo_key] = result
    return result


def _linear_exposed(
    members: np.ndarray, pub_rows: np.ndarray, hidden: np.ndarray, known: np.ndarray
) -> np.ndarray:
    unknown = ~known
    result = np.zeros(len(hidden), dtype=bool)
    hidden_idx = np.flatnonzero(hidden)
    if not hidden_idx.size:
        return result
    if not unknown.any():
        result[hidden_idx] = True
        return result
    rows = pub_rows[:, unknown].astype(np.float64)
    rows = rows[rows.any(axis=1)]
    basis = _nullspace(rows)
    targets = members[hidden_idx][:, unknown].astype(np.float64)
    if basis.shape[1] == 0:
        result[hidden_idx] = True
        return result
    residual = np.abs(targets @ basis).max(axis=1)
    result[hidden_idx] = residual < 1e-7
    return result


def protect(
    members: np.ndarray,
    micro_n: np.ndarray,
    k: int,
    *,
    always: np.ndarray | None = None,
    fixed_hidden: np.ndarray | None = None,
    fixed_shown: np.ndarray | None = None,
    groups: Sequence[tuple[int, np.ndarray]] = (),
    memo: Memo | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Decide which aggregates to hide.

    ``members`` is a boolean matrix (aggregates × finest groups), ``micro_n`` the answers per finest group (each
    at least 1). ``always`` marks aggregates that are published whatever happens (the total). ``groups`` lists
    (parent, children): aggregates of one table that add up to a published parent (the cells of a row, the
    margins adding up to the total). Returns (hidden, primary) as boolean arrays over the aggregates.

    First the simple rule: no published parent may have exactly one hidden child (the smallest other child
    is hidden with it). Then the exact test: while any hidden aggregate lies in the row space of the published
    ones, hide the published aggregate that closes the gap (or, failing that, the smallest candidate).
    """
    n_agg = members.shape[0]
    agg_n = members.astype(np.int64) @ micro_n
    always = np.zeros(n_agg, dtype=bool) if always is None else always
    fixed_hidden = np.zeros(n_agg, dtype=bool) if fixed_hidden is None else fixed_hidden
    fixed_shown = np.zeros(n_agg, dtype=bool) if fixed_shown is None else fixed_shown
    primary = (agg_n < k) | fixed_hidden
    hidden = primary.copy()
    # No early return when nothing is below k: the finest groups (say the leaders of one unit) are not
    # published, yet a role margin minus a unit can still give one of them away.
    locked = always | fixed_shown
    covers_all = np.asarray(members.all(axis=1))
    while True:
        _hide_small_unions(hidden, locked, agg_n, k, groups)
        exposed = _exposed(members, micro_n, hidden, memo)
        if not exposed.any():
            leak = _small_leak(members, micro_n, hidden, k, memo)
            if leak is None:
                return hidden, primary
            if not _hide_one_for(leak, members, hidden, locked, covers_all, agg_n):
                return ~(always | fixed_shown | covers_all), primary
            continue
        target = int(np.flatnonzero(exposed)[0])
        candidates = np.flatnonzero(~hidden & ~locked & ~covers_all)
        if not candidates.size:
            # Nothing left that may be hidden: hide everything except what must be published. Aggregates
            # fixed as shown are published on another page already, so hiding them here would take nothing
            # back, only make the two pages contradict each other: this page then adds nothing to that one.
            hidden = ~(always | fixed_shown | covers_all)
            return hidden, primary
        # Prefer aggregates that share a published equation with the exposed one, then the smallest.
        touching = members[~hidden & members[:, members[target]].any(axis=1)].any(axis=0)
        related = candidates[(members[candidates] & touching).any(axis=1)]
        pool = related if related.size else candidates
        order = pool[np.lexsort((members[pool].sum(axis=1), agg_n[pool]))]
        chosen = int(order[0])
        for candidate in order[:64]:
            trial = hidden.copy()
            trial[candidate] = True
            if not _exposed(members, micro_n, trial, memo)[target]:
                chosen = int(candidate)
                break
        hidden[chosen] = True


def _hide_small_unions(
    hidden: np.ndarray, locked: np.ndarray, agg_n: np.ndarray, k: int, groups: Sequence[Any]
) -> None:
    """The table rule, to a fixed point: under every published parent, the hidden children are none, or at
    least two holding at least ``k`` answers together (parent minus the shown children is their union)."""
    changed = True
    while changed:
        changed = False
        for parent, children in groups:
            if hidden[parent]:
                continue
            hidden_children = hidden[children]
            count = int(hidden_children.sum())
            if count == 0 or (count >= 2 and int(agg_n[children][hidden_children].sum()) >= k):
                continue
            free = children[~hidden_children & ~locked[children]]
            if free.size:
                hidden[free[np.argmin(agg_n[free])]] = True
                changed = True


def _small_sets(micro_n: np.ndarray, k: int, cap: int = SMALL_SET_CAP) -> list[np.ndarray]:
    """Every set of finest groups holding between 1 and ``k`` - 1 answers together, as index arrays grouped by
    size (groups with no answers add nothing and are left out). At most ``cap`` sets: beyond that the largest
    sizes are not tried (see :data:`SMALL_SET_CAP`)."""
    small = np.flatnonzero((micro_n > 0) & (micro_n < k))
    small = small[np.argsort(micro_n[small], kind="stable")]
    sizes = micro_n[small].tolist()
    by_size: dict[int, list[tuple[int, ...]]] = {}
    count = 0
    stack: list[tuple[int, tuple[int, ...], int]] = [(0, (), 0)]
    while stack and count < cap:
        start, chosen, total = stack.pop()
        for pos in range(start, len(small)):
            t = total + sizes[pos]
            if t >= k:
                break
            found = (*chosen, pos)
            by_size.setdefault(len(found), []).append(found)
            count += 1
            stack.append((pos + 1, found, t))
    return [small[np.array(sets, dtype=np.intp)] for _size, sets in sorted(by_size.items())]


def _small_leak(
    members: np.ndarray, micro_n: np.ndarray, hidden: np.ndarray, k: int, memo: Memo | None = None
) -> np.ndarray | None:
    """A set of finest groups with 0 < n < k whose n, sum and sum of squares follow from what is published
    (its indicator lies in the row space of the published aggregates), or ``None``.

    This is the union test: parent minus its shown children, sums and differences across tables, any linear
    combination at all. A set's indicator ``v`` is in the row space exactly when it is orthogonal to the null
    space, i.e. when the null-space coordinates of its groups add up to zero.

    The answer is the one :func:`_small_leak_exhaustive` gives (the same sets, the same first hit), found
    faster: every set is first tested on one projection of the null-space coordinates (a number per group,
    so a sum per set), and only the sets that pass that test are tested on all coordinates. A set whose
    coordinates add up to zero also adds up to zero on any projection, so no leak is missed; the null space
    of a pattern is shared by every item of a wave that has it."""
    memo_key = ("leak", hidden.tobytes(), micro_n.tobytes(), k)
    if memo is not None and memo_key in memo:
        return cast("np.ndarray | None", memo[memo_key])
    small = np.flatnonzero((micro_n > 0) & (micro_n < k))
    small = small[np.argsort(micro_n[small], kind="stable")]
    if not small.size:
        result = None
    elif _count_small_sets(micro_n[small].tolist(), k) > SMALL_SET_CAP:
        result = _small_leak_exhaustive(members, micro_n, hidden, k)
    else:
        result = _first_leak(_published_nullspace(members, hidden, memo), small, micro_n[small], k)
    if memo is not None:
        if len(memo) > 256:
            memo.clear()
        memo[memo_key] = result
    return result


def _published_nullspace(members: np.ndarray, hidden: np.ndarray, memo: Memo | None) -> np.ndarray:
    """The null space of the published aggregates (one per suppression pattern, remembered in ``memo``)."""
    key = ("nullspace", hidden.tobytes())
    if memo is not None and key in memo:
        return cast(np.ndarray, memo[key])
    basis = _nullspace(members[~hidden].astype(np.float64))
    if memo is not None:
        if len(memo) > 256:
            memo.clear()
        memo[key] = basis
    return basis


def _count_small_sets(sizes: Sequence[int], k: int) -> int:
    """How many non-empty sets of these groups hold fewer than ``k`` answers together (subset-sum count)."""
    ways = [1] + [0] * (k - 1)  # ways[t]: sets (the empty one included) holding exactly t answers
    for size in sizes:
        for t in range(k - 1, size - 1, -1):
            ways[t] += ways[t - size]
    return sum(ways) - 1


def _first_leak(basis: np.ndarray, small: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray | None:
    """The first set (in :func:`_small_sets`' order: fewest groups first) of the ``small`` groups (sorted by
    their answers ``sizes``) with fewer than ``k`` answers whose null-space coordinates add up to zero."""
    if basis.shape[1] == 0:
        return small[:1]
    coords = basis[small]
    ray = np.random.default_rng(0).standard_normal(basis.shape[1])
    # |v · ray| <= max|v| · sum|ray|: every set that passes the exact test (max|v| < 1e-7) passes this one.
    tolerance = 1e-7 * float(np.abs(ray).sum()) * (1 + 1e-6) + 1e-12
    projected = coords @ ray
    sizes = np.asarray(sizes, dtype=np.int64)
    limit = sizes.tolist()
    # Level by level: all sets of one number of groups as rows of positions into ``small`` (ascending).
    sets = np.arange(len(small), dtype=np.intp)[:, None]
    totals = sizes.copy()
    sums = projected.copy()
    while sets.shape[0]:
        candidates = np.flatnonzero(np.abs(sums) < tolerance)
        if candidates.size:
            exact = coords[sets[candidates]].sum(axis=1)
            hits = candidates[np.abs(exact).max(axis=1) < 1e-7]
            if hits.size:
                # _small_sets lists a size's sets depth first: all positions but the last descending, the
                # last ascending.
                found = sets[hits]
                keys = [found[:, -1]] + [-found[:, j] for j in range(found.shape[1] - 2, -1, -1)]
                first: np.ndarray = small[found[np.lexsort(keys)[0]]]
                return first
        # Extend every set by one later group that keeps it below k (sizes ascend, so a range of positions).
        lo = sets[:, -1] + 1
        hi = np.searchsorted(limit, k - totals, side="left")
        count = np.maximum(hi - lo, 0)
        total = int(count.sum())
        if not total:
            break
        parent = np.repeat(np.arange(sets.shape[0]), count)
        offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        position = lo[parent] + offset
        sets = np.hstack([sets[parent], position[:, None]])
        totals = totals[parent] + sizes[position]
        sums = sums[parent] + projected[position]
    return None


def _small_leak_exhaustive(
    members: np.ndarray, micro_n: np.ndarray, hidden: np.ndarray, k: int
) -> np.ndarray | None:
    """The union test set by set (:func:`_small_sets`, at most :data:`SMALL_SET_CAP` sets): the reference for
    :func:`_small_leak`, and what it falls back to when there are more small sets than the cap."""
    sets = _small_sets(micro_n, k)
    if not sets:
        return None
    basis = _nullspace(members[~hidden].astype(np.float64))
    for idx in sets:
        if basis.shape[1] == 0:
            return cast(np.ndarray, idx[0])
        sums = basis[idx].sum(axis=1)
        hits = np.flatnonzero(np.abs(sums).max(axis=1) < 1e-7)
        if hits.size:
            return cast(np.ndarray, idx[hits[0]])
    return None


def _in_row_space(rows: np.ndarray, target: np.ndarray) -> bool:
    basis = _nullspace(rows.astype(np.float64))
    return basis.shape[1] == 0 or float(np.abs(target @ basis).max()) < 1e-7


def _hide_one_for(
    leak: np.ndarray,
    members: np.ndarray,
    hidden: np.ndarray,
    locked: np.ndarray,
    covers_all: np.ndarray,
    agg_n: np.ndarray,
) -> bool:
    """Hide the smallest published aggregate touching the leaking set whose removal breaks the derivation
    (failing that, the smallest touching one; failing that, the smallest at all). False if none may be."""
    target = np.zeros(members.shape[1], dtype=np.float64)
    target[leak] = 1.0
    free = ~hidden & ~locked & ~covers_all
    touching = np.flatnonzero(free & members[:, leak].any(axis=1))
    pool = touching if touching.size else np.flatnonzero(free)
    if not pool.size:
        return False
    order = pool[np.lexsort((members[pool].sum(axis=1), agg_n[pool]))]
    for candidate in order[:64]:
        trial = hidden.copy()
        trial[candidate] = True
        if not _in_row_space(members[~trial], target):
            hidden[candidate] = True
            return True
    hidden[int(order[0])] = True
    return True


# --- Public API -------------------------------------------------------------------------------------------


def summarise_tables(
    responses: Responses,
    by: Sequence[str],
    value: str,
    tables: Sequence[Sequence[str]],
    k: int = DEFAULT_K,
    *,
    fixed: Mapping[tuple[str, ...], Mapping[tuple[Any, ...], bool]] | None = None,
) -> dict[tuple[str, ...], tuple[Cell, ...]]:
    """Publish several tables of one item consistently.

    ``by`` names the finest grouping; each table in ``tables`` groups by a subset of it (``()`` is the total).
    ``fixed`` maps a table to ``{key: shown?}`` decisions made elsewhere (e.g. the department margins shared
    by two pages); those are kept as they are. Returns ``{table: cells}``.
    """
    k = check_k(k)
    by = tuple(by)
    wanted = [tuple(t) for t in tables]
    for table in wanted:
        if not set(table) <= set(by):
            raise ValueError(f"Table {table} is not a grouping of {by}.")
    if () not in wanted:
        wanted.append(())
    cols = _columns(responses, [*by, value])
    values = cols.values(value)
    codes, keys = cols.codes(by)
    n_micro = len(keys)
    valid = ~np.isnan(values)
    filled = np.where(valid, values, 0.0)
    micro_n = np.rint(np.bincount(codes, weights=valid.astype(np.float64), minlength=n_micro)).astype(
        np.int64
    )
    micro_sum = np.bincount(codes, weights=filled, minlength=n_micro)
    micro_sq = np.bincount(codes, weights=filled * filled, minlength=n_micro)
    present = micro_n > 0
    if present.all():
        micro_keys = keys
    else:
        micro_keys = tuple(key for key, p in zip(keys, present.tolist(), strict=True) if p)
        micro_n, micro_sum, micro_sq = micro_n[present], micro_sum[present], micro_sq[present]
    n_micro = len(micro_keys)

    structure = _structure(by, tuple(wanted), micro_keys)
    members, owners, always = structure.members, structure.owners, structure.always
    rows = owners
    fixed_hidden = np.zeros(len(rows), dtype=bool)
    fixed_shown = np.zeros(len(rows), dtype=bool)
    for i, own in enumerate(owners if fixed else ()):
        for table, key in own:
            decision = (fixed or {}).get(table, {}).get(key)
            if decision is True:
                fixed_shown[i] = True
            elif decision is False:
                fixed_hidden[i] = True
    total_n = int(micro_n.sum())
    if n_micro == 0 or total_n < k:
        hidden = np.ones(len(rows), dtype=bool)
        primary = hidden
    else:
        # The decision depends only on the structure, the answers per finest group, k and the fixed
        # decisions: items with the same counts (the options of one choice item, scale items everybody
        # answered) share it.
        decision_key = ("decision", micro_n.tobytes(), k, fixed_hidden.tobytes(), fixed_shown.tobytes())
        decided = structure.memo.get(decision_key)
        if decided is None:
            decided = protect(
                members,
                micro_n,
                k,
                always=always,
                fixed_hidden=fixed_hidden,
                fixed_shown=fixed_shown,
                groups=structure.groups,
                memo=structure.memo,
            )
            if len(structure.memo) > 256:
                structure.memo.clear()
            structure.memo[decision_key] = decided
        hidden, primary = decided
    agg_n = np.rint(structure.as_float @ micro_n).astype(np.int64).tolist()
    agg_sum = (structure.as_float @ micro_sum).tolist()
    agg_sq = (structure.as_float @ micro_sq).tolist()
    hidden_list, primary_list = hidden.tolist(), primary.tolist()
    cell_args: list[tuple[int | None, float | None, bool, str, float | None]] = []
    for i in range(len(owners)):
        if hidden_list[i]:
            cell_args.append((None, None, True, "small" if primary_list[i] else "complementary", None))
        else:
            n = agg_n[i]
            mean = agg_sum[i] / n
            var = (agg_sq[i] - n * mean * mean) / (n - 1) if n > 1 else 0.0
            cell_args.append((n, mean, False, "", math.sqrt(var) if var > 0 else 0.0))
    return {
        table: tuple(Cell(key, *cell_args[i]) for i, key in structure.sorted_cells.get(table, ()))
        for table in wanted
    }


@dataclass(frozen=True)
class _Structure:
    members: np.ndarray  # aggregates × finest groups
    as_float: np.ndarray
    owners: list[Any]  # per aggregate: [(table, key), ...] (identical aggregates are one)
    always: np.ndarray
    groups: list[Any]
    sorted_cells: dict[tuple[Any, ...], Any]  # table -> [(aggregate, key), ...] in key order
    memo: Memo = field(default_factory=dict)  # suppression patterns already tested


@functools.lru_cache(maxsize=512)
def _structure(by: tuple[Any, ...], tables: tuple[Any, ...], micro_keys: tuple[Any, ...]) -> _Structure:
    """The aggregates of a set of tables over the finest groups present (cached: items of one wave share it)."""
    rows: list[np.ndarray] = []
    owners: list[list[tuple[tuple[str, ...], tuple[Any, ...]]]] = []
    seen: dict[bytes, int] = {}
    positions = {name: i for i, name in enumerate(by)}
    n_micro = len(micro_keys)
    for table in [(), *[t for t in tables if t != ()]]:
        idx = [positions[name] for name in table]
        found: dict[tuple[Any, ...], list[int]] = {}
        for j, key in enumerate(micro_keys):
            found.setdefault(tuple(key[i] for i in idx), []).append(j)
        for key, js in found.items():
            row = np.zeros(n_micro, dtype=bool)
            row[js] = True
            signature = row.tobytes()
            if signature in seen:
                owners[seen[signature]].append((table, key))
            else:
                seen[signature] = len(rows)
                rows.append(row)
                owners.append([(table, key)])
    members = np.array(rows, dtype=bool).reshape(len(rows), n_micro)
    always = np.array([any(t == () for t, _k in own) for own in owners], dtype=bool)
    groups = _groups(members, owners) if len(rows) > 1 else []
    sorted_cells: dict[tuple[Any, ...], list[Any]] = {}
    for i, own in enumerate(owners):
        for table, key in own:
            sorted_cells.setdefault(table, []).append((i, key))
    for table in sorted_cells:
        sorted_cells[table].sort(key=lambda pair: tuple(map(str, pair[1])))
    return _Structure(members, members.astype(np.float64), owners, always, groups, sorted_cells)


def _groups(members: np.ndarray, owners: list[Any]) -> list[tuple[int, np.ndarray]]:
    """(parent, children) for every aggregate and every table whose aggregates partition it."""
    by_table: dict[tuple[Any, ...], list[int]] = {}
    for i, own in enumerate(owners):
        for table, _key in own:
            by_table.setdefault(table, []).append(i)
    out = []
    for parent in range(members.shape[0]):
        row = members[parent]
        for indices in by_table.values():
            idx = np.array(indices)
            inside = idx[~(members[idx] & ~row).any(axis=1)]
            if inside.size >= 2 and (members[inside].sum(axis=0) == row).all():
                out.append((parent, inside))
    return out


# Everything the survey releases about one item of one wave, over the finest groups role × department × unit:
# the total, by role, by department, role × department (results page, trend, API, CSV) and by unit (unit pages).
HIERARCHY = ("role", "department", "unit")
RELEASED_TABLES = ((), ("role",), ("department",), ("role", "department"), ("unit",))


def release(
    responses: Responses,
    value: str,
    k: int = DEFAULT_K,
    *,
    by: Sequence[str] = HIERARCHY,
    tables: Sequence[Sequence[str]] = RELEASED_TABLES,
) -> dict[tuple[str, ...], tuple[Cell, ...]]:
    """The one disclosure decision for an item: every table any page, unit page, trend, API answer or CSV
    shows, decided together so that no combination of them gives away a group below ``k``."""
    return summarise_tables(responses, by, value, tables, k)


def release_items(
    responses: Responses,
    values: Sequence[str],
    k: int = DEFAULT_K,
    *,
    by: Sequence[str] = HIERARCHY,
    tables: Sequence[Sequence[str]] = RELEASED_TABLES,
) -> dict[str, dict[tuple[str, ...], tuple[Cell, ...]]]:
    """:func:`release` for every item of a wave: ``{value: tables}``.

    BLAS runs on one thread meanwhile: the matrices are a few hundred rows, and on a busy machine threads that
    wait for each other made every null space many times slower (measured: 0.38 s instead of 0.02 s)."""
    with threadpool_limits(limits=1):
        return {value: release(responses, value, k, by=by, tables=tables) for value in values}


def summarise(responses: Responses, by: Sequence[str], value: str, k: int = DEFAULT_K) -> Summary:
    """The disclosure-controlled summary of ``value`` grouped by ``by`` (see the module docstring)."""
    by = tuple(by)
    margins = [(name,) for name in by] if len(by) >= 2 else []
    tables = summarise_tables(responses, by, value, [by, *margins, ()], k)
    total = tables[()][0] if tables[()] else Cell(key=(), n=None, mean=None, suppressed=True, reason="small")
    return Summary(
        by=by,
        value=value,
        k=check_k(k),
        cells=tables[by] if by else (),
        total=total,
        margins={name: tables[(name,)] for name in by} if len(by) >= 2 else {},
    )


def texts(
    responses: Responses,
    by: Sequence[str],
    value: str,
    k_text: int = TEXT_K,
    *,
    guard: Callable[[str], bool] | None = None,
) -> dict[tuple[Any, ...], list[str]]:
    """Free-text answers of each group with at least ``k_text`` respondents (answering or not), sorted so
    the order says nothing about who wrote what. Texts the CPR guard flags are dropped."""
    from kompas.core.cpr import contains_cpr  # pure standard library

    flagged = guard if guard is not None else contains_cpr
    k_text = max(int(k_text), TEXT_K)
    by = tuple(by)
    rows = list(responses) if not isinstance(responses, Columns) else None
    if rows is None:
        raise TypeError("texts() takes an iterable of mappings.")
    sizes: dict[tuple[Any, ...], int] = {}
    found: dict[tuple[Any, ...], list[str]] = {}
    for row in rows:
        key = tuple(row.get(name) for name in by)
        sizes[key] = sizes.get(key, 0) + 1
        text = row.get(value)
        if isinstance(text, str) and text.strip():
            found.setdefault(key, []).append(text.strip())
    return {
        key: sorted(t for t in found.get(key, []) if not flagged(t))
        for key, size in sorted(sizes.items(), key=lambda kv: tuple(map(str, kv[0])))
        if size >= k_text and found.get(key)
    }
