"""The attacker test (issue 8, docs/disclosure.md): every suppressed value stays undetermined.

For a published table set (the default run of the embedded data, and generated small-kern
registers written into tmp_path) the test plays the attacker: it takes every published table
as read from the CSVs, builds the linear system of every relation between them --

  * the kern rows (buitengebied included) add up to vacancy_total,
  * the kern x sector cells, and the kern x function cells, of a kern add up to its kern row,
  * the hot-spot cells add up to vacancy_total (n_units, n_vacant),
  * within a row: n_units_with_status = n_occupied + n_vacant,
    n_units_with_status + n_status_unknown = n_locations (published establishment counts),
    vacant_floor_m2 <= total_floor_m2,

-- with every withheld cell an unknown (non-negative; counts integer-valued), and solves for
the minimum and the maximum of each withheld n_vacant, n_occupied, vacant_floor_m2 and
total_floor_m2 with scipy.optimize.linprog. A value whose bounds admit one integer (counts)
or coincide (floor m2) is determined exactly, and the test fails naming it. Plain differencing
(a relation with exactly one withheld cell) is checked on its own first, for a clearer message.

The program is found by tests/python/build_paths.py (KK_CLI, else the build tree, else PATH).
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize as scipy_optimize

from build_paths import find_cli

REPO = Path(__file__).resolve().parents[2]

COUNTS = ["n_status_unknown", "n_units_with_status", "n_occupied", "n_vacant"]
FLOORS = ["vacant_floor_m2", "total_floor_m2"]
ATTACKED = ["n_vacant", "n_occupied", "vacant_floor_m2", "total_floor_m2"]


def run_cli(args: list[str], out: Path) -> Path:
    cli, where = find_cli()
    if cli is None:
        pytest.fail(f"no kernkompas program ({where}): build it or set KK_CLI", pytrace=False)
    proc = subprocess.run([str(cli), "run", *args, "--out", str(out), "-q"], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Attack:
    """The published tables as a linear system: cells are constants or unknowns."""

    def __init__(self, out: Path):
        self.unknowns: dict[tuple, int] = {}   # (table, row, column) -> variable index
        self.integer: list[bool] = []
        self.eq: list[tuple[dict[int, float], float]] = []   # sum coef*x = rhs
        self.le: list[tuple[dict[int, float], float]] = []   # sum coef*x <= rhs
        self.relations: list[tuple[str, list[tuple], tuple | None]] = []
        self.tables = {
            "kern": read_csv(out / "kern_indicators.csv"),
            "total": read_csv(out / "vacancy_total.csv"),
            "sector": read_csv(out / "kern_sector.csv"),
            "function": read_csv(out / "kern_function.csv"),
            "hotspot": read_csv(out / "vacancy_hotspot.csv"),
        }
        assert self.tables["kern"] and self.tables["total"], f"no vacancy tables in {out}"
        self._build()

    # A cell: ("const", value) or ("var", index).
    def cell(self, table: str, row: int, column: str):
        name = "n_units" if table == "hotspot" and column == "n_units_with_status" else column
        record = self.tables[table][row]
        text = record.get(name)
        if text is None:
            return None
        withheld = record.get("suppressed") == "1" or any(
            part.split(":")[0] == column for part in record.get("magnitude_suppressed", "").split(";"))
        if not withheld:
            # An empty published cell is a sum over no units (NaN): 0.
            return ("const", float(text) if text != "" else 0.0)
        assert text == "", f"{table} row {row}: {column} is flagged withheld but published"
        key = (table, row, column)
        if key not in self.unknowns:
            self.unknowns[key] = len(self.unknowns)
            self.integer.append(column.startswith("n_"))
        return ("var", self.unknowns[key])

    def _linear(self, terms) -> tuple[dict[int, float], float]:
        coef: dict[int, float] = {}
        rhs = 0.0
        for sign, c in terms:
            if c[0] == "const":
                rhs -= sign * c[1]
            else:
                coef[c[1]] = coef.get(c[1], 0.0) + sign
        return coef, rhs

    def add_eq(self, terms, tolerance=0.0):
        coef, rhs = self._linear(terms)
        if not coef:
            return
        if tolerance == 0.0:
            self.eq.append((coef, rhs))
        else:  # published reals are rounded: |sum - rhs| <= tolerance
            self.le.append((coef, rhs + tolerance))
            self.le.append(({k: -v for k, v in coef.items()}, -rhs + tolerance))

    def relation(self, label, members, margin):
        """margin = sum(members), for every count and floor column both sides have."""
        self.relations.append((label, members, margin))
        for column in COUNTS + FLOORS:
            cells = [self.cell(t, r, column) for t, r in members]
            top = self.cell(*margin, column)
            if top is None or any(c is None for c in cells):
                continue
            # A published NaN floor sum means "no unit with a floor area": 0.
            cells = [("const", 0.0) if c[0] == "const" and math.isnan(c[1]) else c for c in cells]
            if top[0] == "const" and math.isnan(top[1]):
                top = ("const", 0.0)
            terms = [(1.0, top)] + [(-1.0, c) for c in cells]
            self.add_eq(terms, tolerance=0.0 if column.startswith("n_") else 0.02 * len(terms))

    def _build(self):
        kern = self.tables["kern"]
        codes = {row["kern_code"]: i for i, row in enumerate(kern)}
        self.relation("kernen -> total", [("kern", i) for i in range(len(kern))], ("total", 0))
        if self.tables["hotspot"]:
            self.relation("hot-spot cells -> total",
                          [("hotspot", i) for i in range(len(self.tables["hotspot"]))], ("total", 0))
        for table in ("sector", "function"):
            groups: dict[str, list[tuple]] = {}
            for i, row in enumerate(self.tables[table]):
                groups.setdefault(row["kern_code"], []).append((table, i))
            for code, members in groups.items():
                self.relation(f"{table} cells of {code} -> kern row", members, ("kern", codes[code]))
        for table, rows in self.tables.items():
            for r in range(len(rows)):
                units = self.cell(table, r, "n_units_with_status")
                vacant = self.cell(table, r, "n_vacant")
                occupied = self.cell(table, r, "n_occupied")
                if units and vacant and occupied:
                    self.add_eq([(1.0, units), (-1.0, vacant), (-1.0, occupied)])
                unknown = self.cell(table, r, "n_status_unknown")
                locations = rows[r].get("n_locations", "")
                if units and unknown and locations != "":
                    self.add_eq([(1.0, units), (1.0, unknown), (-1.0, ("const", float(locations)))])
                vf, tf = self.cell(table, r, "vacant_floor_m2"), self.cell(table, r, "total_floor_m2")
                if vf and tf and (vf[0] == "var" or tf[0] == "var"):
                    coef, rhs = self._linear([(1.0, vf), (-1.0, tf)])
                    if coef:
                        self.le.append((coef, rhs))

    def differencing(self) -> list[str]:
        """Relations with exactly one withheld cell in a column."""
        found = []
        for label, members, margin in self.relations:
            for column in ATTACKED:
                cells = [self.cell(*m, column) for m in members] + [self.cell(*margin, column)]
                if any(c is None for c in cells):
                    continue
                hidden = [c for c in cells if c[0] == "var"]
                if len(hidden) == 1:
                    found.append(f"{label}: {column} recovered by differencing")
        return found

    def bounds(self) -> dict[tuple, tuple[float, float]]:
        """Min and max of every attacked unknown. Every LP solution is a feasible point: a
        variable seen at values at least 1 apart (counts; 0.5 m2 for floors) is not determined,
        and its remaining LPs are skipped."""
        from scipy.sparse import csr_matrix

        n = len(self.unknowns)
        if n == 0:
            return {}

        def matrix(rows):
            data, ri, ci, b = [], [], [], np.zeros(len(rows))
            for i, (coef, rhs) in enumerate(rows):
                for k, v in coef.items():
                    data.append(v)
                    ri.append(i)
                    ci.append(k)
                b[i] = rhs
            return csr_matrix((data, (ri, ci)), shape=(len(rows), n)), b

        a_eq, b_eq = matrix(self.eq) if self.eq else (None, None)
        a_ub, b_ub = matrix(self.le) if self.le else (None, None)
        seen_low = np.full(n, np.inf)
        seen_high = np.full(n, -np.inf)
        width = np.array([1.0 if i else 0.5 for i in self.integer])

        def solve(c):
            res = scipy_optimize.linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                                         bounds=(0, None), method="highs")
            if res.status == 0:
                np.minimum(seen_low, res.x, out=seen_low)
                np.maximum(seen_high, res.x, out=seen_high)
            return res

        out = {}
        for key, index in self.unknowns.items():
            if key[2] not in ATTACKED:
                continue
            if seen_high[index] - seen_low[index] >= width[index] - 1e-9:
                out[key] = (seen_low[index], seen_high[index])
                continue
            c = np.zeros(n)
            c[index] = 1.0
            lo = solve(c)
            assert lo.status == 0, f"the published tables are inconsistent for {key}: {lo.message}"
            if seen_high[index] - seen_low[index] >= width[index] - 1e-9:
                out[key] = (seen_low[index], seen_high[index])
                continue
            hi = solve(-c)
            high = math.inf if hi.status == 3 else -hi.fun
            out[key] = (lo.fun, high)
        return out

    def determined(self) -> list[str]:
        found = []
        for key, (low, high) in self.bounds().items():
            integer = self.integer[self.unknowns[key]]
            if integer:
                exact = math.floor(high + 1e-6) <= math.ceil(low - 1e-6)
            else:
                exact = high - low < 0.5
            if exact:
                table, row, column = key
                found.append(f"{table} row {row} ({self.tables[table][row].get('kern_code', '')}"
                             f" {self.tables[table][row].get('sbi_section', self.tables[table][row].get('function', ''))})"
                             f": {column} in [{low:g}, {high:g}]")
        return found


def assert_safe(out: Path):
    attack = Attack(out)
    problems = attack.differencing() + attack.determined()
    assert not problems, "suppressed values recovered:\n  " + "\n  ".join(problems)
    return attack


# --- generated small-kern cases ---------------------------------------------------------

def square(x0: float, y0: float, size: float) -> list:
    return [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]]


def write_case(directory: Path, kernen: dict[str, list[dict]]) -> list[str]:
    """kernen: code -> list of units {sbi, status, floor}; each kern a 1 km square in a row.
    Returns the CLI arguments."""
    features, rows = [], []
    for k, (code, units) in enumerate(kernen.items()):
        x0 = 130000.0 + 2000.0 * k
        features.append({"type": "Feature",
                         "properties": {"code": code, "name": f"Kern {code}", "population": 1000},
                         "geometry": {"type": "Polygon", "coordinates": square(x0, 470000.0, 1000.0)}})
        for i, unit in enumerate(units):
            rows.append({"id": f"{code}{i:04d}", "name": f"unit {code} {i}", "sbi": unit["sbi"],
                         "x": f"{x0 + 50 + (i % 18) * 50:.1f}", "y": f"{470050 + (i // 18) * 50:.1f}",
                         "floor_area_m2": unit.get("floor", 100), "status": unit["status"],
                         "function": unit.get("function", "winkelfunctie"),
                         "snapshot_date": "2025-01-01"})
    (directory / "kernen.geojson").write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features}), encoding="utf-8")
    with (directory / "locations.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (directory / "case.toml").write_text("""
