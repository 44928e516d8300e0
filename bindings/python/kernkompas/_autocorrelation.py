"""Spatial autocorrelation on plain arrays: weights builders, Moran's I and local Moran.

Re-exported by :mod:`kernkompas.stats`. Weights come from the builders here
(:func:`contiguity_weights`, :func:`knn_weights`, :func:`distance_band_weights`) or from
anything :func:`kernkompas.stats.spatial_weights` accepts (libpysal ``W``/``Graph``,
scipy.sparse, CSR arrays). The statistics use the weights as given: esda's ``Moran`` and
``Moran_Local`` row-standardise by default (``transformation="r"``), so pass
``row_standardise=True`` (or row-standardised weights) to compare with their defaults.

Examples
--------
>>> from kernkompas import stats
>>> w = stats.contiguity_weights(buurten.geometry, kind="queen")
>>> g = stats.moran(buurten["vacancy_rate"], w, row_standardise=True, seed=1)
>>> g.I, g.p_norm, g.p_sim
>>> lisa = stats.local_moran(buurten["vacancy_rate"], w, row_standardise=True)
>>> hot = lisa.fdr_significant & (lisa.q == 1)       # significant high-high
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import _core
from ._checks import UINT32_MAX, UINT64_MAX, int_in_range
from ._errors import ArgumentError

__all__ = [
    "LocalMoranResult",
    "MoranResult",
    "contiguity_weights",
    "distance_band_weights",
    "islands",
    "knn_weights",
    "local_moran",
    "moran",
]





def _finish(weights, row_standardise):
    return _core.row_standardised(weights) if row_standardise else weights


def _coordinates(coords):
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ArgumentError(f"coords must have shape (n, 2), got {xy.shape}")
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])


def _polygon_array(polygons):
    """shapely (Multi)Polygons from a GeoSeries, GeoDataFrame, sequence of geometries or WKB."""
    import geopandas as gpd
    import shapely

    if isinstance(polygons, gpd.GeoDataFrame):
        polygons = polygons.geometry
    items = list(polygons)
    if items and all(isinstance(g, (bytes, bytearray, memoryview)) for g in items):
        try:
            geoms = shapely.from_wkb([bytes(g) for g in items])
        except Exception as error:  # shapely.errors.GEOSException on malformed WKB
            raise ArgumentError(f"polygons: unreadable WKB ({error})") from None
    else:
        geoms = np.empty(len(items), dtype=object)
        geoms[:] = items
    try:
        types = shapely.get_type_id(geoms)
    except TypeError:
        raise ArgumentError("polygons must be shapely geometries or WKB bytes") from None
    polygonal = np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    if not polygonal.all():
        i = int(np.flatnonzero(~polygonal)[0])
        found = "no geometry" if geoms[i] is None else geoms[i].geom_type
        raise ArgumentError(f"polygons: record {i} is not a polygon ({found})")
    return geoms


def contiguity_weights(polygons, kind="queen", *, row_standardise=False):
    """Queen or rook contiguity of polygons, exactly on shared vertices / edges.

    Neighbours as ``libpysal.weights.Queen.from_dataframe`` / ``Rook.from_dataframe``:
    queen neighbours have a vertex in common (coordinates equal as floats), rook neighbours
    an edge (the same two consecutive vertices of a ring, in either direction). All rings
    (holes too) and all parts count. Polygons that touch without a common vertex (a
    T-junction) are not neighbours, as in libpysal.

    Parameters
    ----------
    polygons : GeoSeries, GeoDataFrame, sequence of shapely Polygon/MultiPolygon, or of WKB bytes
        Observation i is polygon i. Empty polygons are islands.
    kind : {"queen", "rook"}
    row_standardise : bool, default False
        Divide each row by its sum (libpysal's ``transform="r"``).

    Returns
    -------
    kernkompas.stats.SpatialWeights
        Islands: :func:`islands`.
    """
    import shapely

    if kind not in ("queen", "rook"):
        raise ArgumentError(f'kind must be "queen" or "rook", got {kind!r}')
    geoms = _polygon_array(polygons)
    n = len(geoms)
    if n == 0:
        offsets = np.zeros(1, dtype=np.int64)
        empty = np.zeros(0)
        weights = _core.contiguity_weights(empty, empty, offsets, offsets, offsets, kind == "rook")
        return _finish(weights, row_standardise)
    # One layout for all: every feature a MultiPolygon (an empty one has no parts).
    multi = np.array(
        [g if g.geom_type == "MultiPolygon" else
         (shapely.MultiPolygon() if g.is_empty else shapely.MultiPolygon([g])) for g in geoms],
        dtype=object,
    )
    _, coords, (vertex_offsets, ring_offsets, part_offsets) = shapely.to_ragged_array(
        multi, include_z=False
    )
    coords = np.asarray(coords, dtype=np.float64)
    weights = _core.contiguity_weights(
        np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1]),
        *(np.ascontiguousarray(o, dtype=np.int64)
          for o in (vertex_offsets, ring_offsets, part_offsets)),
        kind == "rook",
    )
    return _finish(weights, row_standardise)


def knn_weights(coords, k, *, row_standardise=False):
    """k nearest neighbours of each point, weight 1, itself excluded.

    As ``libpysal.weights.KNN(coords, k)``; equal distances are broken by the lower index
    (libpysal leaves that order to scipy's KDTree, so the two can differ only where the k-th
    and (k+1)-th distances are equal). Not symmetric.

    Parameters
    ----------
    coords : array_like of shape (n, 2)
        Projected coordinates (metres); no great-circle distances.
    k : int
        Number of neighbours, >= 1. With fewer than k + 1 points every other point.
    row_standardise : bool, default False
    """
    x, y = _coordinates(coords)
    k = int_in_range(k, "k", 1, UINT32_MAX)
    return _finish(_core.knn_weights(x, y, k), row_standardise)


def distance_band_weights(coords, threshold, *, binary=True, power=-1.0, row_standardise=False):
    """Distance-band weights: j is a neighbour of i when their distance is <= threshold.

    ``binary=True`` gives weight 1 (``libpysal.weights.DistanceBand(coords, threshold)``);
    ``binary=False`` gives d**power (``DistanceBand(..., binary=False, alpha=power)``).
    Coincident points inside the band are an error with inverse-distance weights.
    """
    x, y = _coordinates(coords)
    if binary:
        weights = _core.SpatialWeights.distance_band(x, y, float(threshold))
    else:
        weights = _core.inverse_distance_band(x, y, float(threshold), float(power))
    return _finish(weights, row_standardise)


def islands(weights):
    """Indices of the observations without neighbours, ascending (numpy int64 array)."""
    return np.flatnonzero(np.diff(np.asarray(weights.offsets)) == 0)


class MoranResult(NamedTuple):
    """Global Moran's I (:func:`moran`); the names are esda.Moran's attributes.

    ``p_norm`` and ``p_rand`` are two-sided (esda's default ``two_tailed=True``); ``p_sim``
    is the folded pseudo p (M + 1)/(R + 1); ``p_z_sim`` one-sided. The ``*_sim`` fields
    are NaN with ``permutations=0``.
    """

    I: float  # noqa: E741 - esda's name
    EI: float
    VI_norm: float
    VI_rand: float
    z_norm: float
    p_norm: float
    z_rand: float
    p_rand: float
    p_sim: float
    EI_sim: float
    seI_sim: float
    z_sim: float
    p_z_sim: float
    n: int
    s0: float
    s1: float
    s2: float


class LocalMoranResult(NamedTuple):
    """Local Moran (:func:`local_moran`), one element per observation.

    Attributes
    ----------
    Is : numpy.ndarray of float64
        I_i = (n − 1) z_i Σ_j w_ij z_j / Σ z² (esda ``Is``).
    q : numpy.ndarray of uint8
        Quadrant as esda's ``q``: 1 HH, 2 LH, 3 LL, 4 HL; 0 where undefined.
    p_sim : numpy.ndarray of float64
        Folded pseudo p of a conditional permutation; 1 where z_i = 0; NaN for islands or
        ``permutations=0``.
    fdr_significant : numpy.ndarray of bool
        Benjamini–Hochberg on ``p_sim`` at ``fdr_alpha``.
    lag : numpy.ndarray of float64
        Σ_j w_ij z_j with z = y − ȳ (not standardised).
    """

    Is: np.ndarray
    q: np.ndarray
    p_sim: np.ndarray
    fdr_significant: np.ndarray
    lag: np.ndarray


def _prepare(y, w, coords, threshold, binary, row_standardise, permutations, seed, threads):
    from .stats import spatial_weights

    weights = _finish(spatial_weights(w, coords=coords, threshold=threshold, binary=binary),
                      row_standardise)
    values = np.ascontiguousarray(y, dtype=np.float64)
    if values.ndim != 1:
        raise ArgumentError(f"y must be one-dimensional, got shape {values.shape}")
    if values.shape[0] != weights.size:
        raise ArgumentError(
            f"Moran: {values.shape[0]} values for weights over {weights.size} observations"
        )
    return (weights, values, int_in_range(permutations, "permutations", 0, UINT32_MAX),
            int_in_range(seed, "seed", 0, UINT64_MAX),
            int_in_range(threads, "threads", 1, UINT32_MAX))


def moran(y, w=None, *, coords=None, threshold=None, row_standardise=False, binary=False,
          permutations=999, seed=None, threads=1, progress=None):
    """Global Moran's I with inference under normality, randomisation and permutation.

    z = y − ȳ, S0 = Σ w_ij, I = (n/S0) Σ_i z_i Σ_j w_ij z_j / Σ z²; E[I] = −1/(n − 1);
    VI_norm and VI_rand as Cliff & Ord (exactly esda.Moran's formulas); the permutation
    p permutes all values (seeded; the same for any ``threads``).

    Parameters
    ----------
    y : array_like of float, shape (n,)
    w : weights, optional
        Anything :func:`kernkompas.stats.spatial_weights` takes, or a builder's result; or
        give ``coords`` and ``threshold`` for a binary distance band.
    row_standardise : bool, default False
        Row-standardise the weights first (esda's default ``transformation="r"``).
    binary : bool, default False
        Treat every non-zero weight of ``w`` as 1 (esda's ``transformation="B"``).
    permutations : int, default 999
        0 skips the permutation inference.
    seed : int, optional
        Default :data:`kernkompas.stats.DEFAULT_SEED`.
    threads : int, default 1
    progress : callable, optional
        ``progress(step, fraction)``; return False to cancel.

    Returns
    -------
    MoranResult
    """
    if seed is None:
        seed = int(_core.DEFAULT_SEED)
    weights, values, permutations, seed, threads = _prepare(
        y, w, coords, threshold, binary, row_standardise, permutations, seed, threads)
    return MoranResult(**_core.moran(weights, values, permutations, seed, threads, progress))


def local_moran(y, w=None, *, coords=None, threshold=None, row_standardise=False, binary=False,
                permutations=999, seed=None, threads=1, fdr_alpha=0.05, progress=None):
    """Local Moran (LISA) in the PySAL / GeoDa scaling, with conditional permutation.

    I_i = (n − 1) · z_i · Σ_j w_ij z_j / Σ_k z_k², z = y − ȳ — esda.Moran_Local's ``Is``
    on the same weights (Anselin 1995 divides by Σ z²/n instead, a factor n/(n − 1)).
    Quadrants as esda's ``q``; ``p_sim`` from a conditional permutation (observation i
    fixed, its neighbours' values drawn from the other n − 1), folded as esda's p_sim; the
    draws of observation i depend only on (seed, i), so any ``threads`` gives the same result.

    Parameters are those of :func:`moran`, plus ``fdr_alpha`` (Benjamini–Hochberg level of
    ``fdr_significant``, default 0.05).

    Returns
    -------
    LocalMoranResult
    """
    if seed is None:
        seed = int(_core.DEFAULT_SEED)
    weights, values, permutations, seed, threads = _prepare(
        y, w, coords, threshold, binary, row_standardise, permutations, seed, threads)
    local_i, lag, quadrant, p_sim, flags = _core.local_moran(
        weights, values, permutations, seed, threads, float(fdr_alpha), progress)
    return LocalMoranResult(local_i, quadrant, p_sim, flags.view(np.bool_), lag)
