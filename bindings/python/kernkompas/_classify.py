"""Classification of indicator values into map classes, and their labels and colours.

Shared by the matplotlib maps and the offline HTML map; needs only numpy (mapclassify is
used for natural breaks when it is installed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Classes", "classify", "jenks_breaks", "format_number", "pretty_unit", "pretty_name",
           "sequential_colors"]

CLASSIFICATIONS = ("quantiles", "natural_breaks", "equal_interval", "fixed")


@dataclass(frozen=True)
class Classes:
    """Classes of a value array.

    Attributes
    ----------
    bins : numpy.ndarray
        Upper bound of each class, ascending; class ``i`` holds the values in
        ``(bins[i-1], bins[i]]`` and class 0 those ``<= bins[0]``.
    lower : float
        Smallest classified value (the lower bound of class 0).
    index : numpy.ndarray
        Class of each input value (int), ``-1`` where the value was NaN or excluded.
    method : str
        The classification used.
    """

    bins: np.ndarray
    lower: float
    index: np.ndarray
    method: str

    @property
    def k(self):
        """int : Number of classes."""
        return len(self.bins)

    def counts(self):
        """numpy.ndarray : Number of values in each class."""
        return np.bincount(self.index[self.index >= 0], minlength=self.k)

    def labels(self, fmt=None):
        """Legend text per class, ``"lower – upper"``.

        Parameters
        ----------
        fmt : callable, optional
            Number formatter; default :func:`format_number` with precision chosen from the
            class widths.
        """
        edges = np.concatenate(([self.lower], self.bins))
        fmt = fmt or self.formatter()
        return [fmt(b) if fmt(a) == fmt(b) else f"{fmt(a)} – {fmt(b)}" for a, b in zip(edges[:-1], edges[1:])]

    def formatter(self):
        """callable : Formats a number with the fewest decimals that keep the class edges apart."""
        return _formatter(np.concatenate(([self.lower], self.bins)))


def classify(values, classification="quantiles", k=5, bins=None, mask=None):
    """Put values into classes for a choropleth.

    Parameters
    ----------
    values : array-like of float
        NaN values are left unclassified (index -1).
    classification : {"quantiles", "natural_breaks", "equal_interval", "fixed"}
        ``quantiles``: classes with (nearly) equal counts; ``natural_breaks``: Jenks/Fisher
        optimal breaks (mapclassify's FisherJenks when installed, else
        :func:`jenks_breaks`); ``equal_interval``: equal widths; ``fixed``: the ``bins``
        given.
    k : int, default 5
        Number of classes (at most the number of distinct values); ignored for ``fixed``.
    bins : sequence of float, optional
        For ``fixed``: the upper bound of each class, ascending. The maximum is appended
        when it exceeds the last bound.
    mask : array-like of bool, optional
        True where a value must not be classified (e.g. suppressed cells).

    Returns
    -------
    Classes
    """
    values = np.asarray(values, dtype=np.float64)
    usable = np.isfinite(values)
    if mask is not None:
        usable &= ~np.asarray(mask, dtype=bool)
    valid = values[usable]
    if classification not in CLASSIFICATIONS:
        raise ValueError(f"classification must be one of {', '.join(CLASSIFICATIONS)}, not {classification!r}")
    if classification == "fixed":
        if bins is None or len(bins) == 0:
            raise ValueError("classification='fixed' needs bins=[upper bound of each class]")
        upper = np.asarray(sorted(float(b) for b in bins))
        if valid.size and valid.max() > upper[-1]:
            upper = np.append(upper, valid.max())
        lower = float(min(valid.min(), upper[0])) if valid.size else float(upper[0])
    elif valid.size == 0:
        upper, lower = np.array([np.nan]), math.nan
    else:
        distinct = np.unique(valid)
        k = max(1, min(int(k), distinct.size))
        if classification == "quantiles":
            # Edges are data values (the inverted CDF, in integer arithmetic so 0.6 * 10 is 6),
            # so counts give whole-number edges.
            ordered = np.sort(valid)
            n = ordered.size
            upper = np.unique(ordered[[(i * n + k - 1) // k - 1 for i in range(1, k + 1)]])
        elif classification == "equal_interval":
            upper = np.linspace(distinct[0], distinct[-1], k + 1)[1:]
        else:
            upper = _natural_breaks(valid, k)
        upper[-1] = distinct[-1]
        lower = float(distinct[0])
    index = np.full(values.shape, -1, dtype=np.int64)
    if valid.size:
        index[usable] = np.minimum(np.searchsorted(upper, valid, side="left"), len(upper) - 1)
    return Classes(bins=np.asarray(upper, dtype=np.float64), lower=lower, index=index, method=classification)


def _natural_breaks(valid, k):
    try:
        import mapclassify
    except ImportError:
        return jenks_breaks(valid, k)
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")  # fine for map-sized data
        return np.asarray(mapclassify.FisherJenks(valid, k=k).bins, dtype=np.float64)


def jenks_breaks(values, k):
    """Jenks natural breaks by Fisher's exact dynamic programme.

    Minimises the sum of squared deviations from the class means. O(k n²) time over the
    sorted values, vectorised over class starts; meant for the few hundred to few thousand
    values of a kern or grid map.

    Parameters
    ----------
    values : array-like of float
        Finite values.
    k : int
        Number of classes.

    Returns
    -------
    numpy.ndarray
        Upper bound of each class, ascending (the last is the maximum).
    """
    x = np.sort(np.asarray(values, dtype=np.float64))
    n = x.size
    k = max(1, min(int(k), np.unique(x).size))
    if k == 1:
        return np.array([x[-1]])
    s1 = np.concatenate(([0.0], np.cumsum(x)))
    s2 = np.concatenate(([0.0], np.cumsum(x * x)))

    def ssd(start, end):  # sum of squared deviations of x[start:end], arrays of bounds
        count = end - start
        total = s1[end] - s1[start]
        return (s2[end] - s2[start]) - total * total / count

    # cost[j][i]: best cost of splitting x[:i] into j + 1 classes; start[j][i]: start of last.
    cost = np.full((k, n + 1), np.inf)
    start = np.zeros((k, n + 1), dtype=np.int64)
    ends = np.arange(1, n + 1)
    cost[0, 1:] = ssd(np.zeros_like(ends), ends)
    for j in range(1, k):
        for i in range(j + 1, n + 1):
            starts = np.arange(j, i)  # last class is x[s:i], s >= j
            candidates = cost[j - 1, starts] + ssd(starts, np.full_like(starts, i))
            best = int(np.argmin(candidates))
            cost[j, i] = candidates[best]
            start[j, i] = starts[best]
    uppers = []
    i = n
    for j in range(k - 1, -1, -1):
        uppers.append(x[i - 1])
        i = start[j, i]
    return np.array(uppers[::-1])


def _formatter(edges):
    """Fewest decimals that keep the class edges apart (at least those format_number uses)."""
    finite = np.asarray(edges, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return format_number
    if np.all(finite == np.round(finite)):
        decimals = 0
    else:
        magnitude = np.abs(finite).max()
        decimals = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2
        distinct = np.unique(finite).size
        while decimals < 4 and np.unique(np.round(finite, decimals)).size < distinct:
            decimals += 1
    return lambda v: format_number(v, decimals)


def format_number(value, decimals=None):
    """A number for a legend or label, with a comma between thousands.

    Parameters
    ----------
    value : float
    decimals : int, optional
        Digits after the point; default 0 from 100, 1 from 10, else 2.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        magnitude = abs(value)
        decimals = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2
    return f"{value:,.{decimals}f}"


