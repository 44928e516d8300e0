"""The Python binding: loading, results, CLI agreement, in-memory input, errors, progress.

Needs the installed package (`pip install .`) and, for the comparison with the command line,
the built program (conftest.py's `cli`); everything runs on the embedded Wijdemeren data.
"""

import filecmp
import hashlib
import json
import gc
import shutil
import subprocess
import sys
import threading
import time

import numpy as np
import pandas as pd
import pytest

from conftest import DATA, REPO

import geopandas
import pyogrio
import shapely

# Units per kern in the 2025 register (datasets/README.md).
EXPECTED_COUNTS = {"ANK": 205, "BRV": 45, "SGR": 310, "KHF": 740, "LSD": 1290, "NDB": 610, "buitengebied": 10}


# ---------------------------------------------------------------------------------------
# Loading and results


def test_load_default(kk, project):
    assert project.area_name == "Wijdemeren"
    assert project.kern_count == 6
    assert project.location_count == 3210
    assert project.working_crs == "EPSG:28992"
    assert project.kern_codes == ["ANK", "BRV", "SGR", "KHF", "LSD", "NDB"]
    assert str(project.snapshot_date) == "2025-01-01"
    assert project.source == kk.default_config_path()
    assert "28992" in project.crs_wkt and project.crs_wkt.startswith(("PROJCRS", "PROJCS"))
    assert project.settings["disclosure.k"] == 5
    assert project.settings["vacancy.benchmark_rate"] is None  # none


def test_default_data_travels_with_the_package(kk):
    """The package's copy of the embedded data is the repository's, file for file and byte for byte."""
    path = kk.default_config_path()
    assert path.name == "kernkompas.toml"
    packaged = sorted(p.name for p in path.parent.iterdir())
    assert packaged == sorted(p.name for p in DATA.iterdir())
    for name in packaged:
        assert (path.parent / name).read_bytes() == (DATA / name).read_bytes(), name


def test_kern_table_counts(result):
    table = result.kern_table()
    assert table["kern_code"].tolist() == list(EXPECTED_COUNTS)
    assert dict(zip(table["kern_code"], table["n_locations"])) == EXPECTED_COUNTS
    kern = table.iloc[:6]
    np.testing.assert_allclose(kern["density_per_km2"], kern["n_locations"] / kern["area_km2"], rtol=1e-12)
    assert np.isnan(table["area_km2"].iloc[-1])  # buitengebied has no area
    assert table.attrs["units"]["density_per_km2"] == "per_km2"
    assert table.attrs["units"]["area_km2"] == "km2"


def test_tables_are_generic(result):
    names = result.table_names
    assert names[0] == "kern"
    for name in names:
        frame = result.table(name)
        info = result.column_info(name)
        assert list(frame.columns) == list(info.index)
        assert len(frame) == result._core.row_count(name)
    with pytest.raises(KeyError, match="tables: kern"):
        result.table("no_such_table")
    with pytest.raises(KeyError):
        result.column("no_such_column")


def test_units_come_from_the_engine(result):
    units = result.units()
    assert units["locations_per_1000_inhabitants"] == "per_1000_inhabitants"
    assert units["n_locations"] == ""
    assert result.column_info().loc["density_per_km2", "description"]


def test_location_kern_is_a_view(result, project):
    first = result.location_kern
    second = result.location_kern
    assert first.dtype == np.int32
    assert first.shape == (project.location_count,)
    assert not first.flags.writeable
    assert np.shares_memory(first, second)  # both look at the result's own memory
    with pytest.raises(ValueError):
        first[0] = 1
    counts = np.bincount(first + 1, minlength=7)  # buitengebied (-1) first
    assert counts[0] == EXPECTED_COUNTS["buitengebied"]
    assert counts[1:].tolist() == [EXPECTED_COUNTS[c] for c in project.kern_codes]


