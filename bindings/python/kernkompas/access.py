"""Accessibility over a road network: distances and travel times to facilities, counts within
radii, origin–destination costs, Hansen gravity accessibility and (E)2SFCA.

The work runs in C++ (``kk::network``, see docs/accessibility.md) with the GIL released;
results come back as numpy arrays without copies, wrapped in pandas DataFrames. Coordinates
are metres of a projected CRS (e.g. EPSG:28992); times are seconds.

Examples
--------
>>> from kernkompas import access
>>> net = access.RoadNetwork.from_lines(roads.geometry, road_class=roads["highway"],
...                                     oneway=roads["oneway"], speeds={"primary": 80})
>>> near = access.nearest_facility(net, businesses.geometry, stations.geometry)
>>> near[["facility", "distance_m", "time_s"]]
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import _core
from ._checks import UINT32_MAX, int_in_range
from ._errors import ArgumentError

__all__ = [
    "DEFAULT_RADII_M",
    "RoadNetwork",
    "TwoStepResult",
    "count_within",
    "count_within_euclidean",
    "hansen",
    "nearest_facility",
    "nearest_facility_euclidean",
    "od_costs",
    "service_areas",
    "snap",
    "two_step_fca",
]

#: The CBS proximity radii in metres: 1, 3, 5, 10 and 20 km.
DEFAULT_RADII_M = (1000.0, 3000.0, 5000.0, 10000.0, 20000.0)

_METRICS = {"distance": 0, "time": 1}
_DECAYS = {"step": 0, "gaussian": 1, "exponential": 2, "power": 3, "zones": 4}
# Direction codes of the engine: 0 two-way, 1 first vertex to last, 2 last to first.
_ONEWAY_TEXT = {
    "yes": 1, "true": 1, "1": 1, "forward": 1, "h": 1,
    "-1": 2, "reverse": 2, "backward": 2, "t": 2,
    "no": 0, "false": 0, "0": 0, "": 0, "both": 0, "b": 0,
}


def _float_array(values, name):
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ArgumentError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


def _points(points, name):
    """Contiguous float64 x and y of an (n, 2) array_like or a sequence of shapely points."""
    if hasattr(points, "geom_type") or (isinstance(points, np.ndarray) and points.dtype == object) or (
        not isinstance(points, np.ndarray) and len(points) > 0 and hasattr(_first(points), "geom_type")
    ):
        import shapely

        geoms = np.asarray(points, dtype=object)
        return (
            np.ascontiguousarray(shapely.get_x(geoms), dtype=np.float64),
            np.ascontiguousarray(shapely.get_y(geoms), dtype=np.float64),
        )
    xy = np.asarray(points, dtype=np.float64)
    if xy.ndim == 2 and xy.shape[0] == 0:
        xy = xy.reshape(0, 2)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ArgumentError(f"{name} must have shape (n, 2) or be points, got shape {xy.shape}")
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])


def _first(sequence):
    try:
        return sequence.iloc[0]
    except AttributeError:
        return next(iter(sequence))


def _metric(metric):
    try:
        return _METRICS[metric]
    except (KeyError, TypeError):
        raise ArgumentError(f"metric must be 'distance' or 'time', got {metric!r}") from None


def _threads(value):
    return int_in_range(value, "threads", 0, UINT32_MAX)


def _max_snap(value):
    number = float(value)
    if not number >= 0:
        raise ArgumentError(f"max_snap_m must be >= 0, got {value!r}")
    return number


class RoadNetwork:
    """A directed road graph with its link index, built from polylines.

    Line ends that meet are one node; links are the stretches between nodes; a two-way link
    gives two arcs, a one-way link one. Disconnected parts are kept. See
    docs/accessibility.md for the rules (node tolerance grid, shared vertices, skipped lines).

    Parameters
    ----------
    x, y : array_like of float64
        Vertex coordinates of all lines, in metres of a projected CRS.
    offsets : array_like of int
        Line i has the vertices ``offsets[i] .. offsets[i + 1] - 1`` (shapely's ragged layout:
        ``shapely.to_ragged_array(lines)[2][0]``); length = number of lines + 1.
    road_class : array_like of uint16, optional
        Per line, an index into ``speeds_kmh``; default class 0 everywhere.
    direction : array_like of int, optional
        Per line: 0 two-way, 1 one-way from first vertex to last (OSM ``oneway=yes``), 2
        one-way from last to first (``oneway=-1``); default two-way everywhere.
    speeds_kmh : sequence of float, default (50,)
        Speed per road class in km/h, each finite and > 0.
    node_tolerance_m : float, default 0
        Line ends in the same cell of a grid of this size are one node (0: exact equality).
    split_at_shared_vertices : bool, default False
        Also make a node of every vertex shared by several lines (OSM ways).

    Raises
    ------
    kernkompas.InputError
        A line with fewer than two vertices, a non-finite coordinate or a class without a
        speed (the message names the line).
    kernkompas.ArgumentError
        Inconsistent array lengths or offsets, a direction outside 0..2, a bad option.
    """

    def __init__(self, x, y, offsets, road_class=None, direction=None, speeds_kmh=(50.0,),
                 node_tolerance_m=0.0, split_at_shared_vertices=False):
        x = _float_array(x, "x")
        y = _float_array(y, "y")
        offsets = np.asarray(offsets)
        if offsets.ndim != 1 or (offsets.size and not np.issubdtype(offsets.dtype, np.integer)):
            raise ArgumentError("offsets must be a one-dimensional integer array")
        if offsets.size and offsets.min() < 0:
            raise ArgumentError("offsets must not be negative")
        offsets = np.ascontiguousarray(offsets, dtype=np.uint64)
        lines = max(offsets.size - 1, 0)
        road_class = self._per_line(road_class, lines, "road_class", np.uint16, 0, 65535)
        direction = self._per_line(direction, lines, "direction", np.uint8, 0, 2)
        speeds = [float(s) for s in speeds_kmh]
        self._core = _core.RoadNetwork(
            x, y, offsets, road_class, direction, speeds, float(node_tolerance_m),
            bool(split_at_shared_vertices),
        )
        self.speeds_kmh = tuple(speeds)

    @staticmethod
    def _per_line(values, lines, name, dtype, low, high):
        if values is None:
            return np.zeros(0, dtype=dtype)
        array = np.asarray(values)
        if array.ndim != 1 or array.size != lines:
            raise ArgumentError(f"{name} must hold one value per line ({lines}), got shape {array.shape}")
        if array.size and not np.issubdtype(array.dtype, np.integer):
            raise ArgumentError(f"{name} must hold integers, got dtype {array.dtype}")
        bad = np.flatnonzero((array < low) | (array > high))
        if bad.size:
            raise ArgumentError(
                f"road line {bad[0]}: {name} must lie in [{low}, {high}], got {array[bad[0]]}"
            )
        return np.ascontiguousarray(array, dtype=dtype)

    @classmethod
    def from_lines(cls, lines, road_class=None, oneway=None, speeds=None, *, default_speed_kmh=50.0,
                   node_tolerance_m=0.0, split_at_shared_vertices=False):
        """A network from shapely lines (a GeoSeries, or any sequence of LineStrings).

        MultiLineStrings are split into their parts, each part keeping its line's class and
        direction. Empty geometries are left out.

        Parameters
        ----------
        lines : GeoSeries or sequence of shapely LineString / MultiLineString
            In a projected CRS in metres.
        road_class : sequence, optional
            Per line: a class name (text, e.g. OSM ``highway``) looked up in ``speeds`` (a
            dict), or an integer index into ``speeds`` (a list). Default: one class.
        oneway : sequence, optional
            Per line: True/False, an engine code 0/1/2, -1 (against the digitised direction),
            or text as OSM and NWB write it: "yes"/"true"/"1"/"H" forward, "-1"/"reverse"/"T"
            backward, "no"/""/"B"/None two-way. Default: all two-way.
        speeds : dict or sequence, optional
            km/h per class name (dict; classes not in it travel at ``default_speed_kmh``) or per
            class index (list). Default: ``default_speed_kmh`` everywhere.
        default_speed_kmh : float, default 50
        node_tolerance_m, split_at_shared_vertices
            As in :class:`RoadNetwork`.

        Raises
        ------
        kernkompas.ArgumentError
            A geometry that is no line, attributes of another length than ``lines``, an
            unknown ``oneway`` value, a class index without a speed.
        """
        import shapely

        geoms = np.asarray(getattr(lines, "values", lines), dtype=object)
        if geoms.ndim != 1:
            geoms = geoms.ravel()
        n = geoms.size
        classes, speeds_kmh = cls._classes(road_class, n, speeds, float(default_speed_kmh))
        direction = cls._directions(oneway, n)
        kinds = shapely.get_type_id(geoms)
        bad = np.flatnonzero(~np.isin(kinds, (1, 5)) & ~shapely.is_missing(geoms))
        if bad.size:
            raise ArgumentError(
                f"road line {bad[0]}: a {geoms[bad[0]].geom_type} is no LineString or "
                "MultiLineString"
            )
        parts, index = shapely.get_parts(geoms, return_index=True)
        keep = ~shapely.is_empty(parts)
        parts, index = parts[keep], index[keep]
        if parts.size == 0:
            x = y = np.zeros(0)
            offsets = np.zeros(1, dtype=np.int64)
        else:
            coords = shapely.get_coordinates(parts)
            counts = shapely.get_num_coordinates(parts)
            offsets = np.concatenate(([0], np.cumsum(counts)))
            x, y = coords[:, 0], coords[:, 1]
        return cls(x, y, offsets, classes[index], direction[index], speeds_kmh,
                   node_tolerance_m=node_tolerance_m, split_at_shared_vertices=split_at_shared_vertices)

    @staticmethod
    def _classes(road_class, n, speeds, default_speed):
        if road_class is None:
            if isinstance(speeds, dict):
                raise ArgumentError("speeds is a dict of class names, but no road_class was given")
            table = [default_speed] if speeds is None else [float(s) for s in speeds]
            return np.zeros(n, dtype=np.int64), table or [default_speed]
        values = np.asarray(getattr(road_class, "values", road_class))
        if values.shape != (n,):
            raise ArgumentError(f"road_class must hold one value per line ({n}), got shape {values.shape}")
        if n and np.issubdtype(values.dtype, np.integer):
            table = [default_speed] if speeds is None else [float(s) for s in speeds]
            if isinstance(speeds, dict):
                raise ArgumentError("integer road classes need speeds as a list, got a dict")
            return values.astype(np.int64), table
        names = np.asarray([("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
                            for v in values], dtype=object)
        unique, codes = np.unique(names.astype(str), return_inverse=True) if n else (np.array([]), np.zeros(0, int))
        lookup = speeds or {}
        if not isinstance(lookup, dict):
            raise ArgumentError("text road classes need speeds as a dict {class: km/h}")
        table = [float(lookup.get(name, default_speed)) for name in unique] or [default_speed]
        return codes.astype(np.int64), table

    @staticmethod
    def _directions(oneway, n):
        if oneway is None:
            return np.zeros(n, dtype=np.int64)
        values = list(getattr(oneway, "values", oneway))
        if len(values) != n:
            raise ArgumentError(f"oneway must hold one value per line ({n}), got {len(values)}")
        out = np.zeros(n, dtype=np.int64)
        for i, v in enumerate(values):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue
            if isinstance(v, (bool, np.bool_)):
                out[i] = 1 if v else 0
            elif isinstance(v, (int, np.integer)) and -1 <= v <= 2:
                out[i] = 2 if v == -1 else int(v)
            elif isinstance(v, str) and v.strip().lower() in _ONEWAY_TEXT:
                out[i] = _ONEWAY_TEXT[v.strip().lower()]
            else:
                raise ArgumentError(f"road line {i}: oneway value {v!r} is not understood")
        return out

    node_count = property(lambda self: self._core.node_count, doc="Number of nodes.")
    link_count = property(lambda self: self._core.link_count, doc="Number of links.")
    arc_count = property(lambda self: self._core.arc_count,
                         doc="Number of arcs: two per two-way link, one per one-way link.")
    components = property(lambda self: self._core.components,
                          doc="Number of weakly connected components.")
    skipped_lines = property(lambda self: self._core.skipped_lines,
                             doc="Lines without length, left out.")
    memory_bytes = property(
        lambda self: self._core.memory_bytes + self._core.index_memory_bytes,
        doc="Bytes held by the graph's arrays plus the link index (an estimate for the index).",
    )

    def nodes(self):
        """(x, y) arrays of the node coordinates, in node order."""
        return self._core.node_xy()

    def links(self):
        """A DataFrame of the links: from_node, to_node, length_m, time_s, direction, component."""
        import pandas as pd

        frm, to, length, time, direction, component = self._core.links()
        return pd.DataFrame({"from_node": frm, "to_node": to, "length_m": length, "time_s": time,
                             "direction": direction, "component": component})

    def __repr__(self):
        return (f"RoadNetwork({self.node_count} nodes, {self.link_count} links, {self.arc_count} arcs, "
                f"{self.components} components)")


def _network(network):
    if not isinstance(network, RoadNetwork):
        raise ArgumentError(f"network must be a kernkompas.access.RoadNetwork, got {type(network).__name__}")
    return network._core


def snap(network, x, y, max_distance_m=math.inf, *, threads=1):
    """Snap points to their nearest link.

    Parameters
    ----------
    network : RoadNetwork
    x, y : array_like of float64
        Point coordinates; a NaN point gets no link.
    max_distance_m : float, default inf
        Points farther from every link are still snapped, but flagged ``beyond_limit``.
    threads : int, default 1
        Snap on this many threads (0: all cores); the result does not depend on it.

    Returns
    -------
    pandas.DataFrame
        ``link`` (nullable Int64: <NA> without a link), ``offset_m`` (along the link from its
        first node), ``distance_m`` (point to link), ``x``, ``y`` (the snapped position) and
        ``beyond_limit`` (bool). Equal distances go to the lower link id.
    """
    import pandas as pd

    link, offset, distance, sx, sy, beyond = _core.network_snap(
        _network(network), _float_array(x, "x"), _float_array(y, "y"), _max_snap(max_distance_m), _threads(threads)
    )
    return pd.DataFrame({"link": _nullable_index(link), "offset_m": offset, "distance_m": distance,
                         "x": sx, "y": sy, "beyond_limit": beyond.view(np.bool_)})


def _nullable_index(values):
    import pandas as pd

    missing = values == UINT32_MAX
    return pd.arrays.IntegerArray(values.astype(np.int64), missing)


def nearest_facility(network, origins, facilities, metric="distance", add_snap_distance=True, *,
                     max_snap_m=math.inf, threads=1, progress=None):
    """Network distance and travel time from every origin to its nearest facility.

    One multi-source Dijkstra from all facilities over the reversed graph, so one-way streets
    are honoured for the trip origin → facility; O((V + E) log V) for any number of points.

    Parameters
    ----------
    network : RoadNetwork
    origins, facilities : array_like of shape (n, 2), or shapely points / a GeoSeries
    metric : {"distance", "time"}, default "distance"
        What is minimised; the other is reported along the chosen path. Ties go to the
        shorter (faster) path, then to the lower facility index.
    add_snap_distance : bool, default True
        Add both ends' snap distances to the path, travelled at the speed of the link.
    max_snap_m : float, default inf
        Origins farther from the network are flagged in ``snap_beyond_limit`` (not dropped).
    threads : int, default 1
        Snap the points and read every origin's cost off the search on this many threads
        (0: all cores); the search itself is one Dijkstra. The result does not depend on it.
    progress : callable, optional
        ``progress(step, fraction)``; return False to cancel (:class:`kernkompas.Cancelled`).

    Returns
    -------
    pandas.DataFrame
        One row per origin: ``facility`` (nullable Int64, index into ``facilities``; <NA>
        when none is reachable), ``distance_m`` and ``time_s`` (NaN when unreachable),
        ``snap_m`` (the origin's snap distance) and ``snap_beyond_limit``.
    """
    import pandas as pd

    ox, oy = _points(origins, "origins")
    fx, fy = _points(facilities, "facilities")
    facility, distance, time, snap_m, beyond = _core.network_nearest_facility(
        _network(network), ox, oy, fx, fy, _metric(metric), bool(add_snap_distance),
        _max_snap(max_snap_m), _threads(threads), progress,
    )
    return pd.DataFrame({"facility": _nullable_index(facility), "distance_m": distance, "time_s": time,
                         "snap_m": snap_m, "snap_beyond_limit": beyond.view(np.bool_)})


def _threshold_name(value, metric):
    unit = "m" if metric == 0 else "s"
    return f"within_{value:g}{unit}"


def count_within(network, origins, facilities, thresholds=DEFAULT_RADII_M, metric="distance",
                 add_snap_distance=True, *, max_snap_m=math.inf, threads=1, progress=None):
    """The number of facilities within each threshold of every origin (CBS proximity counts).

    One bounded search per point of the smaller side, stopping at the largest threshold.

    Parameters
    ----------
    network : RoadNetwork
    origins, facilities : array_like of shape (n, 2), or shapely points / a GeoSeries
    thresholds : sequence of float, default DEFAULT_RADII_M (1, 3, 5, 10, 20 km)
        Ascending, finite, >= 0; metres for ``metric="distance"``, seconds for ``"time"``.
    metric, add_snap_distance, max_snap_m, progress
        As in :func:`nearest_facility`.
    threads : int, default 1
        Threads the bounded searches are spread over (0: all cores); results never depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per origin, one float column per threshold, named ``within_<t>m`` (distance)
        or ``within_<t>s`` (time); NaN for an origin without a link.
    """
    import pandas as pd

    ox, oy = _points(origins, "origins")
    fx, fy = _points(facilities, "facilities")
    limits = _float_array(thresholds, "thresholds")
    code = _metric(metric)
    counts, k = _core.network_count_within(
        _network(network), ox, oy, fx, fy, limits, code, bool(add_snap_distance), _max_snap(max_snap_m),
        _threads(threads), progress,
    )
    table = counts.reshape(-1, k) if k else counts.reshape(ox.size, 0)
    return pd.DataFrame({_threshold_name(t, code): table[:, i] for i, t in enumerate(limits)})


def od_costs(network, origins, destinations, max_cost, metric="distance", add_snap_distance=True, *,
             max_snap_m=math.inf, threads=1, progress=None):
    """Every origin–destination pair within ``max_cost``, with distance and time.

    Parameters
    ----------
    network : RoadNetwork
    origins, destinations : array_like of shape (n, 2), or shapely points / a GeoSeries
        For gravity and 2SFCA: origins are demand points, destinations supply points.
    max_cost : float
        Finite, >= 0; metres or seconds according to ``metric``.
    metric, add_snap_distance, max_snap_m, progress
        As in :func:`nearest_facility`.
    threads : int, default 1
        As in :func:`count_within`.

    Returns
    -------
    pandas.DataFrame
        ``origin``, ``destination`` (uint32 indices), ``distance_m``, ``time_s``; sorted by
        origin then destination. The input of :func:`hansen` and :func:`two_step_fca`.
    """
    import pandas as pd

    ox, oy = _points(origins, "origins")
    dx, dy = _points(destinations, "destinations")
    origin, destination, distance, time = _core.network_od_costs(
        _network(network), ox, oy, dx, dy, float(max_cost), _metric(metric), bool(add_snap_distance),
        _max_snap(max_snap_m), _threads(threads), progress,
    )
    return pd.DataFrame({"origin": origin, "destination": destination, "distance_m": distance,
                         "time_s": time})


def _decay_args(decay, catchment, beta, sigma, min_cost, zones):
    try:
        kind = _DECAYS[decay]
    except (KeyError, TypeError):
        raise ArgumentError(f"decay must be one of {', '.join(_DECAYS)}, got {decay!r}") from None
    upper, weight = [], []
    if zones is not None:
        for zone in zones:
            try:
                u, w = zone
            except (TypeError, ValueError):
                raise ArgumentError(f"zones must be (upper bound, weight) pairs, got {zone!r}") from None
            upper.append(float(u))
            weight.append(float(w))
    return (kind, float(catchment), float(beta), float(sigma), float(min_cost), upper, weight)


def _od_columns(od, cost):
    try:
        origin, destination, values = od["origin"], od["destination"], od[cost]
    except (KeyError, TypeError, IndexError):
        raise ArgumentError(f"od must have columns origin, destination and {cost!r}") from None
    origin = np.asarray(origin)
    destination = np.asarray(destination)
    for name, column in (("origin", origin), ("destination", destination)):
        if column.size and (not np.issubdtype(column.dtype, np.integer) or column.min() < 0
                            or column.max() > UINT32_MAX):
            raise ArgumentError(f"od column {name} must hold indices in [0, 2**32 - 1]")
    return (np.ascontiguousarray(origin, dtype=np.uint32), np.ascontiguousarray(destination, dtype=np.uint32),
            _float_array(values, cost))


def hansen(od, supply, demand_count, *, decay, cost="distance_m", catchment=math.inf, beta=1.0,
           sigma=1.0, min_cost=1.0, zones=None):
    """Hansen (1959) gravity accessibility A_i = Σ_j S_j f(d_ij) of every demand point.

    Parameters
    ----------
    od : DataFrame or dict of arrays
        Columns ``origin`` (demand point), ``destination`` (supply point) and the cost column,
        e.g. from :func:`od_costs`; pairs absent weigh 0.
    supply : array_like of float
        S_j per supply point, finite and >= 0.
    demand_count : int
        Number of demand points (the length of the result).
    decay : {"step", "gaussian", "exponential", "power", "zones"}
        f(d) within the catchment: 1; exp(-d²/2σ²); exp(-β d); max(d, min_cost)^-β; the weight
        of d's zone. 0 beyond ``catchment``.
    cost : str, default "distance_m"
        The od column used as d (``"time_s"`` for travel time).
    catchment, beta, sigma, min_cost : float
        Decay parameters, in the unit of ``cost``.
    zones : sequence of (upper bound, weight), optional
        For ``decay="zones"``: zone k is (upper[k-1], upper[k]].

    Returns
    -------
    numpy.ndarray of float64, shape (demand_count,)
    """
    origin, destination, values = _od_columns(od, cost)
    count = int(demand_count)
    if count < 0:
        raise ArgumentError(f"demand_count must be >= 0, got {demand_count!r}")
    return _core.hansen_accessibility(count, _float_array(supply, "supply"), origin, destination, values,
                                      *_decay_args(decay, catchment, beta, sigma, min_cost, zones))


class TwoStepResult(NamedTuple):
    """Result of :func:`two_step_fca`.

    Attributes
    ----------
    accessibility : numpy.ndarray of float64
        A_i = Σ_j R_j f(d_ij) per demand point; 0 where no supply is in reach.
    supply_ratio : numpy.ndarray of float64
        R_j = S_j / Σ_k P_k f(d_kj) per supply point; NaN when no demand weighs on it.
    """

    accessibility: np.ndarray
    supply_ratio: np.ndarray


def two_step_fca(od, population, supply, *, decay="step", cost="distance_m", catchment=math.inf,
                 beta=1.0, sigma=1.0, min_cost=1.0, zones=None):
    """Two-step floating catchment area accessibility (Luo & Wang 2003) and its enhanced form.

    ``decay="step"`` is the classic 2SFCA; ``decay="zones"`` with e.g.
    ``zones=[(600, 1), (1200, 0.68), (1800, 0.22)]`` on ``cost="time_s"`` is the E2SFCA of
    Luo & Qi (2009); a continuous kernel gives the kernel-density form. The same f weighs
    both steps. Whenever every supply point has a ratio, Σ_i P_i A_i = Σ_j S_j.

    Parameters
    ----------
    od : DataFrame or dict of arrays
        As in :func:`hansen` (usually :func:`od_costs` with the catchment as ``max_cost``).
    population : array_like of float
        P_i per demand point, finite and >= 0.
    supply : array_like of float
        S_j per supply point, finite and >= 0.
    decay, cost, catchment, beta, sigma, min_cost, zones
        As in :func:`hansen`.

    Returns
    -------
    TwoStepResult
    """
    origin, destination, values = _od_columns(od, cost)
    accessibility, ratio = _core.two_step_fca(
        _float_array(population, "population"), _float_array(supply, "supply"), origin, destination, values,
        *_decay_args(decay, catchment, beta, sigma, min_cost, zones),
    )
    return TwoStepResult(accessibility, ratio)


# --- without a network ------------------------------------------------------------------------


def nearest_facility_euclidean(origins, facilities, *, detour_factor=1.3, speed_kmh=40.0):
    """The straight-line fallback of :func:`nearest_facility` when there is no road network.

    distance_m = straight line × ``detour_factor``, time_s = distance_m at ``speed_kmh``. The
    factor scales every distance alike, so the nearest facility is the nearest by straight
    line; ties go to the lower facility index. Outputs built on it must say so (method
    "euclidean").

    Parameters
    ----------
    origins, facilities : array_like of shape (n, 2), or shapely points / a GeoSeries
        A NaN origin gets no facility; facilities with a NaN coordinate take no part.
    detour_factor : float, default 1.3
        Network metres per metre of straight line; finite, >= 1.
    speed_kmh : float, default 40
        Finite, > 0.

    Returns
    -------
    pandas.DataFrame
        ``facility`` (nullable Int64), ``distance_m``, ``time_s`` per origin.
    """
    import pandas as pd

    ox, oy = _points(origins, "origins")
    fx, fy = _points(facilities, "facilities")
    facility, distance, time = _core.nearest_facility_euclidean(ox, oy, fx, fy, float(detour_factor),
                                                                float(speed_kmh))
    return pd.DataFrame({"facility": _nullable_index(facility), "distance_m": distance, "time_s": time})


def count_within_euclidean(origins, facilities, thresholds=DEFAULT_RADII_M, *, detour_factor=1.3,
                           speed_kmh=40.0):
    """The straight-line fallback of :func:`count_within`: facilities with straight line ×
    ``detour_factor`` <= each threshold (metres, ascending).

    Returns
    -------
    pandas.DataFrame
        One float column ``within_<t>m`` per threshold; NaN for a NaN origin.
    """
    import pandas as pd

    ox, oy = _points(origins, "origins")
    fx, fy = _points(facilities, "facilities")
    limits = _float_array(thresholds, "thresholds")
    counts, k = _core.count_within_euclidean(ox, oy, fx, fy, limits, float(detour_factor), float(speed_kmh))
    table = counts.reshape(-1, k) if k else counts.reshape(ox.size, 0)
    return pd.DataFrame({_threshold_name(t, 0): table[:, i] for i, t in enumerate(limits)})


# --- service areas ----------------------------------------------------------------------------


def service_areas(network, origins, limits, metric="time", *, band_m=50.0, add_snap_distance=True,
                  crs=None, progress=None):
    """Polygons of the road reachable from each origin within each limit (isochrones).

    Travel goes from the origin along the allowed directions; the polygon of a limit is the
    union of bands of ``band_m`` around every reachable piece of road (links cut at the exact
    offset the budget reaches).

    Parameters
    ----------
    network : RoadNetwork
    origins : array_like of shape (n, 2), or shapely points / a GeoSeries
    limits : sequence of float
        Strictly ascending, > 0: seconds for ``metric="time"`` (e.g. [300, 600, 900]), metres
        for ``"distance"``.
    metric : {"time", "distance"}, default "time"
    band_m : float, default 50
        Half-width of the band around reachable road; > 0.
    add_snap_distance : bool, default True
        Start with the origin's snap distance.
    crs : optional
        CRS of the GeoDataFrame returned (anything pyproj understands).
    progress : callable, optional
        ``progress(step, fraction)``; return False to cancel.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per (origin, limit), origin-major: ``origin``, ``limit``, ``reachable_nodes``
        (array of node ids, ascending) and the MultiPolygon ``geometry`` (None where nothing
        is reachable).
    """
    import geopandas as gpd
    import shapely

    ox, oy = _points(origins, "origins")
    values = [float(v) for v in np.atleast_1d(np.asarray(limits, dtype=np.float64))]
    (origin, limit, x, y, vertex_offsets, ring_offsets, part_offsets, node_offsets,
     nodes) = _core.network_service_areas(_network(network), ox, oy, values, _metric(metric), float(band_m),
                                          bool(add_snap_distance), progress)
    offsets = tuple(np.asarray(o, dtype=np.int64) for o in (vertex_offsets, ring_offsets, part_offsets))
    geometries = shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, np.column_stack((x, y)), offsets)
    empty = np.diff(offsets[2]) == 0
    if empty.any():
        geometries = geometries.astype(object)
        geometries[empty] = None
    reachable = np.split(nodes, node_offsets[1:-1].astype(np.int64)) if origin.size else []
    return gpd.GeoDataFrame({"origin": origin, "limit": limit, "reachable_nodes": reachable},
                            geometry=geometries, crs=crs)
