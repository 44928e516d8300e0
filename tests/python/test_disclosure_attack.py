"""The attacker test (issue 8, docs/disclosure.md): every suppressed value stays undetermined.

For a published table set (the default run of the embedded data, and generated small-kern
registers written into tmp_path) the test plays the attacker: it takes every published table
as read from the CSVs, builds the linear system of every relation between them --

  * the kern rows (buitengebied included) add up to vacancy_total,
  * the kern x sector cells, and the kern x function cells, of a kern add up to its kern row,
  * the hot-spot cells add up to vacancy_total (n_units, n_vacant),
    (for every count and floor column both sides have, the duration columns included)
  * within a row: n_units_with_status = n_occupied + n_vacant,
    n_units_with_status + n_status_unknown = n_locations (published establishment counts),
    vacant_floor_m2 <= total_floor_m2, the duration counts add up to n_vacant,
    n_vacant_1y_plus = n_long_term + n_structural, the floor_m2_<class> add up to
    vacant_floor_m2, a floor area over a count of 0 is 0,
  * vacancy_change: every column a sum of the units' transitions (Attack.change_rows), the
    t1 side of the last period = the kern row, the t1 side of a period = the next t0 side,

-- with every withheld cell an unknown (non-negative; counts integer-valued), and solves for
the minimum and the maximum of each attacked value with scipy.optimize.linprog. A value whose
bounds admit one integer (counts) or coincide (floor m2) is determined exactly, and the test
fails naming it (a breakdown value -- duration class, change flow -- may be determined as 0;
see STRICT). Plain differencing (a relation with exactly one withheld cell) is checked on its
own first, for a clearer message.

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

DURATION_CLASSES = ["frictional", "long_term", "structural", "duration_unknown"]
DURATION_COUNTS = [f"n_{c}" for c in DURATION_CLASSES]
DURATION_FLOORS = [f"floor_m2_{c}" for c in DURATION_CLASSES]
COUNTS = ["n_status_unknown", "n_units_with_status", "n_occupied", "n_vacant",
          *DURATION_COUNTS, "n_vacant_1y_plus"]
FLOORS = ["vacant_floor_m2", "total_floor_m2", *DURATION_FLOORS]
# vacancy_change (engine/src/vacancy/change.cpp): per kern and period.
CHANGE = ["n_units_t0", "n_units_t1", "n_vacant_t0", "n_vacant_t1", "opened", "closed",
          "newly_vacant", "re_occupied", "still_vacant"]
# The values the attacker tries to recover. STRICT ones may not be determined at all: a
# unit's status and floor area. The others break a vacancy down (duration classes, flows
# between snapshots): they may be determined to be 0 -- a zero cell describes no unit, and a
# 0 says of no unit whether it is vacant (the default of tau-ARGUS and of sdcTable's
# freq rule, allowZeros = FALSE) -- but never to any other value. n_units_t0/t1 are not
# attacked: like n_units_with_status they are establishment counts, published as n_locations
# (docs/disclosure.md).
STRICT = ["n_vacant", "n_occupied", "vacant_floor_m2", "total_floor_m2", "n_vacant_t0", "n_vacant_t1"]
ATTACKED = [*STRICT, *DURATION_COUNTS, "n_vacant_1y_plus", *DURATION_FLOORS,
            "opened", "closed", "newly_vacant", "re_occupied", "still_vacant"]
STATUSES = ("occupied", "vacant", "unknown")


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
        self.public: set[tuple] = set()   # withheld here, published under another name
        self.zeros: list[tuple] = []      # breakdown values determined to be 0 (allowed)
        self.tables = {
            "kern": read_csv(out / "kern_indicators.csv"),
            "total": read_csv(out / "vacancy_total.csv"),
            "sector": read_csv(out / "kern_sector.csv"),
            "function": read_csv(out / "kern_function.csv"),
            "hotspot": read_csv(out / "vacancy_hotspot.csv"),
            "change": read_csv(out / "vacancy_change.csv"),
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
            value = float(text) if text != "" else 0.0
            return ("const", 0.0 if math.isnan(value) else value)
        assert text == "", f"{table} row {row}: {column} is flagged withheld but published"
        return self.variable((table, row, column), integer=not _is_floor(column))

    def variable(self, key: tuple, integer: bool):
        if key not in self.unknowns:
            self.unknowns[key] = len(self.unknowns)
            self.integer.append(integer)
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
            self.add_eq(terms, tolerance=0.02 * len(terms) if _is_floor(column) else 0.0)

    def within_row(self, table: str, r: int):
        """The identities between the columns of one vacancy row."""
        rows = self.tables[table]
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
        # Duration classes: they partition the vacant units, and their floor areas the vacant
        # floor area; n_vacant_1y_plus = long_term + structural (vacancy.cpp).
        classes = [self.cell(table, r, c) for c in DURATION_COUNTS]
        if vacant and all(classes):
            self.add_eq([(1.0, vacant)] + [(-1.0, c) for c in classes])
        plus = self.cell(table, r, "n_vacant_1y_plus")
        if plus and classes[1] and classes[2]:
            self.add_eq([(1.0, plus), (-1.0, classes[1]), (-1.0, classes[2])])
        floors = [self.cell(table, r, c) for c in DURATION_FLOORS]
        if vf and all(floors):
            self.add_eq([(1.0, vf)] + [(-1.0, c) for c in floors], tolerance=0.02 * 5)
        # A sum over no unit is 0 m2: a class with no unit, no vacant unit, no unit with a
        # floor area.
        pairs = list(zip(classes, floors)) + [
            (vacant, vf), (self.cell(table, r, "n_units_with_floor_area"), tf)]
        for count, floor in pairs:
            if count and floor and count[0] == "const" and count[1] == 0.0:
                self.add_eq([(1.0, floor)], tolerance=0.01)

    def change_rows(self):
        """vacancy_change: every published column is a sum of the units' transitions.

        Per row, the unknowns are the counts of matched units by status at t0 and t1 (3 x 3),
        of opened units by status at t1 and of closed units by status at t0. Every column of
        change.cpp is a sum of them; the t1 side of the last period is the current register
        (the kern row: n_units_with_status, n_vacant, n_status_unknown), and the t1 side of a
        period is the t0 side of the next one, status by status."""
        change = self.tables["change"]
        if not change:
            return
        kern = {row["kern_code"]: i for i, row in enumerate(self.tables["kern"])}
        last = max(row["period_end"] for row in change)

        def latent(r, name):
            return self.variable(("change", r, "latent:" + name), integer=True)

        def at_t0(r, status):
            return [latent(r, f"m_{status}_{s1}") for s1 in STATUSES] + [latent(r, f"c_{status}")]

        def at_t1(r, status):
            return [latent(r, f"m_{s0}_{status}") for s0 in STATUSES] + [latent(r, f"o_{status}")]

        def equal(r, column, parts):
            cell = self.cell("change", r, column)
            if cell:
                self.add_eq([(1.0, cell)] + [(-1.0, p) for p in parts])

        by_start = {(row["kern_code"], row["period_start"]): i for i, row in enumerate(change)}
        for r, row in enumerate(change):
            equal(r, "n_units_t0", at_t0(r, "occupied") + at_t0(r, "vacant"))
            equal(r, "n_units_t1", at_t1(r, "occupied") + at_t1(r, "vacant"))
            equal(r, "n_vacant_t0", at_t0(r, "vacant"))
            equal(r, "n_vacant_t1", at_t1(r, "vacant"))
            equal(r, "opened", [latent(r, f"o_{s}") for s in STATUSES])
            equal(r, "closed", [latent(r, f"c_{s}") for s in STATUSES])
            equal(r, "newly_vacant", [latent(r, "m_occupied_vacant")])
            equal(r, "re_occupied", [latent(r, "m_vacant_occupied")])
            equal(r, "still_vacant", [latent(r, "m_vacant_vacant")])
            following = by_start.get((row["kern_code"], row["period_end"]))
            if following is not None:
                for status in STATUSES:
                    self.add_eq([(1.0, p) for p in at_t1(r, status)]
                                + [(-1.0, p) for p in at_t0(following, status)])
            if row["period_end"] == last and row["kern_code"] in kern:
                k = kern[row["kern_code"]]
                for column, parts in (("n_units_with_status", at_t1(r, "occupied") + at_t1(r, "vacant")),
                                      ("n_vacant", at_t1(r, "vacant")),
                                      ("n_occupied", at_t1(r, "occupied")),
                                      ("n_status_unknown", at_t1(r, "unknown"))):
                    cell = self.cell("kern", k, column)
                    if cell:
                        self.add_eq([(1.0, cell)] + [(-1.0, p) for p in parts])
                # The t1 side of a withheld change row is published in the kern row: it is
                # public, not recovered (docs/disclosure.md, limits).
                for own, published in (("n_units_t1", "n_units_with_status"), ("n_vacant_t1", "n_vacant")):
                    if (self.cell("kern", k, published) or ("var",))[0] == "const":
                        self.public.add(("change", r, own))

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
            if table != "change":
                for r in range(len(rows)):
                    self.within_row(table, r)
        self.change_rows()

    def differencing(self) -> list[str]:
        """Relations with exactly one withheld cell in a STRICT column (the LP covers the rest)."""
        found = []
        for label, members, margin in self.relations:
            for column in STRICT:
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
            if key[2] not in ATTACKED or key in self.public:
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
            if math.isinf(high):
                exact = False
            elif integer:
                exact = math.floor(high + 1e-6) <= math.ceil(low - 1e-6)
            else:
                exact = high - low < 0.5
            if exact and key[2] not in STRICT and abs(low) < 1e-6:
                self.zeros.append(key)
                continue
            if exact:
                table, row, column = key
                found.append(f"{table} row {row} ({self.tables[table][row].get('kern_code', '')}"
                             f" {self.tables[table][row].get('sbi_section', self.tables[table][row].get('function', ''))})"
                             f": {column} in [{low:g}, {high:g}]")
        return found


def _is_floor(column: str) -> bool:
    return "floor_m2" in column


def assert_safe(out: Path):
    attack = Attack(out)
    problems = attack.differencing() + attack.determined()
    assert not problems, "suppressed values recovered:\n  " + "\n  ".join(problems)
    return attack


# --- generated small-kern cases ---------------------------------------------------------

def square(x0: float, y0: float, size: float) -> list:
    return [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]]


def _register_rows(kernen: dict[str, list[dict]], snapshot: str) -> list[dict]:
    rows = []
    for k, (code, units) in enumerate(kernen.items()):
        x0 = 130000.0 + 2000.0 * k
        for i, unit in enumerate(units):
            rows.append({"id": unit.get("id", f"{code}{i:04d}"), "name": f"unit {code} {i}",
                         "sbi": unit["sbi"],
                         "x": f"{x0 + 50 + (i % 18) * 50:.1f}", "y": f"{470050 + (i // 18) * 50:.1f}",
                         "floor_area_m2": unit.get("floor", 100), "status": unit["status"],
                         "vacant_since": unit.get("since", ""),
                         "function": unit.get("function", "winkelfunctie"),
                         "snapshot_date": snapshot})
    return rows


def _write_rows(path: Path, rows: list[dict]):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_case(directory: Path, kernen: dict[str, list[dict]],
               earlier: dict[str, list[dict]] | None = None) -> list[str]:
    """kernen: code -> list of units {sbi, status, floor, since, id}; each kern a 1 km square
    in a row. `earlier`: the register of 2024-01-01 (same kernen), matched by id (a unit's
    id defaults to its kern code and position). Returns the CLI arguments."""
    features = []
    for k, code in enumerate(kernen):
        x0 = 130000.0 + 2000.0 * k
        features.append({"type": "Feature",
                         "properties": {"code": code, "name": f"Kern {code}", "population": 1000},
                         "geometry": {"type": "Polygon", "coordinates": square(x0, 470000.0, 1000.0)}})
    (directory / "kernen.geojson").write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features}), encoding="utf-8")
    _write_rows(directory / "locations.csv", _register_rows(kernen, "2025-01-01"))
    snapshots = ""
    if earlier is not None:
        _write_rows(directory / "locations_2024.csv", _register_rows(earlier, "2024-01-01"))
        snapshots = '[[snapshots]]\npath = "locations_2024.csv"\ndate = "2024-01-01"\n'
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
vacant_since = "vacant_since"
function = "function"
snapshot_date = "snapshot_date"
""" + snapshots, encoding="utf-8")
    return ["-c", str(directory / "case.toml")]


