"""An interactive kern map as one self-contained HTML file that works offline.

The map is inline SVG drawn from the polygons, with a few lines of inline JavaScript for
hover tooltips (every indicator of the kern, with units) and a selector to recolour the
map by another indicator. Nothing is loaded from the network: no CDN, no web fonts, no
external scripts or style sheets, so the file can be mailed, archived or opened on a
machine without internet.

Examples
--------
>>> import kernkompas
>>> from kernkompas import interactive
>>> result = kernkompas.load_default().run()
>>> interactive.to_html(result, "kernen.html", "density_per_km2")
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np

from ._classify import classify, format_number, pretty_name, pretty_unit, sequential_colors
from ._publication import INTERNAL_NOTICE, is_internal, require_internal

__all__ = ["to_html", "html_map", "HEADLINE_COLUMNS"]

_MISSING_COLOR = "#d9d9d9"
_SUPPRESSED_FILL = "url(#kk-hatch)"


def _frames(data, locations):
    """(kernen, units, attribution, points or None, internal) for a map of ``data``.

    ``locations=None`` draws the premises of an internal result only; ``True`` (or a frame
    from a published result's :meth:`Result.locations`) with a published result is refused.
    """
    from ._project import Result

    if locations is not None and locations is not False:
        require_internal(data if locations is True else locations, "to_html(locations=...)")
    if isinstance(data, Result):
        from .maps import attribution_for

        kernen = data.kernen()
        if locations is None:
            locations = bool(data.internal)
        points = data.locations() if locations is True else None if locations is False else locations
        internal = bool(data.internal) or (points is not None and is_internal(points))
        return kernen, dict(kernen.attrs.get("units", {})), attribution_for(data), points, internal
    if not hasattr(data, "geometry"):
        raise TypeError("to_html needs a kernkompas.Result or a geopandas.GeoDataFrame")
    points = None if locations is None or locations is True or locations is False else locations
    internal = points is not None and is_internal(points)
    return data, dict(data.attrs.get("units", {})), data.attrs.get("attribution", ""), points, internal


# Offered first (when present): the headline indicators, not every count of the kern table.
HEADLINE_COLUMNS = ("n_locations", "density_per_km2", "locations_per_1000_inhabitants", "population",
                    "area_km2", "n_vacant", "vacancy_rate_units", "vacancy_rate_floor", "n_vacant_1y_plus")


def _numeric_columns(frame):
    import pandas as pd

    headline = [c for c in HEADLINE_COLUMNS if c in frame.columns]
    if headline:
        return headline
    skip = {frame.geometry.name}
    return [c for c in frame.columns
            if c not in skip and pd.api.types.is_numeric_dtype(frame[c].dtype)
            and not pd.api.types.is_bool_dtype(frame[c].dtype) and not str(c).endswith("_suppressed")
            and c != "suppressed"]


def _suppressed(frame, column):
    """True where the value of `column` is withheld (the rule of the static maps)."""
    from .maps import withheld_kinds

    return withheld_kinds(frame, column) != ""


def _ring_path(coords, transform):
    xs, ys = transform(coords[:, 0], coords[:, 1])
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    return f"M{points}Z"


def _geometry_path(geometry, transform):
    import shapely

    if geometry is None or geometry.is_empty:
        return ""
    parts = []
    polygons = shapely.get_parts(geometry) if geometry.geom_type.startswith("Multi") else [geometry]
    for polygon in polygons:
        rings = [polygon.exterior, *polygon.interiors]
        parts.extend(_ring_path(np.asarray(ring.coords), transform) for ring in rings)
    return " ".join(parts)


def html_map(data, column=None, *, columns=None, classification="quantiles", k=5, bins=None,
             title=None, locations=None, width=760, height=640, attribution=None):
    """The HTML text of an offline interactive map; see :func:`to_html`."""
    frame, units, default_attribution, points, internal = _frames(data, locations)
    offered = list(columns) if columns is not None else _numeric_columns(frame)
    if column is None:
        column = offered[0] if offered else None
    if column is None or column not in frame.columns:
        raise KeyError(f"no column {column!r} to map (columns: {', '.join(map(str, frame.columns))})")
    if column not in offered:
        offered.insert(0, column)
    missing = [c for c in offered if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the data")

    minx, miny, maxx, maxy = frame.total_bounds
    scale = min((width - 20) / max(maxx - minx, 1e-9), (height - 20) / max(maxy - miny, 1e-9))
    width = int(round((maxx - minx) * scale + 20))
    height = int(round((maxy - miny) * scale + 20))

    def transform(x, y):
        return (np.asarray(x) - minx) * scale + 10, (maxy - np.asarray(y)) * scale + 10

    label_column = next((c for c in ("kern_name", "name") if c in frame.columns), None)
    names = [str(v) for v in frame[label_column]] if label_column else [str(i) for i in frame.index]

    # Per column: colours per feature and the legend, computed here so the page needs no maths.
    styles = {}
    hidden_by_column = {}
    shown_by_column = {}
    for name in offered:
        values = frame[name].to_numpy(dtype=np.float64, na_value=np.nan)
        unit = units.get(name, "")
        if unit == "fraction":  # shown as percentages, as on the static maps
            values, unit = values * 100.0, "%"
        hidden = hidden_by_column[name] = _suppressed(frame, name)
        # Fixed bins fit the first indicator only; the others fall back to quantiles.
        method = classification if classification != "fixed" or name == column else "quantiles"
        classes = classify(values, method, k=k, bins=bins if name == column else None, mask=hidden)
        palette = sequential_colors(classes.k)
        fills = [_SUPPRESSED_FILL if hidden[i] else palette[c] if c >= 0 else _MISSING_COLOR
                 for i, c in enumerate(classes.index)]
        legend = [[palette[i], text] for i, text in enumerate(classes.labels())] if np.isfinite(classes.lower) else []
        if hidden.any():
            legend.append([_SUPPRESSED_FILL, "geheim"])
        if np.any((classes.index < 0) & ~hidden):
            legend.append([_MISSING_COLOR, "no data"])
        styles[name] = {"fill": fills, "legend": legend, "title": pretty_name(name), "unit": pretty_unit(unit)}
        integral = bool(np.all(values[np.isfinite(values)] == np.round(values[np.isfinite(values)])))
        fmt = (lambda v: format_number(v, 0)) if integral else format_number
        shown_by_column[name] = ["geheim" if hidden[i] else "–" if not np.isfinite(v) else fmt(v)
                                 for i, v in enumerate(values)]
    rows = [[shown_by_column[name][i] for name in offered] for i in range(len(frame))]

    shapes = []
    label_marks = []
    points_repr = frame.geometry.representative_point()
    for i, geometry in enumerate(frame.geometry):
        path = _geometry_path(geometry, transform)
        if not path:
            continue
        shapes.append(f'<path class="kern" data-i="{i}" fill-rule="evenodd" d="{path}"/>')
        px, py = transform(points_repr.iloc[i].x, points_repr.iloc[i].y)
        label_marks.append(f'<text class="label" x="{float(px):.1f}" y="{float(py):.1f}">{html.escape(names[i])}</text>')

    point_marks = []
    if points is not None and len(points):
        pts = points.to_crs(frame.crs) if frame.crs is not None and points.crs is not None else points
        px, py = transform(pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
        vacant = (pts["status"] == "vacant").to_numpy(dtype=bool, na_value=False) if "status" in pts.columns \
            else np.zeros(len(pts), dtype=bool)
        ids = pts["id"].astype(str).to_numpy() if "id" in pts.columns else np.arange(len(pts)).astype(str)
        for x, y, v, ident in zip(px, py, vacant, ids):
            cls = "loc vacant" if v else "loc"
            point_marks.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{2.6 if v else 1.4}">'
                               f'<title>{html.escape(ident)}{" (vacant)" if v else ""}</title></circle>')

    attribution = default_attribution if attribution is None else attribution
    title = title or pretty_name(column)
    payload = {"columns": offered, "styles": styles, "names": names, "rows": rows, "initial": column}
    data_json = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
    options = "".join(f'<option value="{html.escape(c)}"{" selected" if c == column else ""}>'
                      f'{html.escape(pretty_name(c))}</option>' for c in offered)
    return _TEMPLATE.format(
        title=html.escape(title),
        width=width,
        height=height,
        options=options,
        shapes="\n".join(shapes),
        labels="\n".join(label_marks),
        points="\n".join(point_marks),
        attribution=html.escape(attribution or ""),
        banner=f'<div class="kk-internal">{html.escape(INTERNAL_NOTICE)}</div>' if internal else "",
        data=data_json,
    )


def to_html(data, path, column=None, *, columns=None, classification="quantiles", k=5, bins=None,
            title=None, locations=None, width=760, height=640, attribution=None):
    """Write an interactive kern map that works offline.

    Parameters
    ----------
    data : Result or geopandas.GeoDataFrame
        A result (its :meth:`Result.kernen`, with the engine's units) or polygons with
        numeric columns; a GeoDataFrame's ``attrs["units"]`` supplies units.
    path : str or os.PathLike
        The ``.html`` file to write (UTF-8).
    column : str, optional
        The indicator shown first; default the first numeric column.
    columns : list of str, optional
        The indicators offered in the selector and shown in the tooltip; default the
        headline indicators present (:data:`HEADLINE_COLUMNS`), else every numeric column.
    classification : {"quantiles", "natural_breaks", "equal_interval", "fixed"}
        As in :func:`kernkompas.maps.choropleth`; ``bins`` apply to ``column`` only.
    k : int, default 5
    bins : sequence of float, optional
    title : str, optional
    locations : bool or geopandas.GeoDataFrame, optional
        Draw the locations (``True`` with a Result: its locations), vacant ones in red, each
        titled with its id. Default (``None``): only for an internal result; a published
        map holds no ids, names or points of single premises. ``True`` with a published
        result, or a frame from a published result's :meth:`Result.locations`, raises
        :class:`kernkompas.ArgumentError`. Each point is an SVG element: keep this for
        registers up to some ten thousand points.
    width, height : int, default 760 and 640
        Largest size of the map in pixels; the data's extent decides which one it fills.
    attribution : str, optional
        Source line; default the data's attribution (CBS/PDOK for the embedded data).

    Returns
    -------
    pathlib.Path
        ``path``. The file references nothing outside itself. The map of an internal
        result (or with internal points) carries the footer "INTERN — niet publiceren".
    """
    text = html_map(data, column, columns=columns, classification=classification, k=k, bins=bins,
                    title=title, locations=locations, width=width, height=height, attribution=attribution)
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 16px; color: #222; }}
#kk-map {{ display: flex; gap: 16px; align-items: flex-start; }}
svg {{ border: 1px solid #ccc; background: #fff; }}
path.kern {{ stroke: #444; stroke-width: 0.8; cursor: pointer; }}
path.kern:hover, path.kern.active {{ stroke: #000; stroke-width: 2.2; }}
text.label {{ font-size: 11px; text-anchor: middle; pointer-events: none;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; }}
circle.loc {{ fill: #333; opacity: 0.6; pointer-events: visiblePainted; }}
circle.loc.vacant {{ fill: #d7301f; opacity: 0.9; }}
#kk-tip {{ position: fixed; display: none; background: #fff; border: 1px solid #888;
  padding: 6px 8px; font-size: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.3); pointer-events: none; }}
#kk-tip table {{ border-collapse: collapse; }}
#kk-tip td {{ padding: 0 6px 0 0; }}
#kk-tip tr.sel {{ font-weight: bold; }}
#kk-legend .sw {{ display: inline-block; width: 18px; height: 12px; border: 1px solid #666;
  vertical-align: middle; margin-right: 6px; }}
#kk-legend div {{ margin: 2px 0; font-size: 13px; }}
.attribution {{ font-size: 11px; color: #666; margin-top: 6px; }}
.kk-internal {{ font-size: 16px; font-weight: bold; color: #b2182b; margin-top: 8px; }}
</style>
</head>
<body>
<h2>{title}</h2>
<label>Indicator: <select id="kk-column">{options}</select></label>
<div id="kk-map">
<svg id="kk-svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">
<defs><pattern id="kk-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern></defs>
<g id="kk-kernen">
{shapes}
</g>
<g id="kk-points">
{points}
</g>
<g id="kk-labels">
{labels}
</g>
</svg>
<div><div id="kk-legend-title"></div><div id="kk-legend"></div></div>
</div>
<div class="attribution">{attribution}</div>
{banner}
<div id="kk-tip"></div>
<script type="application/json" id="kk-data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("kk-data").textContent);
  var select = document.getElementById("kk-column");
  var tip = document.getElementById("kk-tip");
  var shapes = document.querySelectorAll("path.kern");
  var current = data.initial;
  function esc(s) {{
    return String(s).replace(/[&<>"]/g, function (c) {{
      return {{"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}}[c];
    }});
  }}
  function paint(column) {{
    current = column;
    var style = data.styles[column];
    shapes.forEach(function (shape) {{
      shape.setAttribute("fill", style.fill[+shape.dataset.i]);
    }});
    document.getElementById("kk-legend-title").innerHTML =
      "<b>" + esc(style.title) + "</b>" + (style.unit ? " (" + esc(style.unit) + ")" : "");
    var legend = "";
    style.legend.forEach(function (entry) {{
      var swatch = entry[0].indexOf("url(") === 0
        ? '<svg class="sw" width="18" height="12"><rect width="18" height="12" fill="' + entry[0] + '"/></svg>'
        : '<span class="sw" style="background:' + entry[0] + '"></span>';
      legend += "<div>" + swatch + esc(entry[1]) + "</div>";
    }});
    document.getElementById("kk-legend").innerHTML = legend;
  }}
  function show(event, i) {{
    var html = "<b>" + esc(data.names[i]) + "</b><table>";
    data.columns.forEach(function (column, c) {{
      var style = data.styles[column];
      html += '<tr class="' + (column === current ? "sel" : "") + '"><td>' + esc(style.title) +
        "</td><td>" + esc(data.rows[i][c]) + (style.unit ? " " + esc(style.unit) : "") + "</td></tr>";
    }});
    tip.innerHTML = html + "</table>";
    tip.style.display = "block";
    tip.style.left = (event.clientX + 14) + "px";
    tip.style.top = (event.clientY + 14) + "px";
  }}
  shapes.forEach(function (shape) {{
    shape.addEventListener("mousemove", function (event) {{ show(event, +shape.dataset.i); }});
    shape.addEventListener("mouseleave", function () {{ tip.style.display = "none"; }});
  }});
  select.addEventListener("change", function () {{ paint(select.value); }});
  paint(current);
}})();
</script>
</body>
</html>
"""
