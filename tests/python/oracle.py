"""An independent recomputation of the default run's tables from its input files.

Nothing here calls kernkompas: the configuration is read with tomllib, the kernen and the
registers with geopandas and pandas, locations are assigned with geopandas `sjoin`, counts,
vacancy and duration classes come from pandas, the Wilson intervals from
scipy `binomtest(k, n).proportion_ci(method="wilson")`, areas from shapely in the CRS pyproj
confirms. The definitions are those of docs/indicators.md and docs/disclosure.md, written out
again here; tests/python/test_oracle_default_run.py compares the engine's output with them.

A row is a dict column -> value: int for counts and flags, float (NaN = empty) for reals,
str for codes and text, in the engine's column order.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
from scipy import stats
from scipy.spatial import cKDTree
from scipy.stats import binomtest

NAN = float("nan")
BUITENGEBIED = "buitengebied"

# docs/indicators.md: SBI section from the first two digits (the division).
SECTION_DIVISIONS = {
    "A": (1, 3), "B": (6, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}
SECTIONS = list(SECTION_DIVISIONS)
DURATION_CLASSES = ["frictional", "long_term", "structural", "duration_unknown"]

# docs/disclosure.md: the defaults of the [disclosure] section.
K = 5
MIN_UNITS = 10
MAGNITUDE_MIN_CONTRIBUTORS = 3
DOMINANCE_SHARE = 0.85
CONFIDENCE = 0.95

VACANCY_COLUMNS = [
    "n_status_unknown", "n_units_with_status", "n_occupied", "n_vacant", "vacancy_rate_units",
    "vacancy_rate_units_ci_low", "vacancy_rate_units_ci_high", "n_units_with_floor_area",
    "vacant_floor_m2", "total_floor_m2", "vacancy_rate_floor", "floor_area_coverage",
    *[f"n_{c}" for c in DURATION_CLASSES], "n_vacant_1y_plus",
    *[f"floor_m2_{c}" for c in DURATION_CLASSES], "benchmark_rate", "diff_pp", "below_min_units",
]
# Magnitude columns and the columns built on them (docs/disclosure.md).
MAGNITUDE_DEPENDENTS = {"vacant_floor_m2": ["vacancy_rate_floor"], "total_floor_m2": ["vacancy_rate_floor"],
                        **{f"floor_m2_{c}": [] for c in DURATION_CLASSES}}


@dataclass
class Cell:
    """One row of a table: its values, the units the count rule looks at, and per magnitude
    column (contributing units, largest contribution, value)."""
    values: dict
    units: int
    magnitudes: dict = field(default_factory=dict)

    def primary(self) -> bool:
        return 0 < self.units < K

    def primary_magnitudes(self) -> set[str]:
        """Magnitude columns the (n, k)-rule withholds in a row the count rule publishes."""
        if self.primary():
            return set()
        return {column for column, (contributors, largest, total) in self.magnitudes.items()
                if contributors > 0
                and (contributors < MAGNITUDE_MIN_CONTRIBUTORS or largest > DOMINANCE_SHARE * total)}


# --- inputs -------------------------------------------------------------------------------------


@dataclass
class Inputs:
    kernen: gpd.GeoDataFrame            # code, name, population, geometry (file order)
    register: gpd.GeoDataFrame          # the current register, with kern_code
    snapshots: list[gpd.GeoDataFrame]   # every register, oldest first, each with kern_code


def read_inputs(config_path: Path) -> Inputs:
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    folder = config_path.parent
    working = pyproj.CRS(config["analysis"]["working_crs"])
    kern_fields = config["kernen"]["fields"]
    kernen = gpd.read_file(folder / config["kernen"]["path"])
    assert pyproj.CRS(kernen.crs) == working, "the kernen are already in the working CRS"
    kernen = kernen.rename(columns={kern_fields[k]: k for k in ("code", "name", "population")})
    kernen = kernen[["code", "name", "population", "geometry"]].reset_index(drop=True)

    location = config["locations"]
    register = read_register(folder / location["path"], location, working)
    earlier = [read_register(folder / s["path"], location, working) for s in config.get("snapshots", [])]
    snapshots = sorted([*earlier, register], key=lambda r: r["snapshot_date"].iloc[0])
    for layer in snapshots:
        layer["kern_code"] = assign(kernen, layer)
    return Inputs(kernen, register, snapshots)


def read_register(path: Path, location: dict, working: pyproj.CRS) -> gpd.GeoDataFrame:
    fields = location["fields"]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table = table.rename(columns={fields[k]: k for k in fields})
    frame = gpd.GeoDataFrame(
        table, geometry=gpd.points_from_xy(table[location["x"]].astype(float), table[location["y"]].astype(float)),
        crs=location["crs"]).to_crs(working)
    frame["floor"] = pd.to_numeric(frame["floor_area_m2"].replace("", np.nan))
    frame["vacant_since"] = pd.to_datetime(frame["vacant_since"].replace("", None))
    frame["snapshot_date"] = pd.to_datetime(frame["snapshot_date"])
    return frame


def assign(kernen: gpd.GeoDataFrame, points: gpd.GeoDataFrame) -> pd.Series:
    """The kern whose polygon covers the point (boundary included, so `intersects` for a point);
    of several, the first in the kern layer; none: buitengebied (docs/indicators.md)."""
    joined = gpd.sjoin(points[["geometry"]], kernen[["geometry"]], predicate="intersects", how="left")
    first = joined["index_right"].groupby(level=0).min()
    codes = first.map(lambda i: BUITENGEBIED if pd.isna(i) else kernen["code"].iloc[int(i)])
    return codes.reindex(points.index)


def sbi_section(code: str) -> str:
    digits = code.strip().replace(".", "")
    if len(digits) < 2 or not digits[:2].isdigit():
        return "unknown"
    division = int(digits[:2])
    return next((s for s, (lo, hi) in SECTION_DIVISIONS.items() if lo <= division <= hi), "unknown")


def duration_class(since: pd.Timestamp, reference: pd.Timestamp) -> str:
    """Calendar anniversaries, pandas DateOffset (29 February -> 28 February)."""
    if pd.isna(since):
        return "duration_unknown"
    if reference < since + pd.DateOffset(years=1):
        return "frictional"
    if reference < since + pd.DateOffset(years=3):
        return "long_term"
    return "structural"


def kern_rows(inputs: Inputs) -> list[tuple[str, str]]:
    """(code, name) of every kern in file order, then buitengebied."""
    return [*zip(inputs.kernen["code"], inputs.kernen["name"]), (BUITENGEBIED, BUITENGEBIED)]


# --- vacancy --------------------------------------------------------------------------------------


def vacancy_cell(units: pd.DataFrame, benchmark_rate: float = NAN) -> Cell:
    """The vacancy columns over the locations `units` (one cell)."""
    known = units[units["status"].isin(["occupied", "vacant"])]
    vacant = known[known["status"] == "vacant"]
    n_units, n_vacant = len(known), len(vacant)
    reference = units["snapshot_date"].iloc[0] if len(units) else None
    classes = pd.Series([duration_class(s, reference) for s in vacant["vacant_since"]], index=vacant.index,
                        dtype=object)
    has_floor = np.isfinite(known["floor"]) & (known["floor"] > 0)
    floors = known.loc[has_floor, "floor"]
    vacant_floors = vacant.loc[has_floor[vacant.index], "floor"]
    n_floor = len(floors)

    def floor_sum(values: pd.Series) -> float:
        return float(values.sum()) if n_floor > 0 else NAN

    def ratio(a: float, b: float) -> float:
        return a / b if b > 0 else NAN

    rate = ratio(n_vacant, n_units)
    low = high = NAN
    if n_units > 0:
        interval = binomtest(n_vacant, n_units).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
        low, high = interval.low, interval.high
    values = {
        "n_status_unknown": len(units) - n_units, "n_units_with_status": n_units,
        "n_occupied": n_units - n_vacant, "n_vacant": n_vacant, "vacancy_rate_units": rate,
        "vacancy_rate_units_ci_low": low, "vacancy_rate_units_ci_high": high,
        "n_units_with_floor_area": n_floor, "vacant_floor_m2": floor_sum(vacant_floors),
        "total_floor_m2": floor_sum(floors),
        "vacancy_rate_floor": ratio(float(vacant_floors.sum()), float(floors.sum())),
        "floor_area_coverage": ratio(n_floor, n_units),
    }
    for c in DURATION_CLASSES:
        values[f"n_{c}"] = int((classes == c).sum())
    values["n_vacant_1y_plus"] = values["n_long_term"] + values["n_structural"]
    by_class = {c: vacant_floors[classes[vacant_floors.index] == c] for c in DURATION_CLASSES}
    for c in DURATION_CLASSES:
        values[f"floor_m2_{c}"] = floor_sum(by_class[c])
    values["benchmark_rate"] = benchmark_rate
    values["diff_pp"] = 100.0 * (rate - benchmark_rate)
    values["below_min_units"] = int(n_units < MIN_UNITS)

    def magnitude(contributions: pd.Series, value: float):
        return (len(contributions), float(contributions.max()) if len(contributions) else 0.0, value)

    magnitudes = {"vacant_floor_m2": magnitude(vacant_floors, values["vacant_floor_m2"]),
                  "total_floor_m2": magnitude(floors, values["total_floor_m2"])}
    for c in DURATION_CLASSES:
        magnitudes[f"floor_m2_{c}"] = magnitude(by_class[c], values[f"floor_m2_{c}"])
    return Cell(values, n_units, magnitudes)


def kern_table(inputs: Inputs) -> list[Cell]:
    """kern_indicators.csv: the basic columns, then the vacancy columns, per kern and buitengebied."""
    register = inputs.register
    sections = register["sbi"].map(sbi_section)
    cells = []
    for row, (code, name) in enumerate(kern_rows(inputs)):
        members = register[register["kern_code"] == code]
        values = {"kern_code": code, "kern_name": name, "n_locations": len(members)}
        for s in [*SECTIONS, "unknown"]:
            values[f"n_sbi_{s}"] = int((sections[members.index] == s).sum())
        if code == BUITENGEBIED:
            values.update(area_km2=NAN, density_per_km2=NAN, population=None,
                          locations_per_1000_inhabitants=NAN)
        else:
            kern = inputs.kernen.iloc[row]
            area_km2 = kern.geometry.area / 1e6
            population = int(kern["population"])
            values.update(area_km2=area_km2, density_per_km2=len(members) / area_km2, population=population,
                          locations_per_1000_inhabitants=1000.0 * len(members) / population)
        cell = vacancy_cell(members)
        nn = nearest_neighbour_columns(members, None if code == BUITENGEBIED else inputs.kernen.iloc[row].geometry)
        diversity = diversity_columns(sections[members.index])
        cells.append(Cell({**values, **cell.values, **nn, **diversity}, cell.units, cell.magnitudes))
    return cells


# The clustering family's sector diversity per kern (a location statistic: kept in a row whose
# vacancy is withheld).
DIVERSITY = ["sbi_shannon", "sbi_evenness", "sbi_evenness_21", "sbi_hhi", "sbi_sections_present"]


def diversity_columns(sections: pd.Series) -> dict:
    """Shannon H (scipy.stats.entropy, natural log), H / ln S, H / ln 21 and HHI of the SBI
    section shares of one kern's locations (those with a section); NaN without any."""
    counts = sections[sections != "unknown"].value_counts()
    if counts.empty:
        return dict(zip(DIVERSITY, [NAN, NAN, NAN, NAN, 0]))
    p = (counts / counts.sum()).to_numpy()
    h = float(stats.entropy(p))
    return dict(zip(DIVERSITY, [h, h / math.log(len(p)) if len(p) > 1 else NAN, h / math.log(21),
                                float((p**2).sum()), len(p)]))


