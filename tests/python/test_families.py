"""Options declared once and families as modules, seen from Python: the option list, every
route to set an option, grain and keys, and the tests' demonstration family (registered in
the wheel scripts/test-all.sh builds with KK_DEMO_FAMILY=ON)."""

import math

import numpy as np
import pytest


def _option(kk, name):
    return next(o for o in kk.options() if o["name"] == name)


def test_option_list_matches_the_engine(kk):
    names = [o["name"] for o in kk.options()]
    assert names[:5] == ["execution.threads", "execution.seed", "disclosure.k", "disclosure.min_units",
                         "disclosure.internal"]
    cell = _option(kk, "hotspots.cell_size_m")
    assert (cell["type"], cell["default"], cell["allowed"], cell["unit"]) == ("real", 250.0, "a number > 0", "m")
    assert cell["min"] == 0 and math.isinf(cell["max"])
    assert cell["alias"] == "vacancy.hotspot_cell_size_m"
    assert _option(kk, "hotspots.value")["choices"] == ["rate", "count"]
    assert _option(kk, "vacancy.reference_date")["default"] is None


def test_every_route_sets_the_same_option(kk, project, result):
    """Keyword section, qualified name and older name give the same table; defaults differ."""
    by_section = project.run(hotspots={"cell_size_m": 500, "permutations": 0})
    by_name = project.run(options={"hotspots.cell_size_m": 500, "hotspots.permutations": 0})
    by_alias = project.run(vacancy={"hotspot_cell_size_m": 500, "permutations": 0})
    by_numpy = project.run(hotspots={"cell_size_m": np.float32(500), "permutations": np.int64(0)},
                           disclosure={"internal": np.bool_(False)})
    first = by_section.table("vacancy_hotspot")
    for other in (by_name, by_alias, by_numpy):
        assert first.equals(other.table("vacancy_hotspot"))
    # 500 m cells: 298 cells hold units (744 of 250 m; tests/cli), and no permutation p.
    assert (len(first), len(result.table("vacancy_hotspot"))) == (298, 744)
    assert first["p_sim"].isna().all()


def test_grain_keys_and_find_indicator(result):
    assert result.grain("kern") == "kern" and result.keys("kern") == ["kern_code"]
    assert result.keys("kern_sector") == ["kern_code", "sbi_section"]
    assert result.grain("vacancy_total") == "area" and result.keys("vacancy_total") == []
    assert result.keys("vacancy_change") == ["period_start", "period_end", "kern_code"]
    assert result.grain("vacancy_hotspot") == "grid_cell"
    assert result.find_indicator("vacancy_rate_units") == "kern"
    assert result.find_indicator("gi_z", grain="grid_cell") == "vacancy_hotspot"
    assert result.find_indicator("gi_z") is None
    assert result.find_indicator("lisa_i", grain="grid_cell") == "lisa_cell"
    assert result.grain("kern_ripley") == "kern_distance" and result.keys("kern_ripley") == ["kern_code", "distance_m"]
    assert result.grain("service_area") == "service_area"
    assert result.keys("service_area") == ["origin_code", "minutes"]
    assert result.grain("access_facility") == "facility" and result.keys("access_facility") == ["facility_id"]
    assert result.find_indicator("access_station_mean_km") == "kern"
    # The clustering and accessibility families' raster and location columns (kept in memory;
    # never written to published output, which has no location layer).
    assert result.raster_names == ["density"]
    assert result.location_column_names[0] == "cluster_id"
    assert result.location_column_names[1:4] == ["access_snap_m", "access_snap_beyond_limit", "access_bus_stop_km"]
    assert all(name.startswith("access_") for name in result.location_column_names[1:])
    assert result.internal is False


@pytest.fixture(scope="module")
def demo(kk):
    if "demo.enabled" not in [o["name"] for o in kk.options()]:
        pytest.skip("the installed wheel was built without KK_DEMO_FAMILY (scripts/test-all.sh builds it with)")
    return kk


def test_demo_family_is_configured_from_python(demo, tmp_path):
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    project = demo.load(repo / "tests" / "data" / "capi" / "project.toml")
    assert "demo_cells" not in project.run().table_names  # off by default
    result = project.run(demo={"enabled": True, "cell_size_m": 1000, "label": "uit Python"}, disclosure={"k": 1})
    assert list(result.kern_table()["demo_locations"]) == [3, 2, 2]
    cells = result.table("demo_cells")
    assert list(cells["label"].unique()) == ["uit Python"]
    assert result.grain("demo_cells") == "grid_cell"
    values, transform = result.raster("demo_count")
    assert values.shape == (6, 6) and not values.flags.writeable
    assert transform == (131000.0, 1000.0, 0.0, 471000.0, 0.0, -1000.0)
    np.testing.assert_array_equal(values[5, :4], [3, 1, 1, 1])  # the southern row
    assert values[0, 5] == 1 and np.isnan(values[0, 0])
    assert list(result._core.location_column("demo_cell")) == [0, 0, 0, 2, 3, 1, 35]
    result.write(tmp_path)
    assert (tmp_path / "demo_count.tif").read_bytes()[:4] == b"II*\x00"
    with pytest.raises(demo.ArgumentError, match="option 'demo.cell_size_m' must be a number > 0"):
        project.run(demo={"cell_size_m": 0})
