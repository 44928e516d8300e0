"""Gi* z-scores of the engine against esda.G_Local(star=True, transform="B").

The engine is driven through tests/engine/kk_gi_star_cli (built with the C++ tests);
its path comes from the build tree (tests/python/build_paths.py: KK_BUILD_DIR, else build/).
A missing helper program or peer library fails the tests: they never skip.
"""

import subprocess
import warnings

import esda
import libpysal
import numpy as np
import pytest

from build_paths import build_tree_file
from conftest import build_file

HELPER = ("tests", "engine", "kk_gi_star_cli")
CLI = build_tree_file(*HELPER)


@pytest.fixture(autouse=True)
def helper_program_is_built():
    build_file(*HELPER)  # fails the test, naming the program, when it is absent


def engine_weights_gi(values, w, permutations=0, seed=12345, threads=1):
    """Runs the engine's Gi* on `values` with the neighbours and weights of libpysal W `w`."""
    rows = []
    for i, obs in enumerate(w.id_order):
        for nb, weight in zip(w.neighbors[obs], w.weights[obs]):
            j = w.id_order.index(nb) if not isinstance(nb, (int, np.integer)) else int(nb)
            if j != i:
                rows.append(f"{i} {j} {weight!r}")
    text = "\n".join(
        [str(len(values)), " ".join(repr(float(v)) for v in values), str(len(rows)), *rows]
    )
    out = subprocess.run(
        [str(CLI), "weights", "--permutations", str(permutations), "--seed", str(seed),
         "--threads", str(threads)],
        input=text, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert out[0] == "z,p_norm,p_sim,fdr_significant"
    table = np.array([[float(v) for v in line.split(",")] for line in out[1:]])
    return table[:, 0], table[:, 1], table[:, 2]


def esda_gi(values, w):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(np.asarray(values, dtype=float), w, transform="B", star=True,
                         permutations=0)
    return np.asarray(g.Zs), np.asarray(g.p_norm)


def test_distance_band_points_random_values():
    rng = np.random.default_rng(20240601)
    xy = rng.uniform(0, 1000, size=(300, 2))
    values = rng.gamma(2.0, 1.5, size=300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.DistanceBand(xy, threshold=150.0, binary=True, silence_warnings=True)
    assert not w.islands
    z, p_norm, _ = engine_weights_gi(values, w)
    z_esda, p_esda = esda_gi(values, w)
    np.testing.assert_allclose(z, z_esda, rtol=0, atol=1e-9)
    # esda's p_norm is one-sided; the engine reports the two-sided p.
    np.testing.assert_allclose(p_norm, 2 * p_esda, rtol=0, atol=1e-9)


def test_queen_lattice_with_tied_integer_counts():
    w = libpysal.weights.lat2W(12, 9, rook=False)
    rng = np.random.default_rng(7)
    values = rng.poisson(0.8, size=w.n).astype(float)
    z, _, _ = engine_weights_gi(values, w)
    z_esda, _ = esda_gi(values, w)
    np.testing.assert_allclose(z, z_esda, rtol=0, atol=1e-9)


def test_permutation_p_is_thread_independent_and_plausible():
    w = libpysal.weights.lat2W(15, 15, rook=False)
    rng = np.random.default_rng(3)
    values = rng.uniform(size=w.n)
    values[:40] += 1.0  # a planted cluster in the first rows
    _, _, p1 = engine_weights_gi(values, w, permutations=999, seed=11, threads=1)
    _, _, p2 = engine_weights_gi(values, w, permutations=999, seed=11, threads=2)
    np.testing.assert_array_equal(p1, p2)
    assert np.all((p1 > 0) & (p1 <= 1))
    # Same order of magnitude as esda's own pseudo p (different random draws).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(values, w, transform="B", star=True, permutations=999, seed=11)
    assert abs(np.mean(p1 < 0.05) - np.mean(g.p_sim < 0.05)) < 0.1


def test_hotspot_grid_against_esda_on_cell_centres():
    rng = np.random.default_rng(99)
    n = 4000
    x = rng.uniform(120_000, 126_000, n)
    y = rng.uniform(480_000, 485_000, n)
    hot = (x < 122_000) & (y < 482_000)
    status = np.where(rng.uniform(size=n) < np.where(hot, 0.35, 0.07), 2, 1)
    text = "\n".join(f"{float(a)!r} {float(b)!r} {int(s)}" for a, b, s in zip(x, y, status))
    out = subprocess.run(
        [str(CLI), "hotspots", "--cell", "250", "--permutations", "0", "--internal"],
        input=text, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    header = out[0].split(",")
    rows = [line.split(",") for line in out[1:]]
    col = {name: k for k, name in enumerate(header)}
    cx = np.array([float(r[col["cell_x"]]) for r in rows]) + 125.0
    cy = np.array([float(r[col["cell_y"]]) for r in rows]) + 125.0
    value = np.array([float(r[col["value"]]) for r in rows])
    z = np.array([float(r[col["gi_z"]]) if r[col["gi_z"]] else np.nan for r in rows])

    # The same cells computed independently: snapped origin, rates per occupied cell.
    ox, oy = np.floor(x.min() / 250) * 250, np.floor(y.min() / 250) * 250
    ci = np.floor((x - ox) / 250).astype(int)
    ri = np.floor((y - oy) / 250).astype(int)
    keys, inverse = np.unique(ri * 100_000 + ci, return_inverse=True)
    units = np.bincount(inverse)
    vacant = np.bincount(inverse, weights=(status == 2))
    assert len(keys) == len(rows)
    np.testing.assert_allclose(np.sort(value), np.sort(vacant / units), atol=1e-15)

    centres = np.column_stack([cx, cy])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.DistanceBand(centres, threshold=375.0, binary=True,
                                          silence_warnings=True)
    z_esda, _ = esda_gi(value, w)
    np.testing.assert_allclose(z, z_esda, rtol=0, atol=1e-9)
