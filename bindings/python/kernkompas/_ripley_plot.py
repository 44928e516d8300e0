"""Small multiples of Ripley's L function per kern (re-exported by ``kernkompas.maps``)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["ripley_plot"]

_LABELS = {
    "h": ("L(r) − r (m)", "waargenomen L(r) − r", 0.0),
    "l": ("L(r) (m)", "waargenomen L(r)", None),
}


def _panels(table, kern_column):
    """[(kern name, frame)] from a long table, a dict of tables or one table."""
    if isinstance(table, dict):
        return list(table.items())
    if kern_column in getattr(table, "columns", ()):
        return [(str(name), group) for name, group in table.groupby(kern_column, sort=False)]
    return [("", table)]


def ripley_plot(table, *, value="h", kern_column="kern_name", columns=3, title=None,
                panel_size=(3.2, 2.6), dpi=100, color="#08519c", band_color="0.82",
                sharey=True):
    """Small multiples of Ripley's L (or L − r) with its simulation envelope, one panel per kern.

    Above the band the points are more clustered at that distance than uniform random
    points in the same kern would be; below it, more evenly spread.

    Parameters
    ----------
    table : pandas.DataFrame or dict
        Columns ``distance``, ``l``, ``l_lo``, ``l_hi`` (as :func:`kernkompas.stats.ripley`
        returns; ``distance_m`` as in the run's ``kern_ripley`` table), with a
        ``kern_column`` for one panel per kern (grain kern × r); or a
        dict {kern name: table}; or a single table (one panel).
    value : {"h", "l"}, default "h"
        Plot L(r) − r (0 under randomness) or L(r) (the diagonal under randomness).
    kern_column : str, default "kern_name"
    columns : int, default 3
        Panels per row.
    title : str, optional
        Default "Ripley's L-functie per kern".
    panel_size : (float, float), default (3.2, 2.6)
        Inches per panel.
    dpi : int, default 100
    color, band_color : colour of the observed line and of the envelope band.
    sharey : bool, default True
        One y scale for every panel, so kernen compare at a glance.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if value not in _LABELS:
        raise ValueError(f"value must be 'h' or 'l', got {value!r}")
    panels = _panels(table, kern_column)
    if not panels:
        raise ValueError("ripley_plot: the table has no rows")
    y_label, line_label, reference = _LABELS[value]
    ncols = max(1, min(columns, len(panels)))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows + 0.9),
                             dpi=dpi, sharex=True, sharey=sharey, squeeze=False)
    for ax, (name, frame) in zip(axes.flat, panels):
        r = np.asarray(frame["distance" if "distance" in frame else "distance_m"], dtype=float)
        shift = r if value == "h" else 0.0
        low = np.asarray(frame["l_lo"], dtype=float) - shift
        high = np.asarray(frame["l_hi"], dtype=float) - shift
        observed = np.asarray(frame["l"], dtype=float) - shift
        ax.fill_between(r, low, high, color=band_color, linewidth=0, zorder=1)
        if reference is not None:
            ax.axhline(reference, color="0.45", linewidth=0.8, linestyle="--", zorder=2)
        else:
            ax.plot(r, r, color="0.45", linewidth=0.8, linestyle="--", zorder=2)
        ax.plot(r, observed, color=color, linewidth=1.6, zorder=3)
        points = getattr(frame, "attrs", {}).get("points")
        if points is None and "points" in getattr(frame, "columns", ()):
            points = int(frame["points"].iloc[0])
        label = name if points is None else f"{name} (n = {points})" if name else f"n = {points}"
        ax.set_title(label, fontsize=10)
        ax.grid(True, color="0.92", linewidth=0.6)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel("afstand r (m)")
    for ax in axes[:, 0]:
        ax.set_ylabel(y_label)
    handles = [Line2D([], [], color=color, linewidth=1.6, label=line_label),
               Patch(facecolor=band_color, label="envelop van simulaties (willekeurige spreiding)"),
               Line2D([], [], color="0.45", linewidth=0.8, linestyle="--",
                      label="verwachting bij willekeurige spreiding")]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=9)
    fig.suptitle(title or "Ripley's L-functie per kern", fontsize=12)
    fig.tight_layout(rect=(0, 0.07, 1, 0.97))
    return fig
