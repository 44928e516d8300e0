"""Checks on the embedded Wijdemeren dataset (datasets/wijdemeren).

The kernen are real CBS data derived once by datasets/generate/derive_kernen.py;
the register is synthetic, made by datasets/generate/generate_register.py, which
also writes datasets/truth/wijdemeren_generator_truth.csv (its intentions per id).
The road network, facilities and lakes are made by datasets/generate/generate_roads.py.
These tests only read files under datasets/ (never ../shared) and use numpy,
shapely, csv and the standard library; the road-network tests also use networkx and
pyproj (skipped when missing).

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


# --- accessibility: synthetic roads, facilities, lakes ----------------------------
# The road network is SYNTHETIC (datasets/generate/generate_roads.py); the stations are
# real (projected from stations_wgs84.geojson); ramps, bus stops and lakes are approximate.

ROADS_GENERATOR = REPO / "datasets" / "generate" / "generate_roads.py"
ROAD_FILES = ("roads.geojson", "facilities.geojson", "lakes.geojson")
RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
ROAD_CLASSES = {"primary", "secondary", "tertiary", "unclassified", "residential"}
FACILITY_TYPES = {"station", "motorway_ramp", "bus_stop"}


def _load(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def roads():
    return _load("roads.geojson")


@pytest.fixture(scope="module")
def road_lines(roads):
    return [shape(f["geometry"]) for f in roads["features"]]


@pytest.fixture(scope="module")
def facilities():
    return _load("facilities.geojson")


@pytest.fixture(scope="module")
def road_graph(roads):
    """Undirected graph of the line ends: the engine makes nodes only where ends meet."""
    nx = pytest.importorskip("networkx")
    g = nx.Graph()
    for k, f in enumerate(roads["features"]):
        c = f["geometry"]["coordinates"]
        g.add_edge(tuple(c[0]), tuple(c[-1]), line=k)
    return g


def test_roads_regenerate_byte_identical(tmp_path):
    subprocess.run([sys.executable, str(ROADS_GENERATOR), "--out-dir", str(tmp_path), "--quiet"],
                   check=True, cwd=REPO)
    for name in ROAD_FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_roads_other_seed_gives_other_streets(tmp_path):
    subprocess.run([sys.executable, str(ROADS_GENERATOR), "--seed", "7", "--out-dir",
                    str(tmp_path), "--quiet"], check=True, cwd=REPO)
    assert (tmp_path / "roads.geojson").read_bytes() != (DATA / "roads.geojson").read_bytes()
    # the hand-placed facilities do not depend on the seed
    for name in ("facilities.geojson", "lakes.geojson"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_roads_structure(roads, road_lines):
    assert roads["crs"] == RD_CRS
    assert "SYNTHETIC" in roads["name"]
    props = [f["properties"] for f in roads["features"]]
    assert 500 <= len(props) <= 3000
    assert {p["road_class"] for p in props} == ROAD_CLASSES
    assert {p["oneway"] for p in props} == {"yes", "no"}
    assert 5 <= sum(p["oneway"] == "yes" for p in props) <= 30
    assert all(p["road_class"] == "residential" for p in props if p["oneway"] == "yes")
    assert all(p["name"] and p["source"].startswith("SYNTHETIC") for p in props)
    assert len({p["id"] for p in props}) == len(props)
    for f, line in zip(roads["features"], road_lines):
        coords = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "LineString" and len(coords) >= 2
        assert coords[0] != coords[-1], f["properties"]["id"]  # no line ends where it starts
        assert all(round(v, 1) == v for xy in coords for v in xy)  # 0.1 m grid
        assert line.length >= 3.0
    total_km = sum(line.length for line in road_lines) / 1000
    assert 150 < total_km < 400


def test_roads_meet_only_at_line_ends(roads, road_lines):
    """Lines touch only where an end of each lies: no crossing without a node, no end
    on another line's middle, no shared interior vertex the engine would not join."""
    import shapely
    ends = [{tuple(f["geometry"]["coordinates"][0]), tuple(f["geometry"]["coordinates"][-1])}
            for f in roads["features"]]
    tree = shapely.STRtree(road_lines)
    left, right = tree.query(road_lines, predicate="intersects")
    pairs = 0
    for i, j in zip(left, right):
        if i >= j:
            continue
        pairs += 1
        meet = road_lines[i].intersection(road_lines[j])
        points = [meet] if meet.geom_type == "Point" else list(getattr(meet, "geoms", []))
        assert points and all(p.geom_type == "Point" for p in points), (i, j, meet.wkt)
        for p in points:
            assert (p.x, p.y) in ends[i] and (p.x, p.y) in ends[j], (i, j, p.wkt)
    assert pairs > len(road_lines)  # a real network: most lines meet several others


def test_roads_network_is_one_component(road_graph, roads, kern_geoms):
    nx = pytest.importorskip("networkx")
    components = list(nx.connected_components(road_graph))
    assert len(components) == 1
    # every kern has a street network of its own, inside the one component
    streets = {code: 0 for code in KERN_ORDER}
    for f in roads["features"]:
        if f["properties"]["road_class"] != "residential":
            continue
        mid = shape(f["geometry"]).interpolate(0.5, normalized=True)
        for code, geom in kern_geoms.items():
            if geom.contains(mid):
                streets[code] += 1
    assert min(streets.values()) >= 20, streets


