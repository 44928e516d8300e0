"""kernkompas.stats on plain arrays against PySAL and hand-computed answers.

Gi* z-scores must equal esda.G_Local(y, w, star=True, transform="B").Zs to 1e-9 on a 20 x 20
grid, with rook and queen weights from libpysal and a distance band on the cell centres;
p_norm must be twice esda's one-sided p_norm. esda and libpysal are required test
dependencies (bindings/python/requirements-dev.txt), so they are imported, not skipped.
"""

import math
import threading
import warnings

import esda
import libpysal
import numpy as np
import pytest
from statsmodels.stats import multitest

import kernkompas
from kernkompas import stats

SIDE = 20
CELL_M = 250.0


@pytest.fixture(scope="module")
def grid_values():
    return np.random.default_rng(20250601).gamma(2.0, 1.5, size=SIDE * SIDE)


@pytest.fixture(scope="module")
def cell_centres():
    # lat2W numbers cells row by row: id = row * SIDE + column.
    ids = np.arange(SIDE * SIDE)
    return np.column_stack([(ids % SIDE + 0.5) * CELL_M, (ids // SIDE + 0.5) * CELL_M])


def esda_gi(values, w):
    """esda's z and one-sided p_norm, on a copy of w (esda may transform it in place)."""
    w = libpysal.weights.W(w.neighbors, w.weights, id_order=w.id_order, silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(values, w, star=True, transform="B", permutations=0)
    return np.asarray(g.Zs), np.asarray(g.p_norm)


def distance_band_w(coords, threshold):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return libpysal.weights.DistanceBand(coords, threshold=threshold, binary=True,
                                             silence_warnings=True)


@pytest.mark.parametrize("rook", [True, False], ids=["rook", "queen"])
def test_gi_star_on_lattice_weights_equals_esda(grid_values, rook):
    w = libpysal.weights.lat2W(SIDE, SIDE, rook=rook)
    g = stats.gi_star(grid_values, w, permutations=0)
    z_esda, p_esda = esda_gi(grid_values, w)
    assert np.max(np.abs(g.z - z_esda)) < 1e-9
    np.testing.assert_allclose(g.p_norm, 2 * p_esda, rtol=0, atol=1e-12)


@pytest.mark.parametrize("threshold, rook", [(CELL_M, True), (1.5 * CELL_M, False)],
                         ids=["band-250m-rook", "band-375m-queen"])
def test_gi_star_on_distance_band_of_cell_centres_equals_esda(grid_values, cell_centres,
                                                              threshold, rook):
    # Our own distance band from the coordinates, and libpysal's DistanceBand for esda.
    g = stats.gi_star(grid_values, coords=cell_centres, threshold=threshold, permutations=0)
    w = distance_band_w(cell_centres, threshold)
    z_esda, p_esda = esda_gi(grid_values, w)
    assert np.max(np.abs(g.z - z_esda)) < 1e-9
    np.testing.assert_allclose(g.p_norm, 2 * p_esda, rtol=0, atol=1e-12)
    # The band on the centres is the lattice's rook / queen contiguity.
    band = stats.spatial_weights(coords=cell_centres, threshold=threshold)
    lattice = libpysal.weights.lat2W(SIDE, SIDE, rook=rook).sparse.tocsr()
    np.testing.assert_array_equal(band.offsets, lattice.indptr)
    np.testing.assert_array_equal(band.neighbours, lattice.indices)


def test_every_kind_of_weights_gives_the_same_z(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE, rook=False)
    expected = stats.gi_star(grid_values, w, permutations=0).z
    m = w.sparse.tocsr()
    kinds = {
        "scipy.sparse": w.sparse,
        "csr triple": (m.indptr, m.indices, m.data),
        "csr pair (binary)": (m.indptr, m.indices),
        "SpatialWeights": stats.spatial_weights(w),
        "libpysal Graph": libpysal.graph.Graph.from_W(w),
    }
    for name, weights in kinds.items():
        z = stats.gi_star(grid_values, weights, permutations=0).z
        np.testing.assert_allclose(z, expected, rtol=0, atol=1e-12, err_msg=name)
    # The caller's matrix is not changed by the conversion.
    assert w.sparse.nnz == m.nnz


def test_general_weights_and_binary_switch(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE, rook=True)
    w.transform = "R"  # row-standardised: weights 1/k
    general = stats.gi_star(grid_values, w, permutations=0).z
    as_binary = stats.gi_star(grid_values, w, permutations=0, binary=True).z
    z_esda, _ = esda_gi(grid_values, libpysal.weights.lat2W(SIDE, SIDE, rook=True))
    np.testing.assert_allclose(as_binary, z_esda, rtol=0, atol=1e-9)
    assert np.max(np.abs(general - as_binary)) > 1e-3  # the weights were used as given


def test_permutation_inference(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE, rook=False)
    values = grid_values.copy()
    values[:60] += 4.0  # a planted hot spot in the first three rows
    g1 = stats.gi_star(values, w, permutations=499, seed=11, threads=1)
    g2 = stats.gi_star(values, w, permutations=499, seed=11, threads=2)
    np.testing.assert_array_equal(g1.p_sim, g2.p_sim)  # the thread count does not matter
    assert np.all((g1.p_sim >= 1 / 500) & (g1.p_sim <= 1))
    np.testing.assert_array_equal(g1.fdr_significant, stats.fdr(g1.p_sim, 0.05))
    # The planted rows stand out (BH over 400 tests at R = 499 is conservative, so compare p).
    assert np.median(g1.p_sim[:60]) < 0.02 and np.median(g1.p_sim[100:]) > 0.1
    assert not g1.fdr_significant[100:].any()
    g3 = stats.gi_star(values, w, permutations=499, seed=12)
    assert not np.array_equal(g1.p_sim, g3.p_sim)
    # Without permutations p_sim is NaN and the flags come from p_norm.
    g0 = stats.gi_star(values, w, permutations=0)
    assert np.all(np.isnan(g0.p_sim))
    np.testing.assert_array_equal(g0.fdr_significant, stats.fdr(g0.p_norm, 0.05))


def test_results_are_numpy_arrays_without_copies(grid_values):
    g = stats.gi_star(grid_values, coords=np.zeros((SIDE * SIDE, 2)) + np.arange(SIDE * SIDE)[:, None],
                      threshold=2.0, permutations=9)
    assert isinstance(g, stats.GiStarResult)
    for name in ("z", "p_norm", "p_sim"):
        array = getattr(g, name)
        assert array.dtype == np.float64 and array.shape == (SIDE * SIDE,)
        assert array.base is not None  # a view of the engine's memory, not a copy
        assert array.flags.writeable
    assert g.fdr_significant.dtype == np.bool_


def test_gi_star_progress_and_cancel(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE)
    steps = []
    stats.gi_star(grid_values, w, permutations=99, progress=lambda s, f: steps.append((s, f)))
    assert steps and steps[-1] == ("permutations", 1.0)
    with pytest.raises(kernkompas.Cancelled):
        stats.gi_star(grid_values, w, permutations=99, progress=lambda s, f: False)


def test_gi_star_runs_alongside_other_threads(grid_values):
    # The GIL is released during the computation: two Python threads finish with results
    # equal to a single run's.
    w = stats.spatial_weights(libpysal.weights.lat2W(SIDE, SIDE, rook=False))
    expected = stats.gi_star(grid_values, w, permutations=199, seed=3).p_sim
    out = [None, None]

    def run(k):
        out[k] = stats.gi_star(grid_values, w, permutations=199, seed=3).p_sim

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in out:
        np.testing.assert_array_equal(p, expected)


def test_gi_star_errors(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE)
    with pytest.raises(kernkompas.ArgumentError, match="399 values for weights over 400"):
        stats.gi_star(grid_values[:-1], w)
    bad = grid_values.copy()
    bad[7] = np.nan
    with pytest.raises(kernkompas.ArgumentError, match="value 7 is not finite") as info:
        stats.gi_star(bad, w)
    assert info.value.code == kernkompas.ErrorCode.INVALID_ARGUMENT
    with pytest.raises(kernkompas.ArgumentError, match="fdr_alpha"):
        stats.gi_star(grid_values, w, fdr_alpha=1.5)
    with pytest.raises(kernkompas.ArgumentError, match="permutations"):
        stats.gi_star(grid_values, w, permutations=-1)
    with pytest.raises(kernkompas.ArgumentError, match="threads"):
        stats.gi_star(grid_values, w, threads=0)
    with pytest.raises(kernkompas.ArgumentError, match="diagonal"):
        stats.gi_star(grid_values, libpysal.weights.fill_diagonal(w, 1.0))
    with pytest.raises(kernkompas.ArgumentError, match="both"):
        stats.gi_star(grid_values, w, coords=np.zeros((400, 2)), threshold=1.0)
    with pytest.raises(kernkompas.ArgumentError, match="threshold must be finite"):
        stats.gi_star(grid_values, coords=np.zeros((400, 2)), threshold=-1.0)
    with pytest.raises(kernkompas.ArgumentError, match=r"shape \(n, 2\)"):
        stats.gi_star(grid_values, coords=np.zeros((400, 3)), threshold=1.0)
    with pytest.raises(kernkompas.ArgumentError, match="row 0 names neighbour 5"):
        stats.gi_star([1.0, 2.0], (np.array([0, 1, 2]), np.array([5, 0])))
    with pytest.raises(kernkompas.ArgumentError, match="libpysal W"):
        stats.gi_star(grid_values, "queen")
    assert issubclass(kernkompas.ArgumentError, ValueError)


def benjamini_hochberg_by_hand(p, alpha):
    p = np.asarray(p, dtype=float)
    tests = np.flatnonzero(~np.isnan(p))
    m = len(tests)
    order = tests[np.argsort(p[tests], kind="stable")]
    passed = [k for k in range(1, m + 1) if p[order[k - 1]] <= k * alpha / m]
    flags = np.zeros(p.shape, dtype=bool)
    if passed:
        flags[tests] = p[tests] <= p[order[max(passed) - 1]]
    return flags


def test_fdr_against_hand_coded_benjamini_hochberg():
    # 0.01, 0.03, 0.04, 0.20 at 0.05: only k = 1 passes (0.01 <= 0.0125); NaN is no test.
    np.testing.assert_array_equal(stats.fdr([0.04, 0.01, np.nan, 0.20, 0.03]),
                                  [False, True, False, False, False])
    np.testing.assert_array_equal(stats.fdr([0.04, 0.01, np.nan, 0.20, 0.03], alpha=0.1),
                                  [True, True, False, False, True])
    rng = np.random.default_rng(5)
    for alpha in (0.01, 0.05, 0.2):
        p = np.concatenate([rng.uniform(0, 0.01, 40), rng.uniform(size=400)])
        p[rng.choice(len(p), 20, replace=False)] = np.nan
        np.testing.assert_array_equal(stats.fdr(p, alpha), benjamini_hochberg_by_hand(p, alpha))
    assert stats.fdr(np.zeros((3, 4)) + 0.001).shape == (3, 4)
    assert stats.fdr([]).shape == (0,)
    with pytest.raises(kernkompas.ArgumentError, match="alpha must lie strictly between 0 and 1"):
        stats.fdr([0.1], alpha=0.0)


def test_fdr_against_statsmodels():
    p = np.random.default_rng(8).uniform(0, 0.2, 300)
    expected, *_ = multitest.multipletests(p, alpha=0.05, method="fdr_bh")
    np.testing.assert_array_equal(stats.fdr(p, 0.05), expected)


def wilson_by_formula(x, n, z):
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_wilson_interval_hand_computed():
    # 3 of 10 at 95 %: z = Φ⁻¹(0.975) = 1.959963984540054 → [0.1078, 0.6032].
    low, high = stats.wilson_interval(3, 10)
    want_low, want_high = wilson_by_formula(3, 10, 1.959963984540054)
    assert low == pytest.approx(want_low, abs=1e-12)
    assert high == pytest.approx(want_high, abs=1e-12)
    assert (round(float(low), 4), round(float(high), 4)) == (0.1078, 0.6032)
    assert low.shape == ()
    # 90 %: z = 1.6448536269514722.
    low, high = stats.wilson_interval(3, 10, confidence=0.9)
    assert (low, high) == pytest.approx(wilson_by_formula(3, 10, 1.6448536269514722), abs=1e-12)


def test_wilson_interval_vectorised():
    successes = np.array([[0, 3, 10], [1, 5, 0]])
    low, high = stats.wilson_interval(successes, 10)  # broadcast
    assert low.shape == high.shape == (2, 3)
    assert low[0, 0] == 0.0 and high[0, 2] == 1.0
    assert low[0, 1] == pytest.approx(wilson_by_formula(3, 10, 1.959963984540054)[0], abs=1e-12)
    low, high = stats.wilson_interval([0, 2.0], [0, 4.0])  # whole floats are counts
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert (low[1] + high[1]) / 2 == pytest.approx(0.5)
    with pytest.raises(kernkompas.ArgumentError, match=r"element 1: .*successes \(11\) <= trials \(10\)"):
        stats.wilson_interval([3, 11], [10, 10])
    with pytest.raises(kernkompas.ArgumentError, match="confidence"):
        stats.wilson_interval(3, 10, confidence=1.0)
    with pytest.raises(kernkompas.ArgumentError, match="whole numbers"):
        stats.wilson_interval(2.5, 10)


def test_spatial_weights_from_a_matrix_leaves_it_alone_and_says_what_is_wrong():
    """A scipy matrix: duplicates summed, stored zeros dropped, the caller's matrix unchanged;
    a non-square matrix or a non-zero diagonal refused with the whole message."""
    from scipy import sparse

    # Row 0: neighbour 1 stored twice (0.25 + 0.5) and a stored zero for neighbour 2;
    # row 1: neighbour 0 (2.0); row 2: none.
    data = np.array([0.25, 0.5, 0.0, 2.0])
    indices = np.array([1, 1, 2, 0], dtype=np.int32)
    indptr = np.array([0, 3, 4, 4], dtype=np.int32)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(3, 3))
    w = stats.spatial_weights(matrix)
    np.testing.assert_array_equal(w.offsets, [0, 1, 2, 2])
    np.testing.assert_array_equal(w.neighbours, [1, 0])
    np.testing.assert_array_equal(w.weights, [0.75, 2.0])
    # tocsr(copy=True): summing duplicates and dropping zeros happened on a copy.
    assert matrix.nnz == 4
    np.testing.assert_array_equal(matrix.data, data)
    np.testing.assert_array_equal(matrix.indices, indices)
    np.testing.assert_array_equal(stats.spatial_weights(matrix, binary=True).weights, [1.0, 1.0])

    with pytest.raises(kernkompas.ArgumentError, match=r"^weights must be a square matrix, got shape \(2, 3\)$"):
        stats.spatial_weights(sparse.csr_matrix(np.ones((2, 3))))
    diagonal = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 3.0]]))
    message = (
        "weights have 2 non-zero diagonal entries; the weight of an observation in its own "
        "neighbourhood is the self_weight argument (remove them, e.g. "
        "libpysal.weights.fill_diagonal(w, 0))"
    )
    with pytest.raises(kernkompas.ArgumentError) as info:
        stats.spatial_weights(diagonal)
    assert str(info.value) == message


