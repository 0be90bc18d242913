"""Benchmark: the disclosure-controlled survey summary (``kompas.surveys.disclosure.summarise``) beside a plain
pandas groupby of the same numbers, in the same run.

Run:  .venv/bin/python bench/survey.py [--respondents 25000] [--items 60] [--waves 4] [--repeat 5] [--no-small-group]

Data: per wave, ``respondents`` answers to ``items`` scale items (5 or 7 points, 3 % item non-response), with
role (8 % leaders) and department (the six departments of Aarhus in unequal sizes, plus by default a seventh,
tiny group of 12 employees and 3 leaders, so that every item needs primary *and* complementary suppression and
the disclosure engine really runs). Both sides get their data in memory before the clock starts: Kompas as
``disclosure.Columns`` (numpy arrays), pandas as one DataFrame per wave.

Timed, best of ``repeat``:
* Kompas: for every wave and item, ``summarise(columns, ("role", "department"), item, k=5)`` – the cells, the
  role and department margins and the total, with primary and complementary suppression;
* pandas: for every wave, ``df.groupby(["role", "department"])[items].agg(["count", "mean"])`` – the same cells,
  no margins, no disclosure control (one call per wave over all items, pandas' fastest form);
  and, for context, the same groupby called once per item.

Printed: both times, the ratio Kompas / pandas (goal ≤ 1.0) and a check that every shown cell has the same n
and mean as pandas. Never part of the test run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kompas.surveys.disclosure import Columns, summarise  # noqa: E402

DEPARTMENTS = {"BA": 0.06, "BU": 0.38, "KB": 0.07, "SB": 0.15, "SO": 0.26, "TM": 0.08}


def make_wave(respondents: int, items: int, seed: int, small_group: bool) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    names = list(DEPARTMENTS)
    p = np.array(list(DEPARTMENTS.values()))
    department = rng.choice(names, size=respondents, p=p / p.sum()).astype(object)
    role = np.where(rng.random(respondents) < 0.08, "leader", "employee").astype(object)
    if small_group:
        department[:15] = "XX"
        role[:3] = "leader"
        role[3:15] = "employee"
    data = {"role": role, "department": department}
    leader = role == "leader"
    for j in range(items):
        points = 7 if j % 3 == 0 else 5
        latent = rng.normal(0.55 + 0.05 * leader, 0.2)
        values = np.clip(np.rint(1 + latent * (points - 1)), 1, points)
        values[rng.random(respondents) < 0.03] = np.nan
        data[f"q{j:02d}"] = values
    return data


def run_kompas(columns_per_wave: list[Columns], items: list[str]) -> list:
    out = []
    for columns in columns_per_wave:
        for item in items:
            out.append(summarise(columns, ("role", "department"), item, k=5))
    return out


def run_pandas(frames: list, items: list[str]) -> list:
    return [df.groupby(["role", "department"], sort=True)[items].agg(["count", "mean"]) for df in frames]


def run_pandas_per_item(frames: list, items: list[str]) -> list:
    return [
        df.groupby(["role", "department"])[item].agg(["count", "mean"]) for df in frames for item in items
    ]


def best_of(repeat: int, fn, *args) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=25_000)
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--waves", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-small-group", action="store_true")
    args = parser.parse_args()
    try:
        import pandas as pd
    except ImportError:
        sys.exit("pandas is needed for the reference: .venv/bin/pip install 'pandas>=2.2,<3'")

    items = [f"q{j:02d}" for j in range(args.items)]
    raw = [
        make_wave(args.respondents, args.items, seed, not args.no_small_group) for seed in range(args.waves)
    ]
    frames = [pd.DataFrame(data) for data in raw]
    for df in frames:
        df["role"] = df["role"].astype(str)
        df["department"] = df["department"].astype(str)

    # Kompas gets fresh Columns each repetition, so the cached group codes are part of the measured time.
    def kompas_fresh():
        return run_kompas([Columns(data) for data in raw], items)

    t_kompas, summaries = best_of(args.repeat, kompas_fresh)
    t_pandas, grouped = best_of(args.repeat, run_pandas, frames, items)
    t_pandas_item, _ = best_of(max(1, args.repeat // 2), run_pandas_per_item, frames, items)

    # Same numbers: every shown cell equals pandas' count and mean.
    checked = mismatched = hidden = 0
    for w, table in enumerate(grouped):
        for j, item in enumerate(items):
            summary = summaries[w * len(items) + j]
            for cell in summary.cells:
                if cell.suppressed:
                    hidden += 1
                    continue
                count = int(table.loc[cell.key, (item, "count")])
                mean = float(table.loc[cell.key, (item, "mean")])
                checked += 1
                if count != cell.n or abs(mean - cell.mean) > 1e-9:
                    mismatched += 1

    cells = sum(len(s.cells) for s in summaries)
    print(
        f"survey summary: {args.respondents:,} respondents × {args.items} items × {args.waves} waves, "
        f"by role × department (+ margins), k=5"
    )
    print(
        f"  cells: {cells:,}; hidden: {hidden:,}; shown and checked against pandas: {checked:,}; mismatches: {mismatched}"
    )
    print(f"  kompas (disclosure-controlled) : {t_kompas * 1000:9.1f} ms")
    print(f"  pandas groupby, one per wave   : {t_pandas * 1000:9.1f} ms")
    print(f"  pandas groupby, one per item   : {t_pandas_item * 1000:9.1f} ms")
    print(f"  ratio kompas / pandas (wave)   : {t_kompas / t_pandas:9.2f}   (goal ≤ 1.0)")
    print(f"  ratio kompas / pandas (item)   : {t_kompas / t_pandas_item:9.2f}")
    if mismatched:
        sys.exit("numbers differ from pandas")


if __name__ == "__main__":
    main()
