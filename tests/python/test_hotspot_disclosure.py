"""Hot spots in published output leak no withheld cell (issue 8, docs/disclosure.md).

1. The published Gi* of a cell is a function of published cells only: from the published
   vacancy_hotspot.csv alone -- the values of the published cells (n_vacant / n_units), their
   grid positions and the engine's weights (binary distance band of 1.5 cell sizes between
   cell centres, self included) -- esda.G_Local(star=True, transform="B") and an independent
   numpy Gi* give every published gi_z to 1e-9. The internal run (every cell taking part)
   gives other z-scores, so the comparison can fail.
2. When secondary suppression withholds a hot-spot cell, that cell's value had entered its
   neighbours' Gi*: gi_z, p_norm, p_sim, fdr_significant and hotspot go in every row, and the
   run says so in a note.

The program is found by tests/python/build_paths.py (KK_CLI, else the build tree, else PATH).
"""

from __future__ import annotations

import csv
import subprocess
import warnings
from pathlib import Path

import pytest

import esda
import libpysal
import numpy as np

from build_paths import find_cli
from test_disclosure_attack import REPO, SBI, units, write_case

CELL = 250.0             # hotspots.cell_size_m, default
BAND = 1.5 * CELL        # hotspots.distance_band_m, default
GI_COLUMNS = ["gi_z", "p_norm", "p_sim", "fdr_significant", "hotspot"]


def run(args: list[str], out: Path) -> str:
    cli, where = find_cli()
    if cli is None:
        pytest.fail(f"no kernkompas program ({where}): build it or set KK_CLI", pytrace=False)
    proc = subprocess.run([str(cli), "run", *args, "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def hotspot_rows(out: Path) -> list[dict[str, str]]:
    with (out / "vacancy_hotspot.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def numpy_gi_star(xy: np.ndarray, values: np.ndarray, band: float) -> np.ndarray:
    """Gi* (w_ii = 1, binary distance band) as INDICATORS.md writes it."""
    n = len(values)
    distance = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    w = (distance <= band).astype(float)  # the diagonal (distance 0) is the self weight 1
    mean = values.mean()
    s = np.sqrt((values ** 2).mean() - mean ** 2)
    w_sum = w.sum(axis=1)
    s1 = (w ** 2).sum(axis=1)
    return (w @ values - mean * w_sum) / (s * np.sqrt((n * s1 - w_sum ** 2) / (n - 1)))


@pytest.fixture(scope="module")
def default_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("hotspots")
    run([], base / "published")
    run(["--internal"], base / "internal")
    return hotspot_rows(base / "published"), hotspot_rows(base / "internal")


def test_published_gi_star_is_a_function_of_published_cells_only(default_runs):
    published_rows, internal_rows = default_runs
    shown = [r for r in published_rows if r["suppressed"] == "0"]
    withheld = [r for r in published_rows if r["suppressed"] == "1"]
    assert shown and withheld, "the test needs published and withheld cells"
    assert all(r["gi_z"] == "" and r["n_vacant"] == "" for r in withheld)
    # Only what the published file shows: positions and values of the published cells.
    xy = np.array([[float(r["cell_x"]) + CELL / 2, float(r["cell_y"]) + CELL / 2] for r in shown])
    values = np.array([int(r["n_vacant"]) / int(r["n_units"]) for r in shown])
    z = np.array([float(r["gi_z"]) for r in shown])

    np.testing.assert_allclose(numpy_gi_star(xy, values, BAND), z, rtol=0, atol=1e-9)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.DistanceBand(xy, threshold=BAND + 1e-6, binary=True, silence_warnings=True)
        g = esda.G_Local(values, w, transform="B", star=True, permutations=0)
    np.testing.assert_allclose(np.asarray(g.Zs), z, rtol=0, atol=1e-9)
    # esda's p_norm is one-sided; the engine publishes the two-sided p.
    np.testing.assert_allclose(2 * np.asarray(g.p_norm), [float(r["p_norm"]) for r in shown],
                               rtol=0, atol=1e-9)
    # A class is significance and the sign of z.
    for r in shown:
        expected = "" if r["fdr_significant"] != "1" else ("hot" if float(r["gi_z"]) > 0 else "cold")
        assert r["hotspot"] == expected

    # Internal output takes in every cell: its z of the same cells differ (the comparison
    # above could fail).
    internal = {(r["cell_col"], r["cell_row"]): float(r["gi_z"]) for r in internal_rows}
    differences = [abs(internal[(r["cell_col"], r["cell_row"])] - float(r["gi_z"])) for r in shown]
    assert max(differences) > 0.01


def test_a_secondary_withheld_cell_withholds_gi_star_in_every_row(tmp_path):
    """Kern AAA: 19 units in four 250 m cells of 5, 5, 5 and 4 units (the last primary);
    kern BBB: 36 units in four cells of 8 or 10. The hot-spot cells add up to the
    municipality total, so the one primary cell would be the total minus the rest: secondary
    suppression withholds one more cell, whose value had entered its neighbours' Gi*."""
    case = {"AAA": units(SBI["G"], 15, 4), "BBB": units(SBI["G"], 30, 6)}
    stdout = run(write_case(tmp_path, case), tmp_path / "out")
    rows = hotspot_rows(tmp_path / "out")
    assert sorted(int(r["n_units"] or 0) for r in rows if r["suppressed"] == "0") == [5, 5, 8, 8, 10, 10]
    kinds = sorted(r["suppression_kind"] for r in rows if r["suppressed"] == "1")
    assert kinds == ["primary", "secondary"]
    for column in GI_COLUMNS:
        assert all(r[column] == "" for r in rows), column
    assert "Note: vacancy_hotspot: 1 row(s) withheld by secondary suppression" in stdout
    # Internal output keeps them.
    run([*write_case(tmp_path, case), "--internal"], tmp_path / "internal")
    assert all(r["gi_z"] != "" for r in hotspot_rows(tmp_path / "internal"))


def test_without_secondary_suppression_gi_star_stays_published(default_runs):
    published_rows, _ = default_runs
    assert not any(r["suppression_kind"] == "secondary" for r in published_rows)
    assert any(r["gi_z"] != "" for r in published_rows)
