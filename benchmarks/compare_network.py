#!/usr/bin/env python3
"""Compare kernkompas's nearest-facility search with networkx and pandana, same run, same data.

Generates the street grid of benchmarks/network_bench.cpp: ``--side`` × ``--side`` nodes
(default 708, so 1,001,112 one-segment links) 100 m apart, every 7th street one-way
(alternating direction), every 10th a faster road (30 and 80 km/h); ``--origins`` points
(default 1,000,000) uniform over the grid and ``--facilities`` facilities (default 1,000)
on nodes. Then, each side in its own Python process (so peak memory can be read per side),
END TO END as a user runs it from arrays:

* kernkompas: ``access.RoadNetwork(x, y, offsets, road_class, direction, speeds)`` (graph
  and link index) + ``access.nearest_facility(net, origins, facilities)`` (snapping both
  sides to the nearest link, one multi-source Dijkstra, the DataFrame);
* networkx: ``DiGraph.add_edges_from`` (one arc per allowed direction, length attribute) +
  snapping origins and facilities to the nearest node (scipy cKDTree) +
  ``multi_source_dijkstra_path_length`` over the reversed graph + reading off every
  origin's node;
* pandana (if installed): ``pandana.Network`` (contraction hierarchy; one-way streets as
  single arcs, twoway=False) + ``precompute`` + ``get_node_ids`` (origins to nodes) +
  ``set_pois`` + ``nearest_pois(num_pois=1)`` + reading off every origin's node.

The peers snap to nodes, kernkompas to links (adding the snap distance), so per-origin
values differ by up to about a block; the script checks the distances instead with the
origins placed ON nodes: kernkompas must equal networkx to 1e-6 m and pandana to its
single precision. It prints wall-clock seconds per stage, ratios and peak resident memory
above the data (ru_maxrss minus the resident size after loading; Linux). One run per side;
on a shared machine read the ratios, and the load average printed with them.

Example::

    nice -n 5 .venv/bin/python benchmarks/compare_network.py --side 708 --origins 1000000
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SPACING = 100.0
SPEEDS = (30.0, 80.0)


def grid(side: int):
    """The lines of network_bench.cpp: per street a, links (a, b)-(a, b+1) and (b, a)-(b+1, a)."""
    a, b = np.meshgrid(np.arange(side), np.arange(side - 1), indexing="ij")
    a, b = a.ravel(), b.ravel()
    # vertical link of street a, then horizontal link of street a + 1, interleaved
    x0 = np.column_stack([a, b]).ravel() * SPACING
    y0 = np.column_stack([b, a]).ravel() * SPACING
    x1 = np.column_stack([a, b + 1]).ravel() * SPACING
    y1 = np.column_stack([b + 1, a]).ravel() * SPACING
    street = np.column_stack([a, a + 1]).ravel()
    road_class = (street % 10 == 0).astype(np.uint16)
    direction = np.where(street % 7 != 0, 0, np.where((street // 7) % 2 == 0, 1, 2)).astype(np.uint8)
    return x0, y0, x1, y1, road_class, direction


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def node_ids(side: int, x, y):
    """Node number of grid coordinates (exact multiples of the spacing): i * side + j."""
    return (np.rint(x / SPACING).astype(np.int64) * side + np.rint(y / SPACING).astype(np.int64))


def run_kernkompas(data, side):
    from kernkompas import access

    x0, y0, x1, y1 = data["x0"], data["y0"], data["x1"], data["y1"]
    stages = {}
    t = time.perf_counter()
    x = np.column_stack([x0, x1]).ravel()
    y = np.column_stack([y0, y1]).ravel()
    offsets = np.arange(0, 2 * x0.size + 1, 2, dtype=np.uint64)
    net = access.RoadNetwork(x, y, offsets, road_class=data["road_class"], direction=data["direction"],
                             speeds_kmh=SPEEDS)
    stages["build"] = time.perf_counter() - t
    t = time.perf_counter()
    near = access.nearest_facility(net, data["origins"], data["facilities"])
    stages["snap + search"] = time.perf_counter() - t
    distance = near["distance_m"].to_numpy()
    check = access.nearest_facility(net, data["check_origins"], data["facilities"])["distance_m"].to_numpy()
    sizes = {"nodes": net.node_count, "links": net.link_count, "arcs": net.arc_count,
             "bytes_per_link": net.memory_bytes / net.link_count}
    return stages, distance, check, sizes


def run_networkx(data, side):
    import networkx as nx
    from scipy.spatial import cKDTree

    x0, y0, x1, y1 = data["x0"], data["y0"], data["x1"], data["y1"]
    direction = data["direction"]
    stages = {}
    t = time.perf_counter()
    a = node_ids(side, x0, y0)
    b = node_ids(side, x1, y1)
    length = np.hypot(x1 - x0, y1 - y0)
    graph = nx.DiGraph()
    forward = direction != 2
    backward = direction != 1
    graph.add_weighted_edges_from(zip(a[forward].tolist(), b[forward].tolist(), length[forward].tolist()),
                                  weight="length")
    graph.add_weighted_edges_from(zip(b[backward].tolist(), a[backward].tolist(), length[backward].tolist()),
                                  weight="length")
    stages["build"] = time.perf_counter() - t
    t = time.perf_counter()
    ij = np.stack(np.meshgrid(np.arange(side), np.arange(side), indexing="ij"), axis=-1).reshape(-1, 2)
    tree = cKDTree(ij * SPACING)
    origin_nodes = tree.query(data["origins"])[1]
    facility_nodes = tree.query(data["facilities"])[1]
    stages["snap to nodes"] = time.perf_counter() - t
    t = time.perf_counter()
    lengths = nx.multi_source_dijkstra_path_length(graph.reverse(copy=False), set(facility_nodes.tolist()),
                                                   weight="length")
    stages["search"] = time.perf_counter() - t
    t = time.perf_counter()
    distance = np.array([lengths.get(n, np.nan) for n in origin_nodes.tolist()])
    stages["read off"] = time.perf_counter() - t
    check_nodes = node_ids(side, data["check_origins"][:, 0], data["check_origins"][:, 1])
    check = np.array([lengths.get(n, np.nan) for n in check_nodes.tolist()])
    return stages, distance, check, {"nodes": graph.number_of_nodes(), "arcs": graph.number_of_edges()}


def run_pandana(data, side):
    import pandana
    import pandas as pd

    x0, y0, x1, y1 = data["x0"], data["y0"], data["x1"], data["y1"]
    direction = data["direction"]
    limit = float(data["pandana_limit"])
    stages = {}
    t = time.perf_counter()
    a = node_ids(side, x0, y0)
    b = node_ids(side, x1, y1)
    forward, backward = direction != 2, direction != 1
    frm = np.concatenate([a[forward], b[backward]])
    to = np.concatenate([b[forward], a[backward]])
    ids = np.arange(side * side)
    nodes = pd.DataFrame({"x": (ids // side) * SPACING, "y": (ids % side) * SPACING}, index=ids)
    length = np.hypot(nodes["x"].to_numpy()[to] - nodes["x"].to_numpy()[frm],
                      nodes["y"].to_numpy()[to] - nodes["y"].to_numpy()[frm])
    net = pandana.Network(nodes["x"], nodes["y"], pd.Series(frm), pd.Series(to),
                          pd.DataFrame({"length": length}), twoway=False)
    stages["build (contraction hierarchy)"] = time.perf_counter() - t
    t = time.perf_counter()
    net.precompute(float(data["pandana_precompute"]))
    stages["precompute"] = time.perf_counter() - t
    t = time.perf_counter()
    origin_nodes = net.get_node_ids(pd.Series(data["origins"][:, 0]), pd.Series(data["origins"][:, 1]))
    stages["snap to nodes"] = time.perf_counter() - t
    t = time.perf_counter()
    net.set_pois("facility", limit, 1, pd.Series(data["facilities"][:, 0]), pd.Series(data["facilities"][:, 1]))
    nearest = net.nearest_pois(limit, "facility", num_pois=1)[1]
    stages["set_pois + nearest_pois"] = time.perf_counter() - t
    t = time.perf_counter()
    distance = nearest.reindex(origin_nodes.to_numpy()).to_numpy()
    stages["read off"] = time.perf_counter() - t
    check_nodes = node_ids(side, data["check_origins"][:, 0], data["check_origins"][:, 1])
    check = nearest.reindex(check_nodes).to_numpy()
    distance = np.where(distance >= limit, np.nan, distance)
    check = np.where(check >= limit, np.nan, check)
    return stages, distance, check, {"nodes": len(nodes), "arcs": len(frm)}


RUNNERS = {"kernkompas": run_kernkompas, "networkx": run_networkx, "pandana": run_pandana}


def run_side(side_name: str, path: Path, side: int, out: Path) -> None:
    loaded = dict(np.load(path))
    before = current_rss_mb()
    stages, distance, check, sizes = RUNNERS[side_name](loaded, side)
    total = sum(stages.values())  # the timed stages; imports and the check are left out
    np.savez(out, distance=distance, check=check)
    # a file, not stdout: pandana prints its progress there
    out.with_suffix(".json").write_text(json.dumps({"stages": stages, "total": total, "sizes": sizes,
                                                    "peak_above_data_mb": peak_rss_mb() - before}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--side", type=int, default=708, help="grid nodes per side (708: ~1M links)")
    parser.add_argument("--origins", type=int, default=1_000_000)
    parser.add_argument("--facilities", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--peers", default="networkx,pandana", help="comma-separated: networkx, pandana")
    parser.add_argument("--pandana-limit-m", type=float, default=20_000.0,
                        help="pandana's search radius for nearest_pois (must exceed every distance)")
    parser.add_argument("--pandana-precompute-m", type=float, default=1_000.0,
                        help="pandana precompute radius (aggregation cache; nearest_pois does not read it)")
    parser.add_argument("--side-run", nargs=3, metavar=("SIDE", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side_run:
        run_side(args.side_run[0], Path(args.side_run[1]), args.side, Path(args.side_run[2]))
        return 0

    rng = np.random.default_rng(args.seed)
    x0, y0, x1, y1, road_class, direction = grid(args.side)
    extent = (args.side - 1) * SPACING
    origins = rng.uniform(0.0, extent, size=(args.origins, 2))
    fac_nodes = rng.choice(args.side * args.side, size=args.facilities, replace=False)
    facilities = np.column_stack([fac_nodes // args.side, fac_nodes % args.side]).astype(float) * SPACING
    check_nodes = rng.choice(args.side * args.side, size=min(10_000, args.side * args.side), replace=False)
    check_origins = np.column_stack([check_nodes // args.side, check_nodes % args.side]).astype(float) * SPACING

    sides = ["kernkompas"] + [p for p in args.peers.split(",") if p]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.npz"
        np.savez(data, x0=x0, y0=y0, x1=x1, y1=y1, road_class=road_class, direction=direction, origins=origins,
                 facilities=facilities, check_origins=check_origins, pandana_limit=args.pandana_limit_m,
                 pandana_precompute=args.pandana_precompute_m)
        for name in sides:
            out = Path(tmp) / f"{name}.npz"
            env = dict(os.environ)
            env.setdefault("OMP_NUM_THREADS", "1")  # pandana's OpenMP: single-threaded like the others
            proc = subprocess.run([sys.executable, __file__, "--side", str(args.side), "--side-run", name, str(data),
                                   str(out)], capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                print(f"{name} failed:\n{proc.stderr[-3000:]}", file=sys.stderr)
                if name == "kernkompas":
                    return 1
                continue
            figures = json.loads(out.with_suffix(".json").read_text())
            arrays = np.load(out)
            figures["distance"], figures["check"] = arrays["distance"], arrays["check"]
            results[name] = figures

    with open("/proc/loadavg") as load:
        loadavg = load.read().split()[:3]
    print(f"python {platform.python_version()}, {platform.machine()}, load average {' '.join(loadavg)}")
    print(f"grid {args.side} x {args.side}: {x0.size:,} links; {args.origins:,} origins, "
          f"{args.facilities:,} facilities; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '1')}")
    ours = results["kernkompas"]
    print(f"kernkompas sizes: {ours['sizes']}")
    for name, figures in results.items():
        print(f"\n{name}: total {figures['total']:.2f} s, peak above data {figures['peak_above_data_mb']:.0f} MB")
        for stage, seconds in figures["stages"].items():
            print(f"  {stage:32s} {seconds:9.2f} s")
        if name == "kernkompas":
            continue
        print(f"  kernkompas is {figures['total'] / ours['total']:.1f}x faster end to end")
        reached = ~np.isnan(ours["check"])
        same_reach = np.array_equal(reached, ~np.isnan(figures["check"]))
        rtol = 1e-6 if name == "pandana" else 0.0
        atol = 1e-6 if name == "networkx" else 0.0
        equal = same_reach and np.allclose(ours["check"][reached], figures["check"][reached], rtol=rtol, atol=atol)
        print(f"  {reached.sum():,} origins on nodes: same distances as kernkompas: {equal}")
        both = ~np.isnan(ours["distance"]) & ~np.isnan(figures["distance"])
        gap = np.abs(ours["distance"][both] - figures["distance"][both])
        print(f"  all origins (kernkompas snaps to links, {name} to nodes): median |difference| "
              f"{np.median(gap):.1f} m, 99th percentile {np.percentile(gap, 99):.1f} m")
    return 0


if __name__ == "__main__":
    sys.exit(main())
