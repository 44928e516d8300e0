"""kernkompas.stats point patterns against scikit-learn, scipy and the literature's formulas.

DBSCAN labels and core points must equal sklearn.cluster.DBSCAN's exactly (same numbers, not
only the same partition) on random, clustered and lattice sets, with neighbours at exactly
eps, and on shuffled inputs. Nearest-neighbour distances must equal scipy's cKDTree; Clark–
Evans R, z and p must equal a numpy transcription of Clark & Evans (1954) and Donnelly (1978).
scikit-learn and scipy are required test dependencies (bindings/python/requirements-dev.txt).
"""

import math

import numpy as np
import pytest
from scipy.spatial import cKDTree
from scipy.stats import norm
from sklearn.cluster import DBSCAN

import kernkompas
from kernkompas import stats

FOUR = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])


def random_points(seed, n, side=1000.0):
    return np.random.default_rng(seed).uniform(0.0, side, size=(n, 2))


def clustered_points(seed, n, side=5000.0, clumps=12, spread=60.0):
    """Half uniform background, half Gaussian clumps: clusters, border points and noise."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.0, side, size=(clumps, 2))
    background = rng.uniform(0.0, side, size=(n - n // 2, 2))
    members = centres[rng.integers(0, clumps, n // 2)] + rng.normal(0.0, spread, size=(n // 2, 2))
    xy = np.vstack([background, members])
    return xy[rng.permutation(n)]


def lattice(side, spacing=1.0, holes_seed=None):
    """A square lattice (optionally with a third of its points removed): many distances of
    exactly eps when eps is the spacing or the diagonal."""
    i, j = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    xy = np.column_stack([i.ravel(), j.ravel()]).astype(float) * spacing
    if holes_seed is not None:
        keep = np.random.default_rng(holes_seed).uniform(size=len(xy)) > 1 / 3
        xy = xy[keep]
    return xy


def assert_same_as_sklearn(xy, eps, min_samples, algorithm="kd_tree"):
    ours = stats.dbscan(xy, eps=eps, min_samples=min_samples, threads=2)
    theirs = DBSCAN(eps=eps, min_samples=min_samples, algorithm=algorithm).fit(xy)
    np.testing.assert_array_equal(ours.labels, theirs.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices, theirs.core_sample_indices_)
    assert ours.cluster_count == theirs.labels_.max() + 1
    return ours


# --- DBSCAN --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("eps,min_samples", [(25.0, 3), (40.0, 5), (60.0, 10)])
def test_dbscan_equals_sklearn_on_random_points(seed, eps, min_samples):
    assert_same_as_sklearn(random_points(seed, 3000), eps, min_samples)


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("eps,min_samples", [(30.0, 5), (75.0, 5), (50.0, 15)])
def test_dbscan_equals_sklearn_on_clustered_points(seed, eps, min_samples):
    result = assert_same_as_sklearn(clustered_points(seed, 4000), eps, min_samples)
    assert result.cluster_count >= 5  # the case has clusters, noise and borders to get right
    assert (result.labels == -1).any()
    assert (~result.core & (result.labels >= 0)).any()


@pytest.mark.parametrize(
    "eps,min_samples", [(1.0, 3), (1.0, 4), (1.0, 5), (math.sqrt(2.0), 6), (2.0, 7)]
)
@pytest.mark.parametrize("algorithm", ["kd_tree", "ball_tree"])
def test_dbscan_equals_sklearn_on_lattices_with_ties_at_eps(eps, min_samples, algorithm):
    # Integer lattices: neighbour distances of exactly 1, sqrt(2) and 2 sit on the eps circle
    # and count as neighbours (d <= eps) on both sides.
    assert_same_as_sklearn(lattice(30, holes_seed=7), eps, min_samples, algorithm)
    assert_same_as_sklearn(lattice(12, spacing=25.0, holes_seed=8), eps * 25.0, min_samples, algorithm)


def test_dbscan_full_lattice_counts_neighbours_on_the_circle():
    # Every inner point of a full unit lattice has exactly 5 points within 1 (itself and 4).
    xy = lattice(5)
    inner = (xy[:, 0] > 0) & (xy[:, 0] < 4) & (xy[:, 1] > 0) & (xy[:, 1] < 4)
    core = stats.dbscan(xy, eps=1.0, min_samples=5).core
    np.testing.assert_array_equal(core, inner)


def test_dbscan_border_point_between_two_clusters():
    # eps 1, min_samples 4: x = 2 (index 0) is a border point of both clusters and joins the
    # one whose core points come first in the input (x = 3..4), as in scikit-learn.
    x = np.array([2.0, 3.0, 3.4, 3.7, 4.0, 0.0, 0.3, 0.6, 1.0, 10.0])
    xy = np.column_stack([x, np.zeros_like(x)])
    result = assert_same_as_sklearn(xy, 1.0, 4)
    np.testing.assert_array_equal(result.labels, [0, 0, 0, 0, 0, 1, 1, 1, 1, -1])
    np.testing.assert_array_equal(result.core_sample_indices, [1, 2, 3, 4, 5, 6, 7, 8])


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_dbscan_shuffled_input(seed):
    xy = clustered_points(seed, 3000)
    eps, min_samples = 50.0, 6
    base = stats.dbscan(xy, eps=eps, min_samples=min_samples)
    order = np.random.default_rng(seed).permutation(len(xy))
    shuffled_xy = xy[order]
    # Shuffled, still exactly scikit-learn's numbering on the shuffled input.
    shuffled = assert_same_as_sklearn(shuffled_xy, eps, min_samples)
    # Core points are the same points; the core partition is the same up to relabelling.
    np.testing.assert_array_equal(shuffled.core, base.core[order])
    core = shuffled.core
    pairs = set(zip(base.labels[order][core].tolist(), shuffled.labels[core].tolist()))
    assert len(pairs) == base.cluster_count == shuffled.cluster_count  # a bijection
    # Noise stays noise. A border point may change cluster only when it lies within eps of
    # core points of two or more clusters (the documented exception).
    relabel = dict(pairs)
    base_shuffled = base.labels[order]
    np.testing.assert_array_equal(base_shuffled == -1, shuffled.labels == -1)
    moved = np.flatnonzero(
        (~core) & (shuffled.labels >= 0)
        & (np.array([relabel.get(v, -2) for v in base_shuffled]) != shuffled.labels)
    )
    tree = cKDTree(shuffled_xy)
    for i in moved:
        near = [j for j in tree.query_ball_point(shuffled_xy[i], eps) if core[j]]
        assert len(set(shuffled.labels[near].tolist())) >= 2, f"border point {i} moved"


def test_dbscan_threads_do_not_change_the_result():
    xy = clustered_points(21, 20000)
    one = stats.dbscan(xy, eps=40.0, min_samples=5, threads=1)
    two = stats.dbscan(xy, eps=40.0, min_samples=5, threads=2)
    np.testing.assert_array_equal(one.labels, two.labels)
    np.testing.assert_array_equal(one.core, two.core)


def test_dbscan_bad_input_and_cancel():
    with pytest.raises(kernkompas.ArgumentError, match="point 1"):
        stats.dbscan([[0.0, 0.0], [np.nan, 1.0]], eps=1.0)
    with pytest.raises(kernkompas.ArgumentError, match="eps"):
        stats.dbscan(FOUR, eps=-1.0)
    with pytest.raises(kernkompas.ArgumentError, match="min_samples"):
        stats.dbscan(FOUR, eps=1.0, min_samples=0)
    with pytest.raises(kernkompas.ArgumentError, match="shape"):
        stats.dbscan(np.zeros((3, 3)), eps=1.0)
    with pytest.raises(kernkompas.Cancelled):
        stats.dbscan(FOUR, eps=1.0, progress=lambda step, fraction: False)
    empty = stats.dbscan(np.zeros((0, 2)))
    assert empty.labels.size == 0 and empty.cluster_count == 0


# --- nearest neighbours and Clark–Evans ----------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_nearest_neighbour_distances_equal_ckdtree(seed):
    xy = random_points(seed, 20000)
    nn = stats.nearest_neighbour(xy, threads=2)
    distance, index = cKDTree(xy).query(xy, k=2)
    np.testing.assert_allclose(nn.distance, distance[:, 1], rtol=0, atol=1e-9)
    np.testing.assert_array_equal(nn.neighbour, index[:, 1])  # no ties among random doubles
    assert nn.mean_distance == pytest.approx(distance[:, 1].mean(), rel=1e-12)


def test_nearest_neighbour_ties_go_to_the_lower_index():
    xy = lattice(6, holes_seed=3)
    nn = stats.nearest_neighbour(xy)
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    np.testing.assert_array_equal(nn.distance, d.min(axis=1))
    np.testing.assert_array_equal(nn.neighbour, d.argmin(axis=1))  # argmin: the first minimum


def clark_evans_numpy(xy, area, perimeter):
    """Clark & Evans (1954) and Donnelly (1978), written out from the papers' formulas."""
    n = len(xy)
    d = cKDTree(xy).query(xy, k=2)[0][:, 1].mean()
    density = n / area
    e_plain = 1.0 / (2.0 * np.sqrt(density))
    se_plain = 0.26136 / np.sqrt(n * density)
    e_donnelly = 0.5 * np.sqrt(area / n) + (0.0514 + 0.041 / np.sqrt(n)) * perimeter / n
    se_donnelly = np.sqrt(0.0703 * area / n**2 + 0.037 * perimeter * np.sqrt(area / n**5))
    out = {}
    for name, e, se in (("plain", e_plain, se_plain), ("donnelly", e_donnelly, se_donnelly)):
        z = (d - e) / se
        out[name] = (e, se, d / e, z, 2.0 * norm.sf(abs(z)))
    return d, out


