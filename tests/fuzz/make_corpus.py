#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz harnesses (tests/fuzz/corpus/<harness>/) from the
project's test data and hand-written edge cases. Run it again after changing a seed here;
the files are committed, so the fuzz runs and the regression test need no Python."""
import math
import shutil
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
SEPARATOR = "\n%%\n"  # fuzz_read_path.cpp: kernen GeoJSON, locations CSV, option lines


def write(harness, name, content):
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def csv_values():
    lines = (ROOT / "tests/data/capi/locations.csv").read_text().splitlines()
    for i, line in enumerate(lines[1:4], 1):
        write("csv_values", f"record_{i}", "\n".join(line.split(",")))
    write("csv_values", "numbers", "52\n1,5\n+3\n-0\n 12 \n0.000001\n1e308\n1e309\nnan\ninf\n0x10\n1.000,5\n")
    write("csv_values", "negative", "-1\n-1e-300\n-inf\n")
    write("csv_values", "dates", "2025-01-01\n2024/02/29\n2023-02-29\n0000-01-01\n9999-12-31\n"
                                 "2025-01-01T00:00:00\n2025-01-01 12:00\n-999-01-01\n2025-13-01\n2025-1-01\n")
    write("csv_values", "statuses", "occupied\nBEZET\nin gebruik\nin_gebruik\nactive\nvacant\nLeeg\n"
                                    "leegstaand\nleegstand\nempty\nunknown\n")
    write("csv_values", "aliases", "Alfa; Alpha|Alfadorp\n;;|,\n  Kortenhoef ,\n")
    write("csv_values", "lonlat", "5.1\n52.2\n5,12\n52,25\n")
    write("csv_values", "lonlat_far", "179.9\n-89.9\n-180\n90\n")
    write("csv_values", "duplicate_ids", "P1\nP1\n\n\n")
    write("csv_values", "snapshots", "2025-01-01\n2025-01-01\n2024-01-01\n")
    write("csv_values", "blanks", " \t\r\n\r\n\t")


CONFIG_MINIMAL = '[kernen]\npath = "kernen.geojson"\n\n[locations]\npath = "locations.csv"\nx = "x"\ny = "y"\ncrs = "EPSG:28992"\n'


def config_reader():
    for source in ["datasets/wijdemeren/kernkompas.toml", "tests/data/golden/configured.toml",
                   "tests/data/capi/project.toml", "tests/data/capi/missing_column.toml",
                   "tests/data/capi/missing_path.toml"]:
        write("config_reader", Path(source).name.replace(".toml", "") + "_" + Path(source).parent.name,
              (ROOT / source).read_text())
    write("config_reader", "minimal", CONFIG_MINIMAL)
    options = {
        "permutations_1e10": "[hotspots]\npermutations = 1e10\n",
        "permutations_2e32": "[hotspots]\npermutations = 4294967296\n",
        "seed_1e30": "[execution]\nseed = 1e30\n",
        "seed_negative": "[execution]\nseed = -1\nthreads = 0\n",
        "disclosure_1e30": "[disclosure]\nk = 1e30\nmin_units = -3\ninternal = true\n",
        "cell_size_tiny": "[hotspots]\ncell_size_m = 1e-300\ndistance_band_m = nan\nvalue = \"count\"\nfdr_alpha = inf\n",
        "vacancy_dates": "[vacancy]\nreference_date = 2025-06-30\nvacant_since_floor = \"1900-01-01\"\nconfidence = 0.9\nbenchmark_rate = 0.07\n",
        "old_names": "[vacancy]\nhotspot_cell_size_m = 500\npermutations = 199\nseed = 99\ndisclosure_k = 3\n",
        "unknown_key": "[hotspots]\npermutation = 9\n",
    }
    for name, section in options.items():
        write("config_reader", name, CONFIG_MINIMAL + "\n" + section)
    write("config_reader", "working_crs_4326", '[analysis]\nworking_crs = "EPSG:4326"\nname = "X"\n\n' + CONFIG_MINIMAL)
    write("config_reader", "lonlat_wkt", '[kernen]\npath = "k.gpkg"\nlayer = "kernen"\nwkt = "geom"\n'
                                         '[locations]\npath = "l.csv"\nlon = "lon"\nlat = "lat"\n'
                                         '[locations.fields]\nid = "nr"\nstatus = "toestand"\n')
    write("config_reader", "snapshots", CONFIG_MINIMAL + '\n[[snapshots]]\npath = "a.csv"\ndate = 2024-01-01\n'
                                        '[[snapshots]]\npath = "b.csv"\ndate = "2023-02-29"\n')
    write("config_reader", "population", CONFIG_MINIMAL + '\n[population]\npath = "p.csv"\nx = "x"\ny = "y"\n'
                                         '[population.fields]\ninhabitants = "inw"\n')
    write("config_reader", "syntax_error", '[kernen\npath = "x\n')
    write("config_reader", "wrong_types", '[kernen]\npath = 3\n[locations]\npath = ["a"]\nfields = 1\n')


def polygon_wkb(rings, little=True, type_code=3, dims=2, srid=None):
    order = "<" if little else ">"
    code = type_code | (0x20000000 if srid is not None else 0)
    out = struct.pack(order + "BI", 1 if little else 0, code)
    if srid is not None:
        out += struct.pack(order + "I", srid)
    out += struct.pack(order + "I", len(rings))
    for ring in rings:
        out += struct.pack(order + "I", len(ring))
        for x, y in ring:
            out += struct.pack(order + "d" * dims, x, y, *([7.0] * (dims - 2)))
    return out


def multipolygon_wkb(polygons, little=True):
    order = "<" if little else ">"
    return struct.pack(order + "BII", 1 if little else 0, 6, len(polygons)) + b"".join(polygons)


def square(x, y, size):
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def wkb_reader():
    outer, hole = square(131000, 465000, 1000), square(131200, 465200, 200)
    write("wkb_reader", "polygon_le", polygon_wkb([outer]))
    write("wkb_reader", "polygon_be", polygon_wkb([outer], little=False))
    write("wkb_reader", "polygon_hole", polygon_wkb([outer, hole]))
    write("wkb_reader", "multipolygon", multipolygon_wkb([polygon_wkb([outer]), polygon_wkb([square(133000, 465000, 500)])]))
    write("wkb_reader", "ewkb_srid", polygon_wkb([outer], srid=28992))
    write("wkb_reader", "iso_z", polygon_wkb([outer], type_code=1003, dims=3))
    write("wkb_reader", "iso_zm", polygon_wkb([outer], type_code=3003, dims=4))
    write("wkb_reader", "ewkb_m", polygon_wkb([outer], type_code=3 | 0x40000000, dims=3))
    bowtie = [(131000, 465000), (132000, 466000), (132000, 465000), (131000, 466000), (131000, 465000)]
    write("wkb_reader", "bowtie", polygon_wkb([bowtie]))
    write("wkb_reader", "collapsed", polygon_wkb([[(131000, 465000), (132000, 465000), (131500, 465000), (131000, 465000)]]))
    write("wkb_reader", "unclosed", polygon_wkb([outer[:-1]]))
    write("wkb_reader", "empty", polygon_wkb([]))
    write("wkb_reader", "nan", polygon_wkb([[(math.nan, 465000)] + outer[1:]]))
    write("wkb_reader", "far_away", polygon_wkb([square(1e9, 1e9, 1e6)]))
    write("wkb_reader", "truncated", polygon_wkb([outer])[:-5])
    write("wkb_reader", "trailing", polygon_wkb([outer]) + b"\0\0")
    write("wkb_reader", "point", struct.pack("<BIdd", 1, 1, 131500, 465500))
    write("wkb_reader", "collection", struct.pack("<BII", 1, 7, 1) + polygon_wkb([outer]))
    write("wkb_reader", "huge_count", struct.pack("<BII", 1, 3, 0xFFFFFFFF))


def read_path():
    kernen = (ROOT / "tests/data/capi/kernen.geojson").read_text()
    locations = (ROOT / "tests/data/capi/locations.csv").read_text()
    write("read_path", "capi", kernen + SEPARATOR + locations)
    write("read_path", "capi_options", kernen + SEPARATOR + locations + SEPARATOR +
          "hotspots.cell_size_m=500\nhotspots.value=count\nvacancy.reference_date=2025-06-30\ndisclosure.internal=true\n")
    write("read_path", "capi_tiny_cells", kernen + SEPARATOR + locations + SEPARATOR + "hotspots.cell_size_m=1e-300\n")
    wijdemeren = (ROOT / "datasets/wijdemeren/kernen.geojson").read_text()
    register = "".join((ROOT / "datasets/wijdemeren/locations.csv").open().readlines()[:12])
    write("read_path", "wijdemeren", wijdemeren + SEPARATOR + register)
    lonlat = "id,lon,lat,status\nA,5.0,52.2,vacant\nB,5.01,52.21,occupied\n"
    write("read_path", "lonlat", kernen + SEPARATOR + lonlat)
    wkt = 'id,wkt,status\nA,"POINT (131500 465500)",vacant\nB,"MULTIPOINT ((133500 465500))",leeg\nC,"LINESTRING (0 0, 1 1)",bezet\n'
    write("read_path", "wkt", kernen + SEPARATOR + wkt)
    bowtie = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Strik"},'
              '"geometry":{"type":"Polygon","coordinates":[[[131000,465000],[132000,466000],[132000,465000],[131000,466000],[131000,465000]]]}}]}')
    write("read_path", "bowtie", bowtie + SEPARATOR + locations)
    multi = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Twee","code":"T"},'
             '"geometry":{"type":"MultiPolygon","coordinates":[[[[131000,465000],[132000,465000],[132000,466000],[131000,465000]]],'
             '[[[133000,465000],[134000,465000],[134000,466000],[133000,465000]]]]}}]}')
    write("read_path", "multipolygon", multi + SEPARATOR + locations)
    write("read_path", "bad_values", kernen + SEPARATOR +
          "id,x,y,floor_area_m2,status,vacant_since,employees\nA,131500,465500,-5,vacant,2999-01-01,x\nA,1e400,nan,,,,\n")
    write("read_path", "no_kernen", "{}" + SEPARATOR + locations)
    write("read_path", "empty_csv", kernen + SEPARATOR + "id,x,y\n")
    write("read_path", "quotes", kernen + SEPARATOR + 'id,x,y,name\n"A,131500,465500,"unbalanced\n')


if __name__ == "__main__":
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    csv_values()
    config_reader()
    wkb_reader()
    read_path()
