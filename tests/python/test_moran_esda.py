"""Moran's I, local Moran and the weights builders side by side with PySAL (esda, libpysal).

- Global Moran: I, EI, VI_norm, VI_rand, z and p (both) equal esda.Moran's to 1e-9 on the
  same weights (binary and row-standardised); p_sim is checked against esda's permutation
  distribution at the level of the distribution (the two draw with different RNGs).
- Local Moran: Is and q equal esda.Moran_Local's to 1e-9; p_sim agrees in distribution.
- Weights: Queen/Rook contiguity on libpysal's own example polygons (columbus, NC SIDS
  counties, Albuquerque tracts, a layer with holes) and a lattice, KNN and DistanceBand on
  random points give identical neighbour sets (and weights for inverse distance).
All example data ship inside the libpysal package: nothing is downloaded.
"""

import warnings

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pytest
import shapely

from kernkompas import ArgumentError, stats

TOLERANCE = 1e-9


def neighbour_sets(weights):
    """{i: set of neighbours} of kernkompas SpatialWeights."""
    offsets = np.asarray(weights.offsets)
    neighbours = np.asarray(weights.neighbours)
    return {i: set(neighbours[offsets[i]:offsets[i + 1]].tolist()) for i in range(weights.size)}


def pysal_sets(w):
    """{position: set of neighbour positions} of a libpysal W, in id_order."""
    position = {key: p for p, key in enumerate(w.id_order)}
    return {position[k]: {position[j] for j in w.neighbors[k]} for k in w.id_order}


def lattice_polygons(rows, columns):
    return [shapely.box(c, r, c + 1, r + 1) for r in range(rows) for c in range(columns)]


def example_frame(name):
    return gpd.read_file(libpysal.examples.get_path(name))


@pytest.fixture(scope="module")
def columbus():
    return example_frame("columbus.shp")


# ----------------------------------------------------------------------------------------
# Weights builders
# ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["columbus.shp", "sids2.shp", "10740.shp"])
@pytest.mark.parametrize("kind", ["queen", "rook"])
def test_contiguity_matches_libpysal_on_example_polygons(name, kind):
    frame = example_frame(name)
    builder = libpysal.weights.Queen if kind == "queen" else libpysal.weights.Rook
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands, id warnings
        expected = builder.from_dataframe(frame, use_index=False)
    ours = stats.contiguity_weights(frame.geometry, kind=kind)
    assert neighbour_sets(ours) == pysal_sets(expected)
    assert set(stats.islands(ours).tolist()) == set(expected.islands)


def test_contiguity_with_holes_enclaves_and_multipolygons_matches_libpysal():
    """A ring with an enclave in its hole, a multipolygon touching two features, a polygon
    touching at one corner only, a T-junction without a common vertex, and an empty one."""
    ring = shapely.Polygon([(0, 0), (6, 0), (6, 6), (0, 6)], [[(2, 2), (2, 4), (4, 4), (4, 2)]])
    enclave = shapely.box(2, 2, 4, 4)
    multi = shapely.MultiPolygon([shapely.box(6, 0, 8, 3), shapely.box(20, 20, 21, 21)])
    corner = shapely.box(8, 3, 9, 4)              # touches multi's first part at (8, 3) only
    t_junction = shapely.box(-3, 6, 3, 8)         # along ring's top edge, no common vertex
    far = shapely.box(20, 21, 21, 22)             # shares an edge with multi's second part
    empty = shapely.Polygon()
    polygons = [ring, enclave, multi, corner, t_junction, far, empty]
    frame = gpd.GeoDataFrame(geometry=polygons)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        queen = libpysal.weights.Queen.from_dataframe(frame, use_index=False)
        rook = libpysal.weights.Rook.from_dataframe(frame, use_index=False)
    ours_queen = neighbour_sets(stats.contiguity_weights(polygons, kind="queen"))
    ours_rook = neighbour_sets(stats.contiguity_weights(polygons, kind="rook"))
    assert ours_queen == pysal_sets(queen)
    assert ours_rook == pysal_sets(rook)
    # What the case is built to show, independently of libpysal:
    # The multi's first part meets the ring at the vertex (6, 0), but its edge (6,0)-(6,3)
    # is only part of the ring's edge (6,0)-(6,6): queen neighbours, not rook neighbours.
    assert ours_queen[0] == {1, 2} and ours_rook[0] == {1}
    assert ours_queen[2] == {0, 3, 5} and ours_rook[2] == {5}
    assert ours_queen[4] == set() and ours_queen[6] == set()


