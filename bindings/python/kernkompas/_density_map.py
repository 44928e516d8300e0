"""The kernel density map (re-exported as ``kernkompas.maps.density_map``)."""

from __future__ import annotations

import numpy as np

from ._map_frame import finish_map, fit_to_kernen, kern_polygons, label_kernen

#: Legend entry of density cells withheld by disclosure control (docs/indicators.md).
DENSITY_WITHHELD_LABEL = "geheim: minder dan {k} vestigingen\nbinnen de bandbreedte"


def density_map(result, name="density", *, title=None, k=None, cmap="YlOrRd", ax=None,
                figsize=(8.0, 8.0), dpi=100, attribution=None):
    """Map a kernel density raster of a result over the kern outlines.

    Parameters
    ----------
    result : kernkompas.Result
        With the raster ``name`` (the clustering family writes ``"density"`` and, with
        ``density_per_section``, ``"density_sbi_<letter>"``).
    name : str, default "density"
    title : str, optional
        Default "Dichtheid van vestigingen" (with the section for a section raster).
    k : int, optional
        The disclosure threshold for the legend text; default the result's ``[disclosure] k``
        when known, else 5.
    cmap : str, default "YlOrRd"
    ax, figsize, dpi :
        As :func:`kernkompas.maps.choropleth`.
    attribution : str, optional
        Source line; default the result's.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.kk_withheld_cells`` is the number of withheld (hatched) cells.

    Notes
    -----
    Withheld cells (NaN: their reach holds 1 … k − 1 units) are drawn grey and hatched, so a
    reader sees "secret" rather than "nothing here"; cells with no unit in reach are blank.
    """
    from . import maps
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    plt = maps._pyplot()
    values, transform = result.raster(name)
    values = np.asarray(values, dtype=np.float64)
    x0, cell, _, y1, _, neg = transform
    rows, columns = values.shape
    extent = (x0, x0 + columns * cell, y1 + rows * neg, y1)
    if ax is None:
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax = fig.add_axes((0.02, 0.07, 0.68, 0.84))
    kernen = kern_polygons(result)

    shown = np.where(values > 0, values, np.nan)  # zero cells blank
    image = ax.imshow(shown, extent=extent, origin="upper", cmap=cmap, zorder=1, interpolation="nearest")
    withheld = np.isnan(values)
    if withheld.any():
        ax.imshow(np.where(withheld, 1.0, np.nan), extent=extent, origin="upper",
                  cmap=ListedColormap(["0.80"]), zorder=1.5, interpolation="nearest")
        # Hatching over the withheld cells' area: contourf of the mask.
        yy = np.linspace(extent[3] - cell / 2, extent[2] + cell / 2, rows)
        xx = np.linspace(extent[0] + cell / 2, extent[1] - cell / 2, columns)
        ax.contourf(xx, yy, withheld.astype(float), levels=[0.5, 1.5], colors="none", hatches=["////"],
                    zorder=1.6)
    kernen.boundary.plot(ax=ax, color="0.2", linewidth=0.9, zorder=3)
    label_kernen(ax, kernen)
    fit_to_kernen(ax, kernen)

    section = name.removeprefix("density_sbi_") if name.startswith("density_sbi_") else None
    default_title = "Dichtheid van vestigingen" + (f", SBI-sectie {section}" if section else "")
    ax.set_title(title or default_title, loc="left", fontsize=13)
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.035, pad=0.02, location="right")
    colorbar.set_label("vestigingen per km² (kerneldichtheid)", fontsize=9)
    if k is None:
        k = getattr(result, "disclosure_k", None) or 5
    if withheld.any():
        ax.legend(handles=[Patch(facecolor="0.80", hatch="////", edgecolor="0.4",
                                 label=DENSITY_WITHHELD_LABEL.format(k=k))],
                  loc="upper left", bbox_to_anchor=(0.0, -0.01), frameon=False, fontsize=8)
    finish_map(ax, result, attribution, attribution_y=-0.09)
    ax.kk_withheld_cells = int(withheld.sum())
    return ax
