"""Point-pattern statistics on plain coordinates: nearest neighbours, Clark–Evans, DBSCAN.

Re-exported by :mod:`kernkompas.stats`. The work runs in C++ (kk::stats) with the GIL
released; per-point results come back as numpy arrays without copies.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import _core
from ._checks import UINT32_MAX
from ._errors import ArgumentError

__all__ = [
    "ClarkEvansResult",
    "ClarkEvansTest",
    "DbscanResult",
    "NearestNeighbourResult",
    "clark_evans",
    "dbscan",
    "nearest_neighbour",
]



def _xy(coords):
    """Contiguous float64 x and y of an (n, 2) array_like."""
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ArgumentError(f"coords must have shape (n, 2), got {xy.shape}")
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])


def _threads(threads):
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)):
        raise ArgumentError(f"threads must be an integer, got {threads!r}")
    if not 1 <= threads <= UINT32_MAX:
        raise ArgumentError(f"threads must be >= 1, got {threads}")
    return int(threads)


class NearestNeighbourResult(NamedTuple):
    """Result of :func:`nearest_neighbour`.

    Attributes
    ----------
    distance : numpy.ndarray of float64, shape (n,)
        Distance from each point to its nearest other point (0 for a coincident point);
        NaN with fewer than two points.
    neighbour : numpy.ndarray of uint32, shape (n,)
        Index of that point, the lowest among equally near points; 2**32 - 1 with fewer
        than two points.
    mean_distance : float
        Mean of ``distance``: d̄ of Clark–Evans. NaN with fewer than two points.
    """

    distance: np.ndarray
    neighbour: np.ndarray
    mean_distance: float


class ClarkEvansTest(NamedTuple):
    """One Clark–Evans test: d̄ against its expectation E under complete spatial randomness.

    Attributes
    ----------
    expected : float
        E.
    standard_error : float
        SE.
    r : float
        R = d̄ / E: below 1 clustered, 1 random, above 1 regular (at most 2.1491).
    z : float
        (d̄ − E) / SE.
    p : float
        Two-sided normal p-value of ``z``.
    """

    expected: float
    standard_error: float
    r: float
    z: float
    p: float


class ClarkEvansResult(NamedTuple):
    """Result of :func:`clark_evans`.

    Attributes
    ----------
    n : int
        Number of points.
    mean_distance : float
        d̄, the mean nearest-neighbour distance.
    plain : ClarkEvansTest
        Clark & Evans (1954), no edge correction: E = 0.5·sqrt(A/n), SE = 0.26136 / sqrt(n²/A).
    donnelly : ClarkEvansTest
        Donnelly's (1978) edge correction: E = 0.5·sqrt(A/n) + (0.0514 + 0.041/sqrt(n))·P/n,
        SE² = 0.0703·A/n² + 0.037·P·sqrt(A/n⁵).
    """

    n: int
    mean_distance: float
    plain: ClarkEvansTest
    donnelly: ClarkEvansTest


class DbscanResult(NamedTuple):
    """Result of :func:`dbscan`.

    Attributes
    ----------
    labels : numpy.ndarray of int32, shape (n,)
        Cluster number 0, 1, ... of each point, or -1 for noise; equal to scikit-learn's
        ``DBSCAN(...).fit(coords).labels_``.
    core : numpy.ndarray of bool, shape (n,)
        True for core points.
    cluster_count : int
        Number of clusters.
    """

    labels: np.ndarray
    core: np.ndarray
    cluster_count: int

    @property
    def core_sample_indices(self):
        """Indices of the core points, ascending: scikit-learn's ``core_sample_indices_``."""
        return np.flatnonzero(self.core)


def nearest_neighbour(coords, *, threads=1):
    """Distance from each point to its nearest other point.

    Parameters
    ----------
    coords : array_like of shape (n, 2)
        Point coordinates in metres of a projected CRS; finite.
    threads : int, default 1
        Worker threads; the result never depends on it.

    Returns
    -------
    NearestNeighbourResult
        ``distance``, ``neighbour`` and ``mean_distance``; ``distance`` equals
        ``scipy.spatial.cKDTree(coords).query(coords, k=2)[0][:, 1]``.

    Raises
    ------
    kernkompas.ArgumentError
        ``coords`` not of shape (n, 2), a coordinate not finite (the message names the
        point), ``threads`` < 1.

    Examples
    --------
    >>> nn = kernkompas.stats.nearest_neighbour([[0, 0], [1, 0], [0, 2], [3, 3]])
    >>> nn.distance, nn.mean_distance          # [1, 1, 2, 3.1623], 1.7906
    """
    x, y = _xy(coords)
    distance, neighbour, mean = _core.nearest_neighbours(x, y, _threads(threads))
    return NearestNeighbourResult(distance, neighbour, float(mean))