def test_roads_one_way_streets_keep_every_node_reachable(roads):
    nx = pytest.importorskip("networkx")
    g = nx.DiGraph()
    for f in roads["features"]:
        c = f["geometry"]["coordinates"]
        a, b = tuple(c[0]), tuple(c[-1])
        g.add_edge(a, b)
        if f["properties"]["oneway"] == "no":
            g.add_edge(b, a)
    assert nx.is_strongly_connected(g)


def test_roads_every_facility_on_the_network(facilities, road_lines, road_graph):
    import shapely
    ends = set(road_graph.nodes)
    tree = shapely.STRtree(road_lines)
    for f in facilities["features"]:
        x, y = f["geometry"]["coordinates"]
        p = Point(x, y)
        nearest = road_lines[tree.nearest(p)]
        assert nearest.distance(p) <= 300.0, f["properties"]["id"]
        if f["properties"]["type"] in ("station", "motorway_ramp"):
            assert (x, y) in ends, f["properties"]["id"]  # a road ends at it
        else:
            assert nearest.distance(p) < 1.0, f["properties"]["id"]  # on the main road


def test_roads_keep_out_of_the_lakes(road_lines):
    lakes = _load("lakes.geojson")
    assert lakes["crs"] == RD_CRS and "APPROXIMATE" in lakes["name"]
    names = {f["properties"]["name"] for f in lakes["features"]}
    assert {"Loosdrechtse Plassen", "Ankeveense Plassen", "Spiegelplas", "Wijde Blik"} <= names
    import shapely
    tree = shapely.STRtree(road_lines)
    at_shore = 0
    for f in lakes["features"]:
        assert f["properties"]["accuracy"] == "approximate"
        lake = shape(f["geometry"])
        assert lake.is_valid and lake.exterior.is_ccw
        # streets are clipped at the shore; snap-rounding may move an end by < 0.1 m
        inner = lake.buffer(-0.5)
        assert len(tree.query(inner, predicate="intersects")) == 0, f["properties"]["name"]
        at_shore += len(tree.query(lake.buffer(1.0), predicate="intersects"))
    # not vacuous: the lakes lie among the roads, and some streets were cut at a shore
    hull = shapely.union_all(road_lines).convex_hull
    assert all(hull.contains(shape(f["geometry"])) for f in lakes["features"])
    assert at_shore >= 2


def test_facilities_structure(facilities, kern_geoms):
    assert facilities["crs"] == RD_CRS
    feats = facilities["features"]
    ids = [f["properties"]["id"] for f in feats]
    assert len(set(ids)) == len(ids)
    assert len({f["properties"]["name"] for f in feats}) == len(feats)
    for f in feats:
        p = f["properties"]
        assert set(p) == {"id", "type", "name", "accuracy", "source"}
        assert p["type"] in FACILITY_TYPES and p["name"]
        assert p["accuracy"] == ("real" if p["type"] == "station" else "approximate")
        if p["accuracy"] == "approximate":
            assert p["source"].startswith("APPROXIMATE")
    by_type = {t: [f for f in feats if f["properties"]["type"] == t] for t in FACILITY_TYPES}
    assert len(by_type["station"]) == 7
    assert len(by_type["motorway_ramp"]) == 8
    motorways = {f["properties"]["name"].split()[0] for f in by_type["motorway_ramp"]}
    assert motorways == {"A1", "A2", "A27"}
    # at least one bus stop in every kern, and each lies in the kern its id names
    per_kern = {code: 0 for code in KERN_ORDER}
    for f in by_type["bus_stop"]:
        code = f["properties"]["id"].split("_")[1].upper()
        assert kern_geoms[code].contains(Point(f["geometry"]["coordinates"])), f["properties"]["id"]
        per_kern[code] += 1
    assert min(per_kern.values()) >= 2, per_kern


def test_facilities_stations_equal_the_real_copy(facilities):
    pyproj = pytest.importorskip("pyproj")
    to_rd = pyproj.Transformer.from_crs("OGC:CRS84", "EPSG:28992", always_xy=True)
    copy = _load("stations_wgs84.geojson")["features"]
    stations = [f for f in facilities["features"] if f["properties"]["type"] == "station"]
    assert [f["properties"]["name"] for f in stations] == [f["properties"]["name"] for f in copy]
    for fac, real in zip(stations, copy):
        assert fac["properties"]["id"] == "station_" + real["properties"]["ns_code"].lower()
        assert real["properties"]["source"] in fac["properties"]["source"]
        x, y = to_rd.transform(*real["geometry"]["coordinates"])
        fx, fy = fac["geometry"]["coordinates"]
        # rounded to 0.1 m when written
        assert abs(fx - x) <= 0.05 + 1e-9 and abs(fy - y) <= 0.05 + 1e-9, fac["properties"]["name"]


def test_default_config_roads_and_facilities(roads, facilities):
    with open(DATA / "kernkompas.toml", "rb") as fh:
        cfg = tomllib.load(fh)
    r = cfg["roads"]
    assert r["path"] == "roads.geojson" and r["format"] == "generic"
    assert r["split_at_shared_vertices"] is False and r["node_tolerance_m"] == 0.0
    assert r["fields"] == {"road_class": "road_class", "oneway": "oneway"}
    assert set(r["speeds"]) == {f["properties"]["road_class"] for f in roads["features"]}
    assert all(v > 0 for v in r["speeds"].values())
    fc = cfg["facilities"]
    assert fc["path"] == "facilities.geojson"
    assert fc["fields"] == {"type": "type", "id": "id", "name": "name"}
    assert "types" not in fc  # the file's values are the types
    assert set(facilities["features"][0]["properties"]) >= set(fc["fields"].values())
