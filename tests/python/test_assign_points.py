"""kernkompas.assign_points: the engine's exact assignment on arrays, checked by hand and
against geopandas.sjoin."""

import numpy as np
import pytest
import shapely

import kernkompas


def squares():
    a = shapely.box(0, 0, 10, 10)
    b = shapely.box(10, 0, 20, 10)
    holed = shapely.Polygon([(30, 0), (40, 0), (40, 10), (30, 10)], [[(33, 3), (37, 3), (37, 7), (33, 7)]])
    multi = shapely.MultiPolygon([shapely.box(50, 0, 55, 5), shapely.box(60, 0, 65, 5)])
    return np.array([a, b, holed, multi], dtype=object)


def test_hand_made_cases():
    x = np.array([5, 10, 15, 35, 31, 62, 100, 33])
    y = np.array([5, 5, 5, 5, 1, 2, 100, 5])
    got = kernkompas.assign_points(squares(), x, y)
    # inside a; on the a|b edge -> a (first); inside b; in the hole -> outside; holed part;
    # second part of the multipolygon; far outside; on the hole's ring -> covered.
    np.testing.assert_array_equal(got, [0, 0, 1, -1, 2, 3, -1, 2])
    assert got.dtype == np.int32


def test_agrees_with_geopandas_sjoin():
    import geopandas as gpd

    rng = np.random.default_rng(7)
    polygons = gpd.GeoSeries(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, 1000, (200, 2))),
                                                      extend_to=shapely.box(0, 0, 1000, 1000)).geoms)
    polygons = polygons.intersection(shapely.box(0, 0, 1000, 1000))
    x, y = rng.uniform(-50, 1050, 20_000), rng.uniform(-50, 1050, 20_000)
    got = kernkompas.assign_points(polygons, x, y, threads=2)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y))
    joined = gpd.sjoin(points, gpd.GeoDataFrame(geometry=polygons), predicate="within", how="left")
    expected = joined["index_right"].fillna(-1).astype(int).groupby(level=0).min().to_numpy()
    np.testing.assert_array_equal(got, expected)


def test_mismatched_lengths_raise_argument_error():
    with pytest.raises(kernkompas.ArgumentError, match="differ in length"):
        kernkompas.assign_points(squares(), [1.0, 2.0], [1.0])
