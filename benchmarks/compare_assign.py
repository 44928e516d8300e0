#!/usr/bin/env python3
"""Compare kernkompas point-in-polygon assignment with geopandas.sjoin on the same data.

Rebuilds the synthetic polygons and points of ``benchmarks/synthetic.hpp`` bit for bit with
numpy, times ``geopandas.sjoin(points, polygons, predicate="within")`` (and, as a second
reference, a shapely STRtree built on the polygons and queried with the points), runs the
Google Benchmark program ``kk_bench_assign`` for the same cases, checks that every method
assigned exactly the same number of points, and prints a markdown table of throughput.

Times are CPU seconds of one thread on both sides (``time.process_time`` here, Google
Benchmark's cpu_time there), the median of ``--repeats`` runs.

Example::

    /tmp/kkvenv/bin/python benchmarks/compare_assign.py \\
        --bench build/benchmarks/kk_bench_assign --out docs/benchmarks-table.md
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

# --- the generator of synthetic.hpp, in numpy -------------------------------------------

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
ORIGIN_X, ORIGIN_Y, EXTENT = 100000.0, 400000.0, 100000.0
POINT_MIN_X, POINT_MIN_Y, POINT_SPAN = 99000.0, 399000.0, 102000.0
JITTER = 0.3
SEGMENTS = 4


def splitmix64(z: np.ndarray) -> np.ndarray:
    """SplitMix64 output for states z (uint64 arrays wrap modulo 2**64, as in C++)."""
    with np.errstate(over="ignore"):
        z = z + GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def unit_double(v: np.ndarray) -> np.ndarray:
    """[0, 1) from the top 53 bits; exact, so identical to the C++ double."""
    return (v >> np.uint64(11)).astype(np.float64) * 2.0**-53


def grid_shape(m: int) -> tuple[int, int]:
    """(nx, ny), nx * ny = m, ny the largest divisor of m not above sqrt(m)."""
    ny = max(d for d in range(1, int(m**0.5) + 2) if d * d <= m and m % d == 0)
    return m // ny, ny


def synthetic_polygon_coords(m: int) -> np.ndarray:
    """(m, 17, 2) closed rings, feature j * nx + i, as synthetic_polygons() builds them."""
    nx, ny = grid_shape(m)
    cols, rows = nx + 1, ny + 1
    cell_w, cell_h = EXTENT / nx, EXTENT / ny
    j, i = np.meshgrid(np.arange(rows, dtype=np.uint64), np.arange(cols, dtype=np.uint64),
                       indexing="ij")
    with np.errstate(over="ignore"):
        key = (i * np.uint64(73856093)) ^ (j * np.uint64(19349663))
    hx = splitmix64(key)
    hy = splitmix64(hx)
    cx = ORIGIN_X + i.astype(np.float64) * cell_w + (unit_double(hx) - 0.5) * JITTER * cell_w
    cy = ORIGIN_Y + j.astype(np.float64) * cell_h + (unit_double(hy) - 0.5) * JITTER * cell_h
    cx, cy = cx.ravel(), cy.ravel()

    ci, cj = np.meshgrid(np.arange(nx), np.arange(ny), indexing="xy")
    sw = (cj * cols + ci).ravel()  # row-major: feature j * nx + i
    se, nw = sw + 1, sw + cols
    ne = nw + 1

    def along(a, b, t):
        f = t / SEGMENTS
        return cx[a] + (cx[b] - cx[a]) * f, cy[a] + (cy[b] - cy[a]) * f

    xs, ys = [], []

    def edge(a, b, forward):
        start = a if forward else b
        xs.append(cx[start])
        ys.append(cy[start])
        for s in range(1, SEGMENTS):
            px, py = along(a, b, s if forward else SEGMENTS - s)
            xs.append(px)
            ys.append(py)

    edge(sw, se, True)
    edge(se, ne, True)
    edge(nw, ne, False)
    edge(sw, nw, False)
    xs.append(cx[sw])
    ys.append(cy[sw])
    return np.stack([np.stack(xs, axis=1), np.stack(ys, axis=1)], axis=2)


def synthetic_points(n: int, seed: int = 42) -> tuple[np.ndarray, np.ndarray]:
    k = np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        sx = np.uint64(seed) + (np.uint64(2) * k) * GOLDEN
        sy = np.uint64(seed) + (np.uint64(2) * k + np.uint64(1)) * GOLDEN
    x = POINT_MIN_X + unit_double(splitmix64(sx)) * POINT_SPAN
    y = POINT_MIN_Y + unit_double(splitmix64(sy)) * POINT_SPAN
    return x, y


# --- timing -----------------------------------------------------------------------------


def cpu_time(fn, repeats: int) -> tuple[float, object]:
    """Median CPU seconds of fn() over `repeats` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return statistics.median(times), result


