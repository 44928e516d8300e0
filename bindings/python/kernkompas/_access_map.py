"""The accessibility family's maps (re-exported from ``kernkompas.maps``): the distance to the
nearest facility of a type per kern, and the service areas."""

from __future__ import annotations

import numpy as np

from ._map_frame import finish_map, fit_to_kernen, kern_polygons, label_kernen

#: Dutch names of the usual facility types; another type is shown as written.
FACILITY_NAMES_NL = {
    "station": "treinstation",
    "motorway_ramp": "oprit van de snelweg",
    "bus_stop": "bushalte",
    "supermarket": "supermarkt",
    "school": "school",
    "gp": "huisarts",
}

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
    k = max(1, min(4, int(np.isfinite(shown[column].to_numpy(dtype=float, na_value=np.nan)).sum()) - 1))
    ax = maps.choropleth(result, column, classification="equal_interval", k=k, cmap=cmap, title=title,
                         unit=unit, legend_title=unit, ax=ax, figsize=figsize, dpi=dpi, attribution="",
                         fmt=lambda v: f"{v:.1f}".replace(".", ","))
    facilities = _facilities(result, facility_type)
    drawn = 0
    if facilities is not None and len(facilities):
        facilities.plot(ax=ax, marker="^", color="black", markersize=36, zorder=6)
        drawn = len(facilities)
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
    attribution = maps.attribution_for(result) if attribution is None else attribution
    if attribution:
        ax.text(0.0, -0.05, attribution, transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                color="0.35", wrap=True)
    ax.kk_facilities = drawn
    return ax


def service_area_map(result, *, title=None, ax=None, figsize=(8.0, 8.0), dpi=100, attribution=None,
                     cmap="BuPu"):
    """Map the service areas (``service_area`` layer): the road reachable within t minutes.

    Each time limit is drawn in its own shade, the largest first (lightest) so that the
    smaller areas lie on top. The areas start at each kern's centre or at the facilities of
    a type, as the run configured (``[accessibility] service_area_origins``).

    Parameters
    ----------
    result : kernkompas.Result
    title : str, optional
        Default "Bereik over de weg binnen … minuten".
    ax, figsize, dpi, attribution, cmap :
        As :func:`kernkompas.maps.choropleth`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.kk_service_areas`` is the number of polygons drawn.
    """
    from . import maps
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    plt = maps._pyplot()
    areas = result.layer("service_area")
    areas = areas[areas.geometry.notna() & ~areas.geometry.is_empty]
    if ax is None:
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax = fig.add_axes((0.02, 0.07, 0.74, 0.84))
    kernen = kern_polygons(result)
    minutes = sorted({float(m) for m in areas["minutes"]})
    colours = colormaps[cmap]
    handles = []
    for i, limit in reversed(list(enumerate(minutes))):
        colour = colours(0.3 + 0.6 * (i / max(1, len(minutes) - 1)))
        areas[areas["minutes"] == limit].plot(ax=ax, color=colour, alpha=0.55, edgecolor="none", zorder=1 + i * 0.01)
        handles.insert(0, Patch(facecolor=colour, alpha=0.55, label=f"binnen {limit:g} min"))
    kernen.boundary.plot(ax=ax, color="0.2", linewidth=0.9, zorder=3)
    label_kernen(ax, kernen, fontsize=8.5)
    fit_to_kernen(ax, kernen)
    if len(areas):
        x0, y0, x1, y1 = areas.total_bounds
        kx0, ky0, kx1, ky1 = kernen.total_bounds
        x0, y0, x1, y1 = min(x0, kx0), min(y0, ky0), max(x1, kx1), max(y1, ky1)
        pad = 0.04 * max(x1 - x0, y1 - y0)
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y0 - pad, y1 + pad)
    largest = f"{minutes[-1]:g}" if minutes else "…"
    ax.set_title(title or f"Bereik over de weg binnen {largest} minuten", loc="left", fontsize=13)
    kinds = sorted({str(k) for k in areas.get("origin_kind", [])})
    origin = "het midden van elke kern" if kinds == ["kern"] else ", ".join(facility_name(k) for k in kinds)
    ax.legend(handles=handles, title=f"vanaf {origin}" if kinds else None, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, title_fontsize=9)
    ax.text(0.0, -0.01, "Wegen bereikbaar binnen de tijd, met een strook van weerszijden; "
            "snelheid per wegtype.", transform=ax.transAxes, ha="left", va="top", fontsize=7.5, color="0.25")
    finish_map(ax, result, attribution, attribution_y=-0.05)
    ax.kk_service_areas = int(len(areas))
    return ax