def test_view_keeps_the_result_alive(project):
    kern = project.run().location_kern  # the Result object is dropped at once
    column = project.run().column("n_locations")
    gc.collect()
    assert np.array_equal(kern, project.run().location_kern)
    assert column.tolist() == list(EXPECTED_COUNTS.values())


def test_kernen_geodataframe(result):
    kernen = result.kernen()
    assert len(kernen) == 6
    assert kernen.crs.to_epsg() == 28992
    assert set(kernen.geom_type) == {"MultiPolygon"}
    np.testing.assert_allclose(kernen.geometry.area / 1e6, kernen["area_km2"], rtol=1e-9)
    assert kernen.attrs["units"]["density_per_km2"] == "per_km2"
    with_outside = result.kernen(include_buitengebied=True)
    assert len(with_outside) == 7 and with_outside.geometry.iloc[-1] is None


def test_locations_geodataframe(result, project):
    locations = result.locations()
    assert len(locations) == project.location_count
    assert locations.crs.to_epsg() == 28992
    assert (locations["kern_code"] == "buitengebied").sum() == 10
    by_code = locations["kern_code"].value_counts().to_dict()
    assert by_code == EXPECTED_COUNTS
    assert set(locations["status"].dropna()) == {"occupied", "vacant"}
    assert (locations["status"] == "vacant").sum() == 225
    assert locations["vacant_since"].dtype.kind == "M"
    assert locations.loc[locations["id"] == "WDM000001", "sbi_section"].item() == "R"


def test_hotspot_layer(result):
    assert "vacancy_hotspot" in result.layer_names
    grid = result.hotspots()
    assert len(grid) > 0
    assert set(grid.geom_type.dropna()) == {"MultiPolygon"}
    np.testing.assert_allclose(grid.geometry.area, 250.0 ** 2)
    with pytest.raises(KeyError, match="no polygons"):
        result.layer("kern_sector")


def test_write_outputs(result, tmp_path):
    out = result.write(tmp_path / "out")
    written = pd.read_csv(out / "kern_indicators.csv", keep_default_na=False, na_values=[""])
    assert written["kern_code"].tolist() == list(EXPECTED_COUNTS)
    # The GeoPackage's kern layer holds the same values as the CSV and the result (published:
    # Breukeleveen's and buitengebied's vacancy withheld in all three).
    layer = pyogrio.read_dataframe(out / "kernkompas.gpkg", layer="kern")
    table = result.kern_table()
    assert layer["kern_code"].tolist() == list(EXPECTED_COUNTS)
    for column in ("n_locations", "n_vacant", "area_km2", "vacancy_rate_units_ci_high", "suppression_kind"):
        for ours, gpkg, csv in zip(table[column], layer[column], written[column]):
            if pd.isna(ours):
                assert pd.isna(gpkg) and pd.isna(csv), column
            elif isinstance(ours, str):
                assert ours == gpkg == ("" if pd.isna(csv) else csv), column
            else:
                assert ours == gpkg and abs(ours - csv) <= 1e-9 * abs(ours), column
    assert layer.loc[layer["kern_code"] == "BRV", "n_vacant"].isna().all()
    assert layer.geometry.iloc[:6].area.tolist() == pytest.approx((table["area_km2"].iloc[:6] * 1e6).tolist(),
                                                                  rel=1e-12)
    layers = {name for name, _ in pyogrio.list_layers(out / "kernkompas.gpkg")}
    # Published output holds no premise-level data (issue #8): no location layer.
    assert "kern" in layers and "location" not in layers
    manifest = json.loads((out / "kernkompas-run.json").read_text())
    assert manifest["mode"] == "published" and manifest["inputs"] == []
    assert {f["name"] for f in manifest["files"]} == {p.name for p in out.iterdir()} - {"kernkompas-run.json"}
    for f in manifest["files"]:
        assert hashlib.sha256((out / f["name"]).read_bytes()).hexdigest() == f["sha256"]
    result.write(out)  # the folder is ours: written again