def test_spatial_weights_keeps_given_weights_unless_binary():
    offsets, neighbours, weights = np.array([0, 1, 2]), np.array([1, 0]), np.array([0.5, 0.25])
    given = stats.spatial_weights((offsets, neighbours, weights))
    np.testing.assert_array_equal(given.weights, [0.5, 0.25])  # binary defaults to False
    assert stats.spatial_weights(given) is given
    np.testing.assert_array_equal(stats.spatial_weights(given, binary=True).weights, [1.0, 1.0])
    np.testing.assert_array_equal(given.weights, [0.5, 0.25])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"coords": np.zeros((3, 2))}, "a distance band needs both coords and threshold"),
        ({"threshold": 1.0}, "a distance band needs both coords and threshold"),
        ({}, "give weights w, or coords with threshold"),
        ({"w": (np.array([0, 0]), np.array([], dtype=np.int64)), "coords": np.zeros((1, 2))},
         "give either w or coords with threshold, not both"),
    ],
)
def test_spatial_weights_argument_messages(arguments, message):
    with pytest.raises(kernkompas.ArgumentError) as info:
        stats.spatial_weights(**arguments)
    assert str(info.value) == message


def test_wilson_interval_names_the_argument_that_is_not_a_count():
    with pytest.raises(kernkompas.ArgumentError) as info:
        stats.wilson_interval(2.5, 10)
    assert str(info.value) == "successes must be whole numbers, got float64 values"
    with pytest.raises(kernkompas.ArgumentError) as info:
        stats.wilson_interval(2, [10, 10.5])
    assert str(info.value) == "trials must be whole numbers, got float64 values"


