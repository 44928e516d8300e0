"""Gi* with non-binary weights, and which p the FDR flag uses, against PySAL and scipy.

esda.G_Local(star=True) computes the statistic G*_i = Σ_j w_ij x_j / Σ_j x_j for any weights
(after its transform, "R" or "B"), but its analytical variance, W_i (n − W_i) / (n² (n − 1))
· s²/x̄², holds for binary weights only (it takes S1_i = Σ_j w_ij² to equal W_i = Σ_j w_ij).
So for row-standardised, kernel and inverse-distance weights the reference z is esda's own
G*_i and its own transformed weights, standardised with the general moments of Getis & Ord
(1995): E = W_i / n, Var = (n S1_i − W_i²) / (n² (n − 1)) · s²/x̄². The engine's z does not
change when a row's weights (self weight included) are scaled, so it sees the untransformed
weights and a constant self weight.

The FDR flag must come from the permutation p when permutations run and from the normal p
otherwise; the data below make the two flag sets differ, and scipy's
false_discovery_control (Benjamini–Hochberg) gives the reference flags.
"""

import warnings

import esda
import libpysal
import numpy as np
import pytest
import scipy.sparse
import scipy.stats

from kernkompas import stats

SIDE = 15


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(20261130)
    xy = rng.uniform(0, 1000, size=(200, 2))
    values = rng.gamma(2.0, 1.5, size=200) + (xy[:, 0] < 300) * 2.0  # a planted western cluster
    return xy, values


def esda_reference_z(values, w, star):
    """z from esda's G*_i and transformed weights, with the general (Getis & Ord 1995) variance."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(values, w, transform="R", star=star, permutations=0)
    m = g.w.sparse.tocsr()
    n = len(values)
    w_sum = np.asarray(m.sum(axis=1)).ravel()
    s1 = np.asarray(m.multiply(m).sum(axis=1)).ravel()
    mean = values.mean()
    variance = (values**2).mean() - mean**2
    var_g = (n * s1 - w_sum**2) / (n * n * (n - 1)) * variance / mean**2
    z = (np.asarray(g.Gs) - w_sum / n) / np.sqrt(var_g)
    # esda's own Zs assumes S1 = W; with these weights it differs, which is why the
    # variance is computed here.
    assert np.max(np.abs(z - np.asarray(g.Zs))) > 1e-3
    return z


def off_diagonal(w):
    m = scipy.sparse.csr_matrix(w.sparse)
    m.setdiag(0.0)
    m.eliminate_zeros()
    return m


def test_row_standardised_weights_against_esda(points):
    xy, values = points
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.KNN(xy, k=6)
    w.transform = "R"  # w_ij = 1/6
    # The engine: w_ij = 1/6 and w_ii = 1; esda: the same with the diagonal, then rows
    # standardised to sum 1 (w_ij = 1/12, w_ii = 1/2): the same z after row scaling.
    neighbours = off_diagonal(w)
    engine = stats.gi_star(values, neighbours, self_weight=1.0, permutations=0)
    with_self = libpysal.weights.W.from_sparse(neighbours + scipy.sparse.identity(len(values), format="csr"))
    z_ref = esda_reference_z(values, with_self, star=None)
    np.testing.assert_allclose(engine.z, z_ref, rtol=0, atol=1e-9)
    np.testing.assert_allclose(engine.p_norm, 2 * scipy.stats.norm.sf(np.abs(z_ref)), rtol=0, atol=1e-12)


def test_triangular_kernel_weights_against_esda(points):
    xy, values = points
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.Kernel(xy, bandwidth=150.0, fixed=True, function="triangular")
    # A fixed triangular kernel puts K(0) = 1 on every diagonal: the engine's self weight.
    diagonal = w.sparse.diagonal()
    np.testing.assert_allclose(diagonal, 1.0)
    neighbours = off_diagonal(w)
    engine = stats.gi_star(values, neighbours, self_weight=1.0, permutations=0)
    # esda gets the kernel matrix, diagonal included, as a fresh W (a W whose sparse matrix
    # was read before esda transforms it keeps the stale matrix).
    kernel = libpysal.weights.W.from_sparse(neighbours + scipy.sparse.identity(len(values), format="csr"))
    z_ref = esda_reference_z(values, kernel, star=None)
    np.testing.assert_allclose(engine.z, z_ref, rtol=0, atol=1e-9)
    weights = neighbours.data
    assert weights.min() < 0.2 and weights.max() > 0.8  # genuinely non-binary


def test_inverse_distance_weights_against_esda(points):
    xy, values = points
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.DistanceBand(xy, threshold=160.0, binary=False, alpha=-1.0,
                                          silence_warnings=True)
    # w_ij = 1/d_ij (1/160 .. ~1), self weight 1/50: esda fills the diagonal with the same.
    self_weight = 0.02
    engine = stats.gi_star(values, off_diagonal(w), self_weight=self_weight, permutations=0)
    z_ref = esda_reference_z(values, w, star=self_weight)
    finite = ~np.isnan(engine.z)
    assert finite.sum() == len(values)
    np.testing.assert_allclose(engine.z, z_ref, rtol=0, atol=1e-9)


def bh_flags(p, alpha):
    """Benjamini–Hochberg rejections by scipy, NaN being no test."""
    p = np.asarray(p, dtype=float)
    flags = np.zeros(p.shape, dtype=bool)
    tests = ~np.isnan(p)
    flags[tests] = scipy.stats.false_discovery_control(p[tests], method="bh") <= alpha
    return flags


@pytest.fixture(scope="module")
def planted_lattice():
    w = libpysal.weights.lat2W(SIDE, SIDE, rook=False)
    rng = np.random.default_rng(31)
    values = rng.uniform(size=w.n)
    values[:45] += 0.6  # the first three rows
    return w, values


def test_fdr_flags_use_the_permutation_p(planted_lattice):
    w, values = planted_lattice
    g = stats.gi_star(values, w, permutations=999, seed=5, fdr_alpha=0.05)
    on_sim = bh_flags(g.p_sim, 0.05)
    on_norm = bh_flags(g.p_norm, 0.05)
    # The data tell the two apart: the normal p flags cells the pseudo p (floored at 1/1000)
    # does not.
    assert on_sim.sum() != on_norm.sum()
    np.testing.assert_array_equal(g.fdr_significant, on_sim)
    assert 0 < g.fdr_significant.sum() < 45
    hot = g.fdr_significant & (g.z > 0)
    assert hot[:45].sum() > 0 and not hot[90:].any()  # hot spots only in and next to the planted rows


def test_fdr_flags_use_the_normal_p_without_permutations(planted_lattice):
    w, values = planted_lattice
    g = stats.gi_star(values, w, permutations=0, fdr_alpha=0.05)
    assert np.isnan(g.p_sim).all()
    np.testing.assert_array_equal(g.fdr_significant, bh_flags(g.p_norm, 0.05))
    assert g.fdr_significant.sum() > 0
    # Another alpha moves the flags as BH says.
    g10 = stats.gi_star(values, w, permutations=0, fdr_alpha=0.10)
    np.testing.assert_array_equal(g10.fdr_significant, bh_flags(g10.p_norm, 0.10))
    assert g10.fdr_significant.sum() > g.fdr_significant.sum()
