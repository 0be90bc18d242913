"""The opinion map of a dialogue: groups of participants who vote alike, and what unites and divides them.

Pure Python on numpy, scipy and scikit-learn; no Django. ``compute_map`` takes the votes of a dialogue as
``(participant_id, statement_id, vote)`` tuples (1 agree, -1 disagree, 0 pass; a later tuple for the same
participant and statement replaces an earlier one) and returns an ``OpinionMap``.

The method is the one of Pol.is (Small et al., "Polis: Scaling deliberation by mapping high dimensional
opinion spaces", 2021), written for sparse data, with two additions so the groups explain how people vote:

1. participants with at least ``min(min_votes, number of statements)`` votes are *clustered*;
2. the vote matrix is mean-imputed (column means over the votes cast) and centred, which leaves exactly the
   sparse matrix of ``vote - statement mean`` on the cast votes; its two principal components come from an
   SVD of that sparse matrix (exact when small, randomized when large);
3. each participant's projection is scaled by ``sqrt(n_statements / n_votes)`` so sparse voters are not
   pulled to the centre;
4. k-means with up to ``base_clusters`` (100) base clusters on the projection of the clustered participants,
   then weighted k-means of the base clusters into ``k`` groups (Pol.is);
5. *vote-profile refinement* (addition): each clustered participant moves to the group whose smoothed vote
   profile gives their votes the highest likelihood, until nothing moves (classification EM of a latent-class
   model, started from step 4);
6. *k by held-out votes* (addition): ``k`` from 2 to ``max_groups`` (at most 6) is the one whose groups,
   fitted without a seeded 10 % of the votes, give those votes the highest likelihood (Pol.is' silhouette
   choice is ``k_selection="silhouette"``; ``refine=False`` leaves the Pol.is groups as they are);
7. per group and statement vote counts, Pol.is' representativeness ("repness") tests, consensus statements
   and bridging statements (a majority agrees in every group).

``docs/opinion-map.md`` gives the formulas, the parameters, the cost and the measured figures.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import chain
from statistics import NormalDist
from typing import Any, Literal, NamedTuple, cast

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.utils.extmath import randomized_svd, svd_flip
from threadpoolctl import threadpool_limits

__all__ = [
    "AGREE",
    "DISAGREE",
    "PASS",
    "OpinionMap",
    "RepresentativeStatement",
    "VoteCounts",
    "compute_map",
]

AGREE, DISAGREE, PASS = 1, -1, 0

ParticipantId = Hashable
StatementId = Hashable
Vote = tuple[ParticipantId, StatementId, int]
KSelection = Literal["heldout", "silhouette"]

# Vote kinds as indexes into the last axis of the count arrays.
_KIND_AGREE, _KIND_DISAGREE, _KIND_PASS = 0, 1, 2
# Kind of a vote, indexed by the vote itself: [0] pass, [1] agree, [-1] disagree.
_KIND_OF_VOTE = np.array([_KIND_PASS, _KIND_AGREE, _KIND_DISAGREE], dtype=np.int64)
# PCA: below this many matrix cells an exact SVD of the dense matrix, above it a randomized SVD.
_DENSE_SVD_CELLS = 2_000_000
_SVD_ITERATIONS = 4
# Base clusters: above this many clustered participants the centers are found on a seeded sample of them.
_BASE_SAMPLE = 5_000
# Groups: k-means restarts and iteration cap; refinement stops when at most this share moves, or at the cap.
_KMEANS_RESTARTS, _KMEANS_MAX_ITERATIONS = 10, 100
_REFINE_TOLERANCE, _REFINE_MAX_ITERATIONS = 0.002, 30
# Choice of k: share of the votes held out, and above this many participants a seeded sample of them.
_HELDOUT_SHARE = 0.1
_HELDOUT_MAX_PARTICIPANTS = 10_000
_HASH_VERSION = b"kompas-opinion-input-v1"


class VoteCounts(NamedTuple):
    """How many agreed, disagreed and passed on one statement (within a group or overall)."""

    agree: int
    disagree: int
    passed: int

    @property
    def total(self) -> int:
        """All votes cast, passes included."""
        return self.agree + self.disagree + self.passed

    @property
    def agree_share(self) -> float:
        """Share of the votes cast that agree (0.0 when nobody voted)."""
        return self.agree / self.total if self.total else 0.0

    @property
    def disagree_share(self) -> float:
        """Share of the votes cast that disagree (0.0 when nobody voted)."""
        return self.disagree / self.total if self.total else 0.0


@dataclass(frozen=True)
class RepresentativeStatement:
    """One statement that sets a group apart, with Pol.is' repness figures for its direction.

    ``direction`` is ``"agree"`` when the group agrees more than the others, ``"disagree"`` when it
    disagrees more. ``p_success`` is the smoothed probability of that vote in the group, ``repness`` the ratio
    of that probability to the one outside the group, ``p_test`` and ``repness_test`` their z-scores, and
    ``metric = repness * repness_test * p_success * p_test`` the rank.
    """

    statement: StatementId
    direction: str
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    metric: float


@dataclass(frozen=True)
class OpinionMap:
    """The result of ``compute_map``. The mappings are plain dicts: treat them as read-only.

    - ``groups``: participant → group number (0 is the largest group), for the clustered participants only.
    - ``coordinates``: participant → (x, y), the scaled PCA projection, for every participant who voted.
    - ``representative``: group → statement ids that set the group apart, most representative first.
    - ``representative_details``: the same statements with their direction and repness figures.
    - ``consensus`` / ``consensus_disagree``: statements most participants agree / disagree with, strongest first.
    - ``bridging``: statements a majority agrees with in every group, best agreed in its weakest group first.
    - ``group_stats``: group → statement → ``VoteCounts`` of the group's members (every statement listed).
    - ``statement_stats``: statement → ``VoteCounts`` of all participants.
    - ``params``: the parameters used and the figures behind the choices (seed, k, scores per k, ...).
    - ``input_hash``: SHA-256 of the deduplicated votes, independent of their order.
    """

    groups: Mapping[ParticipantId, int]
    coordinates: Mapping[ParticipantId, tuple[float, float]]
    representative: Mapping[int, tuple[StatementId, ...]]
    representative_details: Mapping[int, tuple[RepresentativeStatement, ...]]
    consensus: tuple[StatementId, ...]
    consensus_disagree: tuple[StatementId, ...]
    bridging: tuple[StatementId, ...]
    group_stats: Mapping[int, Mapping[StatementId, VoteCounts]]
    statement_stats: Mapping[StatementId, VoteCounts]
    params: Mapping[str, Any]
    input_hash: str

    @property
    def k(self) -> int:
        """The number of groups (0 when no groups could be formed)."""
        return len(self.group_stats)


@dataclass(frozen=True)
class _VoteTable:
    """Deduplicated votes in canonical order: participants and statements sorted, one row per pair."""

    participant_ids: list[ParticipantId]
    statement_ids: list[StatementId]
    rows: np.ndarray  # participant index per vote (int64)
    cols: np.ndarray  # statement index per vote (int64)
    values: np.ndarray  # vote per vote, -1/0/1 (int8)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participant_ids), len(self.statement_ids)

    @cached_property
    def kinds(self) -> np.ndarray:
        """Vote kind per vote: 0 agree, 1 disagree, 2 pass."""
        return cast(np.ndarray, _KIND_OF_VOTE[self.values])

    def subset(self, keep: np.ndarray) -> _VoteTable:
        """The same participants and statements with only the votes where ``keep`` is true."""
        return replace(self, rows=self.rows[keep], cols=self.cols[keep], values=self.values[keep])


@dataclass(frozen=True)
class _Settings:
    """The clustering parameters of one ``compute_map`` call."""

    seed: int
    min_votes: int
    base_clusters: int
    max_groups: int
    forced_k: int | None
    k_candidates: tuple[int, ...]
    k_selection: KSelection
    refine: bool


@dataclass(frozen=True)
class _Fit:
    """Projection and candidate partitions of one vote table.

    ``partitions[k]`` holds a group number per participant (-1: not clustered); ``silhouette[k]`` the weighted
    silhouette of the 2-D partition before refinement; ``iterations[k]`` the refinement's iterations.
    """

    points: np.ndarray
    clustered: np.ndarray
    n_base_clusters: int
    partitions: dict[int, np.ndarray]
    silhouette: dict[int, float]
    iterations: dict[int, int]


@dataclass(frozen=True)
class _Grouping:
    """The chosen partition, its k and the figures behind the choice."""

    points: np.ndarray
    labels: np.ndarray
    k: int
    n_base_clusters: int
    silhouette: dict[int, float]
    heldout_loglik: dict[int, float]
    refine_iterations: int


def compute_map(
    votes: Iterable[Vote],
    *,
    seed: int = 0,
    min_votes: int = 7,
    base_clusters: int = 100,
    max_groups: int = 6,
    k: int | None = None,
    k_selection: KSelection = "heldout",
    refine: bool = True,
    confidence: float = 0.9,
    max_representative: int = 5,
    max_consensus: int = 5,
    bridging_share: float = 0.5,
    bridging_min_votes: int = 3,
) -> OpinionMap:
    """Compute the opinion map of a dialogue.

    Args:
        votes: ``(participant_id, statement_id, vote)`` tuples; vote 1 agree, -1 disagree, 0 pass. A later
            tuple for the same pair replaces an earlier one. Ids are any hashable values; ids of one kind
            should be mutually comparable (all ints or all strings), otherwise they are ordered by type and repr.
        seed: Seed of every random choice (held-out votes, SVD, k-means); same seed and votes, same map.
        min_votes: Participants with at least ``min(min_votes, number of statements)`` votes are clustered.
        base_clusters: Number of base clusters (k-means on the projection) that are grouped into groups.
        max_groups: Largest number of groups tried (2 to 6).
        k: Force this number of groups (2 to 6) instead of choosing it; fewer when the data cannot hold it.
        k_selection: ``"heldout"`` (default): the k whose groups best predict held-out votes;
            ``"silhouette"``: Pol.is' choice, the best silhouette of the 2-D partition.
        refine: Move participants to the group whose vote profile fits their votes best (default); ``False``
            keeps Pol.is' 2-D k-means groups.
        confidence: One-sided confidence of the z-tests for representative and consensus statements.
        max_representative: At most this many representative statements per group.
        max_consensus: At most this many consensus statements (per direction).
        bridging_share: A bridging statement is agreed by more than this share of the votes in every group ...
        bridging_min_votes: ... and has at least this many votes in every group.

    Returns:
        The ``OpinionMap``.

    Raises:
        ValueError: A vote is not -1, 0 or 1, a vote is not a triple, or a parameter is out of range.
    """
    _check_params(min_votes, base_clusters, max_groups, k, k_selection, confidence, bridging_share)
    settings = _Settings(
        seed=seed,
        min_votes=min_votes,
        base_clusters=base_clusters,
        max_groups=max_groups,
        forced_k=k,
        k_candidates=(k,) if k is not None else tuple(range(2, max_groups + 1)),
        k_selection=k_selection,
        refine=refine,
    )
    # One thread for BLAS and OpenMP: the steps are small or memory-bound, threads cost more than they bring
    # (much more on a busy machine), and a task queue runs several maps side by side anyway. The cyclic
    # garbage collector is paused: the call makes no cycles, and collections that walk the caller's millions
    # of vote tuples cost more than the rest of the assembly.
    with threadpool_limits(limits=1), _gc_paused():
        return _compute_map(
            votes, settings, confidence, max_representative, max_consensus, bridging_share, bridging_min_votes
        )


def _compute_map(
    votes: Iterable[Vote],
    settings: _Settings,
    confidence: float,
    max_representative: int,
    max_consensus: int,
    bridging_share: float,
    bridging_min_votes: int,
) -> OpinionMap:
    """The body of ``compute_map``, after the parameters are checked."""
    table = _deduplicate(votes)
    grouping = _group(table, settings)
    group_counts = _count_votes(table, grouping.labels, grouping.k)
    overall_counts = _count_votes(table, np.zeros(table.shape[0], dtype=np.int64), 1)[0]
    z_critical = NormalDist().inv_cdf(confidence)

    representative = _representative_statements(group_counts, z_critical, max_representative)
    consensus_agree, consensus_disagree = _consensus(overall_counts, z_critical, max_consensus)
    bridging = _bridging(group_counts, bridging_share, bridging_min_votes)

    sids, pids = table.statement_ids, table.participant_ids
    details = {
        # the statement is still an index into the table's statements here
        group: tuple(replace(item, statement=sids[cast(int, item.statement)]) for item in items)
        for group, items in representative.items()
    }
    params = {
        "seed": settings.seed,
        "min_votes": settings.min_votes,
        "vote_threshold": min(settings.min_votes, table.shape[1]),
        "base_clusters": settings.base_clusters,
        "n_base_clusters": grouping.n_base_clusters,
        "max_groups": settings.max_groups,
        "forced_k": settings.forced_k,
        "k_selection": settings.k_selection,
        "k": grouping.k,
        "heldout_share": _HELDOUT_SHARE,
        "heldout_max_participants": _HELDOUT_MAX_PARTICIPANTS,
        "heldout_loglik": grouping.heldout_loglik,
        "silhouette": grouping.silhouette,
        "refine": settings.refine,
        "refine_iterations": grouping.refine_iterations,
        "refine_tolerance": _REFINE_TOLERANCE,
        "n_components": 2,
        "svd": "exact" if table.shape[0] * table.shape[1] <= _DENSE_SVD_CELLS else "randomized",
        "svd_iterations": _SVD_ITERATIONS,
        "base_sample": _BASE_SAMPLE,
        "confidence": confidence,
        "pseudo_count": 1,
        "max_representative": max_representative,
        "max_consensus": max_consensus,
        "bridging_share": bridging_share,
        "bridging_min_votes": bridging_min_votes,
        "n_participants": table.shape[0],
        "n_clustered": int((grouping.labels >= 0).sum()),
        "n_statements": table.shape[1],
        "n_votes": len(table.values),
    }
    return OpinionMap(
        groups={pids[i]: g for i, g in enumerate(grouping.labels.tolist()) if g >= 0},
        coordinates=dict(zip(pids, map(tuple, grouping.points.tolist()), strict=True)),
        representative={group: tuple(item.statement for item in items) for group, items in details.items()},
        representative_details=details,
        consensus=tuple(sids[j] for j in consensus_agree),
        consensus_disagree=tuple(sids[j] for j in consensus_disagree),
        bridging=tuple(sids[j] for j in bridging),
        group_stats={g: _counts_by_statement(group_counts[g], sids) for g in range(grouping.k)},
        statement_stats=_counts_by_statement(overall_counts, sids),
        params=params,
        input_hash=_input_hash(table),
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (restored after, if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- Input -----------------------------------------------------------------------------------------------


def _check_params(
    min_votes: int,
    base_clusters: int,
    max_groups: int,
    k: int | None,
    k_selection: str,
    confidence: float,
    bridging_share: float,
) -> None:
    """Reject parameters outside the ranges the method is defined for."""
    if min_votes < 1:
        raise ValueError("min_votes must be at least 1")
    if base_clusters < 2:
        raise ValueError("base_clusters must be at least 2")
    if not 2 <= max_groups <= 6:
        raise ValueError("max_groups must be between 2 and 6")
    if k is not None and not 2 <= k <= 6:
        raise ValueError("k must be between 2 and 6")
    if k_selection not in ("heldout", "silhouette"):
        raise ValueError('k_selection must be "heldout" or "silhouette"')
    if not 0.5 <= confidence < 1:
        raise ValueError("confidence must be in [0.5, 1)")
    if not 0 <= bridging_share < 1:
        raise ValueError("bridging_share must be in [0, 1)")


def _deduplicate(votes: Iterable[Vote]) -> _VoteTable:
    """Keep the last vote per (participant, statement) and put the votes in canonical order."""
    votes = votes if isinstance(votes, list | tuple) else list(votes)
    if not votes:
        empty = np.zeros(0, dtype=np.int64)
        return _VoteTable([], [], empty, empty, np.zeros(0, dtype=np.int8))
    as_ints = _integer_votes(votes)
    if as_ints is not None:
        participant_ids, rows = _factorize_integers(as_ints[:, 0])
        statement_ids, cols = _factorize_integers(as_ints[:, 1])
        values = _vote_values(as_ints[:, 2])
    else:
        columns = list(zip(*votes, strict=True))
        if len(columns) != 3:
            raise ValueError("each vote must be a (participant_id, statement_id, vote) tuple")
        participant_ids, rows = _factorize(columns[0])
        statement_ids, cols = _factorize(columns[1])
        values = _vote_values(columns[2])
    last = _last_of_each_pair(rows, cols, len(participant_ids), len(statement_ids))
    return _VoteTable(participant_ids, statement_ids, rows[last], cols[last], values[last])


def _last_of_each_pair(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> np.ndarray:
    """Positions of the last vote of each (row, column) pair, in row-major order of the pairs.

    Without repeated pairs (the usual case) a sparse matrix holding each vote's position gives the order in
    linear time; otherwise one stable sort of the pair keys, reversed, finds each pair's last vote.
    """
    positions = sparse.csr_matrix((np.arange(1, len(rows) + 1), (rows, cols)), shape=(n_rows, n_cols))
    if positions.nnz == len(rows):  # no pair was summed: every pair is unique
        positions.sort_indices()
        return cast(np.ndarray, positions.data - 1)
    keys = rows * n_cols + cols
    _, first_in_reversed = np.unique(keys[::-1], return_index=True)
    return len(keys) - 1 - first_in_reversed


def _integer_votes(votes: Sequence[Vote]) -> np.ndarray | None:
    """The votes as an (n, 3) int64 array when every vote is a triple of plain ints, else None (general path)."""
    if set(map(len, votes)) != {3} or set(map(type, chain.from_iterable(votes))) != {int}:
        return None
    try:
        flat = np.fromiter(chain.from_iterable(votes), dtype=np.int64, count=3 * len(votes))
    except OverflowError:
        return None
    return flat.reshape(-1, 3)


def _factorize_integers(ids: np.ndarray) -> tuple[list[Hashable], np.ndarray]:
    """Sorted distinct integer ids (as Python ints) and, per input id, its index among them.

    Small non-negative ids (the usual database keys) are counted in a table instead of sorted.
    """
    if len(ids) and ids.min() >= 0 and ids.max() < 4 * len(ids) + 1024:
        present = np.bincount(ids) > 0
        rank = np.cumsum(present) - 1
        return cast(list[Hashable], np.flatnonzero(present).tolist()), rank[ids]
    distinct, codes = np.unique(ids, return_inverse=True)
    return distinct.tolist(), codes.reshape(-1).astype(np.int64, copy=False)


def _factorize(ids: Sequence[Hashable]) -> tuple[list[Hashable], np.ndarray]:
    """Sorted distinct ids and, per input id, its index among them (any hashable ids)."""
    index: dict[Hashable, int] = {}
    codes = np.fromiter((index.setdefault(i, len(index)) for i in ids), dtype=np.int64, count=len(ids))
    distinct = list(index)
    order = sorted(range(len(distinct)), key=_sort_key(distinct))
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[order] = np.arange(len(distinct))
    return [distinct[i] for i in order], rank[codes]


def _sort_key(ids: list[Hashable]) -> Callable[[int], Any]:
    """A key that sorts the ids by value, or by type name and repr when they cannot be compared."""
    try:
        sorted(ids)  # type: ignore[type-var]
    except TypeError:
        return lambda i: (type(ids[i]).__name__, repr(ids[i]))
    return ids.__getitem__


def _vote_values(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    """The votes as int8, after checking each is -1, 0 or 1."""
    try:
        as_float = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError("a vote must be 1 (agree), -1 (disagree) or 0 (pass)") from error
    if as_float.ndim != 1 or not np.isin(as_float, (-1.0, 0.0, 1.0)).all():
        raise ValueError("a vote must be 1 (agree), -1 (disagree) or 0 (pass)")
    return as_float.astype(np.int8)


def _input_hash(table: _VoteTable) -> str:
    """SHA-256 of the canonical deduplicated votes: the ids (as repr) and the (row, column, vote) arrays."""
    digest = hashlib.sha256(_HASH_VERSION)
    for ids in (table.participant_ids, table.statement_ids):
        digest.update("\x1f".join(map(repr, ids)).encode())
        digest.update(b"\x1e")
    for array, dtype in ((table.rows, "<i8"), (table.cols, "<i8"), (table.values, "<i1")):
        digest.update(np.ascontiguousarray(array, dtype=dtype).tobytes())
    return digest.hexdigest()


# --- Projection ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pca:
    """The statements' mean vote (over the votes cast) and up to two principal axes (rows) of the imputed matrix."""

    means: np.ndarray
    axes: np.ndarray


