#!/usr/bin/env python3
"""Compare kernkompas Gi* vacancy hot spots with esda.G_Local on the same data, same run.

Draws ``--units`` units (default 100,000) uniformly on a square of ``--side`` cells of 250 m
(default 100 x 100 = 10,000 cells) with a planted cluster of higher vacancy, writes them
to a file, and then

* runs the Google Benchmark program ``kk_bench_gi_star`` on that file (999 permutations,
  1 and 2 threads, wall time): ``BM_GiStar`` is the statistic on prebuilt cell values and
  weights, ``BM_Hotspots`` the whole step (grid, weights, Gi*);
* builds the same cells in numpy and the same weights with libpysal (binary distance band
  of 1.5 cells between cell centres) and times ``esda.G_Local(star=True, transform="B",
  permutations=999, keep_simulations=False)`` with ``n_jobs=1`` and ``n_jobs=2``, after an
  untimed warm-up so numba compilation and the loky worker start are not counted;
* checks that both sides computed the same z-scores (to 1e-9) and reports how many cells
  each calls significant at p_sim < 0.05.

Times are wall-clock seconds, the median of ``--repeats`` runs; the machine is shared, so
read them as ratios measured side by side, not as absolute figures.

Example::

    /tmp/kkvenv-numba/bin/python benchmarks/compare_gi_star.py \\
        --bench build/benchmarks/kk_bench_gi_star
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

CELL = 250.0


def synthetic_units(n: int, side: int, seed: int):
    """x, y (RD-like metres) and status (1 occupied, 2 vacant) with one vacancy cluster."""
    rng = np.random.default_rng(seed)
    extent = side * CELL
    x = 130_000.0 + extent * rng.uniform(size=n)
    y = 450_000.0 + extent * rng.uniform(size=n)
    cx, cy, r = 130_000.0 + 0.4 * extent, 450_000.0 + 0.4 * extent, 0.08 * extent
    cluster = (x - cx) ** 2 + (y - cy) ** 2 < r * r
    vacant = rng.uniform(size=n) < np.where(cluster, 0.25, 0.07)
    return x, y, np.where(vacant, 2, 1)


def cells_like_engine(x, y, status):
    """Cell values (vacancy rate) and centres, ordered by row then column like the engine."""
    ox, oy = np.floor(x.min() / CELL) * CELL, np.floor(y.min() / CELL) * CELL
    col = np.floor((x - ox) / CELL).astype(np.int64)
    row = np.floor((y - oy) / CELL).astype(np.int64)
    keys, inverse = np.unique(row * 1_000_000 + col, return_inverse=True)
    units = np.bincount(inverse)
    vacant = np.bincount(inverse, weights=(status == 2))
    r, c = keys // 1_000_000, keys % 1_000_000
    centres = np.column_stack([ox + (c + 0.5) * CELL, oy + (r + 0.5) * CELL])
    return vacant / units, centres


def time_median(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_engine(bench: Path, data: Path, dump: Path, repeats: int):
    out = subprocess.run(
        [str(bench), f"--data={data}", f"--dump={dump}", "--benchmark_format=json",
         f"--benchmark_repetitions={repeats}", "--benchmark_report_aggregates_only=true"],
        capture_output=True, text=True, check=True,
    ).stdout
    report = json.loads(out)
    times = {}
    for b in report["benchmarks"]:
        if b.get("aggregate_name") == "median":
            unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b["time_unit"]]
            times[b["run_name"]] = b["real_time"] * unit
    return times, report.get("context", {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=Path("build/benchmarks/kk_bench_gi_star"))
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--side", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    import esda
    import libpysal

    try:
        import numba

        numba_version = numba.__version__
    except ImportError:
        numba_version = "not installed (esda falls back to pure Python)"

    x, y, status = synthetic_units(args.units, args.side, args.seed)
    values, centres = cells_like_engine(x, y, status)

    with tempfile.TemporaryDirectory() as tmp:
        data, dump = Path(tmp) / "units.txt", Path(tmp) / "cells.csv"
        with data.open("w") as f:
            for a, b, s in zip(x, y, status):
                f.write(f"{float(a)!r} {float(b)!r} {int(s)}\n")
        engine, context = run_engine(args.bench, data, dump, args.repeats)
        ours = np.genfromtxt(dump, delimiter=",", names=True)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_weights, w = time_median(
            lambda: libpysal.weights.DistanceBand(centres, threshold=1.5 * CELL, binary=True,
                                                  silence_warnings=True), 1)

        def g_local(n_jobs):
            return esda.G_Local(values, w, transform="B", star=True, permutations=999,
                                keep_simulations=False, n_jobs=n_jobs, seed=args.seed)

        g_local(1)  # warm-up: numba compilation
        g_local(2)  # warm-up: loky workers
        t_esda1, g1 = time_median(lambda: g_local(1), args.repeats)
        t_esda2, _ = time_median(lambda: g_local(2), args.repeats)

    assert len(ours) == len(values), (len(ours), len(values))
    np.testing.assert_allclose(ours["value"], values, rtol=0, atol=1e-15)
    z_diff = float(np.nanmax(np.abs(ours["gi_z"] - g1.Zs)))
    assert z_diff < 1e-9, z_diff
    sig_ours = int(np.sum(ours["p_sim"] < 0.05))
    sig_esda = int(np.sum(g1.p_sim < 0.05))

    k1, k2 = engine["BM_GiStar/threads:1/real_time"], engine["BM_GiStar/threads:2/real_time"]
    h1, h2 = engine["BM_Hotspots/threads:1/real_time"], engine["BM_Hotspots/threads:2/real_time"]
    print(f"{args.units:,} units, {len(values):,} occupied cells of {CELL:.0f} m, "
          f"{w.nonzero:,} neighbour pairs; 999 permutations; median of {args.repeats}")
    print(f"python {platform.python_version()}, esda {esda.__version__}, libpysal "
          f"{libpysal.__version__}, numba {numba_version}; "
          f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz")
    print()
    print("| step | kernkompas 1 thread | kernkompas 2 threads | esda n_jobs=1 | esda n_jobs=2 |")
    print("|---|---:|---:|---:|---:|")
    print(f"| Gi* + 999 permutations (values and weights given) | {k1:.3f} s | {k2:.3f} s "
          f"| {t_esda1:.3f} s | {t_esda2:.3f} s |")
    print(f"| whole step: grid + weights + Gi* | {h1:.3f} s | {h2:.3f} s "
          f"| {t_esda1 + t_weights:.3f} s (+ weights {t_weights:.3f} s) | "
          f"{t_esda2 + t_weights:.3f} s |")
    print()
    print(f"speed-up over esda: 1 thread {t_esda1 / k1:.2f}x, 2 threads {t_esda2 / k2:.2f}x "
          f"(Gi* step); max |z difference| {z_diff:.1e}; cells with p_sim < 0.05: "
          f"kernkompas {sig_ours}, esda {sig_esda}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
