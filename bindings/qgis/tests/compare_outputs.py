"""Compares the layers the QGIS algorithms wrote with the command line's for the same input.

Run by scripts/test-qgis.sh with Debian's python3 (GDAL's osgeo comes with QGIS):
    python3 compare_outputs.py WORK
WORK holds cli/ (kernkompas run, published), cli-internal/ (--internal) and qgis/ (the
qgis_process outputs). Rows are matched by their key columns; every column the command line
writes must be in the QGIS layer with the same value (numbers to 1e-9 relative), and
polygons must cover the same area (symmetric difference below 1e-6 m²). Exits 1 on the first
difference, naming the layer, the row and the column.
"""

import math
import os
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()

failures = []


def fail(message):
    failures.append(message)
    print("DIFFERENT: " + message)


def read_layer(path, layer_name=None):
    source = ogr.Open(path)
    layer = source.GetLayerByName(layer_name) if layer_name else source.GetLayer(0)
    if layer is None:
        raise SystemExit(f"compare_outputs: no layer '{layer_name}' in {path}")
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    rows = []
    for feature in layer:
        row = {name: feature.GetField(name) for name in names}
        geometry = feature.GetGeometryRef()
        row["__geometry"] = geometry.Clone() if geometry is not None else None
        rows.append(row)
    return names, rows


def same_value(a, b):
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return str(a) == str(b)


def same_geometry(a, b):
    empty_a = a is None or a.IsEmpty()
    empty_b = b is None or b.IsEmpty()
    if empty_a or empty_b:
        return empty_a == empty_b
    return a.SymDifference(b).GetArea() < 1e-6 and math.isclose(a.GetArea(), b.GetArea(), rel_tol=1e-12)


def compare(label, expected, actual, keys, columns=None, geometry=True):
    """Every expected row (by key) is in actual with the same values of `columns`."""
    expected_names, expected_rows = expected
    actual_names, actual_rows = actual
    columns = columns or expected_names
    missing = [c for c in columns if c not in actual_names]
    if missing:
        fail(f"{label}: columns missing in the QGIS output: {missing}")
        return
    index = {tuple(str(r[k]) for k in keys): r for r in actual_rows}
    if len(index) != len(actual_rows):
        fail(f"{label}: key {keys} is not unique in the QGIS output")
    if len(actual_rows) != len(expected_rows):
        fail(f"{label}: {len(actual_rows)} rows in QGIS, {len(expected_rows)} from the CLI")
    compared = 0
    for row in expected_rows:
        key = tuple(str(row[k]) for k in keys)
        other = index.get(key)
        if other is None:
            fail(f"{label}: row {key} missing in the QGIS output")
            continue
        for column in columns:
            if not same_value(row[column], other[column]):
                fail(f"{label}: row {key}, column {column}: CLI {row[column]!r}, QGIS {other[column]!r}")
        if geometry and not same_geometry(row["__geometry"], other["__geometry"]):
            fail(f"{label}: row {key}: the polygons differ")
        compared += 1
    print(f"same: {label}: {compared} rows x {len(columns)} columns"
          + (" + geometry" if geometry else ""))


def compare_rasters(label, expected_path, actual_path):
    expected = gdal.Open(expected_path)
    actual = gdal.Open(actual_path)
    if expected.GetGeoTransform() != actual.GetGeoTransform():
        fail(f"{label}: geotransform {actual.GetGeoTransform()} != {expected.GetGeoTransform()}")
    a = expected.GetRasterBand(1).ReadRaster()
    b = actual.GetRasterBand(1).ReadRaster()
    if (expected.RasterXSize, expected.RasterYSize) != (actual.RasterXSize, actual.RasterYSize) or a != b:
        fail(f"{label}: the cell values differ")
    else:
        print(f"same: {label}: {expected.RasterXSize} x {expected.RasterYSize} cells, byte for byte")