def units(sbi: str, occupied: int, vacant: int, floor=100, function="winkelfunctie",
          since: str = "") -> list[dict]:
    return ([{"sbi": sbi, "status": "occupied", "floor": floor, "function": function}] * occupied
            + [{"sbi": sbi, "status": "vacant", "floor": floor, "function": function,
                "since": since}] * vacant)


# vacant_since dates giving each duration class on 2025-01-01.
FRICTIONAL, LONG_TERM, STRUCTURAL = "2024-06-01", "2023-03-01", "2019-05-01"


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
    # Duration classes: AAA's only structural vacancy is the one vacant unit of a two-unit
    # sector cell (C), so the kern row's n_structural = 1 points at that cell; BBB's only
    # long-term vacancy is in a small function cell.
    "single_structural_unit": {
        "AAA": units(SBI["G"], 14, 2, since=FRICTIONAL) + units(SBI["G"], 0, 1, since=LONG_TERM)
        + units(SBI["C"], 1, 1, since=STRUCTURAL) + units(SBI["I"], 8, 1),
        "BBB": units(SBI["G"], 20, 2, since=FRICTIONAL) + units(SBI["G"], 0, 1, since=STRUCTURAL)
        + units(SBI["M"], 6, 0, function="kantoorfunctie")
        + units(SBI["M"], 0, 1, since=LONG_TERM, function="kantoorfunctie"),
    },
    # Every duration class in the small cells, several floor areas.
    "durations_in_small_cells": {
        "AAA": units(SBI["G"], 10, 1, since=FRICTIONAL, floor=90) + units(SBI["G"], 0, 2, since=LONG_TERM, floor=70)
        + units(SBI["S"], 2, 1, since=STRUCTURAL, floor=200) + units(SBI["I"], 3, 1, since=LONG_TERM, floor=150),
        "BBB": units(SBI["G"], 12, 2, since=STRUCTURAL, floor=110) + units(SBI["M"], 2, 1, floor=60),
        "CCC": units(SBI["G"], 9, 1, since=FRICTIONAL, floor=130) + units(SBI["C"], 3, 1, since=FRICTIONAL, floor=400),
    },
}