def test_csr_tuple_messages_and_the_neighbour_limit():
    def message(w):
        with pytest.raises(kernkompas.ArgumentError) as info:
            stats.spatial_weights(w)
        return str(info.value)

    assert message((np.array([[0, 1]]), np.array([0]))) == "CSR offsets must be a 1-D integer array"
    assert message((np.array([0, 1]), np.array([-1]))) == "CSR neighbours must not be negative"
    assert message((np.array([0, 1]), np.array([2**32]))) == "CSR neighbours must be below 2**32"
    # 2**32 - 1 still fits the engine's index type: the engine, not the binding, refuses it.
    assert "names neighbour 4294967295" in message((np.array([0, 1, 1]), np.array([2**32 - 1])))
    assert message("queen") == (
        "w must be a libpysal W or Graph, a scipy.sparse matrix, CSR arrays "
        "(offsets, neighbours[, weights]) or SpatialWeights, got str"
    )


def test_gi_star_argument_messages_name_the_argument(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE)

    def message(*args, **kwargs):
        with pytest.raises(kernkompas.ArgumentError) as info:
            stats.gi_star(*args, **kwargs)
        return str(info.value)

    assert message(grid_values.reshape(SIDE, SIDE), w) == "y must be one-dimensional, got shape (20, 20)"
    assert message(grid_values, w, permutations=-1) == "permutations must lie in [0, 4294967295], got -1"
    assert message(grid_values, w, seed=-1) == "seed must lie in [0, 18446744073709551615], got -1"
    assert message(grid_values, w, threads=0) == "threads must lie in [1, 4294967295], got 0"
    stats.gi_star(grid_values, w, permutations=9, seed=0)  # seed 0 is a seed like any other


def test_gi_star_defaults_are_999_permutations(grid_values):
    w = libpysal.weights.lat2W(SIDE, SIDE)
    default = stats.gi_star(grid_values, w)
    explicit = stats.gi_star(grid_values, w, permutations=999, seed=stats.DEFAULT_SEED)
    np.testing.assert_array_equal(default.p_sim, explicit.p_sim)
    # p_sim = (M + 1) / (R + 1) with R = 999: whole thousandths.
    assert np.allclose(default.p_sim * 1000, np.round(default.p_sim * 1000), rtol=0, atol=1e-9)
