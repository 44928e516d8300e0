"""Spatial statistics on any layer: Gi*, Benjamini–Hochberg, Wilson intervals, kernel density,
point patterns (nearest neighbours, Clark–Evans, DBSCAN, Ripley), location quotients, Shannon,
HHI, the colocation quotient, and spatial autocorrelation (weights builders, Moran's I, LISA).

The engine's statistics (the ones behind the vacancy hot spots and rates) on plain numpy
arrays, without a project. Weights come from a libpysal ``W`` (or ``Graph``), a scipy.sparse
matrix, CSR arrays, or point coordinates with a distance band. The work runs in C++ with the
GIL released; results come back as numpy arrays without copies.

Examples
--------
>>> import numpy as np
>>> from kernkompas import stats
>>> xy = np.random.default_rng(1).uniform(0, 1000, size=(200, 2))
>>> y = np.random.default_rng(2).gamma(2.0, size=200)
>>> g = stats.gi_star(y, coords=xy, threshold=150.0, seed=7)
>>> g.z[:3], g.p_sim[:3], g.fdr_significant.sum()
>>> w = libpysal.weights.lat2W(20, 20, rook=False)   # or any libpysal W / scipy.sparse
>>> g = stats.gi_star(values, w, permutations=0)     # z equals esda.G_Local(star=True, transform="B").Zs
>>> stats.wilson_interval(3, 10)                     # (0.1078..., 0.6032...)
>>> stats.fdr([0.01, 0.04, 0.03, 0.2])               # array([ True, False, False, False])
>>> stats.clark_evans(xy, area=1e6, perimeter=4e3).donnelly.r
>>> stats.dbscan(xy, eps=75, min_samples=5).labels   # as sklearn.cluster.DBSCAN
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import _core
from ._density import DensitySurface, kernel_density
from ._autocorrelation import (LocalMoranResult, MoranResult, contiguity_weights,  # noqa: F401
                               distance_band_weights, islands, knn_weights, local_moran, moran)
from ._checks import UINT32_MAX, UINT64_MAX, int_in_range
from ._errors import ArgumentError
from ._pattern_stats import (ColocationResult, Diversity, colocation_quotient, diversity, hhi,
                             location_quotient, ripley, shannon)
from ._points import (ClarkEvansResult, ClarkEvansTest, DbscanResult, NearestNeighbourResult, clark_evans,
                      dbscan, nearest_neighbour)

__all__ = [
    "DEFAULT_SEED",
    "ColocationResult",
    "DensitySurface",
    "Diversity",
    "GiStarResult",
    "SpatialWeights",
    "colocation_quotient",
    "diversity",
    "fdr",
    "gi_star",
    "kernel_density",
    "hhi",
    "location_quotient",
    "ripley",
    "shannon",
    "spatial_weights",
    "wilson_interval",
    # point patterns (_points.py)
    "ClarkEvansResult",
    "ClarkEvansTest",
    "DbscanResult",
    "NearestNeighbourResult",
    "clark_evans",
    "dbscan",
    "nearest_neighbour",
    # Spatial autocorrelation (_autocorrelation.py)
    "LocalMoranResult",
    "MoranResult",
    "contiguity_weights",
    "distance_band_weights",
    "islands",
    "knn_weights",
    "local_moran",
    "moran",
]

#: Seed of the permutations when none is given; results depend only on the seed.
DEFAULT_SEED = int(_core.DEFAULT_SEED)

#: Spatial weights in compressed sparse row form, built by :func:`spatial_weights`.
#: Attributes ``size``, ``nonzero_count``, ``island_count`` and read-only views ``offsets``,
#: ``neighbours``, ``weights`` of the CSR arrays (the diagonal is never stored).
SpatialWeights = _core.SpatialWeights



class GiStarResult(NamedTuple):
    """Result of :func:`gi_star`, one element per observation.

    Attributes
    ----------
    z : numpy.ndarray of float64
        Gi* z-score; NaN when there are fewer than 2 observations, all values are equal, or an
        observation's neighbourhood is every observation. Equals
        ``esda.G_Local(y, w, star=True, transform="B").Zs`` for binary weights.
    p_norm : numpy.ndarray of float64
        Two-sided normal p-value of ``z``, P(|Z| >= |z|): twice esda's one-sided ``p_norm``.
    p_sim : numpy.ndarray of float64
        Folded pseudo p-value (M + 1) / (R + 1) of a conditional permutation; NaN for
        observations without neighbours, constant values, or ``permutations=0``.
    fdr_significant : numpy.ndarray of bool
        Benjamini–Hochberg rejection at ``fdr_alpha``, applied to ``p_sim`` (to ``p_norm``
        when ``permutations=0``); False where the p-value is NaN.
    """

    z: np.ndarray
    p_norm: np.ndarray
    p_sim: np.ndarray
    fdr_significant: np.ndarray




def _from_sparse(matrix, binary):
    """CSR arrays of a scipy.sparse matrix, vectorised (no Python loop over elements)."""
    m = matrix.tocsr(copy=True)  # never change the caller's matrix
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise ArgumentError(f"weights must be a square matrix, got shape {m.shape}")
    m.sum_duplicates()
    diagonal = m.diagonal()
    if np.any(diagonal != 0):
        raise ArgumentError(
            f"weights have {int(np.count_nonzero(diagonal))} non-zero diagonal entries; the "
            "weight of an observation in its own neighbourhood is the self_weight argument "
            "(remove them, e.g. libpysal.weights.fill_diagonal(w, 0))"
        )
    m.eliminate_zeros()  # stored zeros (and the zero diagonal) are not neighbours
    weights = np.ones(m.nnz) if binary else m.data
    return SpatialWeights.from_csr(
        np.ascontiguousarray(m.indptr, dtype=np.uint64),
        np.ascontiguousarray(m.indices, dtype=np.uint32),
        np.ascontiguousarray(weights, dtype=np.float64),
    )


def spatial_weights(w=None, *, coords=None, threshold=None, binary=False):
    """Spatial weights for :func:`gi_star`, built once and reusable.

    Parameters
    ----------
    w : libpysal.weights.W, libpysal.graph.Graph, scipy.sparse matrix, tuple or SpatialWeights, optional
        The neighbours and their weights, observation order as the rows (for a libpysal
        ``W``, ``w.id_order``). A tuple is CSR arrays ``(offsets, neighbours)`` (binary) or
        ``(offsets, neighbours, weights)``. A matrix must have a zero diagonal: the
        observation's own weight is :func:`gi_star`'s ``self_weight``. Stored zeros are not
        neighbours. Give either ``w`` or ``coords`` with ``threshold``.
    coords : array_like of shape (n, 2), optional
        Point coordinates in metres of a projected CRS (no great-circle distances).
    threshold : float, optional
        With ``coords``: j is a neighbour of i when their distance is <= threshold, weight 1,
        as ``libpysal.weights.DistanceBand(coords, threshold, binary=True)``.
    binary : bool, default False
        Treat every non-zero weight of ``w`` as 1 (esda's ``transform="B"``); the default
        keeps the weights as given, so a row-standardised ``W`` stays row-standardised.

    Returns
    -------
    SpatialWeights

    Raises
    ------
    kernkompas.ArgumentError
        Inconsistent CSR arrays, a non-square matrix, a non-zero diagonal, a neighbour out of
        range, non-finite coordinates or weights, a negative threshold, or both or neither
        of ``w`` and ``coords``.
    """
    if coords is not None or threshold is not None:
        if w is not None:
            raise ArgumentError("give either w or coords with threshold, not both")
        if coords is None or threshold is None:
            raise ArgumentError("a distance band needs both coords and threshold")
        xy = np.asarray(coords, dtype=np.float64)
        if xy.ndim != 2 or xy.shape[1] != 2:
            raise ArgumentError(f"coords must have shape (n, 2), got {xy.shape}")
        return SpatialWeights.distance_band(
            np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1]), float(threshold)
        )
    if w is None:
        raise ArgumentError("give weights w, or coords with threshold")
    if isinstance(w, SpatialWeights):
        if not binary:
            return w
        return SpatialWeights.from_csr(w.offsets, w.neighbours, np.ones(w.nonzero_count))
    if isinstance(w, tuple):
        if len(w) not in (2, 3):
            raise ArgumentError(
                f"CSR weights are (offsets, neighbours[, weights]), got a tuple of {len(w)}"
            )
        offsets = np.asarray(w[0])
        neighbours = np.asarray(w[1])
        for name, array in (("offsets", offsets), ("neighbours", neighbours)):
            if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
                raise ArgumentError(f"CSR {name} must be a 1-D integer array")
            if array.size and array.min() < 0:
                raise ArgumentError(f"CSR {name} must not be negative")
        if neighbours.size and neighbours.max() > UINT32_MAX:
            raise ArgumentError("CSR neighbours must be below 2**32")
        weights = np.ones(neighbours.size) if len(w) == 2 or binary else w[2]
        return SpatialWeights.from_csr(
            np.ascontiguousarray(offsets, dtype=np.uint64),
            np.ascontiguousarray(neighbours, dtype=np.uint32),
            np.ascontiguousarray(weights, dtype=np.float64).ravel(),
        )
    if hasattr(w, "tocsr"):  # scipy.sparse matrix or array
        return _from_sparse(w, binary)
    if hasattr(w, "sparse"):  # libpysal.weights.W or libpysal.graph.Graph
        return _from_sparse(w.sparse, binary)
    raise ArgumentError(
        "w must be a libpysal W or Graph, a scipy.sparse matrix, CSR arrays "
        f"(offsets, neighbours[, weights]) or SpatialWeights, got {type(w).__name__}"
    )


def gi_star(
    y,
    w=None,
    *,
    coords=None,
    threshold=None,
    self_weight=1.0,
    permutations=999,
    seed=DEFAULT_SEED,
    threads=1,
    fdr_alpha=0.05,
    binary=False,
    progress=None,
):
    """Local Getis–Ord Gi* hot spots with analytical and permutation inference.

    With the weights w_ij of the neighbours j of i and w_ii = ``self_weight``:
    W_i = Σ_j w_ij, S1_i = Σ_j w_ij², x̄ = Σx/n, S = sqrt(Σx²/n − x̄²) and
    z_i = (Σ_j w_ij x_j − x̄ W_i) / (S · sqrt((n S1_i − W_i²) / (n − 1))).
    With binary weights and ``self_weight=1`` this is
    ``esda.G_Local(y, w, star=True, transform="B")``.

    Parameters
    ----------
    y : array_like of float, shape (n,)
        The values, in the weights' observation order; finite.
    w : libpysal W or Graph, scipy.sparse matrix, CSR tuple or SpatialWeights, optional
        The weights; see :func:`spatial_weights`. Or give ``coords`` and ``threshold``.
    coords : array_like of shape (n, 2), optional
        Point coordinates in metres, for a binary distance band.
    threshold : float, optional
        Distance band in metres (neighbours at distance <= threshold).
    self_weight : float, default 1.0
        Weight of each observation in its own neighbourhood (the "star").
    permutations : int, default 999
        Conditional permutations R for ``p_sim``; 0 skips them (``p_sim`` all NaN).
    seed : int, default DEFAULT_SEED
        Seed of the permutations. Observation i draws from a stream derived from (seed, i),
        so results depend on the seed only, never on ``threads``.
    threads : int, default 1
        Worker threads for the permutations.
    fdr_alpha : float, default 0.05
        Benjamini–Hochberg level of ``fdr_significant``; 0 < fdr_alpha < 1.
    binary : bool, default False
        Treat every non-zero weight of ``w`` as 1 (esda's ``transform="B"``).
    progress : callable, optional
        ``progress(step, fraction)`` during the permutations; return False to cancel
        (:class:`kernkompas.Cancelled`).

    Returns
    -------
    GiStarResult
        Named tuple of numpy arrays ``z``, ``p_norm`` (two-sided, twice esda's one-sided
        p_norm), ``p_sim`` and ``fdr_significant`` (bool), owned by numpy, not copied.

    Raises
    ------
    kernkompas.ArgumentError
        ``y`` and the weights differ in length, a non-finite value, an option out of range,
        or invalid weights (see :func:`spatial_weights`).
    kernkompas.Cancelled
        The progress callback returned False.

    Examples
    --------
    >>> g = kernkompas.stats.gi_star(values, coords=xy, threshold=375.0, seed=1)
    >>> hot = g.fdr_significant & (g.z > 0)
    """
    weights = spatial_weights(w, coords=coords, threshold=threshold, binary=binary)
    values = np.ascontiguousarray(y, dtype=np.float64)
    if values.ndim != 1:
        raise ArgumentError(f"y must be one-dimensional, got shape {values.shape}")
    if values.shape[0] != weights.size:
        raise ArgumentError(
            f"Gi*: {values.shape[0]} values for weights over {weights.size} observations"
        )
    permutations = int_in_range(permutations, "permutations", 0, UINT32_MAX)
    seed = int_in_range(seed, "seed", 0, UINT64_MAX)
    threads = int_in_range(threads, "threads", 1, UINT32_MAX)
    z, p_norm, p_sim, flags = _core.gi_star(
        weights, values, float(self_weight), permutations, seed, threads, float(fdr_alpha),
        progress,
    )
    return GiStarResult(z, p_norm, p_sim, flags.view(np.bool_))


def fdr(p, alpha=0.05):
    """Benjamini–Hochberg false discovery rate control.

    With the m non-NaN p-values sorted, p(1) <= ... <= p(m), finds the largest k with
    p(k) <= k·alpha/m and rejects every test with p <= p(k).

    Parameters
    ----------
    p : array_like of float
        p-values, any shape. NaN is no test: never rejected, not counted in m.
    alpha : float, default 0.05
        The false discovery rate; 0 < alpha < 1.

    Returns
    -------
    numpy.ndarray of bool
        True where the null hypothesis is rejected, in the shape of ``p``.

    Raises
    ------
    kernkompas.ArgumentError
        alpha not in (0, 1).

    Examples
    --------
    >>> kernkompas.stats.fdr([0.01, 0.04, 0.03, 0.2])
    array([ True, False, False, False])
    """
    values = np.asarray(p, dtype=np.float64)
    flags = _core.benjamini_hochberg(np.ascontiguousarray(values.ravel()), float(alpha))
    return flags.view(np.bool_).reshape(values.shape)


def _counts(values, name):
    array = np.asarray(values)
    if array.dtype.kind in "iub":
        return array.astype(np.int64, copy=False)
    if array.dtype.kind == "f" and np.all(np.isfinite(array)) and np.all(array == np.round(array)):
        return array.astype(np.int64)
    raise ArgumentError(f"{name} must be whole numbers, got {array.dtype} values")


def wilson_interval(successes, trials, confidence=0.95):
    """Wilson score interval of the proportion successes / trials.

    p = x/n, z = Φ⁻¹(1 − (1 − confidence)/2),
    centre = (p + z²/(2n)) / (1 + z²/n), half = z/(1 + z²/n) · sqrt(p(1 − p)/n + z²/(4n²)).
    Stays inside [0, 1]; x = 0 gives low = 0 exactly, x = n high = 1 exactly.

    Parameters
    ----------
    successes, trials : int or array_like of int
        Counts, broadcast against each other; 0 <= successes <= trials. trials = 0 gives
        NaN bounds.
    confidence : float, default 0.95
        Confidence level; 0 < confidence < 1.

    Returns
    -------
    low, high : numpy.ndarray of float64
        The bounds (fractions), in the broadcast shape (0-d for scalars).

    Raises
    ------
    kernkompas.ArgumentError
        A count that is negative, not whole, or successes > trials (the message names the
        flat index), or confidence not in (0, 1).

    Examples
    --------
    >>> low, high = kernkompas.stats.wilson_interval(3, 10)   # 0.1078, 0.6032
    >>> low, high = kernkompas.stats.wilson_interval(vacant, units, confidence=0.9)
    """
    x, n = np.broadcast_arrays(_counts(successes, "successes"), _counts(trials, "trials"))
    shape = x.shape
    low, high = _core.wilson_intervals(
        np.ascontiguousarray(x.ravel()), np.ascontiguousarray(n.ravel()), float(confidence)
    )
    return low.reshape(shape), high.reshape(shape)
