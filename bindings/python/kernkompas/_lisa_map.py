"""The LISA map (re-exported as ``kernkompas.maps.lisa_map``)."""

from __future__ import annotations

from ._map_frame import finish_map, fit_to_kernen, kern_polygons, label_kernen

#: Colours and Dutch legend texts of the LISA classes (GeoDa's colours).
LISA_CLASSES = {
    "HH": ("#d7191c", "hoog tussen hoog (concentratie)"),
    "LL": ("#2c7bb6", "laag tussen laag"),
    "LH": ("#abd9e9", "laag tussen hoog"),
    "HL": ("#fdae61", "hoog tussen laag (uitschieter)"),
    "ns": ("0.92", "niet significant"),
}


def lisa_map(result, *, title=None, ax=None, figsize=(8.0, 8.0), dpi=100, attribution=None):
    """Map the local Moran (LISA) classes of the ``lisa_cell`` layer over the kern outlines.

    Cells are coloured by class where the FDR-corrected pseudo p is significant (HH, LL, LH,
    HL), light grey where not; cells withheld by disclosure control (1 … k − 1 locations) are
    hatched.

    Parameters
    ----------
    result : kernkompas.Result
    title : str, optional
        Default "Clusters van vestigingen (lokale Moran, LISA)".
    ax, figsize, dpi, attribution :
        As :func:`kernkompas.maps.choropleth`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.kk_classes`` counts the cells per class.
    """
    from . import maps
    from matplotlib.patches import Patch

    plt = maps._pyplot()
    if ax is None:
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax = fig.add_axes((0.02, 0.07, 0.68, 0.84))
    cells = result.layer("lisa_cell")
    withheld = cells["suppressed"].to_numpy() == 1
    counts = {}
    for name, (colour, _) in LISA_CLASSES.items():
        chosen = cells[(cells["lisa_class"] == name).to_numpy() & ~withheld]
        counts[name] = int(len(chosen))
        if len(chosen):
            chosen.plot(ax=ax, color=colour, edgecolor="none", zorder=1)
    if withheld.any():
        cells[withheld].plot(ax=ax, facecolor="0.80", edgecolor="0.55", hatch="////", linewidth=0, zorder=1)
    kernen = kern_polygons(result)
    kernen.boundary.plot(ax=ax, color="0.15", linewidth=0.9, zorder=2)
    label_kernen(ax, kernen)
    fit_to_kernen(ax, kernen)
    ax.set_title(title or "Clusters van vestigingen (lokale Moran, LISA)", loc="left", fontsize=13)
    handles = [Patch(facecolor=colour, label=f"{text} ({counts[name]})") for name, (colour, text) in LISA_CLASSES.items()]
    if withheld.any():
        handles.append(Patch(facecolor="0.80", hatch="////", edgecolor="0.55",
                             label=f"geheim: te weinig vestigingen ({int(withheld.sum())})"))
    ax.legend(handles=handles, title="Vestigingen per cel,\nFDR 5 %", loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize=8, title_fontsize=8.5, alignment="left")
    finish_map(ax, result, attribution)
    ax.kk_classes = counts
    return ax