def with_ids(code: str, unit_list: list[dict], first: int = 0) -> list[dict]:
    """Copies of the units with the ids <code><number> from `first` on."""
    return [dict(u, id=f"{code}{first + i:04d}") for i, u in enumerate(unit_list)]


def change_case_4_to_6() -> tuple[dict, dict]:
    """BBB goes from 4 units (2024) to 6 (2025): its change row is small at t0, its kern row
    at t1 is published. AAA has a newly vacant and a re-occupied unit, CCC one closed and one
    opened unit."""
    aaa = with_ids("AAA", units(SBI["G"], 18, 3, since=FRICTIONAL) + units(SBI["I"], 6, 1, since=LONG_TERM))
    bbb = with_ids("BBB", units(SBI["G"], 3, 1, since=FRICTIONAL))
    ccc = with_ids("CCC", units(SBI["G"], 12, 2, since=LONG_TERM) + units(SBI["M"], 5, 1, since=STRUCTURAL))
    earlier = {"AAA": aaa, "BBB": bbb, "CCC": ccc}
    aaa_now = [dict(u) for u in aaa]
    aaa_now[0].update(status="vacant", since=FRICTIONAL)    # newly vacant
    aaa_now[18].update(status="occupied", since="")          # re-occupied
    bbb_now = [dict(u) for u in bbb] + with_ids("BBB", units(SBI["G"], 1, 1, since=FRICTIONAL), first=4)
    ccc_now = [dict(u) for u in ccc[1:]] + with_ids("CCC", units(SBI["M"], 1, 0), first=100)
    return {"AAA": aaa_now, "BBB": bbb_now, "CCC": ccc_now}, earlier