_UNIT_TEXT = {
    "km2": "km²",
    "m2": "m²",
    "per_km2": "per km²",
    "per_1000_inhabitants": "per 1,000 inhabitants",
    "inhabitants": "inhabitants",
    "percent": "%",
    "fraction": "fraction",
    "pp": "percentage points",
    "share": "share",
}


def pretty_unit(unit):
    """A unit as a reader writes it: ``"per_km2"`` -> ``"per km²"``; ``""`` stays ``""``."""
    if not unit:
        return ""
    if unit in _UNIT_TEXT:
        return _UNIT_TEXT[unit]
    return unit.replace("_", " ").replace("km2", "km²").replace("m2", "m²")


def pretty_name(column):
    """A column name as a title: ``"density_per_km2"`` -> ``"Density per km²"``."""
    text = column.replace("_", " ").replace("km2", "km²").replace("m2", "m²")
    return text[:1].upper() + text[1:]


# ColorBrewer YlGnBu (9 classes); interpolated for other class counts.
_YLGNBU = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]


def sequential_colors(k, palette=None):
    """k hex colours from light to dark, without matplotlib.

    Parameters
    ----------
    k : int
    palette : list of str, optional
        Anchor colours (hex); default ColorBrewer YlGnBu without its palest step.
    """
    anchors = palette or _YLGNBU[1:]
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in anchors], dtype=np.float64)
    if k == 1:
        positions = np.array([0.5])
    else:
        positions = np.linspace(0.0, 1.0, k)
    scaled = positions * (len(anchors) - 1)
    low = np.floor(scaled).astype(int)
    high = np.minimum(low + 1, len(anchors) - 1)
    weight = (scaled - low)[:, None]
    mixed = np.rint(rgb[low] * (1 - weight) + rgb[high] * weight).astype(int)
    return ["#%02x%02x%02x" % tuple(c) for c in mixed]