def _pca(table: _VoteTable, seed: int) -> _Pca:
    """PCA of the mean-imputed vote matrix, from the SVD of its sparse centred form.

    Imputing a missing vote with the statement's mean and then centring each column leaves 0 in every
    missing cell, so the centred matrix is the sparse matrix of ``vote - mean`` on the cast votes: exact SVD
    when it is small, randomized SVD (seeded) otherwise.
    """
    n_participants, n_statements = table.shape
    sums = np.bincount(table.cols, weights=table.values, minlength=n_statements)
    means = sums / np.maximum(np.bincount(table.cols, minlength=n_statements), 1)
    n_components = min(2, n_participants, n_statements)
    if n_components == 0:
        return _Pca(means, np.zeros((0, n_statements)))
    centred = _centred_matrix(table, means)
    if n_participants * n_statements <= _DENSE_SVD_CELLS or n_components < 2:
        u, _s, vt = np.linalg.svd(centred.toarray(), full_matrices=False)
        _u, vt = svd_flip(u, vt)
    else:
        _u, _s, vt = randomized_svd(
            centred, n_components=n_components, n_iter=_SVD_ITERATIONS, random_state=seed
        )
    return _Pca(means, vt[:n_components])


def _centred_matrix(table: _VoteTable, means: np.ndarray) -> sparse.csr_matrix:
    """Sparse participants × statements matrix of ``vote - mean of the statement`` on the cast votes."""
    return sparse.csr_matrix((table.values - means[table.cols], (table.rows, table.cols)), shape=table.shape)