def test_contiguity_queen_and_rook_differ_on_a_lattice():
    polygons = lattice_polygons(6, 7)
    queen = stats.contiguity_weights(polygons, kind="queen")
    rook = stats.contiguity_weights(polygons, kind="rook")
    frame = gpd.GeoDataFrame(geometry=polygons)
    assert neighbour_sets(queen) == pysal_sets(libpysal.weights.Queen.from_dataframe(frame, use_index=False))
    assert neighbour_sets(rook) == pysal_sets(libpysal.weights.Rook.from_dataframe(frame, use_index=False))
    assert neighbour_sets(rook) == pysal_sets(libpysal.weights.lat2W(6, 7, rook=True))
    assert queen.nonzero_count - rook.nonzero_count == 2 * 2 * 5 * 6  # diagonals, both ways


def test_contiguity_takes_wkb_and_row_standardises(columbus):
    wkb = shapely.to_wkb(columbus.geometry.values).tolist()
    from_wkb = stats.contiguity_weights(wkb, kind="queen", row_standardise=True)
    expected = libpysal.weights.Queen.from_dataframe(columbus, use_index=False)
    expected.transform = "r"
    assert np.allclose(from_wkb_dense(from_wkb), expected.sparse.toarray(), atol=1e-15)


def from_wkb_dense(weights):
    n = weights.size
    dense = np.zeros((n, n))
    offsets = np.asarray(weights.offsets)
    for i in range(n):
        row = slice(offsets[i], offsets[i + 1])
        dense[i, np.asarray(weights.neighbours)[row]] = np.asarray(weights.weights)[row]
    return dense


def test_contiguity_takes_a_geodataframe(columbus):
    from_frame = stats.contiguity_weights(columbus, kind="rook")
    from_series = stats.contiguity_weights(columbus.geometry, kind="rook")
    assert from_frame.size == 49
    np.testing.assert_array_equal(from_frame.offsets, from_series.offsets)
    np.testing.assert_array_equal(from_frame.neighbours, from_series.neighbours)


def test_contiguity_rejects_non_polygons():
    with pytest.raises(ArgumentError, match="record 1 is not a polygon"):
        stats.contiguity_weights([shapely.box(0, 0, 1, 1), shapely.Point(0, 0)])
    with pytest.raises(ArgumentError, match="kind"):
        stats.contiguity_weights([shapely.box(0, 0, 1, 1)], kind="bishop")
    with pytest.raises(ArgumentError, match="shapely geometries or WKB"):
        stats.contiguity_weights(["not a polygon"])


@pytest.mark.parametrize("k", [1, 4, 8])
def test_knn_matches_libpysal(k):
    xy = np.random.default_rng(k).uniform(0, 5000, size=(400, 2))
    ours = stats.knn_weights(xy, k)
    assert neighbour_sets(ours) == pysal_sets(libpysal.weights.KNN(xy, k=k))


