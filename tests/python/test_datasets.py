"""Checks on the embedded Wijdemeren dataset (datasets/wijdemeren).

The kernen are real CBS data derived once by datasets/generate/derive_kernen.py;
the register is synthetic, made by datasets/generate/generate_register.py, which
also writes datasets/truth/wijdemeren_generator_truth.csv (its intentions per id).
These tests only read files under datasets/ (never ../shared) and use numpy,
shapely, csv and the standard library.

Run:  python -m pytest tests/python/test_datasets.py
"""

import csv
import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "datasets" / "wijdemeren"
GENERATOR = REPO / "datasets" / "generate" / "generate_register.py"
TRUTH = REPO / "datasets" / "truth" / "wijdemeren_generator_truth.csv"
COLUMNS = ["id", "name", "sbi", "x", "y", "floor_area_m2", "status", "vacant_since",
           "employees", "function", "snapshot_date"]
FUNCTIONS = {"winkelfunctie", "kantoorfunctie", "industriefunctie", "bijeenkomstfunctie",
             "logiesfunctie", "gezondheidszorgfunctie", "onderwijsfunctie", "sportfunctie",
             "overige gebruiksfunctie"}
KERN_ORDER = ["ANK", "BRV", "SGR", "KHF", "LSD", "NDB"]
SNAPSHOTS = {"locations_2024.csv": "2024-01-01", "locations.csv": "2025-01-01"}


def read_csv(name):
    """Read a CSV by file name in datasets/wijdemeren, or by full Path."""
    path = name if isinstance(name, Path) else DATA / name
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def kernen():
    with open(DATA / "kernen.geojson", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def kern_geoms(kernen):
    return {f["properties"]["code"]: shape(f["geometry"]) for f in kernen["features"]}


@pytest.fixture(scope="module")
def truth():
    _, rows = read_csv(TRUTH)
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module", params=list(SNAPSHOTS))
def snapshot(request):
    header, rows = read_csv(request.param)
    return request.param, header, rows


# --- reproducibility --------------------------------------------------------

def test_regeneration_is_byte_identical(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--out-dir", str(tmp_path),
                    "--truth-file", str(tmp_path / "truth.csv"), "--quiet"],
                   check=True, cwd=REPO)
    for name in ("locations.csv", "locations_2024.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    assert (tmp_path / "truth.csv").read_bytes() == TRUTH.read_bytes()


def test_other_seed_gives_other_register(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--seed", "7", "--out-dir", str(tmp_path),
                    "--truth-file", str(tmp_path / "truth.csv"), "--quiet"],
                   check=True, cwd=REPO)
    assert (tmp_path / "locations.csv").read_bytes() != (DATA / "locations.csv").read_bytes()


# --- kernen -----------------------------------------------------------------

