"""The accessibility family's maps (re-exported from ``kernkompas.maps``): the distance to the
nearest facility of a type per kern, and the service areas."""

from __future__ import annotations

import numpy as np

from ._map_frame import kern_polygons
from ._publication import is_internal

#: Dutch names of the usual facility types; another type is shown as written.
FACILITY_NAMES_NL = {
    "station": "treinstation",
    "motorway_ramp": "oprit van de snelweg",
    "bus_stop": "bushalte",
    "supermarket": "supermarkt",
    "school": "school",
    "gp": "huisarts",
}

#: What the embedded data's facilities and roads are (datasets/README.md), under its maps.
WIJDEMEREN_ACCESS_ATTRIBUTION = ("Stations: NS (echte ligging); opritten en bushaltes: bij benadering; "
                                 "wegennet: synthetisch.")

#: How each method is named under the map.
METHOD_NOTES_NL = {
    "network": "Afstand over de weg (netwerk), van vestiging naar dichtstbijzijnde voorziening.",
    "euclidean": "Hemelsbrede afstand maal een omrijfactor (geen wegennet beschikbaar).",
}


def facility_name(facility_type):
    """The Dutch name of a facility type, e.g. ``"station"`` -> ``"treinstation"``."""
    return FACILITY_NAMES_NL.get(facility_type, facility_type.replace("_", " "))


def _method(frame):
    """The method the kern table names (``access_method``), or ``""``."""
    if "access_method" not in frame.columns:
        return ""
    methods = {str(m) for m in frame["access_method"].dropna() if str(m)}
    return methods.pop() if len(methods) == 1 else ""


def facility_types(result):
    """The facility types with a distance column in the kern table, in column order."""
    types = []
    for column in result.kern_table().columns:
        if column.startswith("access_") and column.endswith("_mean_km"):
            types.append(column[len("access_"):-len("_mean_km")])
    return types


def _facilities(result, facility_type):
    """The facilities of a type as points (``access_facility`` table), or None."""
    if "access_facility" not in getattr(result, "table_names", ()):
        return None
    import geopandas

    table = result.table("access_facility")
    table = table[table["facility_type"] == facility_type]
    crs = result.kernen().crs
    return geopandas.GeoDataFrame(table, geometry=geopandas.points_from_xy(table["x"], table["y"]), crs=crs)


