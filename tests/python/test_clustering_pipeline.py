"""The clustering family in the default run, side by side with peers: the cluster ids with
scikit-learn's DBSCAN, Ripley's table with kernkompas.stats.ripley and a numpy pair count,
the location quotients with pandas, the density raster's mask recounted with numpy, and the
published cluster outlines checked to reveal no premise."""

import numpy as np
import pandas as pd
import pytest
import shapely
from sklearn.cluster import DBSCAN

from kernkompas import stats


@pytest.fixture(scope="module")
def internal_locations(internal_result):
    return internal_result.locations()


def test_cluster_ids_equal_scikit_learn(internal_result, internal_locations):
    xy = np.column_stack([internal_locations.geometry.x, internal_locations.geometry.y])
    expected = DBSCAN(eps=75.0, min_samples=5, algorithm="kd_tree").fit(xy).labels_
    ours = internal_locations["cluster_id"].to_numpy()
    assert (ours == expected).all()
    clusters = internal_result.table("cluster")
    assert len(clusters) == expected.max() + 1 > 10
    counts = pd.Series(expected[expected >= 0]).value_counts().sort_index()
    assert clusters["n_locations"].tolist() == counts.tolist()
    vacant = internal_locations["status"].eq("vacant").groupby(ours).sum()
    assert clusters["n_vacant"].tolist() == [int(vacant[c]) for c in clusters["cluster_id"]]


def test_kern_ripley_equals_the_statistic_on_each_kern(internal_result, internal_locations):
    table = internal_result.table("kern_ripley")
    kernen = internal_result.kernen()
    distances = np.arange(1, 11) * 50.0
    for code in ("ANK", "BRV"):
        points = internal_locations[internal_locations["kern_code"] == code]
        xy = np.column_stack([points.geometry.x, points.geometry.y])
        window = kernen.loc[kernen["kern_code"] == code].geometry.iloc[0]
        expected = stats.ripley(xy, window, distances, simulations=99, seed=stats.DEFAULT_SEED)
        rows = table[table["kern_code"] == code]
        assert rows["distance_m"].tolist() == distances.tolist()
        for column in ("k", "l", "h", "l_lo", "l_hi"):
            np.testing.assert_allclose(rows[column].to_numpy(), expected[column].to_numpy(), rtol=1e-12)
        # Edge-corrected K is at least the plain pair count (every weight >= 1): numpy.
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
        n = len(xy)
        plain = np.array([window.area / (n * (n - 1)) * ((d <= r).sum() - n) for r in distances])
        assert (rows["k"].to_numpy() >= plain * (1 - 1e-12)).all()


def test_sector_lq_equals_pandas(internal_result, internal_locations):
    units = internal_locations.dropna(subset=["sbi_section"])
    counts = pd.crosstab(units["kern_code"], units["sbi_section"])
    shares = counts.div(counts.sum(axis=1), axis=0)
    area = counts.sum(axis=0) / counts.values.sum()
    lq = shares / area
    table = internal_result.table("sector_lq").set_index(["kern_code", "sbi_section"])
    for (kern, section), value in lq.stack().items():
        assert table.loc[(kern, section), "lq"] == pytest.approx(value, rel=1e-12)
        assert table.loc[(kern, section), "n_locations"] == counts.loc[kern, section]
    kern = internal_result.table("kern").set_index("kern_code")
    for code, row in shares.iterrows():
        p = row[row > 0]
        assert kern.loc[code, "sbi_shannon"] == pytest.approx(-(p * np.log(p)).sum(), rel=1e-12)
        assert kern.loc[code, "sbi_hhi"] == pytest.approx((p**2).sum(), rel=1e-12)


def test_published_density_mask_is_the_count_rule(result, internal_locations):
    values, transform = result.raster("density")
    x0, cell, _, y1, _, _ = transform
    rows, columns = values.shape
    cx = x0 + (np.arange(columns) + 0.5) * cell
    cy = y1 - (np.arange(rows) + 0.5) * cell
    xy = np.column_stack([internal_locations.geometry.x, internal_locations.geometry.y])
    # Units within the 500 m bandwidth of each cell centre, by a KD tree of scipy.
    from scipy.spatial import cKDTree
    gx, gy = np.meshgrid(cx, cy)
    in_reach = np.array([len(c) for c in cKDTree(xy).query_ball_point(np.column_stack([gx.ravel(), gy.ravel()]), 500.0)])
    withheld = (in_reach > 0) & (in_reach < 5)
    assert withheld.sum() > 100
    assert (np.isnan(values.ravel()) == withheld).all()


def test_published_cluster_outlines_reveal_no_premise(result, internal_locations):
    layer = result.layer("cluster")
    published = layer[~layer.geometry.is_empty & layer.geometry.notna()]
    assert len(published) > 10
    vertices = shapely.get_coordinates(published.geometry)
    # Every vertex on the 50 m grid: an outline gives no premise's position more precisely.
    assert np.allclose(vertices / 50.0, np.round(vertices / 50.0))
    # Every clustered location lies inside its cluster's published outline.
    for _, row in published.iterrows():
        members = internal_locations[internal_locations["cluster_id"] == row["cluster_id"]]
        assert row.geometry.buffer(1e-6).contains(shapely.multipoints(
            np.column_stack([members.geometry.x, members.geometry.y])))


def test_lisa_layer_equals_esda(internal_result):
    """The lisa_cell layer of an internal run against esda on the same cells: queen contiguity
    of the cell squares (libpysal), row-standardised; I_i and the quadrant exactly, and the
    global I of moran_global."""
    import esda
    import libpysal

    cells = internal_result.layer("lisa_cell")
    values = cells["n_locations"].to_numpy(dtype=float)
    w = libpysal.weights.Queen.from_dataframe(cells, use_index=False, silence_warnings=True)
    w.transform = "r"
    local = esda.Moran_Local(values, w, permutations=0)
    np.testing.assert_allclose(cells["lisa_i"].to_numpy(), local.Is, rtol=1e-9, atol=1e-12)
    quadrants = np.array(["", "HH", "LH", "LL", "HL"])[local.q]
    assert (cells["quadrant"].to_numpy() == quadrants).all()
    glob = esda.Moran(values, w, permutations=0)
    moran = internal_result.table("moran_global")
    assert moran["moran_i"].iloc[0] == pytest.approx(glob.I, rel=1e-9)
    assert moran["z_randomised"].iloc[0] == pytest.approx(glob.z_rand, rel=1e-9)
    assert int(moran["n_cells"].iloc[0]) == len(cells)
    significant = cells["fdr_significant"].to_numpy() == 1
    assert significant.any()
    assert (cells.loc[significant, "lisa_class"] == cells.loc[significant, "quadrant"]).all()
    assert (cells.loc[~significant, "lisa_class"] == "ns").all()


def test_published_lisa_leaves_out_small_cells(result, internal_result):
    published = result.table("lisa_cell")
    internal = internal_result.table("lisa_cell")
    small = internal["n_locations"].between(1, 4).to_numpy()
    assert small.any()
    assert (published["suppressed"].to_numpy() == small.astype(int)).all()
    assert published.loc[small, "lisa_i"].isna().all()
    # The other cells' LISA differs from the internal one: the small cells are no observations.
    kept = ~small & published["lisa_i"].notna().to_numpy()
    assert not np.allclose(published.loc[kept, "lisa_i"], internal.loc[kept, "lisa_i"])