def time_geopandas(x, y, coords, repeats):
    import geopandas as gpd
    import shapely

    point_geoms = shapely.points(x, y)
    polygon_geoms = shapely.polygons(coords)

    # sjoin caches a spatial index on the frames; fresh frames for every run keep the index
    # build inside the timing, as a first call from a user would have it.
    sjoin_times, matched = [], None
    for _ in range(repeats):
        pts = gpd.GeoDataFrame(geometry=gpd.GeoSeries(point_geoms, crs="EPSG:28992"))
        polys = gpd.GeoDataFrame({"kern": np.arange(len(coords))},
                                 geometry=gpd.GeoSeries(polygon_geoms, crs="EPSG:28992"))
        assert not pts.has_sindex and not polys.has_sindex
        t0 = time.process_time()
        joined = gpd.sjoin(pts, polys, predicate="within")
        sjoin_times.append(time.process_time() - t0)
        matched = int(joined.index.nunique())
        if len(joined) != matched:
            raise SystemExit(f"sjoin matched a point twice: {len(joined)} rows, {matched} points")

    def strtree():
        tree = shapely.STRtree(polygon_geoms)
        return tree.query(point_geoms, predicate="within")

    tree_time, pairs = cpu_time(strtree, repeats)
    tree_matched = int(np.unique(pairs[0]).size)
    return statistics.median(sjoin_times), matched, tree_time, tree_matched


def run_bench(bench: Path, ns, ms, repeats):
    alt_n = "|".join(str(n) for n in ns)
    alt_m = "|".join(str(m) for m in ms)
    flt = f"^(BM_(Assign|Locate)/n:({alt_n})/m:({alt_m})|BM_LocatorBuild/m:({alt_m}))$"
    cmd = [str(bench), "--benchmark_format=json", f"--benchmark_filter={flt}",
           f"--benchmark_repetitions={repeats}", "--benchmark_report_aggregates_only=true"]
    print("running:", " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        # With repetitions, the median aggregate; with one run, that run.
        if b.get("aggregate_name") == "median" or (
                b.get("run_type") == "iteration" and b["run_name"] not in results):
            results[b["run_name"]] = b
    return results


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    import os
    return f"{model}, {os.cpu_count()} logical CPUs, {mem_kb / 2**20:.0f} GiB RAM"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=Path("build/benchmarks/kk_bench_assign"))
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--m", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the markdown table here")
    parser.add_argument("--json", type=Path, help="write all measurements as JSON here")
    args = parser.parse_args()

    import geopandas
    import shapely

    kk = run_bench(args.bench, args.n, args.m, args.repeats)
    rows, records, failures = [], [], []
    for m in args.m:
        coords = synthetic_polygon_coords(m)
        build = kk[f"BM_LocatorBuild/m:{m}"]
        for n in args.n:
            x, y = synthetic_points(n)
            print(f"geopandas n={n} m={m} ...", file=sys.stderr, flush=True)
            t_sjoin, matched, t_tree, tree_matched = time_geopandas(x, y, coords, args.repeats)
            assign = kk[f"BM_Assign/n:{n}/m:{m}"]
            locate = kk[f"BM_Locate/n:{n}/m:{m}"]
            counts = {"kk assign": int(assign["assigned"]), "kk locate": int(locate["assigned"]),
                      "geopandas sjoin": matched, "shapely STRtree": tree_matched}
            if len(set(counts.values())) != 1:
                failures.append(f"n={n} m={m}: assigned counts differ: {counts}")
            rec = {
                "n": n, "m": m, "assigned": matched,
                "kk_assign_per_s": assign["items_per_second"],
                "kk_locate_per_s": locate["items_per_second"],
                "kk_build_ms": build["cpu_time"] if build["time_unit"] == "ms" else None,
                "sjoin_per_s": n / t_sjoin,
                "strtree_per_s": n / t_tree,
            }
            records.append(rec)
            rows.append(
                f"| {n:,} | {m:,} | {matched:,} | {rec['kk_assign_per_s'] / 1e6:.2f} | "
                f"{rec['kk_locate_per_s'] / 1e6:.2f} | {rec['sjoin_per_s'] / 1e6:.3f} | "
                f"{rec['strtree_per_s'] / 1e6:.3f} | "
                f"**{rec['kk_assign_per_s'] / rec['sjoin_per_s']:.1f}×** | "
                f"{rec['kk_assign_per_s'] / rec['strtree_per_s']:.1f}× |")

    header = [
        f"Machine: {machine()}; Python {platform.python_version()}, numpy {np.__version__}, "
        f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), "
        f"geopandas {geopandas.__version__}. One thread, CPU time, median of {args.repeats} runs.",
        "",
        "| N points | M polygons | assigned | kernkompas assign (M pts/s) | kernkompas query only "
        "(M pts/s) | geopandas sjoin (M pts/s) | shapely STRtree (M pts/s) | assign / sjoin | "
        "assign / STRtree |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    builds = ", ".join(
        f"M = {m:,}: {kk[f'BM_LocatorBuild/m:{m}']['cpu_time']:.2f} "
        f"{kk[f'BM_LocatorBuild/m:{m}']['time_unit']}" for m in args.m)
    footer = ["", f"Index build alone (BM_LocatorBuild): {builds}."]
    table = "\n".join(header + rows + footer) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table)
    if args.json:
        args.json.write_text(json.dumps(records, indent=2) + "\n")
    for failure in failures:
        print("MISMATCH:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
