"""Kernel density of points on a grid: :func:`kernel_density` (re-exported by ``kernkompas.stats``)."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import _core
from ._checks import UINT32_MAX, int_in_range, positive_number
from ._errors import ArgumentError

__all__ = ["DensitySurface", "kernel_density"]

_KERNELS = ("quartic", "epanechnikov", "gaussian")


class DensitySurface(NamedTuple):
    """Result of :func:`kernel_density`.

    Attributes
    ----------
    values : numpy.ndarray of float64, shape (rows, columns)
        Density per km² at the cell centres, northern row first (as a GeoTIFF stores it);
        NaN where disclosure control withholds the cell.
    units_in_reach : numpy.ndarray of int64, shape (rows, columns)
        Points within the kernel's reach of each cell centre (what the mask was decided on).
    transform : tuple of 6 floats
        GDAL geotransform ``(x_left, cell, 0, y_top, 0, -cell)`` in the points' CRS
        (``rasterio.Affine.from_gdal(*transform)`` gives the affine transform).
    withheld_cells : int
        Cells set to NaN by disclosure control.
    kernel : str
    bandwidth : float
    """

    values: np.ndarray
    units_in_reach: np.ndarray
    transform: tuple
    withheld_cells: int
    kernel: str
    bandwidth: float

    @property
    def extent(self):
        """``(left, right, bottom, top)``, as matplotlib's ``imshow(extent=...)`` takes it."""
        x0, cell, _, y1, _, neg = self.transform
        rows, columns = self.values.shape
        return (x0, x0 + columns * cell, y1 + rows * neg, y1)


def kernel_density(coords, weights=None, *, bandwidth=500.0, cell_size=100.0, kernel="quartic",
                   extent=None, disclosure_k=5, threads=1):
    """Kernel density surface of points, per km², with disclosure control.

    f(c) = Σ_i w_i K(‖c − x_i‖ / h) / h² at each cell centre c (docs/indicators.md), with
    K the ``quartic`` (3/π)(1 − u²)², ``epanechnikov`` (2/π)(1 − u²) (both for u ≤ 1) or
    ``gaussian`` exp(−u²/2)/(2π) kernel (cut off at u = 4). Away from the grid's edges the
    surface integrates to Σ w_i.

    Parameters
    ----------
    coords : array-like of shape (n, 2)
        Point coordinates in a projected CRS in metres. Rows with NaN are left out.
    weights : array-like of shape (n,), optional
        A weight per point (floor area, employees); none = 1 each. Must be >= 0.
    bandwidth : float, default 500
        h, metres.
    cell_size : float, default 100
        Cell side, metres.
    kernel : {"quartic", "epanechnikov", "gaussian"}, default "quartic"
    extent : tuple (min_x, min_y, max_x, max_y), optional
        The area to cover; default the points' box widened by the kernel's reach. The grid is
        aligned to multiples of ``cell_size``.
    disclosure_k : int, default 5
        Published output: a cell whose reach holds 1 … k − 1 points is NaN (and, with
        weights, one with fewer than 3 contributors or one point above 85 % of its value).
        ``0`` masks nothing: internal use only, never for publication.
    threads : int, default 1
        Worker threads; the result does not depend on it.

    Returns
    -------
    DensitySurface
    """
    if kernel not in _KERNELS:
        raise ArgumentError(f"kernel must be one of {', '.join(_KERNELS)}; got {kernel!r}")
    bandwidth = positive_number(bandwidth, "bandwidth")
    cell_size = positive_number(cell_size, "cell_size")
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ArgumentError(f"coords must have shape (n, 2), got {xy.shape}")
    x = np.ascontiguousarray(xy[:, 0])
    y = np.ascontiguousarray(xy[:, 1])
    w = None
    if weights is not None:
        w = np.ascontiguousarray(weights, dtype=np.float64)
        if w.shape != (len(x),):
            raise ArgumentError(f"weights must have shape ({len(x)},), got {w.shape}")
    k = int_in_range(disclosure_k, "disclosure_k", 0, 2**63 - 1)
    threads = int_in_range(threads, "threads", 1, UINT32_MAX)

    reach = 4 * bandwidth if kernel == "gaussian" else bandwidth
    if extent is None:
        finite = np.isfinite(x) & np.isfinite(y)
        if not finite.any():
            raise ArgumentError("kernel_density needs an extent when no point has coordinates")
        extent = (x[finite].min() - reach, y[finite].min() - reach,
                  x[finite].max() + reach, y[finite].max() + reach)
    min_x, min_y, max_x, max_y = (float(v) for v in extent)
    if not (min_x <= max_x and min_y <= max_y and all(map(math.isfinite, (min_x, min_y, max_x, max_y)))):
        raise ArgumentError(f"extent must be (min_x, min_y, max_x, max_y) with min <= max, got {extent!r}")
    origin_x = math.floor(min_x / cell_size) * cell_size
    origin_y = math.floor(min_y / cell_size) * cell_size
    columns = max(1, math.ceil((max_x - origin_x) / cell_size))
    rows = max(1, math.ceil((max_y - origin_y) / cell_size))
    if columns * rows > 10**8:
        raise ArgumentError(f"the grid would have {columns * rows} cells (over 10^8); use a larger cell_size")

    values, units, withheld = _core.kernel_density(
        x, y, w, kernel, bandwidth, origin_x, origin_y, cell_size, columns, rows, k, threads)
    transform = (origin_x, cell_size, 0.0, origin_y + rows * cell_size, 0.0, -cell_size)
    return DensitySurface(values.reshape(rows, columns), units.reshape(rows, columns), transform,
                          int(withheld), kernel, bandwidth)
