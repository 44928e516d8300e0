"""The accessibility family on the embedded Wijdemeren data, end to end: per-location road
distances to the nearest station and motorway ramp checked against networkx on the same
roads file, the kern statistics against the location values, and the maps."""

import json

import numpy as np
import pandas as pd
import pytest

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from conftest import DATA  # noqa: E402

import networkx as nx  # noqa: E402  (a peer of the tests: requirements-dev.txt)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _road_graph():
    """networkx DiGraph of datasets/wijdemeren/roads.geojson: a node at every line end (the
    file's lines meet only at their ends), arcs in the allowed directions, weight = length."""
    import shapely

    features = json.loads((DATA / "roads.geojson").read_text())["features"]
    lines, oneway = [], []
    graph = nx.DiGraph()
    for feature in features:
        line = shapely.geometry.shape(feature["geometry"])
        start, end = line.coords[0], line.coords[-1]
        forward = feature["properties"]["oneway"] == "yes"
        graph.add_edge(start, end, weight=line.length)
        if not forward:
            graph.add_edge(end, start, weight=line.length)
        lines.append(line)
        oneway.append(forward)
    return graph, lines, oneway


def _nearest_by_networkx(points, facilities, graph, lines, oneway):
    """Road distance from each point to the nearest facility (each at a line end): the snap
    distance, the stretch of the nearest line to an end it may drive to, then the shortest
    path to a facility node."""
    import shapely

    targets = {tuple(c) for c in facilities}
    assert targets <= set(graph.nodes), "every facility of these types lies at a road end"
    to_facility = nx.multi_source_dijkstra_path_length(graph.reverse(copy=False), targets)
    tree = shapely.STRtree(lines)
    nearest = tree.query_nearest(shapely.points(points), all_matches=False)[1]
    out = np.full(len(points), np.nan)
    for i, (x, y) in enumerate(points):
        line = lines[nearest[i]]
        point = shapely.Point(x, y)
        along = line.project(point)
        snap = line.distance(point)
        start, end = line.coords[0], line.coords[-1]
        best = np.inf
        if start in to_facility and not oneway[nearest[i]]:  # backwards to the start
            best = min(best, along + to_facility[start])
        if end in to_facility:
            best = min(best, line.length - along + to_facility[end])
        out[i] = snap + best
    return out


@pytest.fixture(scope="module")
def located(internal_result):
    return internal_result.locations()


@pytest.mark.parametrize("facility_type", ["station", "motorway_ramp"])
def test_location_distances_equal_networkx_on_the_embedded_roads(located, facility_type):
    facilities = json.loads((DATA / "facilities.geojson").read_text())["features"]
    positions = [f["geometry"]["coordinates"] for f in facilities if f["properties"]["type"] == facility_type]
    assert len(positions) >= 7
    graph, lines, oneway = _road_graph()
    points = np.column_stack([located.geometry.x, located.geometry.y])
    expected = _nearest_by_networkx(points, positions, graph, lines, oneway) / 1000.0
    got = located[f"access_{facility_type}_km"].to_numpy(dtype=float)
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


def test_kern_statistics_follow_from_the_location_values(internal_result, located):
    kern = internal_result.kern_table().set_index("kern_code")
    for code, group in located.groupby("kern_code"):
        values = group["access_station_km"].to_numpy(dtype=float)
        assert kern.loc[code, "access_station_mean_km"] == pytest.approx(values.mean(), rel=1e-12)
        assert kern.loc[code, "access_station_median_km"] == pytest.approx(np.median(values), rel=1e-12)
        counts = group["access_bus_stop_within_1km"].to_numpy(dtype=float)
        assert kern.loc[code, "access_bus_stop_within_1km"] == pytest.approx(counts.mean(), rel=1e-12)
    assert set(kern["access_method"]) == {"network"}


