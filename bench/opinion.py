"""Benchmark: Kompas's opinion map (``kompas.dialogues.opinion.compute_map``) beside red-dwarf on the same votes.

Run:  .venv/bin/python bench/opinion.py [--sizes 1000x100,10000x500,50000x1000] [--no-reddwarf]

For each size it makes a synthetic vote matrix with planted groups (each participant votes on 20–60 statements)
and runs each implementation in a fresh subprocess: Kompas with this Python, red-dwarf (the Pol.is
re-implementation on PyPI) with the Python of its own virtualenv ``bench/.venv-reddwarf``, which this script
creates and fills with ``red-dwarf==0.4.0`` the first time (red-dwarf is never installed into the project's
venv). Both read the same (participant, statement, vote) triples from a temporary .npz file and get them in
their own input format (Kompas: a list of tuples; red-dwarf: a list of dicts) before the clock starts.

Printed per run: wall time of the call, peak memory growth during the call (Linux: the peak-RSS mark is reset
through /proc/self/clear_refs before the call and read as VmHWM after; elsewhere ru_maxrss minus the RSS
before), the number of groups, the adjusted Rand index against the planted groups, and the ratios. The goal
at 50,000 × 1,000: Kompas at least 50× faster, at most a tenth of red-dwarf's memory growth, and an ARI at
least as high. This is not a test and is never part of `make test`; every subprocess has a time limit.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REDDWARF_VENV = ROOT / "bench" / ".venv-reddwarf"
REDDWARF_REQUIREMENT = "red-dwarf==0.4.0"
DEFAULT_SIZES = "1000x100,10000x500,50000x1000"
GROUP_SHARES = (0.4, 0.3, 0.2, 0.1)
SHARED_STATEMENTS = 0.2  # share of statements on which every group leans the same way
LEAN, AGAINST = 0.7, 0.2  # probability of voting the group's way, against it; the rest pass
VOTES_PER_PARTICIPANT = (20, 60)


@dataclass(frozen=True)
class Result:
    """One measured run."""

    tool: str
    seconds: float
    memory_mb: float
    k: int
    ari: float
    note: str = ""


# --- Synthetic votes ---------------------------------------------------------------------------------------


def planted_votes(n_participants: int, n_statements: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Votes with planted groups: each group leans agree or disagree on each statement, each participant votes
    on 20–60 random statements (fewer when there are fewer statements) following their group's lean."""
    rng = np.random.default_rng(seed)
    planted = rng.choice(len(GROUP_SHARES), size=n_participants, p=GROUP_SHARES)
    lean = rng.choice([-1, 1], size=(len(GROUP_SHARES), n_statements))
    shared = rng.random(n_statements) < SHARED_STATEMENTS
    lean[:, shared] = lean[0, shared]
    low, high = VOTES_PER_PARTICIPANT
    counts = np.minimum(rng.integers(low, high + 1, size=n_participants), n_statements)
    rows = np.repeat(np.arange(n_participants), counts)
    cols = np.concatenate([rng.choice(n_statements, size=c, replace=False) for c in counts])
    draw = rng.random(len(rows))
    their_lean = lean[planted[rows], cols]
    values = np.where(draw < LEAN, their_lean, np.where(draw < LEAN + AGAINST, -their_lean, 0))
    return {"rows": rows, "cols": cols, "values": values.astype(np.int64), "planted": planted}


# --- Workers (run in a subprocess) ------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> bool:
    """Reset the process's peak-RSS mark (Linux ≥ 4.0); False when that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def _measure(call) -> tuple[object, float, float, str]:
    """Run ``call()`` and return its result, wall seconds and peak memory growth in MiB."""
    if _reset_peak():
        before, how = _rss_mb(), "VmHWM"
    else:
        before, how = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "ru_maxrss"
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    peak = _peak_mb() if how == "VmHWM" else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result, seconds, max(peak - before, 0.0), how


def worker_kompas(data: dict[str, np.ndarray]) -> dict:
    """Kompas's compute_map on a list of (participant, statement, vote) tuples."""
    sys.path.insert(0, str(ROOT))
    from sklearn.metrics import adjusted_rand_score

    from kompas.dialogues.opinion import compute_map

    votes = list(zip(data["rows"].tolist(), data["cols"].tolist(), data["values"].tolist(), strict=True))
    opinion_map, seconds, memory, how = _measure(lambda: compute_map(votes, seed=0))
    ids = np.fromiter(opinion_map.groups, dtype=np.int64)
    labels = np.fromiter(opinion_map.groups.values(), dtype=np.int64)
    ari = adjusted_rand_score(data["planted"][ids], labels) if len(ids) else 0.0
    return {"seconds": seconds, "memory_mb": memory, "k": opinion_map.k, "ari": ari, "note": how}


