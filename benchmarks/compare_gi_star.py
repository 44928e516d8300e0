#!/usr/bin/env python3
"""Compare kernkompas Gi* vacancy hot spots with esda.G_Local on the same data, same run.

Draws ``--units`` units (default 100,000) uniformly on a square of ``--side`` cells of 250 m
(default 100 x 100 = 10,000 cells) with a planted cluster of higher vacancy, writes them
to a file, and then

* runs the Google Benchmark program ``kk_bench_gi_star`` on that file (999 permutations,
  1 and 2 threads, wall time): ``BM_GiStar`` is the statistic on prebuilt cell values and
  weights, ``BM_Hotspots`` the whole step (grid, weights, Gi*);
* builds the same cells in numpy and the same weights with libpysal (binary distance band
  of 1.5 cells between cell centres, both as a ``libpysal.graph.Graph`` and as a classic
  ``W``) and times ``esda.G_Local(star=True, transform="B", permutations=999,
  keep_simulations=False)`` with ``n_jobs=1`` and ``n_jobs=2``, after an untimed warm-up
  so numba compilation and the loky worker start are not counted;
* checks that both sides computed the same z-scores (to 1e-9) and reports how many cells
  each calls significant at p_sim < 0.05.

Times are wall-clock seconds, the median of ``--repeats`` runs, the two sides interleaved
(engine, esda, engine, esda, ...) so that both see the same load on a shared machine; read
them as ratios measured side by side rather than as absolute figures.

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


def run_engine(bench: Path, data: Path, dump: Path | None):
    """One run of every engine benchmark; returns {name: wall seconds} and the context."""
    cmd = [str(bench), f"--data={data}", "--benchmark_format=json"]
    if dump is not None:
        cmd.append(f"--dump={dump}")
    report = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    times = {}
    for b in report["benchmarks"]:
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

    from libpysal import graph

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_w, w = time_median(
            lambda: libpysal.weights.DistanceBand(centres, threshold=1.5 * CELL, binary=True,
                                                  silence_warnings=True), 1)
        t_graph, gr = time_median(
            lambda: graph.Graph.build_distance_band(centres, threshold=1.5 * CELL, binary=True), 1)

        def g_local(weights, n_jobs):
            return esda.G_Local(values, weights, transform="B", star=True, permutations=999,
                                keep_simulations=False, n_jobs=n_jobs, seed=args.seed)

        for weights in (gr, w):  # warm-up: numba compilation, loky workers
            g_local(weights, 1)
            g_local(weights, 2)

        # The machine is shared: interleave the sides so all see the same load.
        runs = {key: [] for key in ("k1", "k2", "h1", "h2", "g1", "g2", "w1", "w2")}
        with tempfile.TemporaryDirectory() as tmp:
            data, dump = Path(tmp) / "units.txt", Path(tmp) / "cells.csv"
            with data.open("w") as f:
                for a, b, st in zip(x, y, status):
                    f.write(f"{float(a)!r} {float(b)!r} {int(st)}\n")
            for r in range(args.repeats):
                engine, context = run_engine(args.bench, data, dump if r == 0 else None)
                if r == 0:
                    ours = np.genfromtxt(dump, delimiter=",", names=True)
                runs["k1"].append(engine["BM_GiStar/threads:1/real_time"])
                runs["k2"].append(engine["BM_GiStar/threads:2/real_time"])
                runs["h1"].append(engine["BM_Hotspots/threads:1/real_time"])
                runs["h2"].append(engine["BM_Hotspots/threads:2/real_time"])
                t, g_esda = time_median(lambda: g_local(gr, 1), 1)
                runs["g1"].append(t)
                runs["g2"].append(time_median(lambda: g_local(gr, 2), 1)[0])
                t, g_w = time_median(lambda: g_local(w, 1), 1)
                runs["w1"].append(t)
                runs["w2"].append(time_median(lambda: g_local(w, 2), 1)[0])
    m = {key: statistics.median(v) for key, v in runs.items()}

    assert len(ours) == len(values), (len(ours), len(values))
    np.testing.assert_allclose(ours["value"], values, rtol=0, atol=1e-15)
    z_diff = max(float(np.nanmax(np.abs(ours["gi_z"] - g.Zs))) for g in (g_esda, g_w))
    assert z_diff < 1e-9, z_diff
    sig_ours = int(np.sum(ours["p_sim"] < 0.05))
    sig_esda = int(np.sum(g_esda.p_sim < 0.05))

    print(f"{args.units:,} units, {len(values):,} occupied cells of {CELL:.0f} m, "
          f"{w.nonzero:,} neighbour pairs (queen); 999 permutations; wall time, median of "
          f"{args.repeats} interleaved runs")
    print(f"python {platform.python_version()}, esda {esda.__version__}, libpysal "
          f"{libpysal.__version__}, numba {numba_version}; "
          f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz")
    print()
    print("| Gi* with 999 permutations, cell values and weights given | 1 thread / n_jobs=1 "
          "| 2 threads / n_jobs=2 |")
    print("|---|---:|---:|")
    print(f"| kernkompas `stats::gi_star` | {m['k1']:.3f} s | {m['k2']:.3f} s |")
    print(f"| esda `G_Local(star=True)` on a libpysal `Graph` | {m['g1']:.3f} s | {m['g2']:.3f} s |")
    print(f"| esda `G_Local(star=True)` on a libpysal `W` | {m['w1']:.3f} s | {m['w2']:.3f} s |")
    print(f"| kernkompas `vacancy_hotspots` (grid + weights + Gi*) | {m['h1']:.3f} s "
          f"| {m['h2']:.3f} s |")
    print()
    print(f"Building the weights in libpysal: Graph.build_distance_band {t_graph:.3f} s, "
          f"weights.DistanceBand {t_w:.3f} s.")
    print(f"kernkompas vs esda (Graph): {m['g1'] / m['k1']:.2f}x faster on 1 thread, "
          f"{m['g2'] / m['k2']:.2f}x with 2; max |z difference| {z_diff:.1e}; cells with "
          f"p_sim < 0.05: kernkompas {sig_ours}, esda {sig_esda}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