def _project(table: _VoteTable, pca: _Pca, votes_per_participant: np.ndarray) -> np.ndarray:
    """Each participant's 2-D projection, scaled by ``sqrt(n_statements / n_votes)`` as Pol.is does.

    Without the scaling a participant who voted on few statements sits near the centre only because the
    imputed means carry no opinion; the factor undoes that shrinkage.
    """
    n_participants, n_statements = table.shape
    points = np.zeros((n_participants, 2))
    if len(pca.axes) == 0:
        return points
    points[:, : len(pca.axes)] = _centred_matrix(table, pca.means) @ pca.axes.T
    return cast(
        np.ndarray, points * np.sqrt(n_statements / np.maximum(votes_per_participant, 1))[:, np.newaxis]
    )


# --- Groups ----------------------------------------------------------------------------------------------


def _group(table: _VoteTable, settings: _Settings) -> _Grouping:
    """Choose k and fit the groups on all the votes."""
    heldout: dict[int, float] = {}
    candidates = settings.k_candidates
    pca = _pca(table, settings.seed)
    if settings.k_selection == "heldout" and len(candidates) > 1:
        heldout = _heldout_loglik(table, pca, settings)
        if heldout:
            best = max(heldout.values())
            candidates = (min(k for k, score in heldout.items() if score >= best - 1e-12),)
    fit = _fit(table, pca, replace(settings, k_candidates=candidates))
    if not fit.partitions:
        labels = np.full(table.shape[0], -1, dtype=np.int64)
        return _Grouping(fit.points, labels, 0, fit.n_base_clusters, fit.silhouette, heldout, 0)
    k = max(fit.partitions, key=lambda k: (fit.silhouette[k], -k))
    labels = _order_by_size(fit.partitions[k])
    return _Grouping(
        fit.points,
        labels,
        int(labels.max()) + 1,
        fit.n_base_clusters,
        fit.silhouette,
        heldout,
        fit.iterations[k],
    )