def worker_reddwarf(data: dict[str, np.ndarray]) -> dict:
    """red-dwarf's Pol.is pipeline (PCA + k-means, its defaults) on a list of vote dicts."""
    import warnings

    from sklearn.metrics import adjusted_rand_score

    warnings.filterwarnings("ignore")
    from reddwarf.implementations.polis import run_pipeline

    votes = [
        {"participant_id": p, "statement_id": s, "vote": v}
        for p, s, v in zip(data["rows"].tolist(), data["cols"].tolist(), data["values"].tolist(), strict=True)
    ]
    result, seconds, memory, how = _measure(lambda: run_pipeline(votes=votes, random_state=0))
    labels = result.participants_df["cluster_id"]
    clustered = labels.notna()
    ids = labels.index[clustered].to_numpy(dtype=np.int64)
    found = labels[clustered].astype(int).to_numpy()
    ari = adjusted_rand_score(data["planted"][ids], found) if len(ids) else 0.0
    return {"seconds": seconds, "memory_mb": memory, "k": len(set(found.tolist())), "ari": ari, "note": how}


# --- Driver ------------------------------------------------------------------------------------------------


def ensure_reddwarf() -> tuple[Path | None, str]:
    """The red-dwarf venv's python, creating the venv and installing red-dwarf when missing."""
    python = REDDWARF_VENV / "bin" / "python"
    check = [str(python), "-c", "import reddwarf.implementations.polis"]
    if python.exists() and subprocess.run(check, capture_output=True, timeout=120).returncode == 0:
        return python, "present"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(REDDWARF_VENV)], check=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", REDDWARF_REQUIREMENT],
            check=True,
            capture_output=True,
            text=True,
            timeout=1200,
        )
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        return None, f"could not install {REDDWARF_REQUIREMENT}: {detail.strip()[-500:]}"
    if subprocess.run(check, capture_output=True, timeout=120).returncode != 0:
        return None, f"{REDDWARF_REQUIREMENT} installed but `import reddwarf` fails"
    return python, "installed"


def run_worker(python: Path, tool: str, data_file: Path, timeout: int) -> Result:
    """Run one measurement in a fresh subprocess and read its JSON line."""
    command = [str(python), str(Path(__file__).resolve()), "--worker", tool, "--data", str(data_file)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return Result(tool, float("nan"), float("nan"), 0, float("nan"), f"timed out after {timeout} s")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return Result(
            tool, float("nan"), float("nan"), 0, float("nan"), f"failed: {done.stderr.strip()[-400:]}"
        )
    figures = json.loads(lines[-1])
    return Result(
        tool, figures["seconds"], figures["memory_mb"], figures["k"], figures["ari"], figures["note"]
    )


def print_row(size: str, votes: int, result: Result) -> None:
    print(
        f"{size:>12} {votes:>10,} {result.tool:>9} {result.seconds:>9.2f} {result.memory_mb:>10.1f} "
        f"{result.k:>3} {result.ari:>6.3f}  {result.note}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="participants x statements, comma separated")
    parser.add_argument("--no-reddwarf", action="store_true", help="measure Kompas only")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per run")
    parser.add_argument("--worker", choices=["kompas", "reddwarf"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        with np.load(args.data) as archive:
            data = {name: archive[name] for name in archive.files}
        worker = worker_kompas if args.worker == "kompas" else worker_reddwarf
        print(json.dumps(worker(data)), flush=True)
        return

    reddwarf_python, status = (None, "skipped (--no-reddwarf)") if args.no_reddwarf else ensure_reddwarf()
    print(f"red-dwarf: {status}" + (f" ({reddwarf_python})" if reddwarf_python else ""))
    print(f"{'size':>12} {'votes':>10} {'tool':>9} {'seconds':>9} {'memory MB':>10} {'k':>3} {'ARI':>6}")
    summary = []
    with tempfile.TemporaryDirectory(prefix="kompas-bench-") as folder:
        for size in args.sizes.split(","):
            n_participants, n_statements = (int(part) for part in size.split("x"))
            data = planted_votes(n_participants, n_statements)
            data_file = Path(folder) / f"{size}.npz"
            np.savez(data_file, **data)
            kompas = run_worker(Path(sys.executable), "kompas", data_file, args.timeout)
            print_row(size, len(data["rows"]), kompas)
            if reddwarf_python is None:
                continue
            reddwarf = run_worker(reddwarf_python, "reddwarf", data_file, args.timeout)
            print_row(size, len(data["rows"]), reddwarf)
            summary.append((size, kompas, reddwarf))
    for size, kompas, reddwarf in summary:
        print(
            f"{size}: Kompas is {reddwarf.seconds / kompas.seconds:.0f}x faster, uses "
            f"{kompas.memory_mb / reddwarf.memory_mb:.3f} of red-dwarf's memory growth, "
            f"ARI {kompas.ari:.3f} vs {reddwarf.ari:.3f}"
        )


if __name__ == "__main__":
    main()
