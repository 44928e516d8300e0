"""Point-in-kern assignment on arrays: the engine's locator without a project."""

from __future__ import annotations

import numpy as np


def assign_points(polygons, x, y, *, threads=1):
    """Index of the polygon that covers each point.

    The same exact rule as an analysis: a point on a boundary shared by two polygons goes to
    the one that comes first; a point in a hole is not covered; -1 means outside all.

    Parameters
    ----------
    polygons : geopandas.GeoSeries, GeoDataFrame or array of shapely Polygon/MultiPolygon
        In the same CRS as the points.
    x, y : array_like of float
        Point coordinates.
    threads : int, default 1
        Worker threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray of int32
        One polygon index per point, -1 outside every polygon.
    """
    import geopandas as gpd

    from . import _core
    from ._frames import _polygons

    frame = polygons if isinstance(polygons, gpd.GeoDataFrame) else gpd.GeoDataFrame(geometry=polygons)
    vertex_x, vertex_y, offsets = _polygons(frame, "polygons", None)
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    return _core.assign_points(vertex_x, vertex_y, *offsets, x, y, threads)
