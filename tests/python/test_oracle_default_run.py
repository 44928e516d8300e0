"""The default run against an independent oracle (tests/python/oracle.py), column by column.

The oracle recomputes kern_indicators, vacancy_total, kern_sector, kern_function and
vacancy_change from the input files named by datasets/wijdemeren/kernkompas.toml, without
kernkompas: geopandas sjoin for the assignment, pandas for counts, vacancy and duration classes,
scipy's Wilson interval, shapely areas, the kern layer's population. Every column of every row
is compared (reals to rel 1e-9, which the CSV's 10 significant digits meet; counts, codes and
flags exactly), for the command line's CSVs and for the Python result in memory:

- internal run: every value equals the oracle, nothing is flagged;
- published run: every published value equals the oracle's, every withheld value is empty, the
  flags agree with what is withheld, and the primary rule recomputed from the oracle's cells
  (k = 5 units; a floor magnitude with fewer than 3 contributors or one above 85 %) flags
  exactly the primary cells. Secondary suppression is checked by test_disclosure_attack.py.

The hot-spot table has its own tests (test_gi_star_esda.py, test_stats.py).
"""

from __future__ import annotations

import math
import re
import subprocess

import pandas as pd
import pytest

import oracle
from conftest import DATA, REPO

CONFIG = DATA / "kernkompas.toml"
FLAGS = ["suppressed", "suppression_kind", "magnitude_suppressed"]
BASIC = ["kern_code", "kern_name", "n_locations", *[f"n_sbi_{s}" for s in [*oracle.SECTIONS, "unknown"]],
         "area_km2", "density_per_km2", "population", "locations_per_1000_inhabitants"]

# CSV name -> (Python table name, the oracle's rows, the columns a withheld row keeps)
TABLES = {
    "kern_indicators.csv": ("kern", oracle.kern_table, [*BASIC, "below_min_units", *oracle.NEAREST_NEIGHBOUR,
                                                           *oracle.DIVERSITY]),
    "vacancy_total.csv": ("vacancy_total", oracle.total_table, ["below_min_units"]),
    "kern_sector.csv": ("kern_sector", lambda i: oracle.breakdown_table(i, "sbi_section"),
                        ["kern_code", "kern_name", "sbi_section", "n_locations", "below_min_units"]),
    "kern_function.csv": ("kern_function", lambda i: oracle.breakdown_table(i, "function"),
                          ["kern_code", "kern_name", "function", "n_locations", "below_min_units"]),
    "vacancy_change.csv": ("vacancy_change", oracle.change_table,
                           ["period_start", "period_end", "cbs_rule", "kern_code", "kern_name"]),
}


@pytest.fixture(scope="module")
def inputs():
    return oracle.read_inputs(CONFIG)


@pytest.fixture(scope="module")
def expected(inputs):
    return {csv: build(inputs) for csv, (_, build, _) in TABLES.items()}


def _typed(cell, like):
    """A written or in-memory value as the oracle's type: int, float (NaN = empty) or str."""
    empty = cell is None or cell is pd.NA or (isinstance(cell, float) and math.isnan(cell)) or cell == ""
    if isinstance(like, str):
        return "" if empty else str(cell)
    if isinstance(like, float):
        return math.nan if empty else float(cell)
    return None if empty else int(cell)


def _flag_types(column):
    return 0 if column == "suppressed" else ""


def actual_rows(request, source, mode, csv, expected_cells):
    """The table as rows of values typed like the oracle's: the command line's CSV or the
    Python result in memory."""
    if source == "cli":
        frame = pd.read_csv(request.getfixturevalue("default_runs")[mode] / csv, dtype=str, keep_default_na=False)
    else:
        result = request.getfixturevalue("result" if mode == "published" else "internal_result")
        frame = result.table(TABLES[csv][0])
    # The accessibility columns are not recomputed here: tests/python/test_access_pipeline.py
    # checks them against networkx on the same roads (per location) and the locations (per kern).
    frame = frame[[c for c in frame.columns if not c.startswith("access_")]]
    like = {**expected_cells[0].values, **{f: _flag_types(f) for f in FLAGS}}
    # A column empty in the oracle's first row (None) is typed by the first row with a value.
    for cell in expected_cells:
        for column, value in cell.values.items():
            if like[column] is None and value is not None:
                like[column] = value
    columns = list(frame.columns)
    rows = [{c: _typed(v, like[c]) for c, v in zip(columns, record)} for record in frame.itertuples(index=False)]
    return columns, rows


