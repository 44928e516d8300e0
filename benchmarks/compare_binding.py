#!/usr/bin/env python3
"""Overhead of the Python binding over the C++ engine on the foundation benchmark.

Times ``kernkompas.assign_points`` (via the compiled ``_core.assign_points``, polygons
already in ragged arrays, so the time is the binding's own: argument conversion, the copy
into the engine's layer, GIL release, the result array) against ``BM_Assign`` of the
Google Benchmark program ``kk_bench_assign`` on the same synthetic data (1M points × 10k
polygons by default), in the same run. Both are CPU time of one thread, median of
``--repeats`` runs. Also checks both assign exactly the same points.

Example::

    .venv/bin/python benchmarks/compare_binding.py --bench build/benchmarks/kk_bench_assign
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_assign import machine, synthetic_points, synthetic_polygon_coords  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=Path("build/benchmarks/kk_bench_assign"))
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--m", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from kernkompas import _core

    coords = synthetic_polygon_coords(args.m)
    m, ring = coords.shape[0], coords.shape[1]
    vertex_x = np.ascontiguousarray(coords[:, :, 0].ravel())
    vertex_y = np.ascontiguousarray(coords[:, :, 1].ravel())
    vertex_offsets = np.arange(m + 1, dtype=np.int64) * ring
    ring_offsets = part_offsets = np.arange(m + 1, dtype=np.int64)
    x, y = synthetic_points(args.n)

    times = []
    for _ in range(args.repeats):
        start = time.process_time()
        kern = _core.assign_points(vertex_x, vertex_y, vertex_offsets, ring_offsets, part_offsets, x, y, 1)
        times.append(time.process_time() - start)
    python_s = statistics.median(times)
    assigned_python = int((kern >= 0).sum())

    name = f"BM_Assign/n:{args.n}/m:{args.m}"
    out = subprocess.run([str(args.bench), f"--benchmark_filter=^{name}$", "--benchmark_format=json",
                          f"--benchmark_repetitions={args.repeats}", "--benchmark_report_aggregates_only=true"],
                         capture_output=True, text=True, check=True)
    runs = json.loads(out.stdout)["benchmarks"]
    median = next(r for r in runs if r.get("aggregate_name") == "median")
    unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[median["time_unit"]]
    cpp_s = median["cpu_time"] * unit
    assigned_cpp = int(median.get("assigned", -1))

    print(f"machine: {machine()}")
    print(f"data: {args.n:,} points x {args.m:,} polygons; median of {args.repeats}, CPU time, 1 thread")
    print(f"| C++ BM_Assign | Python _core.assign_points | overhead |")
    print(f"|---:|---:|---:|")
    print(f"| {cpp_s * 1e3:.1f} ms | {python_s * 1e3:.1f} ms | {100 * (python_s / cpp_s - 1):+.1f}% |")
    if assigned_cpp not in (-1, assigned_python):
        print(f"MISMATCH: C++ assigned {assigned_cpp}, Python {assigned_python}", file=sys.stderr)
        return 1
    print(f"both assigned {assigned_python:,} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