# The clustering family's kern columns; location statistics, kept in a row whose vacancy
# disclosure control withholds (like n_locations).
NEAREST_NEIGHBOUR = ["nn_mean_m", "clark_evans_r", "clark_evans_z", "clark_evans_p",
                     "clark_evans_r_donnelly", "clark_evans_z_donnelly", "clark_evans_p_donnelly"]


def nearest_neighbour_columns(members: gpd.GeoDataFrame, kern_geometry) -> dict:
    """The clustering family's kern columns: mean nearest-neighbour distance (scipy's
    cKDTree) and Clark–Evans R, z and two-sided p, plain (Clark & Evans 1954) and with
    Donnelly's (1978) edge correction for the kern polygon's area and perimeter (shapely).
    NaN for buitengebied and for fewer than 2 locations (published output also withholds kernen
    of 1 … k − 1 locations; every kern of the default data has more)."""
    columns = NEAREST_NEIGHBOUR
    n = len(members)
    if kern_geometry is None or n < 2:
        return dict.fromkeys(columns, NAN)
    xy = np.column_stack([members.geometry.x, members.geometry.y])
    distance, _ = cKDTree(xy).query(xy, k=2)
    mean = float(distance[:, 1].mean())
    area, perimeter = kern_geometry.area, kern_geometry.length
    expected = 0.5 * math.sqrt(area / n)
    se = 0.26136 / math.sqrt(n * n / area)
    expected_d = expected + (0.0514 + 0.041 / math.sqrt(n)) * perimeter / n
    se_d = math.sqrt(0.0703 * area / n**2 + 0.037 * perimeter * math.sqrt(area / n**5))
    z, z_d = (mean - expected) / se, (mean - expected_d) / se_d
    return dict(zip(columns, [mean, mean / expected, z, 2 * stats.norm.sf(abs(z)),
                              mean / expected_d, z_d, 2 * stats.norm.sf(abs(z_d))]))