@pytest.mark.parametrize(
    "points,area,perimeter",
    [
        (random_points(3, 500, side=800.0), 800.0**2, 4 * 800.0),
        (clustered_points(4, 800, side=2000.0), 2000.0**2, 4 * 2000.0),
        (lattice(10, spacing=10.0) + 5.0, 100.0**2, 400.0),
    ],
)
def test_clark_evans_equals_the_literature_formula(points, area, perimeter):
    ce = stats.clark_evans(points, area, perimeter)
    d, expected = clark_evans_numpy(points, area, perimeter)
    assert ce.n == len(points)
    assert ce.mean_distance == pytest.approx(d, rel=1e-12)
    for name in ("plain", "donnelly"):
        got = getattr(ce, name)
        for value, want in zip(got, expected[name]):
            assert value == pytest.approx(want, rel=1e-10, abs=1e-300)


def test_clark_evans_four_points_by_hand():
    ce = stats.clark_evans(FOUR, 16.0, 16.0)
    mean = (4.0 + math.sqrt(10.0)) / 4.0
    assert ce.mean_distance == pytest.approx(mean, rel=1e-15)
    assert ce.plain == pytest.approx((1.0, 0.26136, mean, (mean - 1) / 0.26136, 0.00248773398))
    assert ce.donnelly.expected == pytest.approx(1.2876, rel=1e-15)
    assert ce.donnelly.p == pytest.approx(0.18548236371, rel=1e-9)


def test_clark_evans_regular_and_clustered():
    regular = stats.clark_evans(lattice(10, spacing=10.0) + 5.0, 1e4, 400.0)
    assert regular.plain.r == pytest.approx(2.0)  # d̄ = 10, E = 0.5 sqrt(100) = 5
    assert regular.donnelly.z > 5
    clumped = stats.clark_evans(clustered_points(9, 1000, spread=10.0), 5000.0**2, 20000.0)
    assert clumped.donnelly.r < 0.8 and clumped.donnelly.p < 1e-6  # half of it is background


def test_clark_evans_bad_input():
    with pytest.raises(kernkompas.ArgumentError, match="area"):
        stats.clark_evans(FOUR, 0.0, 16.0)
    with pytest.raises(kernkompas.ArgumentError, match="perimeter"):
        stats.clark_evans(FOUR, 16.0, -1.0)
    with pytest.raises(kernkompas.ArgumentError, match="threads"):
        stats.nearest_neighbour(FOUR, threads=0)
    one = stats.clark_evans(FOUR[:1], 16.0, 16.0)
    assert math.isnan(one.mean_distance) and math.isnan(one.donnelly.r)