def _fit(table: _VoteTable, pca: _Pca, settings: _Settings) -> _Fit:
    """Project, form base clusters, and partition the clustered participants for every candidate k."""
    n_participants, n_statements = table.shape
    votes_per_participant = np.bincount(table.rows, minlength=n_participants)
    clustered = (votes_per_participant >= min(settings.min_votes, n_statements)) & (votes_per_participant > 0)
    points = _project(table, pca, votes_per_participant)
    base_labels, centers, sizes = _base_clusters(points[clustered], settings.base_clusters, settings.seed)
    partitions: dict[int, np.ndarray] = {}
    silhouette: dict[int, float] = {}
    iterations: dict[int, int] = {}
    profile_votes = _ProfileVotes.of(table, clustered) if settings.refine else None
    # k is at most the number of base clusters and less than the number of clustered participants (a forced
    # k larger than that is lowered).
    largest = min(len(centers), int(clustered.sum()) - 1)
    feasible = sorted({min(k, largest) for k in settings.k_candidates if min(k, largest) >= 2})
    for k in feasible:
        center_labels = _weighted_kmeans(centers, sizes, k, settings.seed)
        silhouette[k] = round(_weighted_silhouette(centers, sizes, center_labels), 6)
        labels = center_labels[base_labels]
        iterations[k] = 0
        if profile_votes is not None:
            labels, iterations[k] = _refine(profile_votes, labels, k)
        partition = np.full(n_participants, -1, dtype=np.int64)
        partition[clustered] = labels
        partitions[k] = partition
    return _Fit(points, clustered, len(centers), partitions, silhouette, iterations)