@pytest.mark.parametrize("threshold", [150.0, 400.0])
def test_distance_band_matches_libpysal(threshold):
    xy = np.random.default_rng(int(threshold)).uniform(0, 3000, size=(300, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        binary = libpysal.weights.DistanceBand(xy, threshold=threshold, binary=True)
        inverse = libpysal.weights.DistanceBand(xy, threshold=threshold, binary=False, alpha=-1.0)
    ours = stats.distance_band_weights(xy, threshold)
    assert neighbour_sets(ours) == pysal_sets(binary)
    ours_inverse = stats.distance_band_weights(xy, threshold, binary=False, power=-1.0)
    assert neighbour_sets(ours_inverse) == pysal_sets(inverse)
    assert np.allclose(from_wkb_dense(ours_inverse), inverse.sparse.toarray(), rtol=1e-12, atol=0)


# ----------------------------------------------------------------------------------------
# Global Moran
# ----------------------------------------------------------------------------------------

GLOBAL_FIELDS = ["I", "EI", "VI_norm", "VI_rand", "z_norm", "p_norm", "z_rand", "p_rand"]


@pytest.mark.parametrize("transform", ["B", "R"])
@pytest.mark.parametrize("variable", ["CRIME", "HOVAL", "INC"])
def test_global_moran_matches_esda(columbus, transform, variable):
    y = columbus[variable].to_numpy(dtype=float)
    w = libpysal.weights.Queen.from_dataframe(columbus, use_index=False)
    expected = esda.Moran(y, w, transformation=transform, permutations=0)
    ours = stats.moran(y, stats.contiguity_weights(columbus.geometry, kind="queen"),
                       row_standardise=transform == "R", permutations=0)
    for field in GLOBAL_FIELDS:
        assert getattr(ours, field) == pytest.approx(getattr(expected, field), abs=TOLERANCE), field
    assert ours.s0 == pytest.approx(w.s0 if transform == "B" else expected.w.s0, abs=TOLERANCE)
    assert np.isnan(ours.p_sim)


def test_global_moran_on_asymmetric_knn_weights():
    xy = np.random.default_rng(5).uniform(0, 1000, size=(250, 2))
    y = xy[:, 0] / 100 + np.random.default_rng(6).normal(size=250)
    w = libpysal.weights.KNN(xy, k=5)
    expected = esda.Moran(y, w, transformation="B", permutations=0)
    ours = stats.moran(y, stats.knn_weights(xy, 5), permutations=0)
    for field in GLOBAL_FIELDS:
        assert getattr(ours, field) == pytest.approx(getattr(expected, field), abs=TOLERANCE), field


def test_global_permutation_distribution_agrees_with_esda(columbus):
    y = columbus["CRIME"].to_numpy(dtype=float)
    weights = stats.contiguity_weights(columbus.geometry, kind="queen", row_standardise=True)
    ours = stats.moran(y, weights, permutations=9999, seed=3)
    np.random.seed(3)
    expected = esda.Moran(y, libpysal.weights.Queen.from_dataframe(columbus, use_index=False),
                          permutations=9999)
    # Both far in the tail: I = 0.500 with no permutation reaching it in 9,999.
    assert ours.p_sim == expected.p_sim == pytest.approx(1e-4)
    # The permutation mean and spread: E[I] and sqrt(VI_rand) up to Monte Carlo error.
    assert ours.EI_sim == pytest.approx(expected.EI, abs=0.003)
    assert ours.seI_sim == pytest.approx(np.sqrt(expected.VI_rand), rel=0.03)
    assert ours.seI_sim == pytest.approx(expected.seI_sim, rel=0.03)
    # A weak pattern: pseudo p near esda's (binomial error of 9,999 draws, 4 sigma).
    z = columbus["DISCBD"].to_numpy(dtype=float) + np.random.default_rng(2).normal(0, 6, 49)
    ours_weak = stats.moran(z, weights, permutations=9999, seed=4)
    np.random.seed(4)
    expected_weak = esda.Moran(z, libpysal.weights.Queen.from_dataframe(columbus, use_index=False),
                               permutations=9999)
    sigma = np.sqrt(expected_weak.p_sim * (1 - expected_weak.p_sim) / 9999)
    assert abs(ours_weak.p_sim - expected_weak.p_sim) < 4 * sigma * np.sqrt(2) + 2e-4


def test_global_permutations_do_not_depend_on_threads(columbus):
    y = columbus["HOVAL"].to_numpy(dtype=float)
    weights = stats.contiguity_weights(columbus.geometry, kind="rook")
    one = stats.moran(y, weights, permutations=999, seed=11, threads=1)
    two = stats.moran(y, weights, permutations=999, seed=11, threads=2)
    assert one == two


# ----------------------------------------------------------------------------------------
# Local Moran
# ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("transform", ["B", "R"])
def test_local_moran_matches_esda(columbus, transform):
    y = columbus["CRIME"].to_numpy(dtype=float)
    w = libpysal.weights.Queen.from_dataframe(columbus, use_index=False)
    expected = esda.Moran_Local(y, w, transformation=transform, permutations=0)
    ours = stats.local_moran(y, stats.contiguity_weights(columbus.geometry, kind="queen"),
                             row_standardise=transform == "R", permutations=0)
    np.testing.assert_allclose(ours.Is, expected.Is, rtol=0, atol=TOLERANCE)
    np.testing.assert_array_equal(ours.q, expected.q)
    assert np.isnan(ours.p_sim).all()


def test_local_moran_on_a_lattice_with_all_quadrants():
    rng = np.random.default_rng(8)
    polygons = lattice_polygons(20, 20)
    y = rng.normal(size=400) + np.repeat(np.arange(20) % 5 == 0, 20) * 2.5  # banded
    w = libpysal.weights.lat2W(20, 20, rook=True)
    expected = esda.Moran_Local(y, w, transformation="R", permutations=0)
    ours = stats.local_moran(y, stats.contiguity_weights(polygons, kind="rook"),
                             row_standardise=True, permutations=0)
    np.testing.assert_allclose(ours.Is, expected.Is, rtol=0, atol=TOLERANCE)
    np.testing.assert_array_equal(ours.q, expected.q)
    assert set(ours.q.tolist()) == {1, 2, 3, 4}


def test_local_pseudo_p_agrees_with_esda_in_distribution():
    """Different RNGs: compare p_sim per observation within Monte Carlo error, and the
    significant sets on a strong pattern."""
    side = 15
    rng = np.random.default_rng(21)
    rows = np.repeat(np.arange(side), side)
    columns = np.tile(np.arange(side), side)
    y = rng.normal(size=side * side) + 3.0 * ((rows < 5) & (columns < 5)) - 3.0 * ((rows > 9) & (columns > 9))
    w = libpysal.weights.lat2W(side, side, rook=False)
    permutations = 9999
    expected = esda.Moran_Local(y, w, transformation="R", permutations=permutations, seed=5,
                                n_jobs=1)
    ours = stats.local_moran(y, stats.contiguity_weights(lattice_polygons(side, side), kind="queen"),
                             row_standardise=True, permutations=permutations, seed=5)
    # Per observation: both estimate the same p; binomial standard error of each estimate
    # is sqrt(p(1 − p)/R); allow 5 standard errors of the difference, plus the resolution.
    p = expected.p_sim
    bound = 5 * np.sqrt(2 * p * (1 - p) / permutations) + 2.0 / (permutations + 1)
    assert np.all(np.abs(ours.p_sim - p) <= bound)
    # The planted hot and cold squares: the same significant set at 0.01.
    assert np.array_equal(ours.p_sim < 0.01, p < 0.01) or (
        np.sum((ours.p_sim < 0.01) != (p < 0.01)) <= 2
    )
    assert ours.fdr_significant.sum() > 10


def test_local_moran_threads_and_seed(columbus):
    y = columbus["CRIME"].to_numpy(dtype=float)
    weights = stats.contiguity_weights(columbus.geometry, kind="queen", row_standardise=True)
    one = stats.local_moran(y, weights, permutations=999, seed=2, threads=1)
    two = stats.local_moran(y, weights, permutations=999, seed=2, threads=2)
    other = stats.local_moran(y, weights, permutations=999, seed=3, threads=1)
    np.testing.assert_array_equal(one.p_sim, two.p_sim)
    np.testing.assert_array_equal(one.fdr_significant, two.fdr_significant)
    assert not np.array_equal(one.p_sim, other.p_sim)


def test_moran_argument_errors(columbus):
    weights = stats.contiguity_weights(columbus.geometry, kind="queen")
    with pytest.raises(ArgumentError, match="48 values for weights over 49"):
        stats.moran(np.ones(48), weights)
    with pytest.raises(ArgumentError, match="threads"):
        stats.local_moran(np.arange(49.0), weights, threads=0)
    with pytest.raises(ArgumentError, match="k must lie"):
        stats.knn_weights(np.zeros((3, 2)), 0)
