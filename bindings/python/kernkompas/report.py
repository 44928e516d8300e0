"""The map set for a council report: one PNG per indicator plus an offline HTML map.

Used by ``python -m kernkompas maps`` (the main job in ``scripts/run-wijdemeren.sh``) and
importable for notebooks: :func:`write_maps`.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Indicators mapped when present: column, title, classification.
DEFAULT_MAPS = (
    ("n_locations", "Establishments per kern", "quantiles"),
    ("density_per_km2", "Establishments per km²", "quantiles"),
    ("locations_per_1000_inhabitants", "Establishments per 1,000 inhabitants", "quantiles"),
    ("vacancy_rate_units", "Vacancy rate (units)", "natural_breaks"),
    ("n_vacant_1y_plus", "Vacant one year or longer (units)", "quantiles"),
)


def write_maps(result, out_dir, *, formats=("png",), dpi=120):
    """Draw the standard kern maps of `result` into `out_dir`.

    Parameters
    ----------
    result : kernkompas.Result
    out_dir : str or os.PathLike
        Created if missing.
    formats : sequence of {"png", "svg", "pdf"}, default ("png",)
    dpi : int, default 120

    Notes
    -----
    A published result (the default) gets kern maps only: no point of a single premise on
    any map and no location id or name in the HTML. An internal result
    (``project.run(internal=True)``, ``python -m kernkompas maps --internal``) also gets the
    premises (vacant ones marked) and every map the footer "INTERN — niet publiceren";
    such a set is for internal use and must not be published.

    Returns
    -------
    list of pathlib.Path
        The files written, the HTML map last. They are added to the folder's run manifest
        (``kernkompas-run.json``, see docs/output.md).
    """
    from . import _manifest, interactive, maps

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    kern_columns = set(result.kern_table().columns)
    written = []
    plt = maps._pyplot()
    for column, title, classification in DEFAULT_MAPS:
        if column not in kern_columns:
            continue
        ax = maps.choropleth(result, column, title=title, classification=classification, dpi=dpi)
        if column == "vacancy_rate_units":
            # Where the vacant units are, and which grid cells are significant hot spots.
            if "vacancy_hotspot" in result.layer_names:
                cells = result.hotspots()
                hot = cells[cells["hotspot"].isin(["hot", "cold"])]
                if len(hot):
                    maps.add_overlay(ax, hot, kind="grid", column="gi_z", label="Gi* hot/cold spot")
            if result.internal:  # premises only on internal maps, never on published ones
                maps.add_locations(ax, result, markersize=2)
        for fmt in formats:
            path = out / f"map_{column}.{fmt}"
            maps.save(ax.figure, path)
            written.append(path)
        plt.close(ax.figure)
    # The clustering family's maps: density, clusters, LISA, Ripley's L per kern.
    figures = []
    if "density" in result.raster_names:
        figures.append(("map_density", maps.density_map(result, "density", dpi=dpi).figure))
    if "cluster" in result.layer_names:
        figures.append(("map_clusters", maps.cluster_map(result, dpi=dpi).figure))
    if "lisa_cell" in result.layer_names:
        figures.append(("map_lisa", maps.lisa_map(result, dpi=dpi).figure))
    if "kern_ripley" in result.table_names:
        table = result.table("kern_ripley")
        figure = maps.ripley_plot(table[table["suppressed"] == 0], dpi=dpi)
        if result.internal:
            maps.mark_internal(figure)
        figures.append(("plot_ripley", figure))
    # The accessibility family's maps: distance per kern to each facility type, service areas.
    for facility_type in maps.facility_types(result):
        figures.append((f"map_access_{facility_type}", maps.access_map(result, facility_type, dpi=dpi).figure))
    if "service_area" in result.layer_names:
        figures.append(("map_service_areas", maps.service_area_map(result, dpi=dpi)))
    for stem, figure in figures:
        for fmt in formats:
            path = out / f"{stem}.{fmt}"
            maps.save(figure, path)
            written.append(path)
        plt.close(figure)
    html = out / "kernkompas_map.html"
    interactive.to_html(result, html, column="density_per_km2", locations=result.internal)
    written.append(html)
    # Listed in the run manifest, so that the next `kernkompas run` into this folder replaces
    # them rather than refusing the folder as holding files it did not write.
    _manifest.register_files(out, written, mode="internal" if result.internal else "published")
    return written


def main(argv=None):
    """``python -m kernkompas maps [--config FILE] [--out DIR]``."""
    import argparse

    import kernkompas

    parser = argparse.ArgumentParser(prog="python -m kernkompas",
                                     description="Draw the kern maps of a kernkompas analysis.")
    sub = parser.add_subparsers(dest="command", required=True)
    maps_cmd = sub.add_parser("maps", help="PNG maps per indicator and an offline HTML map")
    maps_cmd.add_argument("--config", help="TOML configuration (default: the embedded Wijdemeren data)")
    maps_cmd.add_argument("--out", default="kernkompas-out", help="output folder (default: %(default)s)")
    maps_cmd.add_argument("--format", action="append", choices=("png", "svg", "pdf"),
                          help="image format, repeatable (default: png)")
    maps_cmd.add_argument("--internal", action="store_true",
                          help="internal map set: unsuppressed values and individual premises, "
                               "footer 'INTERN — niet publiceren'; never publish")
    args = parser.parse_args(argv)

    try:
        project = kernkompas.load(args.config) if args.config else kernkompas.load_default()
        result = project.run(internal=args.internal or None)
        written = write_maps(result, args.out, formats=tuple(args.format or ("png",)))
    except kernkompas.KernkompasError as error:
        parser.exit(1, f"kernkompas: error: {error}\n")
    for path in written:
        print(f"wrote {os.fspath(path)}")
    return 0
