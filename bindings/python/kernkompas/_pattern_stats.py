"""Point-pattern and concentration statistics on plain arrays (re-exported by ``stats``).

Ripley's K, L and H with Ripley's isotropic edge correction and Monte Carlo envelopes;
location quotients, Shannon diversity and HHI of a table of counts; the colocation quotient
of two categories of points. The work runs in C++ with the GIL released.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import _core
from ._checks import UINT32_MAX, UINT64_MAX, int_in_range
from ._errors import ArgumentError, ErrorCode, InputError

__all__ = [
    "ColocationResult",
    "Diversity",
    "colocation_quotient",
    "diversity",
    "hhi",
    "location_quotient",
    "ripley",
    "shannon",
]





def _coordinates(coords):
    """x and y as contiguous float64 arrays from (n, 2) coordinates or point geometries."""
    geoms = getattr(coords, "geometry", coords)
    if hasattr(geoms, "x") and hasattr(geoms, "geom_type"):  # geopandas GeoSeries of points
        return (np.ascontiguousarray(geoms.x, dtype=np.float64),
                np.ascontiguousarray(geoms.y, dtype=np.float64))
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ArgumentError(f"coords must have shape (n, 2), got {xy.shape}")
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])


def _window(window):
    """One Polygon/MultiPolygon (shapely, WKB bytes or __geo_interface__) in ragged layout."""
    import shapely

    if isinstance(window, (bytes, bytearray, memoryview)):
        geometry = shapely.from_wkb(bytes(window))
    elif isinstance(window, shapely.Geometry):
        geometry = window
    elif hasattr(window, "__geo_interface__"):
        geometry = shapely.geometry.shape(window)
    else:
        raise ArgumentError(f"window must be a shapely polygon, WKB bytes or a geo-interface "
                            f"object, got {type(window).__name__}")
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise InputError(f"window: expected a polygon, found {geometry.geom_type}",
                         ErrorCode.WRONG_GEOMETRY_TYPE)
    if geometry.is_empty:
        raise InputError("window: the polygon is empty", ErrorCode.EMPTY_GEOMETRY)
    multi = shapely.MultiPolygon([geometry]) if geometry.geom_type == "Polygon" else geometry
    _, coords, offsets = shapely.to_ragged_array([multi], include_z=False)
    coords = np.asarray(coords, dtype=np.float64)
    return (np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1]),
            *(np.ascontiguousarray(o, dtype=np.int64) for o in offsets))


def ripley(coords, window, distances, *, simulations=99, envelope_rank=1, seed=None, threads=1,
           progress=None):
    """Ripley's K, L and H with edge correction and Monte Carlo envelopes.

    K(r) = A / (n (n − 1)) · Σ_i Σ_{j≠i} w_ij · 1(d_ij ≤ r) over ordered pairs, with
    Ripley's isotropic edge weight w_ij = 1 / (share of the circumference of the circle
    around point i through point j that lies inside the window), computed exactly from the
    window's edges (holes and several parts allowed); weights are not capped.
    L(r) = sqrt(K(r) / π) and H(r) = L(r) − r; under complete spatial randomness L = r.

    Parameters
    ----------
    coords : array_like of shape (n, 2), or a GeoSeries / GeoDataFrame of points
        Point coordinates in metres of a projected CRS; every point inside the window (its
        boundary included).
    window : shapely Polygon or MultiPolygon, WKB bytes, or a ``__geo_interface__`` object
        The study area (for kernen: the kern polygon); A is its area.
    distances : array_like of float
        The distances r in metres: finite, >= 0, strictly ascending.
    simulations : int, default 99
        Patterns of n uniform points in the window for the envelope; 0 skips it.
    envelope_rank : int, default 1
        ``l_lo`` / ``l_hi`` are the rank-th smallest / largest simulated L at each r
        (1: min and max); at most simulations / 2.
    seed : int, optional
        Seed of the simulations (default ``stats.DEFAULT_SEED``); simulation s draws from a
        stream derived from (seed, s), so results never depend on ``threads``.
    threads : int, default 1
        Worker threads.
    progress : callable, optional
        ``progress(step, fraction)``; return False to cancel (:class:`kernkompas.Cancelled`).

    Returns
    -------
    pandas.DataFrame
        One row per distance: ``distance``, ``k``, ``l``, ``h``, ``k_uncorrected`` (every
        weight 1), ``l_lo``, ``l_hi``; NaN throughout for fewer than 2 points.
        ``.attrs`` holds ``points`` (n) and ``area`` (A).

    Raises
    ------
    kernkompas.ArgumentError
        A point outside the window or not finite (the message gives its index), bad
        distances, an option out of range.

    Examples
    --------
    >>> table = kernkompas.stats.ripley(xy, kern_polygon, np.arange(25, 501, 25), seed=1)
    >>> clustered = table.l > table.l_hi
    """
    import pandas as pd

    x, y = _coordinates(coords)
    r = np.ascontiguousarray(np.atleast_1d(np.asarray(distances, dtype=np.float64)))
    if r.ndim != 1:
        raise ArgumentError(f"distances must be one-dimensional, got shape {r.shape}")
    simulations = int_in_range(simulations, "simulations", 0, UINT32_MAX)
    envelope_rank = int_in_range(envelope_rank, "envelope_rank", 1, UINT32_MAX)
    seed = int_in_range(int(_core.DEFAULT_SEED) if seed is None else seed, "seed", 0, UINT64_MAX)
    threads = int_in_range(threads, "threads", 1, UINT32_MAX)
    result = _core.ripley(x, y, *_window(window), r, simulations, envelope_rank, seed, threads,
                          progress)
    table = pd.DataFrame({name: result[name] for name in
                          ("distance", "k", "l", "h", "k_uncorrected", "l_lo", "l_hi")})
    table.attrs["points"] = int(result["points"])
    table.attrs["area"] = float(result["area"])
    return table


def _table(counts):
    """(row-major float64 counts, areas, categories, index, columns) of a 1-D or 2-D table."""
    index = getattr(counts, "index", None)
    columns = getattr(counts, "columns", None)
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim == 1:
        table = table[np.newaxis, :]
    if table.ndim != 2:
        raise ArgumentError(f"counts must be one- or two-dimensional, got shape {table.shape}")
    return np.ascontiguousarray(table).ravel(), table.shape[0], table.shape[1], index, columns


def location_quotient(counts, reference=None):
    """Location quotients LQ(a, s) = (e_as / e_a) / (E_s / E) per area and category.

    Parameters
    ----------
    counts : array_like of shape (areas, categories), or a pandas.DataFrame
        Non-negative counts (e.g. units per kern × SBI section).
    reference : array_like of shape (categories,), optional
        Reference counts or shares (divided by their sum). Default: the table's column
        totals, so pass every unit (buitengebied included) as rows for a municipal reference.

    Returns
    -------
    numpy.ndarray of shape (areas, categories), or a DataFrame when ``counts`` is one
        NaN for an area without units or a category with reference share 0.
    """
    flat, areas, categories, index, columns = _table(counts)
    ref = (np.empty(0) if reference is None
           else np.ascontiguousarray(np.asarray(reference, dtype=np.float64).ravel()))
    lq = _core.location_quotients(flat, areas, categories, ref).reshape(areas, categories)
    if columns is not None:
        import pandas as pd

        return pd.DataFrame(lq, index=index, columns=columns)
    return lq


class Diversity(NamedTuple):
    """Result of :func:`diversity`, one element per area (row)."""

    shannon: np.ndarray       #: H = −Σ p ln p (natural logarithm)
    evenness: np.ndarray      #: H / ln S, S = categories present; NaN for S < 2
    evenness_all: np.ndarray  #: H / ln C, C = the table's categories (21 SBI sections)
    hhi: np.ndarray           #: Σ p²
    categories_present: np.ndarray  #: S


def diversity(counts):
    """Shannon H, evenness and HHI per area of a table of counts.

    Parameters
    ----------
    counts : array_like of shape (areas, categories) or (categories,)
        Non-negative counts; a row without units gets NaN and S = 0.

    Returns
    -------
    Diversity
        Named tuple of arrays ``shannon``, ``evenness`` (H / ln S), ``evenness_all``
        (H / ln C with C the table's number of columns: pass all 21 SBI sections for
        H / ln 21), ``hhi`` and ``categories_present``.
    """
    flat, areas, categories, _, _ = _table(counts)
    d = _core.diversity(flat, areas, categories)
    return Diversity(d["shannon"], d["evenness"], d["evenness_all"], d["hhi"],
                     d["categories_present"])


def _scalar_if_1d(counts, values):
    return float(values[0]) if np.ndim(counts) == 1 else values


def shannon(counts):
    """Shannon diversity H = −Σ p_s ln p_s per area (a float for a single row of counts).

    See :func:`diversity` for evenness and HHI computed in the same pass.
    """
    return _scalar_if_1d(counts, diversity(counts).shannon)


def hhi(counts):
    """Herfindahl–Hirschman index Σ p_s² per area (a float for a single row of counts)."""
    return _scalar_if_1d(counts, diversity(counts).hhi)


class ColocationResult(NamedTuple):
    """Result of :func:`colocation_quotient`."""

    clq: float       #: CLQ(A → B); NaN when undefined
    count_ab: float  #: C(A → B): A points whose nearest neighbour is B (ties shared)
    count_a: int     #: N_A
    count_b: int     #: N_B
    count: int       #: N
    p_sim: float     #: folded pseudo p (M + 1) / (R + 1); NaN with 0 permutations


def colocation_quotient(coords, categories, a, b, *, permutations=999, seed=None, threads=1,
                        progress=None):
    """Colocation quotient (Leslie & Kronenfeld 2011) of category ``a`` towards ``b``.

    CLQ(A → B) = (C(A → B) / N_A) / ((N_B − [A = B]) / (N − 1)), where C(A → B) counts the
    A points whose nearest neighbour (the point itself excluded) is a B point; a point with
    k neighbours tied at the smallest distance gives each 1/k, as in the paper. CLQ > 1: A
    attracts B beyond B's share of the other points.

    Parameters
    ----------
    coords : array_like of shape (n, 2), or a GeoSeries / GeoDataFrame of points
    categories : array_like of shape (n,)
        Any labels (strings, integers).
    a, b : label
        The two categories (may be equal).
    permutations : int, default 999
        Random relabellings of the fixed locations for ``p_sim``; 0 skips them.
    seed : int, optional
        Seed (default ``stats.DEFAULT_SEED``); relabelling r draws from (seed, r).
    threads : int, default 1
    progress : callable, optional

    Returns
    -------
    ColocationResult
    """
    x, y = _coordinates(coords)
    labels = np.asarray(categories)
    if labels.shape != x.shape:
        raise ArgumentError(f"categories has shape {labels.shape}, coords {x.shape[0]} points")
    uniques, codes = np.unique(labels, return_inverse=True)
    if len(uniques) > 2**31 - 3:
        raise ArgumentError("too many distinct categories")

    def code_of(label):
        where = np.flatnonzero(uniques == label) if len(uniques) else []
        return int(where[0]) if len(where) else -1  # absent: N = 0 for it

    code_b = code_of(b)
    code_a = code_of(a) if a != b else code_b
    if code_a == -1 and code_b == -1:
        code_b = -2  # two different absent categories
    permutations = int_in_range(permutations, "permutations", 0, UINT32_MAX)
    seed = int_in_range(int(_core.DEFAULT_SEED) if seed is None else seed, "seed", 0, UINT64_MAX)
    threads = int_in_range(threads, "threads", 1, UINT32_MAX)
    r = _core.colocation_quotient(x, y, np.ascontiguousarray(codes.ravel(), dtype=np.int32),
                                  code_a, code_b, permutations, seed, threads, progress)
    return ColocationResult(r["clq"], r["count_ab"], int(r["count_a"]), int(r["count_b"]),
                            int(r["count"]), r["p_sim"])
