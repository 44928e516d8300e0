#!/usr/bin/env python3
"""Derive the six Wijdemeren kernen from real CBS 2024 reference data.

Reads (from a reference directory, default ``<repo>/../shared/data``):
  - cbs_wijken_2024_wijdemeren_rd.geojson            CBS wijk boundaries, EPSG:28992
  - cbs_buurten_2024_wijdemeren_inwoners_misdrijven.csv  CBS buurt inwoners 2024
  - train_stations_gooi_vecht_wgs84.geojson          NS station points (copied as is)

Writes (default ``<repo>/datasets/wijdemeren``):
  - kernen.geojson          six kern polygons with code/name/aliases/population/cbs_wijken
  - stations_wgs84.geojson  byte-for-byte copy of the station file

Why this exists: the project must never read ../shared at run or test time, so the
real data it needs is derived once here and committed.  The output depends only on
the input files (no randomness), so re-running it gives the same bytes.

Usage:  python datasets/generate/derive_kernen.py [REFERENCE_DIR] [--out-dir DIR]
Depends on: shapely 2 and the Python standard library.
"""

import argparse
import csv
import json
import shutil
import sys
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REF_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT_DIR = REPO_ROOT / "datasets" / "wijdemeren"

WIJKEN_FILE = "cbs_wijken_2024_wijdemeren_rd.geojson"
BUURTEN_CSV = "cbs_buurten_2024_wijdemeren_inwoners_misdrijven.csv"
STATIONS_FILE = "train_stations_gooi_vecht_wgs84.geojson"

# The kernen in their fixed output order.  A kern is one or more CBS wijken:
# Loosdrecht is split by CBS into Wijk 03 (Loosdrecht, i.e. Oud-Loosdrecht and the
# plassen) and Wijk 04 (Nieuw-Loosdrecht); as a kern it is one place.
# Aliases are older spellings that turn up in registers and reports.
KERNEN = [
    ("ANK", "Ankeveen", [], ["WK169602"]),
    ("BRV", "Breukeleveen", ["Breukelveen"], ["WK169605"]),
    ("SGR", "'s-Graveland", [], ["WK169600"]),
    ("KHF", "Kortenhoef", ["Korthoef"], ["WK169601"]),
    ("LSD", "Loosdrecht", [], ["WK169603", "WK169604"]),
    ("NDB", "Nederhorst den Berg", [], ["WK169606"]),
]

EXPECTED_TOTAL_POPULATION = 24605  # sum of the 17 CBS buurten (see SOURCES.md)


def _num(v):
    """Round to 3 decimals at most; write integral values as ints (the CBS
    generalised boundaries have whole-metre vertices, keep them that way)."""
    r = round(float(v), 3)
    return int(r) if r == int(r) else r


def _clean_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [_num(c) for c in obj]
        return [_clean_coords(o) for o in obj]
    return obj


def _oriented(geom):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 advice), so the
    output does not depend on what ring order GEOS happened to return."""
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    raise TypeError(f"unexpected geometry type {geom.geom_type}")


def load_wijken(ref_dir):
    with open(ref_dir / WIJKEN_FILE, encoding="utf-8") as fh:
        fc = json.load(fh)
    crs = fc.get("crs", {}).get("properties", {}).get("name", "")
    if "28992" not in crs:
        raise SystemExit(f"{WIJKEN_FILE}: expected EPSG:28992, got {crs!r}")
    return {f["properties"]["statcode"]: shape(f["geometry"]) for f in fc["features"]}


def population_per_wijk(ref_dir):
    """Sum buurt inwoners per wijk: buurt code BU1696WWxx nests in wijk WK1696WW."""
    per_wijk = {}
    with open(ref_dir / BUURTEN_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["buurtcode"].strip()
            if not (code.startswith("BU") and len(code) == 10):
                raise SystemExit(f"unexpected buurt code {code!r}")
            wijk = "WK" + code[2:8]
            per_wijk[wijk] = per_wijk.get(wijk, 0) + int(row["inwoners"])
    return per_wijk


def build_features(wijken, pop_per_wijk):
    features = []
    for code, name, aliases, wijk_codes in KERNEN:
        parts = [wijken[w] for w in wijk_codes]
        geom = parts[0] if len(parts) == 1 else unary_union(parts)
        geom = _oriented(geom)
        if not geom.is_valid:
            raise SystemExit(f"{code}: geometry is not valid")
        gj = mapping(geom)
        features.append({
            "type": "Feature",
            "properties": {
                "code": code,
                "name": name,
                "aliases": ";".join(aliases),
                "population": sum(pop_per_wijk.get(w, 0) for w in wijk_codes),
                "cbs_wijken": ";".join(wijk_codes),
            },
            "geometry": {"type": gj["type"], "coordinates": _clean_coords(gj["coordinates"])},
        })
    return features


def check(features, wijken):
    total_pop = sum(f["properties"]["population"] for f in features)
    if total_pop != EXPECTED_TOTAL_POPULATION:
        raise SystemExit(f"population sums to {total_pop}, expected {EXPECTED_TOTAL_POPULATION}")
    used = sorted(w for f in features for w in f["properties"]["cbs_wijken"].split(";"))
    if used != sorted(wijken):
        raise SystemExit(f"wijken used {used} != wijken in file {sorted(wijken)}")
    geoms = [shape(f["geometry"]) for f in features]
    area = sum(g.area for g in geoms) / 1e6
    # Kernen must not overlap, otherwise point-in-kern assignment is ambiguous.
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if geoms[i].intersection(geoms[j]).area > 1.0:
                raise SystemExit(f"kernen {i} and {j} overlap")
    return total_pop, area


def write_geojson(features, path):
    fc = {
        "type": "FeatureCollection",
        "name": "kernen_wijdemeren",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
    # One feature per line keeps diffs readable and the bytes deterministic.
    lines = ['{"type": "FeatureCollection",',
             '"name": ' + json.dumps(fc["name"]) + ",",
             '"crs": ' + json.dumps(fc["crs"]) + ",",
             '"features": [']
    body = [json.dumps(f, ensure_ascii=False, separators=(", ", ": ")) for f in features]
    lines.append(",\n".join(body))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ref_dir", nargs="?", default=str(DEFAULT_REF_DIR),
                    help="directory with the CBS/NS reference files (default: ../shared/data)")
    ap.add_argument("--out-dir", default=str(DEFAULT_OUT_DIR),
                    help="output directory (default: datasets/wijdemeren)")
    args = ap.parse_args(argv)
    ref_dir, out_dir = Path(args.ref_dir), Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    wijken = load_wijken(ref_dir)
    features = build_features(wijken, population_per_wijk(ref_dir))
    total_pop, area = check(features, wijken)
    write_geojson(features, out_dir / "kernen.geojson")
    # The stations are used as they are (WGS84); copying keeps them byte-identical.
    shutil.copyfile(ref_dir / STATIONS_FILE, out_dir / "stations_wgs84.geojson")

    for f in features:
        p = f["properties"]
        print(f"{p['code']}  {p['name']:<20} pop {p['population']:>5}  "
              f"area {shape(f['geometry']).area / 1e6:6.2f} km2  {p['cbs_wijken']}")
    print(f"total population {total_pop}, total area {area:.2f} km2 -> {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