def test_kernen_crs_and_order(kernen):
    assert kernen["type"] == "FeatureCollection"
    assert kernen["crs"] == {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    codes = [f["properties"]["code"] for f in kernen["features"]]
    names = [f["properties"]["name"] for f in kernen["features"]]
    assert codes == KERN_ORDER
    assert names == ["Ankeveen", "Breukeleveen", "'s-Graveland", "Kortenhoef", "Loosdrecht",
                     "Nederhorst den Berg"]
    for f in kernen["features"]:
        assert set(f["properties"]) == {"code", "name", "aliases", "population", "cbs_wijken"}


def test_kernen_population_sums_to_cbs_total(kernen):
    pops = {f["properties"]["code"]: f["properties"]["population"] for f in kernen["features"]}
    assert all(isinstance(p, int) and p > 0 for p in pops.values())
    assert sum(pops.values()) == 24605
    assert pops == {"ANK": 1495, "BRV": 190, "SGR": 1400, "KHF": 6600, "LSD": 9355, "NDB": 5565}


def test_kernen_area_and_validity(kern_geoms):
    for code, g in kern_geoms.items():
        assert g.is_valid, code
        assert g.geom_type in ("Polygon", "MultiPolygon"), code
    total_km2 = sum(g.area for g in kern_geoms.values()) / 1e6
    assert total_km2 == pytest.approx(77.05, abs=0.1)
    codes = list(kern_geoms)
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            assert kern_geoms[a].intersection(kern_geoms[b]).area < 1.0, (a, b)


def test_kernen_aliases_and_wijken(kernen):
    props = {f["properties"]["code"]: f["properties"] for f in kernen["features"]}
    assert props["BRV"]["aliases"].split(";") == ["Breukelveen"]
    assert props["KHF"]["aliases"].split(";") == ["Korthoef"]
    for code in ("ANK", "SGR", "LSD", "NDB"):
        assert props[code]["aliases"] == ""
    assert props["LSD"]["cbs_wijken"] == "WK169603;WK169604"
    wijken = sorted(w for p in props.values() for w in p["cbs_wijken"].split(";"))
    assert wijken == [f"WK16960{i}" for i in range(7)]


def test_stations_copied():
    with open(DATA / "stations_wgs84.geojson", encoding="utf-8") as fh:
        fc = json.load(fh)
    assert len(fc["features"]) == 7
    assert all(f["geometry"]["type"] == "Point" for f in fc["features"])


# --- register: structure ------------------------------------------------------

def test_columns_exact(snapshot):
    name, header, rows = snapshot
    assert header == COLUMNS
    with open(DATA / name, encoding="utf-8") as fh:
        assert fh.readline().rstrip("\n") == ",".join(COLUMNS)


def test_ids_unique_and_sorted(snapshot):
    _, _, rows = snapshot
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert all(len(i) == 9 and i.startswith("WDM") and i[3:].isdigit() for i in ids)


def test_field_values(snapshot):
    name, _, rows = snapshot
    for r in rows:
        assert r["snapshot_date"] == SNAPSHOTS[name]
        assert r["status"] in ("occupied", "vacant")
        assert r["function"] in FUNCTIONS
        assert r["name"].strip()
        sbi = r["sbi"]
        assert (len(sbi) == 5 and sbi[2] == "." and (sbi[:2] + sbi[3:]).isdigit()) or \
               (len(sbi) == 4 and sbi.isdigit()), sbi
        for c in ("x", "y"):
            assert len(r[c].split(".")[1]) == 1  # fixed 0.1 m formatting
        if r["floor_area_m2"]:
            assert float(r["floor_area_m2"]) > 0
        assert int(r["employees"]) >= 0
        if r["vacant_since"]:
            dt.date.fromisoformat(r["vacant_since"])
            assert r["vacant_since"] <= r["snapshot_date"]


def test_vacant_since_only_for_vacant(snapshot):
    _, _, rows = snapshot
    for r in rows:
        if r["status"] == "occupied":
            assert r["vacant_since"] == "", r["id"]
    vacant = [r for r in rows if r["status"] == "vacant"]
    unknown = sum(1 for r in vacant if not r["vacant_since"])
    assert 0 < unknown < len(vacant)


def test_shares_are_realistic(snapshot):
    _, _, rows = snapshot
    n = len(rows)
    vac = sum(r["status"] == "vacant" for r in rows) / n
    assert 0.06 <= vac <= 0.09
    no_floor = sum(not r["floor_area_m2"] for r in rows) / n
    assert 0.08 <= no_floor <= 0.16
    undotted = sum("." not in r["sbi"] for r in rows) / n
    assert 0.005 <= undotted <= 0.04


def test_size_of_2025_register():
    _, rows = read_csv("locations.csv")
    assert 3000 <= len(rows) <= 3400


# --- register: geography ------------------------------------------------------

def test_locations_in_intended_kern(snapshot, kern_geoms, truth):
    _, _, rows = snapshot
    outside = 0
    for r in rows:
        p = Point(float(r["x"]), float(r["y"]))
        inside = [k for k, g in kern_geoms.items() if g.contains(p)]
        intended = truth[r["id"]]["intended_kern"]
        if intended:
            assert inside == [intended], (r["id"], intended, inside)
        else:
            outside += 1
            assert inside == [], r["id"]
            d = min(g.distance(p) for g in kern_geoms.values())
            assert 50.0 <= d <= 400.0, (r["id"], d)
    assert 5 <= outside <= 20


def test_every_kern_has_locations(truth):
    _, rows = read_csv("locations.csv")
    per_kern = {}
    for r in rows:
        k = truth[r["id"]]["intended_kern"]
        per_kern[k] = per_kern.get(k, 0) + 1
    for code in KERN_ORDER:
        assert per_kern.get(code, 0) >= 20, code
    # Loosdrecht is the biggest business location, Breukeleveen the smallest.
    assert max(KERN_ORDER, key=lambda c: per_kern[c]) == "LSD"
    assert min(KERN_ORDER, key=lambda c: per_kern[c]) == "BRV"


# --- register: change between snapshots ----------------------------------------

def test_snapshot_changes_are_consistent(truth):
    old = {r["id"]: r for r in read_csv("locations_2024.csv")[1]}
    new = {r["id"]: r for r in read_csv("locations.csv")[1]}
    opened, closed = set(new) - set(old), set(old) - set(new)
    both = set(old) & set(new)
    assert opened and closed and len(both) > 0.9 * len(new)
    for i in opened:
        assert truth[i]["lifecycle"] == "opened"
    for i in closed:
        assert truth[i]["lifecycle"] == "closed"
    transitions = {"newly_vacant": 0, "reoccupied": 0}
    for i in both:
        a, b = old[i], new[i]
        assert (a["x"], a["y"], a["floor_area_m2"], a["function"]) == \
               (b["x"], b["y"], b["floor_area_m2"], b["function"]), i
        if a["status"] == "vacant" and b["status"] == "vacant":
            assert a["vacant_since"] == b["vacant_since"], i
            assert a["name"] == b["name"]
        elif a["status"] == "occupied" and b["status"] == "vacant":
            transitions["newly_vacant"] += 1
            # it was occupied on 2024-01-01, so it fell vacant after that date
            assert b["vacant_since"] == "" or "2024-01-01" < b["vacant_since"] <= "2025-01-01"
        elif a["status"] == "vacant" and b["status"] == "occupied":
            transitions["reoccupied"] += 1
    assert transitions["newly_vacant"] >= 10 and transitions["reoccupied"] >= 10


def _duration_classes(rows, snapshot_date):
    d0 = dt.date.fromisoformat(snapshot_date)
    classes = {"frictional": 0, "long_term": 0, "structural": 0}
    for r in rows:
        if r["status"] != "vacant" or not r["vacant_since"]:
            continue
        since = dt.date.fromisoformat(r["vacant_since"])
        three_years = d0.replace(year=d0.year - 3)
        one_year = d0.replace(year=d0.year - 1)
        if since <= three_years:
            classes["structural"] += 1
        elif since <= one_year:
            classes["long_term"] += 1
        else:
            classes["frictional"] += 1
    return classes


def test_duration_classes_represented(snapshot):
    name, _, rows = snapshot
    classes = _duration_classes(rows, SNAPSHOTS[name])
    assert all(v >= 5 for v in classes.values()), classes


def test_edge_case_vacancy_dates():
    _, rows = read_csv("locations.csv")
    since = {r["vacant_since"] for r in rows if r["status"] == "vacant"}
    # 365 days before 2025-01-01 (2024 is a leap year), one calendar year, exactly
    # three years, one day short of three years, one day, and the snapshot date.
    for d in ("2024-01-02", "2024-01-01", "2022-01-01", "2022-01-02", "2024-12-31", "2025-01-01"):
        assert d in since, d
    _, rows24 = read_csv("locations_2024.csv")
    since24 = {r["vacant_since"] for r in rows24 if r["status"] == "vacant"}
    for d in ("2023-01-01", "2021-01-01"):
        assert d in since24, d


def test_sector_mix_has_character(truth):
    _, rows = read_csv("locations.csv")

    def share(kern, prefixes):
        rs = [r for r in rows if truth[r["id"]]["intended_kern"] == kern]
        return sum(r["sbi"].replace(".", "")[:4].startswith(prefixes) for r in rs) / len(rs)

    water = ("9329", "3315", "3012", "7721", "5030")
    assert share("LSD", water) > 3 * share("KHF", water)
    assert share("ANK", ("01",)) > share("KHF", ("01",))


# --- config -------------------------------------------------------------------

def test_default_config():
    with open(DATA / "kernkompas.toml", "rb") as fh:
        cfg = tomllib.load(fh)
    assert cfg["analysis"] == {"working_crs": "EPSG:28992", "name": "Wijdemeren"}
    assert (DATA / cfg["kernen"]["path"]).is_file()
    assert (DATA / cfg["locations"]["path"]).is_file()
    assert cfg["locations"]["crs"] == "EPSG:28992"
    assert set(cfg["locations"]["fields"].values()) | {"x", "y"} == set(COLUMNS)
    assert [s["path"] for s in cfg["snapshots"]] == ["locations_2024.csv"]
    assert cfg["snapshots"][0]["date"] == "2024-01-01"
    for s in cfg["snapshots"]:
        assert (DATA / s["path"]).is_file()