def test_write_refuses_a_foreign_file_and_writes_nothing(kk, result, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kern_sector.csv").write_text("my register\n")
    with pytest.raises(kk.InputError, match="kern_sector.csv', which kernkompas did not write") as info:
        result.write(out)
    assert info.value.code == kk.ErrorCode.IO
    assert [p.name for p in out.iterdir()] == ["kern_sector.csv"]
    assert (out / "kern_sector.csv").read_text() == "my register\n"


def test_threads_give_the_same_result(project, result):
    parallel = project.run(threads=2)
    pd.testing.assert_frame_equal(parallel.kern_table(), result.kern_table())
    assert np.array_equal(parallel.location_kern, result.location_kern)


# ---------------------------------------------------------------------------------------
# The command line computes the same


def _read_csv(path):
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"kern_code": str, "kern_name": str})


def test_values_equal_the_cli(result, cli, tmp_path):
    cli_out = tmp_path / "cli"
    subprocess.run([str(cli), "run", "--quiet", "--out", str(cli_out)], check=True, timeout=300)
    expected = _read_csv(cli_out / "kern_indicators.csv")
    table = result.kern_table()
    assert list(expected.columns) == list(table.columns)
    for column in table.columns:
        ours = table[column]
        theirs = expected[column]
        if pd.api.types.is_numeric_dtype(theirs.dtype) and pd.api.types.is_numeric_dtype(ours.dtype):
            np.testing.assert_allclose(ours.to_numpy(dtype=float, na_value=np.nan),
                                       theirs.to_numpy(dtype=float, na_value=np.nan),
                                       rtol=1e-9, equal_nan=True, err_msg=column)
        else:
            assert ours.fillna("").astype(str).tolist() == theirs.fillna("").astype(str).tolist(), column


def test_written_files_equal_the_cli(result, cli, tmp_path):
    cli_out = tmp_path / "cli"
    subprocess.run([str(cli), "run", "--quiet", "--out", str(cli_out)], check=True, timeout=300)
    ours = result.write(tmp_path / "python")
    csvs = sorted(p.name for p in cli_out.glob("*.csv"))
    assert csvs == sorted(p.name for p in ours.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(cli_out, ours, csvs, shallow=False)
    assert mismatch == [] and errors == []


# ---------------------------------------------------------------------------------------
# In-memory input gives the same result as file input


def _read_inputs():
    kernen = geopandas.read_file(DATA / "kernen.geojson")
    table = pd.read_csv(DATA / "locations.csv", dtype=str, keep_default_na=False)
    locations = geopandas.GeoDataFrame(
        table.drop(columns=["x", "y"]),
        geometry=geopandas.points_from_xy(table["x"].astype(float), table["y"].astype(float)),
        crs="EPSG:28992")
    return kernen, locations


def _assert_same_tables(a, b, skip=("vacancy_change",)):
    """Every table both results have (the in-memory input has no earlier snapshots, and no roads
    or facilities: its kern table lacks exactly the accessibility columns)."""
    assert np.array_equal(a.location_kern, b.location_kern)
    common = [name for name in a.table_names if name in b.table_names and name not in skip]
    assert "kern" in common and "vacancy_hotspot" in common
    for name in common:
        left, right = a.table(name), b.table(name)
        if name == "kern":
            extra = set(left.columns) ^ set(right.columns)
            assert extra and all(c.startswith("access_") for c in extra), sorted(extra)
            shared = [c for c in left.columns if c in right.columns]
            left, right = left[shared], right[shared]
        pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-12, obj=f"table {name}")


def test_geodataframe_round_trip(kk, result):
    kernen, locations = _read_inputs()
    project = kk.from_geodataframes(kernen, locations, area_name="Wijdemeren")
    assert project.location_count == 3210 and project.kern_count == 6
    assert project.source is None
    assert str(project.snapshot_date) == "2025-01-01"
    _assert_same_tables(project.run(), result)


