"""The cluster map (re-exported as ``kernkompas.maps.cluster_map``)."""

from __future__ import annotations

from ._map_frame import finish_map, fit_to_kernen, kern_polygons, label_kernen
from ._publication import is_internal


def cluster_map(result, *, title=None, ax=None, figsize=(8.0, 8.0), dpi=100, attribution=None,
                cmap="tab20"):
    """Map the DBSCAN clusters of a result (the ``cluster`` layer) over the kern outlines.

    Each cluster is drawn in its own colour and labelled with its number of establishments.
    A published result's outlines are generalised (snapped to a grid) and clusters that
    disclosure control withholds have no outline (docs/indicators.md).

    Parameters
    ----------
    result : kernkompas.Result
    title : str, optional
        Default "Concentraties van vestigingen (DBSCAN)".
    ax, figsize, dpi, attribution :
        As :func:`kernkompas.maps.choropleth`.
    cmap : str, default "tab20"

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.kk_clusters`` is the number of clusters drawn.
    """
    from . import maps
    import matplotlib.patheffects as patheffects
    from matplotlib import colormaps

    plt = maps._pyplot()
    if ax is None:
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax = fig.add_axes((0.02, 0.07, 0.8, 0.84))
    kernen = kern_polygons(result)
    kernen.plot(ax=ax, facecolor="0.96", edgecolor="0.3", linewidth=0.9, zorder=1)
    clusters = result.layer("cluster")
    clusters = clusters[~clusters.geometry.is_empty & clusters.geometry.notna()]
    colours = colormaps[cmap]
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for i, (_, row) in enumerate(clusters.iterrows()):
        clusters.iloc[[i]].plot(ax=ax, color=colours(i % colours.N), alpha=0.75, edgecolor="0.2", linewidth=0.4,
                                zorder=2)
        point = row.geometry.representative_point()
        ax.annotate(f"{int(row['n_locations'])}", (point.x, point.y), ha="center", va="center", fontsize=6.5,
                    path_effects=halo, zorder=4)
    label_kernen(ax, kernen, offset=(0, 14), color="0.25", fontsize=8.5)
    fit_to_kernen(ax, kernen)
    ax.set_title(title or "Concentraties van vestigingen (DBSCAN)", loc="left", fontsize=13)
    note = "Getal: vestigingen in de concentratie."
    if not is_internal(result):
        note += " Omtrek afgerond op een raster; kleine concentraties niet getoond."
    ax.text(0.0, -0.01, note, transform=ax.transAxes, ha="left", va="top", fontsize=7.5, color="0.25")
    finish_map(ax, result, attribution, attribution_y=-0.05)
    ax.kk_clusters = int(len(clusters))
    return ax
