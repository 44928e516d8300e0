#!/usr/bin/env python3
"""Compare kernkompas.stats.ripley with pointpats.k_test on the same points, same run.

Draws ``--points`` uniform points (default 10,000) in a kern-like window (a 2 x 2 km square
with a 500 x 500 m lake cut out of one corner; ``--square`` for a plain square) and times,
end to end through the Python binding,

* ``kernkompas.stats.ripley(xy, window, r, simulations=99, threads=1)``: K with Ripley's
  isotropic edge correction against the window, and 99 uniform patterns in the window for
  the envelope, each also edge corrected;
* ``pointpats.k_test(xy, support=r, hull=window, n_simulations=99, n_jobs=1)``: K without
  edge correction (pointpats does not implement it) and 99 uniform patterns in the same
  window.

Both at the same ``--distances`` (default 10 values, 10 .. 100 m). Wall-clock seconds, the
median of ``--repeats`` runs with the two sides interleaved, so both see the same load; read
the ratio, not the absolute times, on a shared machine. Prints a markdown table.

Example::

    nice -n 5 .venv/bin/python benchmarks/compare_ripley.py --repeats 3
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np


def window(square: bool):
    import shapely

    box = shapely.box(0, 0, 2000, 2000)
    return box if square else box.difference(shapely.box(1500, 1500, 2000, 2000))


def uniform_points(win, n, seed):
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = win.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        xy = rng.uniform((x0, y0), (x1, y1), size=(2 * n, 2))
        out = np.vstack([out, xy[shapely.contains_xy(win, xy[:, 0], xy[:, 1])]])
    return out[:n]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--simulations", type=int, default=99)
    parser.add_argument("--distances", type=int, default=10, help="number of distances, 10 m apart")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--square", action="store_true")
    args = parser.parse_args()

    import pointpats
    import shapely

    import kernkompas
    from kernkompas import stats

    win = window(args.square)
    shapely.prepare(win)
    xy = uniform_points(win, args.points, 1)
    r = 10.0 * np.arange(1, args.distances + 1)

    def ours():
        return stats.ripley(xy, win, r, simulations=args.simulations, seed=7, threads=1)

    def theirs():
        return pointpats.k_test(xy, support=r, hull=win, n_simulations=args.simulations,
                                n_jobs=1, keep_simulations=False)

    times = {"kernkompas": [], "pointpats": []}
    for _ in range(args.repeats):
        for name, run in (("kernkompas", ours), ("pointpats", theirs)):
            start = time.perf_counter()
            result = run()
            times[name].append(time.perf_counter() - start)
            print(f"  {name}: {times[name][-1]:.2f} s", flush=True)
            if name == "kernkompas":
                table = result
            else:
                pp = result
    k_ours, k_pp = statistics.median(times["kernkompas"]), statistics.median(times["pointpats"])
    n = len(xy)
    # Same pair counts, up to pointpats' scaling: n² instead of n(n − 1), and the area of
    # its default hull for K, the points' bounding box (the window given as `hull` serves
    # only to simulate).
    from pointpats import distance_statistics as pp_distance

    pp_area = pp_distance._area(pp_distance._prepare_hull(xy, None))
    pairs_ours = table.k_uncorrected.to_numpy() * n * (n - 1) / win.area
    pairs_pp = pp.statistic * n * n / pp_area
    print(f"points {n}, simulations {args.simulations}, distances {len(r)} "
          f"({r[0]:.0f} .. {r[-1]:.0f} m), window area {win.area / 1e6:.3f} km², "
          f"repeats {args.repeats}")
    print(f"pair counts agree to {np.max(np.abs(pairs_ours - pairs_pp) / pairs_pp):.1e} (relative)")
    print(f"edge-corrected / uncorrected K at {r[-1]:.0f} m: "
          f"{table.k.iloc[-1] / table.k_uncorrected.iloc[-1]:.4f}; L - r at {r[-1]:.0f} m "
          f"{table.h.iloc[-1]:+.2f} m, envelope [{table.l_lo.iloc[-1] - r[-1]:+.2f}, "
          f"{table.l_hi.iloc[-1] - r[-1]:+.2f}]")
    print()
    print(f"| Ripley K, {args.simulations} simulations, 1 thread | seconds (median) | runs |")
    print("|---|---:|---|")
    print(f"| kernkompas `stats.ripley` (edge-corrected) | {k_ours:.2f} | "
          f"{', '.join(f'{t:.2f}' for t in times['kernkompas'])} |")
    print(f"| pointpats `k_test` (no edge correction) | {k_pp:.2f} | "
          f"{', '.join(f'{t:.2f}' for t in times['pointpats'])} |")
    print(f"\nratio pointpats / kernkompas: {k_pp / k_ours:.1f}x")
    print(f"Python {platform.python_version()}, pointpats {pointpats.__version__}, "
          f"kernkompas {kernkompas.__version__}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