def test_round_trip_through_result_frames(kk, result):
    """The GeoDataFrames a result returns are valid input for the next analysis."""
    kernen = result.project.kernen()
    locations = result.project.locations()  # vacant_since as datetime64 with NaT
    project = kk.from_geodataframes(kernen, locations, kern_fields={"code": "kern_code", "name": "kern_name"})
    assert project.snapshot_date is None  # not among the columns: give the reference date
    again = project.run(vacancy={"reference_date": "2025-01-01"})
    _assert_same_tables(again, result)


def test_reprojected_locations(kk, result):
    kernen, locations = _read_inputs()
    wgs84 = locations.to_crs("EPSG:4326")
    project = kk.from_geodataframes(kernen, wgs84)
    locations_back = project.locations()
    np.testing.assert_allclose(shapely.get_x(locations_back.geometry.values), shapely.get_x(locations.geometry.values),
                               atol=1e-3)
    assert np.array_equal(project.run().location_kern, result.location_kern)


def test_dataframe_with_coordinate_columns(kk, result):
    kernen, _ = _read_inputs()
    table = pd.read_csv(DATA / "locations.csv", dtype={"sbi": str, "id": str})
    project = kk.from_geodataframes(kernen, table, x="x", y="y", locations_crs="EPSG:28992")
    assert np.array_equal(project.run().location_kern, result.location_kern)


def test_field_mapping(kk, result):
    kernen, locations = _read_inputs()
    kernen = kernen.rename(columns={"name": "naam", "code": "kerncode"})
    locations = locations.rename(columns={"id": "vestigingsnummer", "sbi": "sbi_code"})
    project = kk.from_geodataframes(kernen, locations, kern_fields={"name": "naam", "code": "kerncode"},
                                    location_fields={"id": "vestigingsnummer", "sbi": "sbi_code"})
    assert project.kern_codes[0] == "ANK"
    # The in-memory input has no roads or facilities: the file run's access_* columns aside.
    file_run = result.kern_table()
    pd.testing.assert_frame_equal(project.run().kern_table(),
                                  file_run[[c for c in file_run.columns if not c.startswith("access_")]])


def test_repaired_polygon_is_noted(kk):
    kernen, locations = _read_inputs()
    bowtie = shapely.Polygon([(134000, 470000), (136000, 472000), (136000, 470000), (134000, 472000)])
    kernen.loc[0, "geometry"] = bowtie
    project = kk.from_geodataframes(kernen, locations)
    assert any("record 1" in note and "MakeValid" in note for note in project.notes)


# ---------------------------------------------------------------------------------------
# Errors raise the documented types, naming file/layer, record and problem


def test_error_hierarchy(kk):
    assert issubclass(kk.InputError, kk.KernkompasError)
    assert issubclass(kk.InputError, ValueError)
    assert issubclass(kk.Cancelled, kk.KernkompasError)
    assert issubclass(kk.ArgumentError, ValueError)
    error = kk.InputError("x", 204)
    assert error.code == kk.ErrorCode.DUPLICATE_ID and error.code == 204


