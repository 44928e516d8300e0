"""kernkompas.stats.kernel_density against scikit-learn's KernelDensity (Epanechnikov and
Gaussian kernels) and a numpy brute force (quartic), plus the disclosure mask recounted."""

import math

import numpy as np
import pytest
from sklearn.neighbors import KernelDensity

from kernkompas import stats
from kernkompas._errors import ArgumentError


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(42)
    centres = rng.uniform(1000, 4000, size=(6, 2))
    xy = np.concatenate([c + rng.normal(0, 150, size=(60, 2)) for c in centres] +
                        [rng.uniform(0, 5000, size=(80, 2))])
    weights = rng.gamma(2.0, 50.0, size=len(xy))
    return xy, weights


def cell_centres(surface):
    x0, cell, _, y1, _, _ = surface.transform
    rows, columns = surface.values.shape
    cx = x0 + (np.arange(columns) + 0.5) * cell
    cy = y1 - (np.arange(rows) + 0.5) * cell  # northern row first
    gx, gy = np.meshgrid(cx, cy)
    return np.column_stack([gx.ravel(), gy.ravel()])


def brute_force(xy, weights, centres, kernel, h):
    d2 = ((centres[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2) / h**2
    if kernel == "quartic":
        k = np.where(d2 <= 1, 3 / np.pi * (1 - d2) ** 2, 0.0)
    elif kernel == "epanechnikov":
        k = np.where(d2 <= 1, 2 / np.pi * (1 - d2), 0.0)
    else:
        k = np.where(d2 <= 16, np.exp(-d2 / 2) / (2 * np.pi), 0.0)
    return (k * weights[None, :]).sum(axis=1) / h**2 * 1e6


@pytest.mark.parametrize("kernel", ["epanechnikov", "gaussian"])
def test_equals_scikit_learn(points, kernel):
    xy, weights = points
    h = 300.0
    surface = stats.kernel_density(xy, weights, bandwidth=h, cell_size=100, kernel=kernel, disclosure_k=0)
    centres = cell_centres(surface)
    # scikit-learn's density (exact: atol = rtol = 0) integrates to 1: times the total weight,
    # per m² -> per km².
    kde = KernelDensity(kernel=kernel, bandwidth=h, algorithm="kd_tree", atol=0, rtol=0).fit(xy, sample_weight=weights)
    reference = np.exp(kde.score_samples(centres)) * weights.sum() * 1e6
    ours = surface.values.ravel()
    if kernel == "gaussian":
        # Ours cuts the Gaussian off at 4 h: each point beyond adds at most
        # w exp(-8) / (2 pi h²), so the whole difference is bounded by that times the weight.
        bound = weights.sum() * math.exp(-8) / (2 * math.pi * h**2) * 1e6
        assert np.all(reference - ours >= -1e-9 * reference.max())
        assert np.max(reference - ours) <= bound
        # And within the cut-off the values are the numpy ones to rounding.
        expected = brute_force(xy, weights, centres, "gaussian", h)
        np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12 * expected.max())
    else:
        np.testing.assert_allclose(ours, reference, rtol=1e-9, atol=1e-9 * reference.max())


def test_quartic_equals_numpy_and_integrates_to_the_weight(points):
    xy, weights = points
    surface = stats.kernel_density(xy, weights, bandwidth=400, cell_size=50, disclosure_k=0)
    expected = brute_force(xy, weights, cell_centres(surface), "quartic", 400.0)
    np.testing.assert_allclose(surface.values.ravel(), expected, rtol=1e-9, atol=1e-12 * expected.max())
    # The default extent reaches one bandwidth past every point, so nothing is cut off.
    integral = np.nansum(surface.values) * (0.05 * 0.05)
    assert integral == pytest.approx(weights.sum(), rel=1e-3)


def test_mask_follows_the_recounted_units(points):
    xy, _ = points
    surface = stats.kernel_density(xy, bandwidth=250, cell_size=100, disclosure_k=5, threads=2)
    centres = cell_centres(surface)
    d2 = ((centres[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    in_reach = (d2 <= 250.0**2).sum(axis=1)
    assert (surface.units_in_reach.ravel() == in_reach).all()
    withheld = (in_reach > 0) & (in_reach < 5)
    assert withheld.any() and (~withheld).any()
    assert (np.isnan(surface.values.ravel()) == withheld).all()
    assert surface.withheld_cells == int(withheld.sum())
    internal = stats.kernel_density(xy, bandwidth=250, cell_size=100, disclosure_k=0)
    kept = ~withheld
    assert (surface.values.ravel()[kept] == internal.values.ravel()[kept]).all()
    assert surface.extent == internal.extent


def test_threads_do_not_change_the_surface(points):
    xy, weights = points
    one = stats.kernel_density(xy, weights, bandwidth=300, threads=1, disclosure_k=0)
    two = stats.kernel_density(xy, weights, bandwidth=300, threads=2, disclosure_k=0)
    assert np.array_equal(one.values, two.values)


def test_refuses_bad_arguments(points):
    xy, _ = points
    with pytest.raises(ArgumentError, match="kernel must be one of"):
        stats.kernel_density(xy, kernel="triangular")
    with pytest.raises(ArgumentError, match="bandwidth must be a positive number"):
        stats.kernel_density(xy, bandwidth=0)
    with pytest.raises(ArgumentError, match="coords must have shape"):
        stats.kernel_density(xy[:, 0])
    with pytest.raises(ArgumentError, match="over 10\\^8"):
        stats.kernel_density(xy, cell_size=0.1)
    with pytest.raises(ArgumentError, match="weight 3 is negative"):
        w = np.ones(len(xy))
        w[3] = -1
        stats.kernel_density(xy, w)