def _heldout_loglik(table: _VoteTable, pca: _Pca, settings: _Settings) -> dict[int, float]:
    """Per candidate k: mean log-likelihood of a seeded 10 % of the votes under groups fitted without them.

    A held-out vote of a participant clustered in the fit scores ``log((c_v + 1) / (c + 3))``, with ``c_v``
    the votes of that kind on the statement in the participant's group and ``c`` all its votes there. Above
    ``_HELDOUT_MAX_PARTICIPANTS`` participants a seeded sample of that many takes part, which bounds the cost.
    """
    rng = np.random.default_rng(settings.seed)
    held = rng.random(len(table.values)) < _HELDOUT_SHARE
    in_sample = _participant_sample(table.shape[0], _HELDOUT_MAX_PARTICIPANTS, rng)[table.rows]
    training = table.subset(in_sample & ~held)
    fit = _fit(training, pca, settings)
    test = in_sample & held
    rows, cols, kinds = table.rows[test], table.cols[test], table.kinds[test]
    scores: dict[int, float] = {}
    for k, partition in fit.partitions.items():
        group = partition[rows]
        scored = group >= 0
        if not scored.any():
            continue
        cells = _count_votes(training, partition, k)[group[scored], cols[scored]]
        likelihood = (cells[np.arange(len(cells)), kinds[scored]] + 1) / (cells.sum(axis=1) + 3)
        scores[k] = round(float(np.log(likelihood).mean()), 6)
    return scores