def test_bad_config_path(kk, tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(kk.InputError) as info:
        kk.load(missing)
    assert info.value.code == kk.ErrorCode.IO
    assert "nope.toml" in str(info.value)


def _copy_dataset(tmp_path):
    target = tmp_path / "wijdemeren"
    shutil.copytree(DATA, target)
    return target


def test_bad_column_mapping_in_config(kk, tmp_path):
    folder = _copy_dataset(tmp_path)
    config = folder / "kernkompas.toml"
    config.write_text(config.read_text().replace('sbi = "sbi"', 'sbi = "sbi_code_2008"'))
    with pytest.raises(kk.InputError) as info:
        kk.load(config)
    assert info.value.code == kk.ErrorCode.MISSING_FIELD
    message = str(info.value)
    assert "locations.csv" in message and "sbi_code_2008" in message


def test_duplicate_id_in_file(kk, tmp_path):
    folder = _copy_dataset(tmp_path)
    csv = folder / "locations.csv"
    lines = csv.read_text().splitlines(keepends=True)
    lines.insert(3, lines[1])  # WDM000001 again as record 3
    csv.write_text("".join(lines))
    with pytest.raises(kk.InputError) as info:
        kk.load(folder / "kernkompas.toml")
    assert info.value.code == kk.ErrorCode.DUPLICATE_ID
    message = str(info.value)
    assert "locations.csv" in message and "record 3" in message and "WDM000001" in message


def test_bad_value_in_file_is_a_value_error(kk, tmp_path):
    folder = _copy_dataset(tmp_path)
    csv = folder / "locations.csv"
    csv.write_text(csv.read_text().replace(",occupied,", ",bewoond,", 1))
    with pytest.raises(ValueError, match="status 'bewoond'"):
        kk.load(folder / "kernkompas.toml")


def test_bad_mapping_in_memory(kk):
    kernen, locations = _read_inputs()
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(kernen, locations, location_fields={"id": "kvk"})
    assert info.value.code == kk.ErrorCode.MISSING_FIELD
    assert "locations GeoDataFrame" in str(info.value) and "'kvk'" in str(info.value)
    with pytest.raises(kk.InputError, match="unknown field 'colour'"):
        kk.from_geodataframes(kernen, locations, location_fields={"colour": "id"})


def test_duplicate_id_in_memory(kk):
    kernen, locations = _read_inputs()
    locations.loc[4, "id"] = locations.loc[1, "id"]
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(kernen, locations)
    assert info.value.code == kk.ErrorCode.DUPLICATE_ID
    assert "locations GeoDataFrame, record 5 (id 'WDM000002'): id already used by record 2" in str(info.value)


def test_duplicate_kern_code_in_memory(kk):
    kernen, locations = _read_inputs()
    kernen.loc[2, "code"] = "ANK"
    with pytest.raises(kk.InputError, match=r"kernen GeoDataFrame, record 3 \(id 'ANK'\)"):
        kk.from_geodataframes(kernen, locations)


def test_not_a_number_in_memory(kk):
    kernen, locations = _read_inputs()
    locations.loc[6, "floor_area_m2"] = "groot"
    with pytest.raises(kk.InputError, match=r"record 7 \(id 'WDM000007'\): floor_area_m2 'groot' is not a number"):
        kk.from_geodataframes(kernen, locations)


def test_missing_and_implausible_crs(kk):
    kernen, locations = _read_inputs()
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(kernen, locations.set_crs(None, allow_override=True))
    assert info.value.code == kk.ErrorCode.CRS_MISSING
    lonlat_as_rd = locations.to_crs("EPSG:4326").set_crs("EPSG:28992", allow_override=True)
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(kernen, lonlat_as_rd)
    assert info.value.code == kk.ErrorCode.CRS_IMPLAUSIBLE
    assert "record 1" in str(info.value)


def test_wrong_geometry_type(kk):
    kernen, locations = _read_inputs()
    points = kernen.copy()
    points["geometry"] = kernen.geometry.representative_point()
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(points, locations)
    assert info.value.code == kk.ErrorCode.WRONG_GEOMETRY_TYPE


def test_bad_run_options(kk, project):
    with pytest.raises(ValueError):
        project.run(threads=0)
    with pytest.raises(ValueError, match="unknown option 'vacancy.colour'"):
        project.run(vacancy={"colour": 1})
    with pytest.raises(kk.ArgumentError, match="option 'vacancy.disclosure_k' must be a whole number >= 1, got 0"):
        project.run(vacancy={"disclosure_k": 0})
    # Checked before any cast: these used to hang (1e10) or run no permutation (2**32).
    with pytest.raises(kk.ArgumentError, match=r"in \[0, 100000\], got 1e\+10"):
        project.run(hotspots={"permutations": 1e10})
    with pytest.raises(kk.ArgumentError, match="got 4294967296"):
        project.run(hotspots={"permutations": 2**32})
    with pytest.raises(kk.ArgumentError, match="option 'execution.seed' must be"):
        project.run(seed=10**30)
    with pytest.raises(kk.ArgumentError, match="option 'hotspots.value' must be one of: rate, count"):
        project.run(options={"hotspots.value": "median"})
    with pytest.raises(TypeError, match="takes a dict"):
        project.run(vacancy=0.9)


# ---------------------------------------------------------------------------------------
# Progress, cancellation and the GIL


def test_progress_is_reported(project):
    calls = []

    def progress(step, fraction):
        calls.append((step, fraction))
        return True

    project.run(progress=progress)
    assert calls
    assert all(isinstance(s, str) and 0.0 <= f <= 1.0 for s, f in calls)


def test_cancel_raises_cancelled(kk, project):
    with pytest.raises(kk.Cancelled) as info:
        project.run(progress=lambda step, fraction: False)
    assert info.value.code == kk.ErrorCode.CANCELLED
    with pytest.raises(kk.Cancelled):
        kk.load_default(progress=lambda step, fraction: False)


def test_progress_none_continues(project):
    assert project.run(progress=lambda step, fraction: None).table_names[0] == "kern"


def test_exception_in_progress_propagates(project):
    def progress(step, fraction):
        raise ZeroDivisionError("from the callback")

    with pytest.raises(ZeroDivisionError, match="from the callback"):
        project.run(progress=progress)


def test_gil_released_during_run(project):
    """Another Python thread keeps running while the engine works."""
    counter = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counter[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    try:
        time.sleep(0.05)
        runs, during = 0, 0
        started = time.perf_counter()
        while time.perf_counter() - started < 0.5:  # several runs, ~0.1-0.3 s each
            before = counter[0]
            project._core.run(None, {})
            during += counter[0] - before
            runs += 1
    finally:
        stop.set()
        thread.join()
    assert during > 1000 * runs


def test_matplotlib_is_not_imported_eagerly():
    code = ("import sys, kernkompas; r = kernkompas.load_default().run(); r.kern_table(); r.kernen(); "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO / "tests", timeout=300)


def test_from_arrays(kk, result):
    kernen, locations = _read_inputs()
    project = kk.from_arrays(kernen.geometry.values, kernen["name"], shapely.get_x(locations.geometry.values),
                             shapely.get_y(locations.geometry.values), kern_code=kernen["code"],
                             population=kernen["population"], id=locations["id"], sbi=locations["sbi"])
    assert project.kern_codes == result.project.kern_codes
    table = project.run().kern_table()
    pd.testing.assert_frame_equal(table[["n_locations", "n_sbi_G", "density_per_km2", "locations_per_1000_inhabitants"]],
                                  result.kern_table()[["n_locations", "n_sbi_G", "density_per_km2",
                                                       "locations_per_1000_inhabitants"]])
    with pytest.raises(kk.InputError, match="unknown field 'colour'"):
        kk.from_arrays(kernen.geometry.values, kernen["name"], [1.0], [2.0], colour=["red"])


# --- issue 9: every read checked, plausibility rules -------------------------------------------

def test_truncated_flatgeobuf_is_an_input_error(kk):
    config = REPO / "tests" / "data" / "capi" / "truncated.toml"
    with pytest.raises(kk.InputError) as info:
        kk.load(config)
    assert info.value.code == kk.ErrorCode.IO
    assert "truncated_locations.fgb" in str(info.value) and "truncated or damaged" in str(info.value)


def test_geographic_working_crs_in_memory_is_refused(kk):
    kernen, locations = _read_inputs()
    with pytest.raises(kk.InputError) as info:
        kk.from_geodataframes(kernen, locations, working_crs="EPSG:4326")
    assert info.value.code == kk.ErrorCode.CRS_TRANSFORM
    assert "working_crs" in str(info.value) and "projected in metres" in str(info.value)


def test_negative_population_in_memory_is_refused(kk):
    kernen, locations = _read_inputs()
    kernen.loc[2, "population"] = -1
    with pytest.raises(kk.InputError, match=r"kernen GeoDataFrame, record 3 .*population is negative \(-1\)"):
        kk.from_geodataframes(kernen, locations)


def test_vacant_since_after_the_snapshot_is_refused(kk, tmp_path):
    folder = _copy_dataset(tmp_path)
    csv = folder / "locations.csv"
    lines = csv.read_text().splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if ",vacant," in line)
    cells = lines[row].split(",")
    cells[7] = "2026-06-01"  # vacant_since, after the snapshot date 2025-01-01
    lines[row] = ",".join(cells)
    csv.write_text("".join(lines))
    project = kk.load(folder / "kernkompas.toml")
    with pytest.raises(kk.InputError, match=r"vacant_since 2026-06-01 lies after the reference date 2025-01-01"):
        project.run()


# ---------------------------------------------------------------------------------------
# Encodings and the seed's range (issue 9)


def _cp1252_register(tmp_path):
    """The embedded register with two names as a Dutch Excel export writes them (cp1252)."""
    folder = _copy_dataset(tmp_path)
    csv = folder / "locations.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    for row, name in ((1, "Café De Kwakel"), (2, "Loosdrecht ‘t Hoekje")):
        cells = lines[row].split(",")
        cells[1] = name
        lines[row] = ",".join(cells)
    csv.write_bytes("".join(lines).encode("cp1252"))
    return folder


def test_cp1252_register_is_refused_without_the_encoding_key(kk, tmp_path):
    folder = _cp1252_register(tmp_path)
    with pytest.raises(kk.InputError, match=r"record 1, column 'name': 'Caf\\xE9 De Kwakel' is not UTF-8 text.*"
                                            r"encoding = \"cp1252\" in the \[locations\] section") as info:
        kk.load(folder / "kernkompas.toml")
    assert info.value.code == kk.ErrorCode.BAD_VALUE


def test_cp1252_register_is_read_with_the_encoding_key(kk, tmp_path):
    folder = _cp1252_register(tmp_path)
    config = folder / "kernkompas.toml"
    text = config.read_text()
    # [locations] and the [[snapshots]], which inherit it, are read as cp1252 (the snapshot is plain ASCII).
    config.write_text(text.replace('[locations]\npath = "locations.csv"\n',
                                   '[locations]\npath = "locations.csv"\nencoding = "cp1252"\n'))
    project = kk.load(config)
    names = project.locations()["name"].tolist()
    assert names[:2] == ["Café De Kwakel", "Loosdrecht ‘t Hoekje"]
    result = project.run(internal=True)
    result.write(tmp_path / "out")
    written = geopandas.read_file(tmp_path / "out" / "kernkompas.gpkg", layer="location")
    assert written["name"].tolist()[:2] == ["Café De Kwakel", "Loosdrecht ‘t Hoekje"]


def test_seed_takes_the_whole_unsigned_64_bit_range(kk, project):
    top = project.run(seed=2**64 - 1, hotspots={"permutations": 99})
    again = project.run(seed=2**64 - 1, hotspots={"permutations": 99})
    other = project.run(seed=2**63, hotspots={"permutations": 99})
    p_top = top.table("vacancy_hotspot")["p_sim"].to_numpy(dtype=float)
    assert np.array_equal(p_top, again.table("vacancy_hotspot")["p_sim"].to_numpy(dtype=float), equal_nan=True)
    assert not np.array_equal(p_top, other.table("vacancy_hotspot")["p_sim"].to_numpy(dtype=float), equal_nan=True)
    for bad, shown in ((2**64, r"1\.844674407e\+19"), (-1, "-1"), (0.5, "0.5")):
        with pytest.raises(kk.ArgumentError,
                           match=r"option 'execution.seed' must be a whole number in \[0, 18446744073709551615\], got "
                                 + shown):
            project.run(seed=bad)


def test_seed_past_toml_integers_is_a_decimal_string(kk, tmp_path):
    folder = _copy_dataset(tmp_path)
    config = folder / "kernkompas.toml"
    config.write_text(config.read_text() + '\n[execution]\nseed = "18446744073709551615"\n')
    assert kk.load(config).settings["execution.seed"] == 2**64 - 1
