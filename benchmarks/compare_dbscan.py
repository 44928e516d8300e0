#!/usr/bin/env python3
"""Compare kernkompas DBSCAN with scikit-learn's on the same points, same run.

Draws ``--points`` points (default 1,000,000) on a 40 km square, half uniform and half in
200 Gaussian clumps (sd 300 m), so a 75 m neighbourhood holds from a few points to about a
hundred: clusters, border points and noise. Then, each side in its own Python process (so
peak memory can be read per side) on the same points:

* ``kernkompas.stats.dbscan(xy, eps, min_samples, threads=T)`` through the Python binding,
  end to end (index, queries, labels), for T = 1 and 2;
* ``sklearn.cluster.DBSCAN(eps, min_samples, algorithm="kd_tree", n_jobs=1).fit(xy)``.

It checks that labels and core points are identical, and prints wall-clock seconds, the
ratio, and each process's peak resident memory above what it held after loading the points
(ru_maxrss minus the resident size before the fit; Linux). One run per side, interleaved; on a shared machine read the ratio, not the
absolute times.

Example::

    nice -n 5 .venv/bin/python benchmarks/compare_dbscan.py --points 1000000
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def synthetic_points(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    side = 40_000.0
    centres = rng.uniform(0.0, side, size=(200, 2))
    background = rng.uniform(0.0, side, size=(n - n // 2, 2))
    members = centres[rng.integers(0, 200, n // 2)] + rng.normal(0.0, 300.0, size=(n // 2, 2))
    return rng.permutation(np.vstack([background, members]))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run_one(side: str, data: Path, eps: float, min_samples: int, threads: int, out: Path) -> None:
    """One timed fit in this process; labels and core flags to `out`, figures to stdout."""
    xy = np.load(data)
    if side == "kernkompas":
        from kernkompas import stats

        stats.dbscan(xy[:1000], eps=eps, min_samples=min_samples)  # load the module first
        before = current_rss_mb()
        start = time.perf_counter()
        result = stats.dbscan(xy, eps=eps, min_samples=min_samples, threads=threads)
        seconds = time.perf_counter() - start
        labels, core = result.labels.astype(np.int64), result.core
    else:
        from sklearn.cluster import DBSCAN

        DBSCAN(eps=eps, min_samples=min_samples).fit(xy[:1000])
        before = current_rss_mb()
        start = time.perf_counter()
        model = DBSCAN(eps=eps, min_samples=min_samples, algorithm="kd_tree", n_jobs=1).fit(xy)
        seconds = time.perf_counter() - start
        labels = model.labels_.astype(np.int64)
        core = np.zeros(len(xy), dtype=bool)
        core[model.core_sample_indices_] = True
    np.savez(out, labels=labels, core=core)
    print(json.dumps({"seconds": seconds, "extra_peak_mb": peak_rss_mb() - before}))


def spawn(side, data, eps, min_samples, threads, out):
    command = [sys.executable, __file__, "--run", side, "--data", str(data), "--eps", str(eps),
               "--min-samples", str(min_samples), "--threads", str(threads), "--out", str(out)]
    figures = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    result = np.load(out)
    return figures, result["labels"], result["core"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--eps", type=float, default=75.0)
    parser.add_argument("--min-samples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--run", choices=["kernkompas", "sklearn"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.run, args.data, args.eps, args.min_samples, args.threads, args.out)
        return 0

    import sklearn

    import kernkompas

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "points.npy"
        np.save(data, synthetic_points(args.points, args.seed))
        runs = {}
        for name, side, threads in (("kernkompas, 1 thread", "kernkompas", 1),
                                    ("scikit-learn kd_tree, n_jobs=1", "sklearn", 1),
                                    ("kernkompas, 2 threads", "kernkompas", 2)):
            runs[name] = spawn(side, data, args.eps, args.min_samples, threads,
                               Path(tmp) / f"{side}{threads}.npz")
    reference_labels, reference_core = runs["scikit-learn kd_tree, n_jobs=1"][1:]
    print(f"{args.points:,} points, eps {args.eps:g} m, min_samples {args.min_samples}; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"kernkompas {kernkompas.__version__}, scikit-learn {sklearn.__version__}")
    print(f"clusters: {reference_labels.max() + 1}, core points: {int(reference_core.sum()):,}, "
          f"noise: {int((reference_labels == -1).sum()):,}")
    sklearn_seconds = runs["scikit-learn kd_tree, n_jobs=1"][0]["seconds"]
    identical = True
    for name, (figures, labels, core) in runs.items():
        same = np.array_equal(labels, reference_labels) and np.array_equal(core, reference_core)
        identical &= same
        print(f"  {name:32s} {figures['seconds']:8.2f} s  "
              f"x{sklearn_seconds / figures['seconds']:5.2f} vs scikit-learn  "
              f"peak memory +{figures['extra_peak_mb']:7.0f} MB  "
              f"{'identical labels' if same else 'LABELS DIFFER'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