def main(work):
    cli = os.path.join(work, "cli", "kernkompas.gpkg")
    internal = os.path.join(work, "cli-internal", "kernkompas.gpkg")
    qgis = os.path.join(work, "qgis")

    # Indicators per kern: the kern layer, and the command line's own folder written through
    # the C API from the QGIS layers (every table and CSV).
    compare("indicators: kern", read_layer(cli, "kern"),
            read_layer(os.path.join(qgis, "indicators.gpkg")), ["kern_code"])
    folder = os.path.join(qgis, "indicators-folder")
    source = ogr.Open(cli)
    for i in range(source.GetLayerCount()):
        name = source.GetLayer(i).GetName()
        expected = read_layer(cli, name)
        keys = [k for k in ("kern_code", "sbi_section", "function", "cell_col", "cell_row",
                            "cluster_id", "distance_m", "section", "period", "measure")
                if k in expected[0]]
        keys = keys or expected[0][:1]
        compare(f"indicators folder: {name}", expected,
                read_layer(os.path.join(folder, "kernkompas.gpkg"), name), keys,
                geometry=source.GetLayer(i).GetGeomType() != ogr.wkbNone)
    for name in sorted(os.listdir(os.path.join(work, "cli"))):
        if name.endswith(".csv"):
            with open(os.path.join(work, "cli", name), "rb") as a, \
                 open(os.path.join(folder, name), "rb") as b:
                if a.read() != b.read():
                    fail(f"indicators folder: {name} differs from the CLI's")
                else:
                    print(f"same: indicators folder: {name}, byte for byte")

    # Assign points to kernen: each point's kern as the CLI's internal location layer says,
    # and the counts per kern as its kern table.
    compare("assign_points: points", read_layer(internal, "location"),
            read_layer(os.path.join(qgis, "assigned.gpkg")), ["id"],
            ["id", "kern_code", "kern_name"], geometry=False)
    compare("assign_points: counts", read_layer(cli, "kern"),
            read_layer(os.path.join(qgis, "counts.gpkg")), ["kern_code"],
            ["kern_code", "kern_name", "n_locations"])

    # Vacancy hot spots: the grid from points (no kernen given), and Gi* on polygons: the
    # CLI's own internal grid cells with their value give the CLI's z and p_norm (the engine's
    # distance band of 1.5 cells between centres is queen contiguity on a grid).
    compare("vacancy_hotspots: points", read_layer(cli, "vacancy_hotspot"),
            read_layer(os.path.join(qgis, "hotspots_points.gpkg")), ["cell_col", "cell_row"])
    # Published is the default: the internal switch gives the unsuppressed cells instead.
    compare("vacancy_hotspots: points, INTERNAL=true", read_layer(internal, "vacancy_hotspot"),
            read_layer(os.path.join(qgis, "hotspots_points_internal.gpkg")), ["cell_col", "cell_row"])
    published = {(r["cell_col"], r["cell_row"]): r["suppressed"]
                 for r in read_layer(os.path.join(qgis, "hotspots_points.gpkg"))[1]}
    if not any(published.values()):
        fail("vacancy_hotspots: the default output suppresses no cell: not published mode")
    expected_names, expected_rows = read_layer(internal, "vacancy_hotspot")
    actual = read_layer(os.path.join(qgis, "hotspots_polygons.gpkg"))
    renamed = (["cell_col", "cell_row", "gi_z", "p_norm"],
               [{"cell_col": r["cell_col"], "cell_row": r["cell_row"], "gi_z": r["gi_z"],
                 "p_norm": r["p_norm"], "__geometry": r["__geometry"]} for r in expected_rows])
    compare("vacancy_hotspots: polygons (gi_z, p_norm)", renamed,
            (actual[0], [{**r} for r in actual[1]]), ["cell_col", "cell_row"])

    # Clustering: DBSCAN outlines, LISA cells, the density raster.
    compare("clustering: cluster", read_layer(cli, "cluster"),
            read_layer(os.path.join(qgis, "clusters.gpkg")), ["cluster_id"])
    compare("clustering: lisa_cell", read_layer(cli, "lisa_cell"),
            read_layer(os.path.join(qgis, "lisa.gpkg")), ["cell_col", "cell_row"])
    compare_rasters("clustering: density", os.path.join(work, "cli", "density.tif"),
                    os.path.join(qgis, "density.tif"))

    # Accessibility: per location the road distance, time and counts the CLI's accessibility
    # family gives (internal location layer of the full embedded configuration).
    access = os.path.join(work, "cli-access", "kernkompas.gpkg")
    _, located = read_layer(access, "location")
    for kind in ("station", "bus_stop"):
        radii = [1, 3, 5, 10, 20]
        expected = (["id", "access_km", "access_min", "access_snap_m"]
                    + [f"access_within_{r}km" for r in radii],
                    [{"id": r["id"], "access_km": r[f"access_{kind}_km"],
                      "access_min": r[f"access_{kind}_min"], "access_snap_m": r["access_snap_m"],
                      **{f"access_within_{k}km": r[f"access_{kind}_within_{k}km"] for k in radii}}
                     for r in located])
        compare(f"nearest_facility: {kind}", expected,
                read_layer(os.path.join(qgis, f"access_{kind}.gpkg")), ["id"], geometry=False)

    # Service areas from the kern centres: the CLI's service_area layer (origins kernen,
    # 5, 10 and 15 minutes, band 50 m), polygons and all.
    compare("service_area", read_layer(access, "service_area"),
            read_layer(os.path.join(qgis, "service_area.gpkg")), ["origin_code", "minutes"],
            ["origin_code", "origin_name", "minutes", "area_km2"])

    if failures:
        print(f"{len(failures)} difference(s) between the QGIS outputs and the CLI's")
        return 1
    print("every QGIS output equals the command line's")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
