"""Kern maps for policy staff, drawn with matplotlib.

:func:`choropleth` maps one indicator over the kernen: classes (quantiles, natural breaks,
equal intervals or fixed bins), kern labels, a legend with the unit, a scale bar, a north
arrow, the data attribution, and kernen whose value of the mapped column is withheld by
disclosure control hatched as "geheim" (docs/disclosure.md): ``////`` where the kern's own
cell is too small ("geheim: te weinig vestigingen", the primary rule), ``\\\\`` where it is
withheld so that another secret cell cannot be derived (secondary suppression).
Overlays go on top: :func:`add_locations` (vacant ones marked), and :func:`add_overlay` for
any layer (``kind="points" | "polygons" | "lines" | "grid"``, or a kind registered later
with :func:`register_overlay`, e.g. clusters or service areas); :func:`add_raster` for a
density surface; :func:`density_map` maps a kernel density raster of a result (withheld cells
grey and hatched); :func:`cluster_map` the DBSCAN clusters; :func:`lisa_map` the local Moran
classes; :func:`access_map` the distance per kern to the nearest facility of a type and
:func:`service_area_map` the service areas (accessibility). :func:`save` writes PNG, SVG or
PDF. :func:`ripley_plot` draws Ripley's L
per kern as small multiples with the simulation envelope.

Published maps show no individual premises: :func:`add_locations` draws the premises of an
internal result only (``project.run(internal=True)``) and refuses a published one. Every
map of an internal result carries the footer "INTERN — niet publiceren"
(:func:`mark_internal`).

Examples
--------
>>> import kernkompas
>>> from kernkompas import maps
>>> result = kernkompas.load_default().run()
>>> ax = maps.choropleth(result, "density_per_km2", classification="natural_breaks")
>>> maps.save(ax, "density.png")
>>> internal = kernkompas.load_default().run(internal=True)  # never to be published
>>> ax = maps.choropleth(internal, "vacancy_rate_units")   # footer "INTERN — niet publiceren"
>>> maps.add_locations(ax, internal)
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np

from ._access_map import access_map, facility_types, service_area_map
from ._classify import classify, pretty_name, pretty_unit
from ._cluster_map import cluster_map
from ._density_map import density_map
from ._lisa_map import lisa_map
from ._publication import INTERNAL_NOTICE, is_internal, require_internal
from ._ripley_plot import ripley_plot

__all__ = ["choropleth", "density_map", "cluster_map", "lisa_map", "access_map", "service_area_map",
           "facility_types", "add_locations", "add_overlay", "add_raster", "register_overlay",
           "add_scale_bar", "add_north_arrow", "mark_internal", "save", "attribution_for",
           "withheld_kinds", "ripley_plot", "SUPPRESSED_LABEL", "SUPPRESSION_LABELS",
           "INTERNAL_NOTICE"]

# Legend entries of withheld values, by why they are withheld (docs/disclosure.md).
SUPPRESSED_LABEL = "geheim"
SUPPRESSION_LABELS = {
    "primary": "geheim: te weinig vestigingen",
    "secondary": "geheim: anders af te leiden\nuit een geheime cel",  # two lines: fits beside the map
    "withheld": "geheim: niet gepubliceerd",  # a mask or column given by the caller
}
SUPPRESSION_HATCHES = {"primary": "////", "secondary": "\\\\\\\\", "withheld": "////"}
MISSING_LABEL = "no data"
WIJDEMEREN_ATTRIBUTION = ("Kernen: CBS / Kadaster (PDOK), Wijk- en buurtkaart 2024 (gegeneraliseerd). "
                          "Register: synthetic (kernkompas test data).")
_SAVE_FORMATS = ("png", "svg", "pdf")


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def _result_type():
    from ._project import Result

    return Result


def attribution_for(data):
    """The attribution a map of ``data`` must carry.

    Parameters
    ----------
    data : Result, Project or geopandas.GeoDataFrame

    Returns
    -------
    str
        The CBS/PDOK attribution for the embedded Wijdemeren data, else ``""`` (the owner
        of other data says what to print).
    """
    project = getattr(data, "project", data)
    source = getattr(project, "source", None)
    if source is not None and source.parent.name == "wijdemeren" and source.name == "kernkompas.toml":
        return WIJDEMEREN_ATTRIBUTION
    return data.attrs.get("attribution", "") if hasattr(data, "attrs") else ""


def _kern_frame(data):
    """(GeoDataFrame of kernen, units, attribution) from a Result or a GeoDataFrame."""
    if isinstance(data, _result_type()):
        frame = data.kernen()
        return frame, dict(frame.attrs.get("units", {})), attribution_for(data)
    if not hasattr(data, "geometry"):
        raise TypeError("choropleth needs a kernkompas.Result or a geopandas.GeoDataFrame")
    return data, dict(data.attrs.get("units", {})), attribution_for(data)


def _text_values(frame, name):
    if name not in frame.columns:
        return [""] * len(frame)
    return ["" if v is None or (isinstance(v, float) and math.isnan(v)) or v is _NA else str(v)
            for v in frame[name].tolist()]


try:  # pandas' missing value for nullable columns
    from pandas import NA as _NA
except ImportError:  # pragma: no cover
    _NA = object()


def withheld_kinds(frame, column, suppressed=None):
    """Per row of `frame`, why the value of `column` is withheld: "primary", "secondary",
    "withheld" (a caller's mask or column) or "" (published).

    By default (``suppressed=None``) exactly the withheld values: a value the row's own rule
    emptied (``suppressed`` = 1, the value empty; ``suppression_kind`` says why), or a column
    named in the row's ``magnitude_suppressed`` (``column:primary``/``column:secondary``). A
    value a withheld row keeps (its ``n_locations``, its area) is published and not hatched,
    and a column that is empty in every row is missing, not withheld. A column
    ``<column>_suppressed`` (1 = withheld), another column name, a boolean mask, or False
    (nothing) overrides this."""
    n = len(frame)
    if suppressed is False:
        return np.array([""] * n, dtype=object)
    if suppressed is None and f"{column}_suppressed" in frame.columns:
        suppressed = f"{column}_suppressed"
    if suppressed is not None:
        if isinstance(suppressed, str):
            mask = frame[suppressed].to_numpy(dtype=np.float64, na_value=0.0) == 1
        else:
            mask = np.asarray(suppressed, dtype=bool)
        return np.where(mask, "withheld", "").astype(object)
    kinds = np.array([""] * n, dtype=object)
    missing = frame[column].isna().to_numpy()
    if "suppressed" in frame.columns and not missing.all():
        rows = frame["suppressed"].to_numpy(dtype=np.float64, na_value=0.0) == 1
        kind = _text_values(frame, "suppression_kind")
        for i in np.flatnonzero(rows & missing):
            kinds[i] = kind[i] or "primary"
    for i, text in enumerate(_text_values(frame, "magnitude_suppressed")):
        for part in filter(None, text.split(";")):
            name, _, why = part.partition(":")
            if name == column:
                kinds[i] = why or "primary"
    return kinds


def choropleth(data, column, *, classification="quantiles", k=5, bins=None, cmap="YlGnBu",
               title=None, unit=None, legend_title=None, labels=True, label_column=None,
               label_values=True, scale_bar=True, north_arrow=True, suppressed=None,
               attribution=None, ax=None, figsize=(8.0, 8.0), dpi=100, edgecolor="0.25",
               linewidth=0.8, missing_color="0.85", fmt=None, percent=None):
    """Map one indicator over the kernen.

    Parameters
    ----------
    data : Result or geopandas.GeoDataFrame
        A result (its :meth:`Result.kernen` is mapped, with the engine's units) or polygons
        with the column; a GeoDataFrame's ``attrs["units"]`` supplies units.
    column : str
        The indicator, e.g. ``"density_per_km2"``.
    classification : {"quantiles", "natural_breaks", "equal_interval", "fixed"}
        See :func:`kernkompas._classify.classify`. Default ``"quantiles"``.
    k : int, default 5
        Number of classes (fewer when there are fewer distinct values).
    bins : sequence of float, optional
        Upper class bounds for ``classification="fixed"``.
    cmap : str or matplotlib colormap, default "YlGnBu"
    title : str, optional
        Default: the column name, readable.
    unit : str, optional
        Overrides the unit from the engine (``"per_km2"`` is shown as ``"per km²"``).
    legend_title : str, optional
        Default: the unit (e.g. "per km²"), or the title for counts.
    labels : bool, default True
        Write each kern's name in it.
    label_column : str, optional
        Column for the labels; default ``kern_name`` (or ``name``).
    label_values : bool, default True
        Add the value under the name.
    scale_bar, north_arrow : bool, default True
    suppressed : str, array of bool or False, optional
        Cells not to publish: a column (true where equal to 1) or a mask. Default: exactly
        the kernen whose value of `column` disclosure control withheld (see
        :func:`withheld_kinds`), or a column ``<column>_suppressed``. They are hatched —
        ``////`` "geheim: te weinig vestigingen" (primary), ``\\\\`` "geheim: anders af te
        leiden uit een geheime cel" (secondary) — labelled "geheim" and left out of the
        classes. ``ax.kk_withheld`` holds the kind per kern ("" where published).
    attribution : str, optional
        Source line under the map; default the data's attribution (CBS/PDOK for the
        embedded data). ``""`` for none.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes; default a new figure of ``figsize`` inches at ``dpi``.
    figsize : (float, float), default (8, 8)
    dpi : int, default 100
        The new figure is ``figsize * dpi`` pixels.
    edgecolor, linewidth, missing_color :
        Styling of the kern outlines and of kernen without a value.
    fmt : callable, optional
        Number formatter for the legend and labels.
    percent : bool, optional
        Show fractions as percentages (values times 100, unit "%"). Default: when the
        column's unit is ``"fraction"`` (e.g. ``vacancy_rate_units``).

    Returns
    -------
    matplotlib.axes.Axes
        The map; ``ax.figure`` is the figure. ``ax.kk_classes`` holds the
        :class:`Classes` used.
    """
    plt = _pyplot()
    from matplotlib import colormaps
    from matplotlib.patches import Patch
    import matplotlib.patheffects as patheffects

    frame, units, default_attribution = _kern_frame(data)
    if column not in frame.columns:
        raise KeyError(f"no column {column!r} to map (columns: {', '.join(map(str, frame.columns))})")
    values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
    raw_unit = unit if unit is not None else units.get(column, "")
    if percent is None:
        percent = raw_unit == "fraction"
    if percent:
        values = values * 100.0
        raw_unit = "%" if unit is None else unit
    withheld = withheld_kinds(frame, column, suppressed)
    hidden = withheld != ""
    classes = classify(values, classification, k=k, bins=bins, mask=hidden)

    if ax is None:
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax = fig.add_axes((0.02, 0.07, 0.68, 0.84))
    fig = ax.figure
    colormap = colormaps[cmap] if isinstance(cmap, str) else cmap
    class_colors = [colormap(0.15 + 0.8 * (i / max(1, classes.k - 1))) for i in range(classes.k)]
    from matplotlib.colors import to_rgba

    colors = [class_colors[i] if i >= 0 else to_rgba(missing_color) for i in classes.index]

    geometry = frame.geometry
    frame.plot(ax=ax, color=colors, edgecolor=edgecolor, linewidth=linewidth)
    for kind, hatch in SUPPRESSION_HATCHES.items():
        if (withheld == kind).any():
            frame[withheld == kind].plot(ax=ax, facecolor="white", edgecolor="0.35", hatch=hatch,
                                         linewidth=linewidth)

    unit_text = pretty_unit(raw_unit)
    title = pretty_name(column) if title is None else title
    ax.set_title(title, fontsize=13, loc="left")
    ax.set_aspect("equal")
    ax.set_axis_off()
    _pad_extent(ax, geometry.total_bounds, 0.04)

    legend_labels = classes.labels(fmt)
    counts = classes.counts()
    handles = [Patch(facecolor=c, edgecolor=edgecolor, label=f"{text}  ({n})")
               for c, text, n in zip(class_colors, legend_labels, counts)]
    if np.any((classes.index < 0) & ~hidden):
        handles.append(Patch(facecolor=missing_color, edgecolor=edgecolor, label=MISSING_LABEL))
    for kind, label in SUPPRESSION_LABELS.items():
        if (withheld == kind).any():
            handles.append(Patch(facecolor="white", edgecolor="0.35", hatch=SUPPRESSION_HATCHES[kind],
                                 label=f"{label}  ({int((withheld == kind).sum())})"))
    if legend_title is None:
        # The map's title names the indicator; the legend says in what unit its classes are.
        legend_title = unit_text or title
    # Long titles wrap so the legend stays beside the map.
    legend_title = "\n".join(textwrap.fill(line, 22) for line in legend_title.split("\n"))
    legend = ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False, fontsize=9, title_fontsize=9, alignment="left")
    ax.add_artist(legend)

    if labels:
        name_column = label_column or next((c for c in ("kern_name", "name") if c in frame.columns), None)
        points = geometry.representative_point()
        finite = values[np.isfinite(values)]
        integral = finite.size and np.all(finite == np.round(finite))
        formatter = fmt or ((lambda v: f"{v:,.0f}") if integral else classes.formatter())
        halo = [patheffects.withStroke(linewidth=3, foreground="white")]
        for i, point in enumerate(points):
            if point is None or point.is_empty:
                continue
            text = str(frame[name_column].iloc[i]) if name_column else str(frame.index[i])
            if label_values:
                text += "\n" + (SUPPRESSED_LABEL if hidden[i] else formatter(values[i]) if np.isfinite(values[i]) else MISSING_LABEL)
            ax.annotate(text, (point.x, point.y), ha="center", va="center", fontsize=8,
                        path_effects=halo, zorder=5)

    if scale_bar:
        add_scale_bar(ax, geographic=_is_geographic(frame))
    if north_arrow:
        add_north_arrow(ax)
    attribution = default_attribution if attribution is None else attribution
    if attribution:
        ax.text(0.0, -0.02, attribution, transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                color="0.35", wrap=True)
    ax.kk_classes = classes
    ax.kk_withheld = withheld
    ax.kk_crs = frame.crs
    ax.kk_overlay_handles = []
    if is_internal(data):
        mark_internal(ax)
    return ax


def mark_internal(ax):
    """Put the footer "INTERN — niet publiceren" under a map (once per figure).

    :func:`choropleth` does this for every map of an internal result, and
    :func:`add_locations` for every map it draws premises on.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or matplotlib.figure.Figure

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig = getattr(ax, "figure", ax)
    if not getattr(fig, "kk_internal", False):
        fig.text(0.5, 0.012, INTERNAL_NOTICE, ha="center", va="bottom", fontsize=11, fontweight="bold",
                 color="#b2182b", zorder=10)
        fig.kk_internal = True
    return fig


def _is_geographic(frame):
    crs = getattr(frame, "crs", None)
    return bool(crs is not None and crs.is_geographic)


def _pad_extent(ax, bounds, fraction):
    minx, miny, maxx, maxy = bounds
    if not all(np.isfinite(bounds)):
        return
    dx, dy = (maxx - minx) * fraction, (maxy - miny) * fraction
    ax.set_xlim(minx - dx, maxx + dx)
    ax.set_ylim(miny - dy, maxy + dy)


def _nice_length(target):
    if target <= 0 or not math.isfinite(target):
        return 0.0
    power = 10 ** math.floor(math.log10(target))
    for factor in (5, 2, 1):
        if factor * power <= target:
            return factor * power
    return power


def add_scale_bar(ax, *, fraction=0.25, location=(0.05, 0.04), geographic=False, units_per_metre=None):
    """Draw a scale bar (two alternating blocks, labelled in m or km).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A map whose data coordinates are metres (or degrees with ``geographic=True``).
    fraction : float, default 0.25
        Largest share of the map width the bar may take; its length is rounded down to
        1, 2 or 5 times a power of ten.
    location : (float, float)
        Lower-left corner in axes fractions.
    geographic : bool, default False
        Data in degrees: the scale is taken at the map's centre latitude.
    units_per_metre : float, optional
        Data units per metre for other CRSs (e.g. 3.28 for US feet).
    """
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if units_per_metre is None:
        units_per_metre = 1.0
        if geographic:
            units_per_metre = 1.0 / (111_320.0 * math.cos(math.radians((y0 + y1) / 2)))
    width_m = (x1 - x0) / units_per_metre
    length_m = _nice_length(width_m * fraction)
    if length_m == 0:
        return
    length = length_m * units_per_metre
    left = x0 + location[0] * (x1 - x0)
    bottom = y0 + location[1] * (y1 - y0)
    height = 0.012 * (y1 - y0)
    half = length / 2
    for i, face in enumerate(("black", "white")):
        ax.add_patch(Rectangle((left + i * half, bottom), half, height, facecolor=face, edgecolor="black",
                               linewidth=0.8, zorder=6))
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    text_y = bottom + height * 1.6
    for x, text in ((left, "0"), (left + length, label)):
        ax.text(x, text_y, text, ha="center", va="bottom", fontsize=8, zorder=6)


def add_north_arrow(ax, *, location=(0.93, 0.93), size=0.08):
    """Draw a north arrow (the map's y axis points north, as in RD New).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    location : (float, float)
        Tip of the arrow in axes fractions.
    size : float
        Length of the arrow in axes fractions.
    """
    x, y = location
    ax.annotate("N", xy=(x, y), xytext=(x, y - size), xycoords="axes fraction", textcoords="axes fraction",
                ha="center", va="top", fontsize=11, fontweight="bold", zorder=7,
                arrowprops=dict(facecolor="black", edgecolor="black", width=3, headwidth=10, headlength=10))


_OVERLAYS = {}


def register_overlay(kind, function):
    """Register a drawing function for :func:`add_overlay`.

    Parameters
    ----------
    kind : str
        Name used as ``add_overlay(..., kind=kind)``, e.g. ``"clusters"`` or
        ``"service_areas"``.
    function : callable
        ``function(ax, gdf, column=None, label=None, **style)`` drawing the layer and
        returning a list of legend handles.
    """
    _OVERLAYS[kind] = function


def add_overlay(ax, gdf, kind="polygons", column=None, *, label=None, keep_extent=True, **style):
    """Draw a layer on top of a map.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Usually the axes :func:`choropleth` returned.
    gdf : geopandas.GeoDataFrame
        The layer, in the map's CRS (it is reprojected when both CRSs are known and differ).
    kind : str, default "polygons"
        ``"points"`` (markers), ``"polygons"`` (outlines), ``"lines"``, ``"grid"`` (cells
        filled by ``column``, half transparent, e.g. the hot-spot grid), or a kind added with
        :func:`register_overlay`.
    column : str, optional
        Column that colours the features (``grid``; optional for the others).
    label : str, optional
        Legend entry (an overlay legend below the class legend).
    keep_extent : bool, default True
        Keep the map's extent instead of growing it to the overlay.
    **style
        Passed to the drawing function (matplotlib keywords such as ``color``,
        ``markersize``, ``cmap``, ``alpha``).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    kernkompas.ArgumentError
        ``gdf`` comes from a published result's :meth:`Result.locations`: published maps
        show no individual premises (see :func:`add_locations`).
    """
    require_internal(gdf, "add_overlay")
    if is_internal(gdf):
        mark_internal(ax)
    if kind not in _OVERLAYS:
        raise ValueError(f"unknown overlay kind {kind!r} (kinds: {', '.join(sorted(_OVERLAYS))})")
    target_crs = getattr(ax, "kk_crs", None)
    if target_crs is not None and getattr(gdf, "crs", None) is not None and gdf.crs != target_crs:
        gdf = gdf.to_crs(target_crs)
    limits = (ax.get_xlim(), ax.get_ylim())
    handles = _OVERLAYS[kind](ax, gdf, column=column, label=label, **style) or []
    if keep_extent:
        ax.set_xlim(limits[0])
        ax.set_ylim(limits[1])
    _update_overlay_legend(ax, handles)
    return ax


def _update_overlay_legend(ax, handles):
    if not hasattr(ax, "kk_overlay_handles"):
        ax.kk_overlay_handles = []
    ax.kk_overlay_handles.extend(handles)
    previous = getattr(ax, "kk_overlay_legend", None)
    if previous is not None:
        previous.remove()
    if ax.kk_overlay_handles:
        legend = ax.legend(handles=ax.kk_overlay_handles, loc="lower left", bbox_to_anchor=(1.01, 0.0),
                           frameon=False, fontsize=9)
        ax.add_artist(legend)
        ax.kk_overlay_legend = legend


def _points_overlay(ax, gdf, column=None, label=None, color="0.15", markersize=6, marker="o", **style):
    from matplotlib.lines import Line2D

    if column is not None:
        gdf.plot(ax=ax, column=column, markersize=markersize, marker=marker, zorder=4, **style)
    else:
        gdf.plot(ax=ax, color=color, markersize=markersize, marker=marker, zorder=4, **style)
    if not label:
        return []
    return [Line2D([], [], linestyle="none", marker=marker, color=color, markersize=math.sqrt(markersize) + 1,
                   label=label)]


def _polygons_overlay(ax, gdf, column=None, label=None, color="0.1", linewidth=1.2, linestyle="--", **style):
    from matplotlib.lines import Line2D

    gdf.boundary.plot(ax=ax, color=color, linewidth=linewidth, linestyle=linestyle, zorder=4, **style)
    return [Line2D([], [], color=color, linewidth=linewidth, linestyle=linestyle, label=label)] if label else []


def _lines_overlay(ax, gdf, column=None, label=None, color="0.1", linewidth=1.2, **style):
    from matplotlib.lines import Line2D

    gdf.plot(ax=ax, color=color, linewidth=linewidth, zorder=4, **style)
    return [Line2D([], [], color=color, linewidth=linewidth, label=label)] if label else []


def _grid_overlay(ax, gdf, column=None, label=None, cmap="OrRd", alpha=0.6, edgecolor="none", **style):
    from matplotlib.patches import Patch

    if column is None:
        gdf.plot(ax=ax, facecolor="none", edgecolor="0.4", linewidth=0.3, zorder=3, **style)
        return [Patch(facecolor="none", edgecolor="0.4", label=label)] if label else []
    gdf.plot(ax=ax, column=column, cmap=cmap, alpha=alpha, edgecolor=edgecolor, zorder=3, **style)
    if not label:
        return []
    from matplotlib import colormaps

    colormap = colormaps[cmap] if isinstance(cmap, str) else cmap
    return [Patch(facecolor=colormap(0.75), alpha=alpha, label=label)]


register_overlay("points", _points_overlay)
register_overlay("polygons", _polygons_overlay)
register_overlay("lines", _lines_overlay)
register_overlay("grid", _grid_overlay)


def add_locations(ax, data, *, vacant=True, color="0.2", vacant_color="#d7301f", markersize=3,
                  vacant_markersize=18, label="location", vacant_label="vacant"):
    """Draw the locations on an internal map, vacant ones marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    data : Result or geopandas.GeoDataFrame
        An internal result (its :meth:`Result.locations`) or points with an optional
        ``status`` column (``"vacant"`` marks a vacant unit). A published result, or a
        frame from a published result's :meth:`Result.locations`, is refused: published
        maps show no individual premises. A frame of your own is drawn as given.
    vacant : bool, default True
        Mark vacant locations with a cross in ``vacant_color``.
    color, vacant_color : colour
    markersize, vacant_markersize : float
        Marker areas in points².
    label, vacant_label : str
        Legend entries.

    Returns
    -------
    matplotlib.axes.Axes
        The map, with the footer "INTERN — niet publiceren" when ``data`` came from a
        result.

    Raises
    ------
    kernkompas.ArgumentError
        ``data`` is (or comes from) a published result.
    """
    require_internal(data, "add_locations")
    frame = data.locations() if isinstance(data, _result_type()) else data
    if is_internal(data):
        mark_internal(ax)
    is_vacant = np.zeros(len(frame), dtype=bool)
    if vacant and "status" in frame.columns:
        is_vacant = (frame["status"] == "vacant").to_numpy(dtype=bool, na_value=False)
    n_vacant = int(is_vacant.sum())
    add_overlay(ax, frame[~is_vacant], "points", color=color, markersize=markersize,
                label=f"{label} ({len(frame) - n_vacant:,})" if label else None)
    if n_vacant:
        add_overlay(ax, frame[is_vacant], "points", color=vacant_color, markersize=vacant_markersize,
                    marker="x", label=f"{vacant_label} ({n_vacant:,})" if vacant_label else None)
    return ax


def add_raster(ax, array, extent, *, cmap="magma_r", alpha=0.6, label=None, **style):
    """Draw a raster (e.g. a density surface) under the overlays.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    array : 2-D array
        Values, first row at the top (north); NaN transparent.
    extent : (float, float, float, float)
        ``(min_x, max_x, min_y, max_y)`` in the map's CRS.
    cmap : str, default "magma_r"
    alpha : float, default 0.6
    label : str, optional
        Legend entry.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    limits = (ax.get_xlim(), ax.get_ylim())
    ax.imshow(np.ma.masked_invalid(np.asarray(array, dtype=np.float64)), extent=extent, origin="upper",
              cmap=cmap, alpha=alpha, zorder=2, **style)
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    if label:
        colormap = colormaps[cmap] if isinstance(cmap, str) else cmap
        _update_overlay_legend(ax, [Patch(facecolor=colormap(0.7), alpha=alpha, label=label)])
    return ax


def save(figure, path, *, dpi=None, **kwargs):
    """Save a map as PNG, SVG or PDF (chosen by the file suffix).

    Parameters
    ----------
    figure : matplotlib.figure.Figure or matplotlib.axes.Axes
        The map (an axes saves its figure).
    path : str or os.PathLike
        Ending in ``.png``, ``.svg`` or ``.pdf``.
    dpi : int, optional
        Resolution for PNG; default the figure's, so the image is ``figsize * dpi`` pixels.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in _SAVE_FORMATS:
        raise ValueError(f"save as .png, .svg or .pdf, not {path.name!r}")
    fig = getattr(figure, "figure", figure)
    fig.savefig(path, format=suffix, dpi=dpi if dpi is not None else fig.dpi, **kwargs)
    return path
