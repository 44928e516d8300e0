#!/usr/bin/env python3
"""Compare kernkompas local Moran with esda.Moran_Local on the same data, same run.

A lattice of ``--side`` × ``--side`` unit squares (default 55 × 55 = 3,025 polygons, the
size of esda's published 3,085 US counties) with a smooth pattern plus noise; both sides
take queen contiguity built from the polygons by their own builder beforehand (not timed),
row-standardised (esda's default), and run ``--permutations`` conditional permutations
(default 9,999) on one thread:

* kernkompas: ``kernkompas.stats.local_moran(y, w, permutations=R, threads=1)`` through
  the Python binding, end to end (argument checks, GIL release, numpy arrays out);
* esda: ``esda.Moran_Local(y, w, permutations=R, n_jobs=1, keep_simulations=False)``,
  after an untimed warm-up (numba compilation is not counted).

Before timing, the script checks that both give the same I_i (to 1e-9) and quadrants.
Times are wall-clock seconds, the median of ``--repeats`` runs, the two sides interleaved
so both see the same load; read them as a ratio measured side by side. Peak memory of the
kernkompas call is reported too (tracemalloc does not see C++ allocations, so it is the
process's maximum RSS growth, coarse but enough to show it does not scale with R).
"""
from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
import warnings

import numpy as np


def lattice(side: int, seed: int):
    import shapely

    rows = np.repeat(np.arange(side), side)
    columns = np.tile(np.arange(side), side)
    polygons = [shapely.box(c, r, c + 1, r + 1) for r, c in zip(rows, columns)]
    rng = np.random.default_rng(seed)
    y = np.sin(rows / 6.0) + np.cos(columns / 9.0) + rng.normal(0, 0.8, side * side)
    return polygons, y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=55)
    parser.add_argument("--permutations", type=int, default=9999)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import esda
    import geopandas as gpd
    import libpysal

    from kernkompas import stats

    try:
        import numba

        numba_version = numba.__version__
    except ImportError:
        numba_version = "not installed (esda runs its kernel in pure Python)"

    polygons, y = lattice(args.side, args.seed)
    n = len(y)
    ours_w = stats.contiguity_weights(polygons, kind="queen", row_standardise=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        their_w = libpysal.weights.Queen.from_dataframe(gpd.GeoDataFrame(geometry=polygons),
                                                        use_index=False)
    their_w.transform = "r"

    # Same statistic first.
    check_ours = stats.local_moran(y, ours_w, permutations=0)
    check_theirs = esda.Moran_Local(y, their_w, transformation="r", permutations=0)
    assert np.max(np.abs(check_ours.Is - check_theirs.Is)) < 1e-9
    assert np.array_equal(check_ours.q, check_theirs.q)

    def run_ours():
        start = time.perf_counter()
        result = stats.local_moran(y, ours_w, permutations=args.permutations, seed=args.seed,
                                   threads=1)
        return time.perf_counter() - start, result

    def run_theirs():
        start = time.perf_counter()
        result = esda.Moran_Local(y, their_w, transformation="r", permutations=args.permutations,
                                  n_jobs=1, keep_simulations=False, seed=args.seed)
        return time.perf_counter() - start, result

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esda.Moran_Local(y, their_w, transformation="r", permutations=99, n_jobs=1,
                         keep_simulations=False, seed=0)  # warm-up: numba compilation
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        ours_times, theirs_times = [], []
        for _ in range(args.repeats):
            t, ours = run_ours()
            ours_times.append(t)
            t, theirs = run_theirs()
            theirs_times.append(t)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    ours_median = statistics.median(ours_times)
    theirs_median = statistics.median(theirs_times)
    print(f"local Moran, {n} polygons (queen, row-standardised), {args.permutations} permutations, 1 thread")
    print(f"  kernkompas stats.local_moran : {ours_median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in ours_times)})")
    print(f"  esda Moran_Local (n_jobs=1)  : {theirs_median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in theirs_times)})")
    print(f"  ratio esda / kernkompas      : {theirs_median / ours_median:.1f}x")
    print(f"  significant at p_sim < 0.05  : kernkompas {int(np.sum(ours.p_sim < 0.05))}, esda {int(np.sum(theirs.p_sim < 0.05))}")
    print(f"  max RSS growth during the timed runs: {(rss_after - rss_before) / 1024:.1f} MB")
    print(f"  python {platform.python_version()}, esda {esda.__version__}, libpysal {libpysal.__version__}, numba {numba_version}")


if __name__ == "__main__":
    main()
