#!/usr/bin/env python3
"""Kernel density: kernkompas against scikit-learn's KernelDensity on the same points and grid.

Points: ``--points`` on a 40 km square, half uniform and half in 200 Gaussian clumps (sd
300 m), as compare_dbscan.py draws them. Grid: 100 m cells over the square (400 × 400 =
160,000 cells), bandwidth 500 m, Epanechnikov kernel (the one both implement with a finite
reach; kernkompas's default quartic is not in scikit-learn).

* kernkompas: ``kernkompas.stats.kernel_density(xy, bandwidth=500, cell_size=100,
  kernel="epanechnikov", extent=..., disclosure_k=0)`` through the Python binding, end to end
  (grid, sums, mask), 1 thread;
* scikit-learn: ``KernelDensity(kernel="epanechnikov", bandwidth=500, algorithm="kd_tree",
  rtol=0).fit(xy).score_samples(cell centres)``, times n, per km² — exact, one core.

Both surfaces are checked to agree to 1e-9 relative (of the peak) before the times are
printed. scikit-learn's time grows with points × cells in reach; it is measured at
``--peer-points`` (default 100,000) and kernkompas at both that and ``--points``
(default 1,000,000). One run per side; on a shared machine read the ratio.

Example::

    nice -n 5 .venv/bin/python benchmarks/compare_kde.py
"""
from __future__ import annotations

import argparse
import time

import numpy as np


def synthetic_points(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    side = 40_000.0
    centres = rng.uniform(0.0, side, size=(200, 2))
    clumped = centres[rng.integers(0, 200, size=n // 2)] + rng.normal(0.0, 300.0, size=(n // 2, 2))
    uniform = rng.uniform(0.0, side, size=(n - n // 2, 2))
    return np.clip(np.concatenate([clumped, uniform]), 0.0, side)


def ours(xy):
    from kernkompas import stats
    start = time.perf_counter()
    surface = stats.kernel_density(xy, bandwidth=500.0, cell_size=100.0, kernel="epanechnikov",
                                   extent=(0.0, 0.0, 40_000.0, 40_000.0), disclosure_k=0)
    return time.perf_counter() - start, surface


def peer(xy, surface):
    from sklearn.neighbors import KernelDensity
    x0, cell, _, y1, _, _ = surface.transform
    rows, columns = surface.values.shape
    gx, gy = np.meshgrid(x0 + (np.arange(columns) + 0.5) * cell, y1 - (np.arange(rows) + 0.5) * cell)
    centres = np.column_stack([gx.ravel(), gy.ravel()])
    start = time.perf_counter()
    kde = KernelDensity(kernel="epanechnikov", bandwidth=500.0, algorithm="kd_tree", rtol=0).fit(xy)
    values = np.exp(kde.score_samples(centres)) * len(xy) * 1e6
    return time.perf_counter() - start, values.reshape(rows, columns)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--peer-points", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    small = synthetic_points(args.peer_points, args.seed)
    t_ours_small, surface = ours(small)
    t_peer, reference = peer(small, surface)
    difference = np.max(np.abs(surface.values - reference)) / reference.max()
    assert difference < 1e-9, f"surfaces differ by {difference:.2e} of the peak"
    print(f"{args.peer_points:,} points, 160,000 cells: kernkompas {t_ours_small:.3f} s, "
          f"scikit-learn {t_peer:.3f} s, ratio {t_peer / t_ours_small:.1f}x (max difference {difference:.1e} of the peak)")
    large = synthetic_points(args.points, args.seed)
    t_ours_large, _ = ours(large)
    print(f"{args.points:,} points, 160,000 cells: kernkompas {t_ours_large:.3f} s")


if __name__ == "__main__":
    main()