def total_table(inputs: Inputs) -> list[Cell]:
    """vacancy_total.csv: one row over the whole register."""
    return [vacancy_cell(inputs.register)]


def breakdown_table(inputs: Inputs, category: str) -> list[Cell]:
    """kern_sector.csv ("sbi_section") or kern_function.csv ("function"): a row per kern and
    category that has locations, by kern (file order) then category (sections A..U then
    unknown; functions by name, then unknown for an empty function)."""
    register = inputs.register
    if category == "sbi_section":
        order = {s: i for i, s in enumerate([*SECTIONS, "unknown"])}
        keys = register["sbi"].map(lambda code: (order[sbi_section(code)], sbi_section(code)))
    else:
        keys = register["function"].map(lambda f: (0, f) if f else (1, "unknown"))
    cells = []
    for code, name in kern_rows(inputs):
        members = register[register["kern_code"] == code]
        for key in sorted(set(keys[members.index])):
            label = key[1]
            in_cell = members[keys[members.index] == key]
            cell = vacancy_cell(in_cell)
            values = {"kern_code": code, "kern_name": name, category: label, "n_locations": len(in_cell),
                      **cell.values}
            cells.append(Cell(values, cell.units, cell.magnitudes))
    return cells


# --- change between snapshots --------------------------------------------------------------------