def access_map(result, facility_type, *, statistic="mean_km", title=None, ax=None, figsize=(8.0, 8.0),
               dpi=100, attribution=None, cmap="PuRd"):
    """Map the distance from the kern's establishments to the nearest facility of a type.

    Parameters
    ----------
    result : kernkompas.Result
        With the accessibility family's kern columns (``access_<type>_mean_km``, ...).
    facility_type : str
        E.g. ``"station"``; :func:`facility_types` lists those of a result.
    statistic : {"mean_km", "median_km", "mean_min"}, default "mean_km"
        Which kern statistic: mean or median distance (km), or mean travel time (minutes).
    title : str, optional
        Default e.g. "Afstand tot het dichtstbijzijnde treinstation".
    ax, figsize, dpi, attribution, cmap :
        As :func:`kernkompas.maps.choropleth`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.kk_facilities`` is the number of facilities drawn.

    Notes
    -----
    Kernen that disclosure control withholds are hatched, as on every kern map. The
    facilities (public places such as stations) are drawn as black triangles; no
    establishment is drawn on a published map. The note under the map says which method
    (network or straight line with a detour factor) produced the distances.
    """
    from . import maps

    column = f"access_{facility_type}_{statistic}"
    frame = result.kernen()
    if column not in frame.columns:
        raise KeyError(f"no column {column!r}: facility types of this result: {', '.join(facility_types(result))}")
    words = {"mean_km": ("Gemiddelde afstand", "km"), "median_km": ("Mediane afstand", "km"),
             "mean_min": ("Gemiddelde reistijd", "minuten")}
    if statistic not in words:
        raise ValueError(f"statistic must be one of {', '.join(words)}; got {statistic!r}")
    label, unit = words[statistic]
    name = facility_name(facility_type)
    title = title or f"{label} tot dichtstbijzijnde {name}"
    shown = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    # Few classes for a handful of kernen: each class should hold more than one kern.
    k = max(1, min(3, int(np.isfinite(shown[column].to_numpy(dtype=float, na_value=np.nan)).sum()) // 2))
    ax = maps.choropleth(result, column, classification="natural_breaks", k=k, cmap=cmap, title=title,
                         unit=unit, legend_title=unit, ax=ax, figsize=figsize, dpi=dpi, attribution="",
                         fmt=lambda v: f"{v:.1f}".replace(".", ","))
    facilities = _facilities(result, facility_type)
    drawn = 0
    if facilities is not None and len(facilities):
        facilities.plot(ax=ax, marker="^", color="black", markersize=36, zorder=6)
        drawn = len(facilities)
        if drawn <= 12:  # a few named places (stations) are worth their names
            import matplotlib.patheffects as patheffects

            halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
            for point, label in zip(facilities.geometry, facilities["facility_name"]):
                if label:
                    ax.annotate(str(label), (point.x, point.y), xytext=(5, 4), textcoords="offset points", fontsize=7,
                                color="0.15", path_effects=halo, zorder=7)
        from matplotlib.lines import Line2D

        handle = Line2D([], [], marker="^", color="black", linestyle="none", markersize=7, label=name)
        ax.legend(handles=[handle], loc="lower left", bbox_to_anchor=(1.01, 0.0), frameon=False, fontsize=9)
        # Facilities outside the kernen (stations in neighbouring towns) stay in view.
        bounds = np.vstack([shown.total_bounds, facilities.total_bounds])
        x0, y0 = bounds[:, 0].min(), bounds[:, 1].min()
        x1, y1 = bounds[:, 2].max(), bounds[:, 3].max()
        pad = 0.04 * max(x1 - x0, y1 - y0)
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y0 - pad, y1 + pad)
    note = METHOD_NOTES_NL.get(_method(frame), "")
    if note:
        ax.text(0.0, -0.01, note, transform=ax.transAxes, ha="left", va="top", fontsize=7.5, color="0.25")
    if attribution is None:
        attribution = maps.attribution_for(result)
        if attribution == maps.WIJDEMEREN_ATTRIBUTION:
            attribution += " " + WIJDEMEREN_ACCESS_ATTRIBUTION
    if attribution:
        ax.text(0.0, -0.05, attribution, transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                color="0.35", wrap=True)
    ax.kk_facilities = drawn
    return ax


def service_area_map(result, *, title=None, figsize=None, dpi=100, attribution=None, cmap="BuPu", max_panels=12):
    """Map the service areas (``service_area`` layer): the road reachable within t minutes.

    One panel per origin (each kern's centre, or each facility of a type, as the run
    configured with ``[accessibility] service_area_origins``), on a shared view, so that the
    areas of different origins do not cover each other. Within a panel the largest time
    limit is drawn first, lightest, and the smallest on top, darkest.

    Parameters
    ----------
    result : kernkompas.Result
    title : str, optional
        Default "Bereik over de weg binnen … minuten".
    figsize : (float, float), optional
        Default: 3.2 inches per panel column and 3.6 per row.
    dpi, attribution, cmap :
        As :func:`kernkompas.maps.choropleth`.
    max_panels : int, default 12
        Origins beyond this many are left out (the table has them all), with a note.

    Returns
    -------
    matplotlib.figure.Figure
        ``figure.kk_service_areas`` is the number of polygons drawn, ``figure.kk_panels``
        the number of panels.
    """
    from . import maps
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    plt = maps._pyplot()
    areas = result.layer("service_area")
    areas = areas[areas.geometry.notna() & ~areas.geometry.is_empty]
    origins = list(dict.fromkeys(areas["origin_code"]))
    shown = origins[:max_panels]
    columns = min(3, max(1, len(shown)))
    rows = max(1, -(-len(shown) // columns))
    figure, axes = plt.subplots(rows, columns, figsize=figsize or (3.2 * columns, 3.6 * rows + 1.2), dpi=dpi,
                                squeeze=False)
    kernen = kern_polygons(result)
    minutes = sorted({float(m) for m in areas["minutes"]})
    colours = colormaps[cmap]
    shade = {limit: colours(0.85 - 0.55 * (i / max(1, len(minutes) - 1))) for i, limit in enumerate(minutes)}
    x0, y0, x1, y1 = kernen.total_bounds
    if len(areas):
        ax0, ay0, ax1, ay1 = areas[areas["origin_code"].isin(shown)].total_bounds
        x0, y0, x1, y1 = min(x0, ax0), min(y0, ay0), max(x1, ax1), max(y1, ay1)
    pad = 0.03 * max(x1 - x0, y1 - y0)
    drawn = 0
    for n, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if n >= len(shown):
            continue
        mine = areas[areas["origin_code"] == shown[n]]
        kernen.plot(ax=ax, facecolor="0.95", edgecolor="0.55", linewidth=0.5, zorder=1)
        for limit in reversed(minutes):
            band = mine[mine["minutes"] == limit]
            band.plot(ax=ax, color=shade[limit], edgecolor="none", zorder=2)  # drawn largest first
            drawn += len(band)
        if mine["origin_kind"].eq("kern").all() and "kern_code" in kernen.columns:
            centre = kernen[kernen["kern_code"] == shown[n]].geometry.representative_point()
            ax.scatter(centre.x, centre.y, s=12, color="black", zorder=4)
        name = str(mine["origin_name"].iloc[0]) if len(mine) and str(mine["origin_name"].iloc[0]) else shown[n]
        ax.set_title(name, fontsize=10, loc="left")
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y0 - pad, y1 + pad)
        ax.set_aspect("equal")
    largest = f"{minutes[-1]:g}" if minutes else "…"
    figure.suptitle(title or f"Bereik over de weg binnen {largest} minuten", x=0.02, ha="left", fontsize=13)
    kinds = sorted({str(k) for k in areas.get("origin_kind", [])})
    origin = "het midden van elke kern" if kinds == ["kern"] else ", ".join(facility_name(k) for k in kinds)
    handles = [Patch(facecolor=shade[limit], label=f"binnen {limit:g} min") for limit in minutes]
    figure.legend(handles=handles, title=f"vanaf {origin} (zwarte stip)" if kinds else None, loc="upper right",
                  ncols=len(handles) or 1, frameon=False, fontsize=9, title_fontsize=9, bbox_to_anchor=(0.98, 1.0))
    note = "Wegen bereikbaar binnen de tijd, met een strook aan weerszijden; snelheid per wegtype."
    if len(origins) > len(shown):
        note += f" {len(shown)} van {len(origins)} vertrekpunten getoond."
    if attribution is None:
        attribution = maps.attribution_for(result)
        if attribution == maps.WIJDEMEREN_ATTRIBUTION:
            attribution += " " + WIJDEMEREN_ACCESS_ATTRIBUTION
    figure.text(0.02, 0.035, note, ha="left", va="bottom", fontsize=7.5, color="0.25")
    if attribution:
        figure.text(0.02, 0.01, attribution, ha="left", va="bottom", fontsize=6, color="0.35")
    figure.subplots_adjust(left=0.02, right=0.98, top=0.86, bottom=0.08, wspace=0.05, hspace=0.15)
    if is_internal(result):
        maps.mark_internal(figure)
    figure.kk_service_areas = drawn
    figure.kk_panels = len(shown)
    return figure