SOURCES = ["cli", "python"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("csv", list(TABLES))
def test_internal_run_equals_the_oracle(csv, source, expected, request):
    cells = expected[csv]
    columns, rows = actual_rows(request, source, "internal", csv, cells)
    assert columns == [*cells[0].values, *_flags(csv)]
    assert len(rows) == len(cells), f"{csv}: {len(rows)} rows, the oracle has {len(cells)}"
    differences = [f"row {r} ({_key(cell)}) {column}: engine {row[column]!r}, oracle {value!r}"
                   for r, (row, cell) in enumerate(zip(rows, cells))
                   for column, value in cell.values.items() if not oracle.same_value(row[column], value)]
    assert not differences, "\n".join(differences[:20])
    assert all(row["suppressed"] == 0 and row["suppression_kind"] == "" for row in rows)
    assert all(row.get("magnitude_suppressed", "") == "" for row in rows)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("csv", list(TABLES))
def test_published_run_equals_the_oracle(csv, source, expected, request):
    cells = expected[csv]
    keep = set(TABLES[csv][2]) | set(FLAGS)
    columns, rows = actual_rows(request, source, "published", csv, cells)
    assert columns == [*cells[0].values, *_flags(csv)]
    assert len(rows) == len(cells)
    problems = []
    for r, (row, cell) in enumerate(zip(rows, cells)):
        where = f"row {r} ({_key(cell)})"
        kind = row["suppression_kind"]
        if kind not in ("", "primary", "secondary"):
            problems.append(f"{where}: suppression_kind {kind!r}")
        if row["suppressed"] != int(kind != ""):
            problems.append(f"{where}: suppressed {row['suppressed']} with suppression_kind {kind!r}")
        if (kind == "primary") != cell.primary():
            problems.append(f"{where}: suppression_kind {kind!r}, the count rule on {cell.units} units says "
                            f"{'primary' if cell.primary() else 'published'}")
        magnitudes = _magnitude_flags(row.get("magnitude_suppressed", ""))
        if set(magnitudes) != _with_dependents(_sources(magnitudes)):
            problems.append(f"{where}: magnitude_suppressed names {sorted(magnitudes)}, its magnitude columns "
                            f"imply {sorted(_with_dependents(_sources(magnitudes)))}")
        magnitudes = _sources(magnitudes)
        primary = {column for column, why in magnitudes.items() if why == "primary"}
        if primary != cell.primary_magnitudes():
            problems.append(f"{where}: magnitude primary {sorted(primary)}, the (n, k) rule says "
                            f"{sorted(cell.primary_magnitudes())}")
        withheld = {c for c in cell.values if c not in keep} if kind else _with_dependents(magnitudes)
        for column, value in cell.values.items():
            if column in withheld:
                if not oracle.same_value(row[column], math.nan if isinstance(value, float) else
                                         ("" if isinstance(value, str) else None)):
                    problems.append(f"{where} {column}: withheld but holds {row[column]!r}")
            elif not oracle.same_value(row[column], value):
                problems.append(f"{where} {column}: published {row[column]!r}, oracle {value!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_published_run_withholds_what_the_docs_say(expected):
    """docs/disclosure.md, "In the default run": 17 kern x sector and 7 kern x function rows
    are primary suppressed; the oracle's own count rule finds the same, so the published test
    above is not vacuous."""
    assert sum(c.primary() for c in expected["kern_sector.csv"]) == 17
    assert sum(c.primary() for c in expected["kern_function.csv"]) == 7
    assert not any(c.primary() for c in expected["kern_indicators.csv"])
    assert sum(len(c.primary_magnitudes()) for t in ("kern_indicators.csv", "kern_sector.csv",
                                                      "kern_function.csv", "vacancy_total.csv")
               for c in expected[t]) > 0


def test_oracle_assignment_is_the_generators_intent(inputs):
    """The oracle's sjoin puts every unit where datasets/generate placed it (truth file), and
    reads the status of both snapshots as the generator wrote them."""
    truth = pd.read_csv(REPO / "datasets" / "truth" / "wijdemeren_generator_truth.csv", dtype=str,
                        keep_default_na=False).set_index("id")
    for layer in inputs.snapshots:
        year = layer["snapshot_date"].iloc[0].year
        intended = truth.loc[layer["id"], "intended_kern"].replace("", oracle.BUITENGEBIED).to_numpy()
        assert (layer["kern_code"].to_numpy() == intended).all()
        assert (layer["status"].to_numpy() == truth.loc[layer["id"], f"status_{year}"].to_numpy()).all()


def test_oracle_change_is_the_generators_lifecycle(expected):
    """The oracle's change rows against the generator's truth file: opened and closed from the
    lifecycle, newly vacant and re-occupied from the statuses, and the CBS count (INDICATORS.md:
    vacant on two consecutive 1 January dates), which a cbs_rule row gives as still_vacant."""
    truth = pd.read_csv(REPO / "datasets" / "truth" / "wijdemeren_generator_truth.csv", dtype=str,
                        keep_default_na=False)
    truth["kern_code"] = truth["intended_kern"].replace("", oracle.BUITENGEBIED)
    before, after = truth["status_2024"], truth["status_2025"]
    flows = {
        "opened": truth["lifecycle"] == "opened",
        "closed": truth["lifecycle"] == "closed",
        "newly_vacant": (before == "occupied") & (after == "vacant"),
        "re_occupied": (before == "vacant") & (after == "occupied"),
        "still_vacant": (before == "vacant") & (after == "vacant"),
    }
    rows = expected["vacancy_change.csv"]
    assert all(c.values["cbs_rule"] == 1 for c in rows)
    for flow, members in flows.items():
        per_kern = truth[members]["kern_code"].value_counts()
        assert {c.values["kern_code"]: c.values[flow] for c in rows} == {
            c.values["kern_code"]: int(per_kern.get(c.values["kern_code"], 0)) for c in rows}, flow
    assert sum(c.values["still_vacant"] for c in rows) == 141  # datasets/README.md


def _flags(csv):
    """The flag columns a table ends with: a change row has no magnitude (no floor areas)."""
    return FLAGS[:2] if csv == "vacancy_change.csv" else FLAGS


def _key(cell):
    return "/".join(str(cell.values[k]) for k in ("period_start", "kern_code", "sbi_section", "function")
                    if k in cell.values) or "total"


def _magnitude_flags(text: str) -> dict[str, str]:
    flags = {}
    for item in filter(None, text.split(";")):
        column, _, why = item.partition(":")
        assert (column in oracle.MAGNITUDE_DEPENDENTS or column in DEPENDENT_COLUMNS) \
            and why in ("primary", "secondary"), item
        assert column not in flags, f"{column} named twice in {text!r}"
        flags[column] = why
    return flags


DEPENDENT_COLUMNS = {d for dependents in oracle.MAGNITUDE_DEPENDENTS.values() for d in dependents}


def _sources(magnitudes: dict[str, str]) -> dict[str, str]:
    """The magnitude columns among the flags (magnitude_suppressed also names the rates built
    on them, such as vacancy_rate_floor)."""
    return {c: why for c, why in magnitudes.items() if c in oracle.MAGNITUDE_DEPENDENTS}


def _with_dependents(magnitudes: dict[str, str]) -> set[str]:
    return {c for m in magnitudes for c in (m, *oracle.MAGNITUDE_DEPENDENTS[m])}


SUMMARY_VACANCY_ROW = re.compile(
    r"^(?P<name>\S.*?)\s+(?P<units>\d+|-)\s+(?P<vacant>\d+|-)\s+(?P<rate>[\d.]+|-)\s+(?P<ci>[\d.]+-[\d.]+|-)"
    r"\s+(?P<floor>[\d.]+|-)\s+(?P<duration>\d+/\d+/\d+/\d+|-)\s+(?P<change>-?[\d.]+|-)(?P<withheld>\s+\(withheld.*\))?$")
SUMMARY_KERN_ROW = re.compile(
    r"^(?P<name>\S.*?)\s+(?P<n>\d+)\s+(?P<area>[\d.]+|-)\s+(?P<density>[\d.]+|-)\s+(?P<population>\d+|-)"
    r"\s+(?P<per_1000>[\d.]+|-)\s+(?P<top>(?:[A-U]:\d+ ?)+)$")


def _summary_block(text: str, header_start: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    block = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        block.append(line)
    return block


def _one_decimal(fraction: float, scale: float = 100.0) -> str:
    return "-" if math.isnan(fraction) else f"{scale * fraction:.1f}"


def test_cli_summary_prints_the_oracles_figures(cli, expected, default_runs, tmp_path):
    """The summary `kernkompas run` prints (the README's "summary table with vacancy per kern"):
    every figure of both tables, rounded as printed, against the oracle; withheld rows of the
    published run are printed as withheld."""
    text = subprocess.run([str(cli), "run", "--out", str(tmp_path / "out")], cwd=REPO, check=True, timeout=600,
                          capture_output=True, text=True).stdout
    kern = {c.values["kern_name"]: c for c in expected["kern_indicators.csv"]}
    last_period = {c.values["kern_name"]: c.values for c in expected["vacancy_change.csv"]
                   if c.values["period_end"] == max(r.values["period_end"] for r in expected["vacancy_change.csv"])}
    published = pd.read_csv(default_runs["published"] / "kern_indicators.csv", dtype=str,
                            keep_default_na=False).set_index("kern_name")

    lines = _summary_block(text, "kern                          n")
    rows = [SUMMARY_KERN_ROW.match(line) for line in lines[:-1]]
    assert all(rows) and [m["name"] for m in rows] == list(kern)
    for m in rows:
        v = kern[m["name"]].values
        assert int(m["n"]) == v["n_locations"]
        assert m["area"] == ("-" if math.isnan(v["area_km2"]) else f"{v['area_km2']:.2f}")
        assert m["density"] == _one_decimal(v["density_per_km2"], 1.0)
        assert m["population"] == ("-" if v["population"] is None else str(v["population"]))
        assert m["per_1000"] == _one_decimal(v["locations_per_1000_inhabitants"], 1.0)
        counts = {s: v[f"n_sbi_{s}"] for s in [*oracle.SECTIONS, "unknown"]}
        top = dict(item.split(":") for item in m["top"].split())
        assert {s: int(n) for s, n in top.items()} == {s: counts[s] for s in top}
        assert min(map(int, top.values())) >= max(n for s, n in counts.items() if s not in top)
    assert lines[-1].split() == ["total", str(sum(c.values["n_locations"] for c in kern.values())),
                                 str(sum(c.values["population"] or 0 for c in kern.values()))]

    rows = [SUMMARY_VACANCY_ROW.match(line) for line in _summary_block(text, "kern                     units")]
    assert all(rows) and [m["name"] for m in rows] == list(kern)
    for m in rows:
        v, change = kern[m["name"]].values, last_period[m["name"]]
        if published.loc[m["name"], "suppressed"] == "1":
            assert m["withheld"] and {m[g] for g in ("units", "vacant", "rate", "ci", "floor", "duration",
                                                     "change")} == {"-"}
            continue
        assert not m["withheld"]
        assert (int(m["units"]), int(m["vacant"])) == (v["n_units_with_status"], v["n_vacant"])
        assert m["rate"] == _one_decimal(v["vacancy_rate_units"])
        assert m["ci"] == f"{_one_decimal(v['vacancy_rate_units_ci_low'])}-{_one_decimal(v['vacancy_rate_units_ci_high'])}"
        floor_published = published.loc[m["name"], "vacancy_rate_floor"] != ""
        assert m["floor"] == (_one_decimal(v["vacancy_rate_floor"]) if floor_published else "-")
        assert m["duration"] == "/".join(str(v[f"n_{c}"]) for c in oracle.DURATION_CLASSES)
        assert m["change"] == _one_decimal(change["rate_change_pp"], 1.0)
    outside = kern[oracle.BUITENGEBIED].values["n_locations"]
    assert f"{outside} of {sum(c.values['n_locations'] for c in kern.values())} locations lie outside every kern" in text
    assert "'location' layer" not in text  # a published run writes no location layer