[analysis]
name = "Generated"
working_crs = "EPSG:28992"
[kernen]
path = "kernen.geojson"
[kernen.fields]
code = "code"
name = "name"
population = "population"
[locations]
path = "locations.csv"
x = "x"
y = "y"
crs = "EPSG:28992"
[locations.fields]
id = "id"
name = "name"
sbi = "sbi"
floor_area_m2 = "floor_area_m2"
status = "status"
function = "function"
snapshot_date = "snapshot_date"
""", encoding="utf-8")
    return ["-c", str(directory / "case.toml")]


def units(sbi: str, occupied: int, vacant: int, floor=100, function="winkelfunctie") -> list[dict]:
    return ([{"sbi": sbi, "status": "occupied", "floor": floor, "function": function}] * occupied
            + [{"sbi": sbi, "status": "vacant", "floor": floor, "function": function}] * vacant)


SBI = {"G": "47.11", "C": "10.71", "I": "56.10", "M": "69.10", "S": "96.02"}

CASES = {
    # One kern with one small sector cell: kern row minus the other cells would give it away.
    "one_small_sector_cell": {
        "AAA": units(SBI["G"], 15, 3) + units(SBI["C"], 1, 1) + units(SBI["I"], 7, 2),
        "BBB": units(SBI["G"], 20, 4) + units(SBI["M"], 9, 1),
    },
    # A kern with three units: the municipality total minus the other kernen.
    "small_kern": {
        "AAA": units(SBI["G"], 18, 3) + units(SBI["I"], 6, 1),
        "BBB": units(SBI["G"], 1, 2),
        "CCC": units(SBI["G"], 12, 2) + units(SBI["M"], 5, 2),
    },
    # Small cells whose vacancies are all 0: a complement with 0 vacant would not hide them.
    "zero_cells": {
        "AAA": units(SBI["G"], 14, 4) + units(SBI["C"], 2, 0) + units(SBI["S"], 3, 0)
        + units(SBI["I"], 8, 0),
        "BBB": units(SBI["G"], 10, 2) + units(SBI["M"], 6, 1),
    },
    # One dominant floor area: the magnitude rule, then its complement.
    "dominance": {
        "AAA": units(SBI["G"], 12, 0, floor=80) + units(SBI["G"], 0, 1, floor=4000)
        + units(SBI["G"], 0, 2, floor=60) + units(SBI["I"], 9, 1, floor=120),
        "BBB": units(SBI["G"], 15, 3, floor=90) + units(SBI["I"], 6, 2, floor=150),
    },
}


def random_case(seed: int) -> dict[str, list[dict]]:
    rng = np.random.default_rng(seed)
    kernen = {}
    for k in range(int(rng.integers(2, 5))):
        unit_list: list[dict] = []
        for section in rng.choice(list(SBI), size=int(rng.integers(1, 5)), replace=False):
            n = int(rng.integers(1, 15))
            vacant = int(rng.binomial(n, 0.2))
            unit_list += units(SBI[str(section)], n - vacant, vacant,
                               floor=int(rng.integers(30, 400)),
                               function=str(rng.choice(["winkelfunctie", "kantoorfunctie"])))
        kernen[f"K{k:02d}"] = unit_list
    return kernen


def test_default_run_suppressed_values_stay_undetermined(tmp_path):
    attack = assert_safe(run_cli([], tmp_path / "out"))
    assert attack.unknowns, "the default run suppresses nothing: the test would prove nothing"


@pytest.mark.parametrize("case", sorted(CASES))
def test_small_kern_cases(case, tmp_path):
    args = write_case(tmp_path, CASES[case])
    attack = assert_safe(run_cli(args, tmp_path / "out"))
    assert attack.unknowns, f"{case}: nothing suppressed"


@pytest.mark.parametrize("seed", range(6))
def test_random_small_registers(seed, tmp_path):
    args = write_case(tmp_path, random_case(seed))
    assert_safe(run_cli(args, tmp_path / "out"))


def test_one_small_sector_cell_is_suppressed_with_a_complement(tmp_path):
    """Hand-checked: AAA x C (2 units) is primary; the smallest other cell of AAA (I, 9 units)
    is its secondary complement; the rest of AAA and the kern rows stay published."""
    out = run_cli(write_case(tmp_path, CASES["one_small_sector_cell"]), tmp_path / "out")
    sector = {(r["kern_code"], r["sbi_section"]): r for r in read_csv(out / "kern_sector.csv")}
    assert sector[("AAA", "C")]["suppression_kind"] == "primary"
    assert sector[("AAA", "C")]["n_vacant"] == ""
    assert sector[("AAA", "C")]["n_locations"] == "2"  # establishment counts stay published
    assert sector[("AAA", "I")]["suppression_kind"] == "secondary"
    assert sector[("AAA", "I")]["n_vacant"] == ""
    assert sector[("AAA", "G")]["suppressed"] == "0"
    assert sector[("AAA", "G")]["n_vacant"] == "3"
    kern = {r["kern_code"]: r for r in read_csv(out / "kern_indicators.csv")}
    assert kern["AAA"]["n_vacant"] == "6"