def random_units(rng, code: str) -> list[dict]:
    unit_list: list[dict] = []
    for section in rng.choice(list(SBI), size=int(rng.integers(1, 5)), replace=False):
        n = int(rng.integers(1, 15))
        vacant = int(rng.binomial(n, 0.2))
        floor = int(rng.integers(30, 400))
        function = str(rng.choice(["winkelfunctie", "kantoorfunctie"]))
        unit_list += units(SBI[str(section)], n - vacant, 0, floor=floor, function=function)
        for _ in range(vacant):
            since = str(rng.choice([FRICTIONAL, LONG_TERM, STRUCTURAL, ""]))
            unit_list += units(SBI[str(section)], 0, 1, floor=floor, function=function, since=since)
    return with_ids(code, unit_list)


def random_case(seed: int) -> dict[str, list[dict]]:
    rng = np.random.default_rng(seed)
    return {f"K{k:02d}": random_units(rng, f"K{k:02d}") for k in range(int(rng.integers(2, 5)))}


def random_change_case(seed: int) -> tuple[dict, dict]:
    """A random 2024 register and the 2025 register after closures, openings and status
    changes (some statuses unknown)."""
    rng = np.random.default_rng(1000 + seed)
    earlier = random_case(1000 + seed)
    now = {}
    for code, unit_list in earlier.items():
        kept = []
        for u in unit_list:
            if rng.random() < 0.1:
                continue  # closed
            u = dict(u)
            flip = rng.random()
            if flip < 0.1:
                u.update(status="vacant", since=FRICTIONAL)
            elif flip < 0.2:
                u.update(status="occupied", since="")
            elif flip < 0.23:
                u.update(status="", since="")
            kept.append(u)
        opened = random_units(rng, code)[: int(rng.integers(0, 4))]
        now[code] = kept + [dict(u, id=u["id"] + "N") for u in opened]
    return now, earlier


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


def test_change_case_kern_from_4_to_6_units(tmp_path):
    now, earlier = change_case_4_to_6()
    out = run_cli(write_case(tmp_path, now, earlier), tmp_path / "out")
    attack = assert_safe(out)
    change = {r["kern_code"]: r for r in read_csv(out / "vacancy_change.csv")}
    kern = {r["kern_code"]: r for r in read_csv(out / "kern_indicators.csv")}
    # Hand-checked: BBB has 4 units at t0, 6 at t1; its change row is withheld (min 4 < 5).
    assert change["BBB"]["suppression_kind"] == "primary" and change["BBB"]["opened"] == ""
    assert kern["BBB"]["n_units_with_status"] == "6" and kern["BBB"]["suppressed"] == "0"
    assert change["AAA"]["newly_vacant"] == "1" and change["AAA"]["re_occupied"] == "1"
    assert change["CCC"]["opened"] == "1" and change["CCC"]["closed"] == "1"
    assert any(key[0] == "change" for key in attack.unknowns)


@pytest.mark.parametrize("seed", range(8))
def test_random_change_cases(seed, tmp_path):
    now, earlier = random_change_case(seed)
    assert_safe(run_cli(write_case(tmp_path, now, earlier), tmp_path / "out"))


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