def _participant_sample(n_participants: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """A mask of ``size`` participants drawn at random (everyone when there are no more than that)."""
    if n_participants <= size:
        return np.ones(n_participants, dtype=bool)
    mask = np.zeros(n_participants, dtype=bool)
    mask[rng.choice(n_participants, size=size, replace=False)] = True
    return mask


def _base_clusters(
    points: np.ndarray, n_clusters: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """K-means base clusters: label per point, centers and sizes. Few distinct points each get their own.

    Above ``_BASE_SAMPLE`` points the centers are found on a seeded sample of that many, every point then goes
    to its nearest center and each center becomes the mean of its points.
    """
    if len(points) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, points.shape[1])), np.zeros(0)
    # Distinct 2-D points, through a complex view (sorts much faster than np.unique(axis=0)).
    as_complex = np.ascontiguousarray(points, dtype=np.float64).view(np.complex128).reshape(-1)
    distinct_complex, inverse = np.unique(as_complex, return_inverse=True)
    distinct = np.stack([distinct_complex.real, distinct_complex.imag], axis=1)
    inverse = inverse.reshape(-1)
    if len(distinct) <= n_clusters:
        return inverse, distinct, np.bincount(inverse, minlength=len(distinct)).astype(np.float64)
    rng = np.random.default_rng(seed)
    sample = (
        points[np.sort(rng.choice(len(points), _BASE_SAMPLE, replace=False))]
        if len(points) > _BASE_SAMPLE
        else points
    )
    model = KMeans(n_clusters=n_clusters, n_init=1, random_state=seed).fit(sample)
    labels = model.predict(points).astype(np.int64)
    sizes = np.bincount(labels, minlength=n_clusters).astype(np.float64)
    keep = sizes > 0
    sums = np.stack(
        [
            np.bincount(labels, weights=points[:, axis], minlength=n_clusters)
            for axis in range(points.shape[1])
        ],
        axis=1,
    )
    centers = sums[keep] / sizes[keep, np.newaxis]
    return (np.cumsum(keep) - 1)[labels], centers, sizes[keep]


def _weighted_kmeans(centers: np.ndarray, sizes: np.ndarray, k: int, seed: int) -> np.ndarray:
    """K-means of the base-cluster centers, each weighted by its number of participants.

    A small numpy k-means (the centers are at most ``base_clusters``): ``_KMEANS_RESTARTS`` seeded k-means++
    starts, Lloyd iterations until no center moves, the labels of the lowest weighted inertia.
    """
    rng = np.random.default_rng(seed)
    best_labels, best_inertia = np.zeros(len(centers), dtype=np.int64), np.inf
    for _ in range(_KMEANS_RESTARTS):
        means = _kmeans_plus_plus(centers, sizes, k, rng)
        for _ in range(_KMEANS_MAX_ITERATIONS):
            distances = ((centers[:, np.newaxis, :] - means[np.newaxis, :, :]) ** 2).sum(axis=2)
            labels = distances.argmin(axis=1)
            weights = np.bincount(labels, weights=sizes, minlength=k)
            sums = np.stack(
                [np.bincount(labels, weights=sizes * centers[:, d], minlength=k) for d in range(2)], 1
            )
            moved = np.where(
                weights[:, np.newaxis] > 0, sums / np.maximum(weights, 1e-300)[:, np.newaxis], means
            )
            if np.allclose(moved, means, rtol=0, atol=1e-12):
                break
            means = moved
        inertia = float((sizes * distances[np.arange(len(centers)), labels]).sum())
        if inertia < best_inertia - 1e-12:
            best_labels, best_inertia = labels, inertia
    return best_labels