def clark_evans(coords, area, perimeter, *, threads=1):
    """Clark–Evans aggregation index R, plain and with Donnelly's edge correction.

    With d̄ the mean nearest-neighbour distance of the n points in a window (the kern) of
    area A and perimeter P, R = d̄ / E with z = (d̄ − E) / SE and a two-sided normal p:

    * plain (Clark & Evans 1954): E = 0.5·sqrt(A/n), SE = 0.26136 / sqrt(n²/A);
    * Donnelly (1978): E = 0.5·sqrt(A/n) + (0.0514 + 0.041/sqrt(n))·P/n,
      SE² = 0.0703·A/n² + 0.037·P·sqrt(A/n⁵). Corrects the bias of points near the edge,
      whose nearest neighbour may lie outside the window; use it for small windows.

    Parameters
    ----------
    coords : array_like of shape (n, 2)
        Point coordinates in metres of a projected CRS; finite.
    area : float
        Window area A in square metres, > 0 (e.g. ``kern.geometry.area``).
    perimeter : float
        Window perimeter P in metres, >= 0 (e.g. ``kern.geometry.length``).
    threads : int, default 1
        Worker threads for the nearest-neighbour queries.

    Returns
    -------
    ClarkEvansResult
        ``n``, ``mean_distance`` and the tests ``plain`` and ``donnelly``; every figure is
        NaN with fewer than two points.

    Raises
    ------
    kernkompas.ArgumentError
        ``area`` <= 0, ``perimeter`` < 0 or either not finite; bad ``coords`` or ``threads``.

    Examples
    --------
    >>> ce = kernkompas.stats.clark_evans(xy, area=kern.area, perimeter=kern.length)
    >>> ce.donnelly.r, ce.donnelly.p
    """
    x, y = _xy(coords)
    n, mean, plain, donnelly = _core.clark_evans(
        x, y, float(area), float(perimeter), _threads(threads)
    )
    return ClarkEvansResult(
        int(n), float(mean), ClarkEvansTest(**plain), ClarkEvansTest(**donnelly)
    )


def dbscan(coords, eps=75.0, min_samples=5, *, threads=1, progress=None):
    """DBSCAN density clusters, numbered exactly as scikit-learn numbers them.

    q is a neighbour of p when their distance is <= ``eps``; p is a core point when at least
    ``min_samples`` points, p itself included, are its neighbours. Clusters are the connected
    components of core points, numbered 0, 1, ... in the order of their smallest core-point
    index. A non-core point within ``eps`` of core points is a border point and joins the
    lowest-numbered of their clusters (the cluster that reaches it first when scikit-learn
    scans the points in input order); other points are noise (-1). Labels and core points
    equal ``sklearn.cluster.DBSCAN(eps=eps, min_samples=min_samples).fit(coords)``.
    Shuffling the input changes the numbering, and may move a border point that lies
    within ``eps`` of two clusters; core points and the core partition stay the same.

    Parameters
    ----------
    coords : array_like of shape (n, 2)
        Point coordinates in metres of a projected CRS; finite.
    eps : float, default 75.0
        Neighbourhood radius in metres, >= 0 (75 m suits a village centre).
    min_samples : int, default 5
        Neighbours, the point itself included, that make a core point; >= 1.
    threads : int, default 1
        Worker threads for the neighbourhood queries; the result never depends on it.
    progress : callable, optional
        ``progress(step, fraction)``; return False to cancel (:class:`kernkompas.Cancelled`).

    Returns
    -------
    DbscanResult
        ``labels`` (int32), ``core`` (bool), ``cluster_count``, and the property
        ``core_sample_indices``.

    Raises
    ------
    kernkompas.ArgumentError
        ``eps`` negative or not finite, ``min_samples`` < 1, bad ``coords`` or ``threads``.
    kernkompas.Cancelled
        The progress callback returned False.

    Examples
    --------
    >>> d = kernkompas.stats.dbscan(xy, eps=75, min_samples=5)
    >>> d.cluster_count, np.bincount(d.labels[d.labels >= 0])
    """
    x, y = _xy(coords)
    if isinstance(min_samples, bool) or not isinstance(min_samples, (int, np.integer)):
        raise ArgumentError(f"min_samples must be an integer, got {min_samples!r}")
    if not 1 <= min_samples <= UINT32_MAX:
        raise ArgumentError(f"min_samples must be >= 1, got {min_samples}")
    labels, core, clusters = _core.dbscan(
        x, y, float(eps), int(min_samples), _threads(threads), progress
    )
    return DbscanResult(labels, core.view(np.bool_), int(clusters))