def change_table(inputs: Inputs) -> list[Cell]:
    """vacancy_change.csv: per consecutive pair of registers and kern, units matched by id.
    The count rule withholds a row when either snapshot has 1 to k - 1 units in the kern
    (docs/disclosure.md); a snapshot with none describes no unit."""
    cells = []
    for before, after in zip(inputs.snapshots, inputs.snapshots[1:]):
        start, end = before["snapshot_date"].iloc[0], after["snapshot_date"].iloc[0]
        cbs_rule = int(start.month == end.month == 1 and start.day == end.day == 1 and end.year == start.year + 1)
        status0 = before.set_index("id")["status"]
        status1 = after.set_index("id")["status"]
        for code, name in kern_rows(inputs):
            t0 = before[before["kern_code"] == code]
            t1 = after[after["kern_code"] == code]
            known0 = t0[t0["status"].isin(["occupied", "vacant"])]
            known1 = t1[t1["status"].isin(["occupied", "vacant"])]
            matched = t1[t1["id"].isin(status0.index)]
            was = status0.reindex(matched["id"]).to_numpy()
            now = matched["status"].to_numpy()
            n0, n1 = len(known0), len(known1)
            v0, v1 = int((known0["status"] == "vacant").sum()), int((known1["status"] == "vacant").sum())
            rate0 = v0 / n0 if n0 else NAN
            rate1 = v1 / n1 if n1 else NAN
            values = {
                "period_start": start.strftime("%Y-%m-%d"), "period_end": end.strftime("%Y-%m-%d"),
                "cbs_rule": cbs_rule, "kern_code": code, "kern_name": name,
                "n_units_t0": n0, "n_units_t1": n1, "n_vacant_t0": v0, "n_vacant_t1": v1,
                "opened": int((~t1["id"].isin(status0.index)).sum()),
                "closed": int((~t0["id"].isin(status1.index)).sum()),
                "newly_vacant": int(((was == "occupied") & (now == "vacant")).sum()),
                "re_occupied": int(((was == "vacant") & (now == "occupied")).sum()),
                "still_vacant": int(((was == "vacant") & (now == "vacant")).sum()),
                "rate_t0": rate0, "rate_t1": rate1, "rate_change_pp": 100.0 * (rate1 - rate0),
            }
            cells.append(Cell(values, min(n for n in (n0, n1) if n > 0) if n0 or n1 else 0))
    return cells


def same_value(actual, expected, rel: float = 1e-9) -> bool:
    """Exact for ints and text, rel for reals (NaN equals NaN: both empty)."""
    if isinstance(expected, float):
        if actual is None:
            return math.isnan(expected)
        if math.isnan(expected) or math.isnan(actual):
            return math.isnan(expected) and math.isnan(actual)
        return math.isclose(actual, expected, rel_tol=rel, abs_tol=0.0)
    return actual == expected