def _kmeans_plus_plus(
    points: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """k-means++ starting means: each next one drawn with probability ∝ weight × squared distance."""
    chosen = [int(rng.choice(len(points), p=weights / weights.sum()))]
    closest = ((points - points[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        score = weights * closest
        total = score.sum()
        pick = int(rng.choice(len(points), p=score / total)) if total > 0 else len(chosen)
        chosen.append(pick)
        closest = np.minimum(closest, ((points - points[pick]) ** 2).sum(axis=1))
    return points[chosen].copy()


def _weighted_silhouette(centers: np.ndarray, sizes: np.ndarray, labels: np.ndarray) -> float:
    """The participants' silhouette when each participant sits at its base cluster's center.

    A participant in base cluster i: ``a`` is its mean distance to the other members of its group, ``b`` the
    smallest mean distance to the members of another group, ``s = (b - a) / max(a, b)`` (0 when alone).
    """
    groups = np.unique(labels)
    if len(groups) < 2:
        return -1.0
    distances = np.linalg.norm(centers[:, np.newaxis, :] - centers[np.newaxis, :, :], axis=2)
    one_hot = (labels[:, np.newaxis] == groups[np.newaxis, :]).astype(np.float64)
    to_group = distances @ (one_hot * sizes[:, np.newaxis])  # summed distance to each group's members
    group_sizes = one_hot.T @ sizes
    own = np.searchsorted(groups, labels)
    index = np.arange(len(labels))
    others = group_sizes[own] - 1
    a = np.divide(to_group[index, own], others, out=np.zeros(len(labels)), where=others > 0)
    mean_to_group = to_group / group_sizes[np.newaxis, :]
    mean_to_group[index, own] = np.inf
    b = mean_to_group.min(axis=1)
    denominator = np.maximum(a, b)
    s = np.divide(b - a, denominator, out=np.zeros(len(labels)), where=(denominator > 0) & (others > 0))
    return float(np.average(s, weights=sizes))


@dataclass(frozen=True)
class _ProfileVotes:
    """The clustered participants' votes as a sparse one-hot matrix (participant × statement·3 + kind)."""

    one_hot: sparse.csr_matrix
    rows: np.ndarray  # clustered-participant index per vote
    cells: np.ndarray  # statement * 3 + kind per vote
    n_cells: int

    @classmethod
    def of(cls, table: _VoteTable, clustered: np.ndarray) -> _ProfileVotes:
        index = np.cumsum(clustered) - 1
        keep = clustered[table.rows]
        rows = index[table.rows[keep]]
        cells = table.cols[keep] * 3 + table.kinds[keep]
        n_cells = table.shape[1] * 3
        one_hot = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cells)), shape=(int(clustered.sum()), n_cells), dtype=np.float64
        )
        return cls(one_hot, rows, cells, n_cells)

    def log_profiles(self, labels: np.ndarray, k: int) -> np.ndarray:
        """Per group and (statement, kind): ``log((c_v + 1) / (c + 3))`` from the members' votes."""
        counts = np.bincount(labels[self.rows] * self.n_cells + self.cells, minlength=k * self.n_cells)
        smoothed = counts.reshape(k, -1, 3) + 1.0
        return cast(
            np.ndarray, np.log(smoothed / smoothed.sum(axis=2, keepdims=True)).reshape(k, self.n_cells)
        )


def _refine(votes: _ProfileVotes, labels: np.ndarray, k: int) -> tuple[np.ndarray, int]:
    """Move each participant to the group whose vote profile makes their votes most likely, until stable.

    Stops when at most ``_REFINE_TOLERANCE`` of the participants move. Returns the labels (groups that empty
    are dropped and the rest renumbered) and the iterations used; keeps the starting labels when the refinement
    would leave fewer than two groups.
    """
    current, current_k = labels, k
    for iteration in range(1, _REFINE_MAX_ITERATIONS + 1):
        loglik = np.asarray(votes.one_hot @ votes.log_profiles(current, current_k).T)
        moved = loglik.argmax(axis=1)
        n_moved = int(np.count_nonzero(moved != current))
        if n_moved == 0:
            return current, iteration - 1
        used, moved = np.unique(moved, return_inverse=True)
        if len(used) < 2:
            return labels, iteration - 1
        current, current_k = moved.reshape(-1), len(used)
        if n_moved <= _REFINE_TOLERANCE * len(current):
            return current, iteration
    return current, _REFINE_MAX_ITERATIONS


def _order_by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber groups 0.. by size, largest first (ties: the group holding the earliest participant)."""
    members = labels >= 0
    groups, first, sizes = np.unique(labels[members], return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))
    renumber = np.empty(len(groups), dtype=np.int64)
    renumber[order] = np.arange(len(groups))
    result = labels.copy()
    result[members] = renumber[np.searchsorted(groups, labels[members])]
    return result


# --- Statistics ------------------------------------------------------------------------------------------


def _count_votes(table: _VoteTable, labels: np.ndarray, k: int) -> np.ndarray:
    """Counts (k, statements, 3) of agree/disagree/pass votes by the members of each group (label -1: none)."""
    n_statements = len(table.statement_ids)
    if k == 0:
        return np.zeros((0, n_statements, 3), dtype=np.int64)
    group = labels[table.rows]
    member = group >= 0
    flat = (group[member] * n_statements + table.cols[member]) * 3 + table.kinds[member]
    return np.bincount(flat, minlength=k * n_statements * 3).reshape(k, n_statements, 3)


def _probability(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Probability with one pseudo-count on each side: ``(s + 1) / (n + 2)``."""
    return cast(np.ndarray, (successes + 1) / (trials + 2))


def _one_proportion_z(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is' test that a proportion exceeds 1/2: ``2 sqrt(n + 1) ((s + 1) / (n + 1) - 1/2)``."""
    return cast(np.ndarray, 2 * np.sqrt(trials + 1) * ((successes + 1) / (trials + 1) - 0.5))


def _two_proportion_z(
    successes_in: np.ndarray, successes_out: np.ndarray, trials_in: np.ndarray, trials_out: np.ndarray
) -> np.ndarray:
    """Pol.is' two-proportion z-test (each count plus one) that the in-group proportion is the larger."""
    s1, s2, n1, n2 = successes_in + 1, successes_out + 1, trials_in + 1, trials_out + 1
    pooled = (s1 + s2) / (n1 + n2)
    denominator = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / denominator
    return np.where(denominator > 0, z, 0.0)


@dataclass(frozen=True)
class _Repness:
    """Repness figures for one group, one vote direction, all statements (indexed by statement)."""

    n_success: np.ndarray
    n_trials: np.ndarray
    p_success: np.ndarray
    p_test: np.ndarray
    repness: np.ndarray
    repness_test: np.ndarray


def _repness(counts: np.ndarray, group: int, kind: int) -> _Repness:
    """Pol.is' repness of one vote kind for a group against everyone else clustered."""
    inside = counts[group]
    outside = counts.sum(axis=0) - inside
    trials_in, trials_out = inside.sum(axis=1), outside.sum(axis=1)
    success_in, success_out = inside[:, kind], outside[:, kind]
    p_in = _probability(success_in, trials_in)
    return _Repness(
        n_success=success_in,
        n_trials=trials_in,
        p_success=p_in,
        p_test=_one_proportion_z(success_in, trials_in),
        repness=p_in / _probability(success_out, trials_out),
        repness_test=_two_proportion_z(success_in, success_out, trials_in, trials_out),
    )


def _representative_statements(
    counts: np.ndarray, z_critical: float, max_statements: int
) -> dict[int, list[RepresentativeStatement]]:
    """Per group, the statements whose vote sets the group apart, by Pol.is' repness tests and metric.

    A statement is representative of a group for agree (disagree) when both the probability test and the
    repness test exceed ``z_critical``. Its direction is the one with the larger repness test; it is ranked
    by ``repness * repness_test * p_success * p_test`` for that direction. A group with no such statement gets
    the one statement it voted on with the largest repness test, as Pol.is does, so every group has one.
    """
    result: dict[int, list[RepresentativeStatement]] = {}
    for group in range(counts.shape[0]):
        agree = _repness(counts, group, _KIND_AGREE)
        disagree = _repness(counts, group, _KIND_DISAGREE)
        significant = ((agree.p_test > z_critical) & (agree.repness_test > z_critical)) | (
            (disagree.p_test > z_critical) & (disagree.repness_test > z_critical)
        )
        use_agree = agree.repness_test > disagree.repness_test
        chosen = np.flatnonzero(significant)
        if len(chosen) == 0 and agree.n_trials.any():
            best_test = np.where(
                agree.n_trials > 0, np.maximum(agree.repness_test, disagree.repness_test), -np.inf
            )
            chosen = np.array([int(np.argmax(best_test))])
        items = [
            _representative_item(statement, agree if use_agree[statement] else disagree, use_agree[statement])
            for statement in chosen.tolist()
        ]
        items.sort(key=lambda item: (-item.metric, item.statement))
        result[group] = items[:max_statements]
    return result


def _representative_item(statement: int, figures: _Repness, is_agree: bool) -> RepresentativeStatement:
    """One statement's repness figures (statement still as an index)."""
    values = [
        float(getattr(figures, name)[statement])
        for name in ("p_success", "p_test", "repness", "repness_test")
    ]
    p_success, p_test, repness, repness_test = values
    return RepresentativeStatement(
        statement=int(statement),
        direction="agree" if is_agree else "disagree",
        n_success=int(figures.n_success[statement]),
        n_trials=int(figures.n_trials[statement]),
        p_success=p_success,
        p_test=p_test,
        repness=repness,
        repness_test=repness_test,
        metric=repness * repness_test * p_success * p_test,
    )


def _consensus(counts: np.ndarray, z_critical: float, max_statements: int) -> tuple[list[int], list[int]]:
    """Statements most participants agree (disagree) with, as Pol.is: ``p > 1/2`` and the z-test significant.

    Ranked by ``p * z``, strongest first.
    """
    trials = counts.sum(axis=1)
    chosen = []
    for kind in (_KIND_AGREE, _KIND_DISAGREE):
        p = _probability(counts[:, kind], trials)
        z = _one_proportion_z(counts[:, kind], trials)
        candidates = np.flatnonzero((p > 0.5) & (z > z_critical))
        ranked = sorted(candidates.tolist(), key=lambda j: (-(p[j] * z[j]), j))
        chosen.append(ranked[:max_statements])
    return chosen[0], chosen[1]


def _bridging(counts: np.ndarray, share: float, min_votes: int) -> list[int]:
    """Statements agreed by more than ``share`` of the votes in every group, with ``min_votes`` votes in each.

    Ranked by the agree share in the least agreeing group, then by Pol.is' group-aware consensus (the product
    over groups of the smoothed agree probabilities). No groups: no bridging statements.
    """
    if counts.shape[0] == 0:
        return []
    trials = counts.sum(axis=2)
    agree = counts[:, :, _KIND_AGREE]
    shares = np.divide(agree, trials, out=np.zeros(agree.shape), where=trials > 0)
    bridging = ((shares > share) & (trials >= max(min_votes, 1))).all(axis=0)
    weakest = shares.min(axis=0)
    group_aware = _probability(agree, trials).prod(axis=0)
    return sorted(np.flatnonzero(bridging).tolist(), key=lambda j: (-weakest[j], -group_aware[j], j))


def _counts_by_statement(
    counts: np.ndarray, statement_ids: list[StatementId]
) -> dict[StatementId, VoteCounts]:
    """A (statements, 3) count array as statement id → ``VoteCounts``."""
    return {sid: VoteCounts(*row) for sid, row in zip(statement_ids, counts.tolist(), strict=True)}