def test_euclidean_fallback_is_straight_line_times_detour(project, located):
    import shapely

    straight = project.run(internal=True, accessibility={"method": "euclidean", "detour_factor": 1.25,
                                                          "euclidean_speed_kmh": 30})
    frame = straight.locations()
    facilities = json.loads((DATA / "facilities.geojson").read_text())["features"]
    stations = shapely.points([f["geometry"]["coordinates"] for f in facilities if f["properties"]["type"] == "station"])
    points = shapely.points(np.column_stack([frame.geometry.x, frame.geometry.y]))
    d = shapely.distance(points[:, None], stations[None, :]).min(axis=1) * 1.25 / 1000.0
    np.testing.assert_allclose(frame["access_station_km"].to_numpy(dtype=float), d, rtol=1e-12)
    np.testing.assert_allclose(frame["access_station_min"].to_numpy(dtype=float), d / 30.0 * 60.0, rtol=1e-12)
    assert set(straight.kern_table()["access_method"]) == {"euclidean"}
    assert "service_area" not in straight.layer_names


def test_published_result_has_no_location_values_but_kern_statistics(result):
    assert "access_station_mean_km" in result.kern_table().columns
    table = result.table("access_facility")
    assert sorted(table["facility_type"].unique()) == ["bus_stop", "motorway_ramp", "station"]
    assert (table["facility_type"] == "station").sum() == 7


def test_small_kernen_are_withheld_on_publication(project):
    # With k = 250, Ankeveen (205) and Breukeleveen (45) are too small to publish.
    strict = project.run(disclosure={"k": 250})
    kern = strict.kern_table().set_index("kern_name")
    assert kern.loc["Ankeveen", "access_suppressed"] == 1
    assert np.isnan(kern.loc["Breukeleveen", "access_station_mean_km"])
    assert kern.loc["Loosdrecht", "access_suppressed"] == 0
    assert np.isfinite(kern.loc["Loosdrecht", "access_station_mean_km"])


def test_access_map_draws_the_kern_values_and_the_stations(result):
    from kernkompas import maps

    ax = maps.access_map(result, "station")
    assert ax.kk_facilities == 7
    assert "treinstation" in ax.get_title(loc="left")
    kern = result.kern_table()
    texts = [t.get_text() for t in ax.texts]
    loosdrecht = kern.loc[kern["kern_name"] == "Loosdrecht", "access_station_mean_km"].iloc[0]
    assert f"Loosdrecht\n{loosdrecht:.1f}".replace(".", ",") in texts
    assert any("over de weg" in t for t in texts)
    assert any("wegennet: synthetisch" in t for t in texts)
    with pytest.raises(KeyError, match="facility types of this result: bus_stop, motorway_ramp, station"):
        maps.access_map(result, "school")


def test_access_map_hatches_withheld_kernen(project):
    from kernkompas import maps

    ax = maps.access_map(project.run(disclosure={"k": 250}), "station")
    withheld = dict(zip(project.kern_names, ax.kk_withheld))
    assert withheld["Ankeveen"] == "primary" and withheld["Breukeleveen"] == "primary"
    assert withheld["Loosdrecht"] == ""


def test_service_area_map_has_a_panel_per_kern(result):
    from kernkompas import maps

    areas = result.layer("service_area")
    assert len(areas) == 6 * 3
    # Nested: within each kern the 5-minute area lies inside the 10-minute one.
    for _, group in areas.groupby("origin_code"):
        by_minutes = group.set_index("minutes").geometry
        assert by_minutes[10].buffer(1e-6).contains(by_minutes[5])
        assert by_minutes[5].area < by_minutes[10].area < by_minutes[15].area
    figure = maps.service_area_map(result)
    assert figure.kk_panels == 6
    assert figure.kk_service_areas == 18
    titles = [ax.get_title(loc="left") for ax in figure.axes if ax.get_title(loc="left")]
    assert titles == list(pd.unique(areas["origin_name"]))


def test_report_writes_the_access_maps(result, tmp_path):
    from kernkompas import report

    written = {p.name for p in report.write_maps(result, tmp_path)}
    assert {"map_access_station.png", "map_access_motorway_ramp.png", "map_access_bus_stop.png",
            "map_service_areas.png"} <= written
