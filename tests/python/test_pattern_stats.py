"""kernkompas.stats point-pattern and concentration statistics side by side with peers.

- Uncorrected Ripley K against a plain numpy pair count and against pointpats.k.
- Edge-corrected K against a numpy brute force written here: every ordered pair weighted by
  1 / (share of the circle around i through j inside the window), the share found by dense
  sampling of the circumference with shapely, on a small set in an L-shaped window with a hole.
- Location quotients against pandas, Shannon H against scipy.stats.entropy, HHI against numpy.
- The colocation quotient against a brute-force nearest-neighbour count with shared ties.
pointpats, pandas and scipy are required test dependencies (requirements-dev.txt).
"""

import math

import numpy as np
import pandas as pd
import pointpats
import pytest
import scipy.stats
import shapely
from pointpats import distance_statistics as pp_distance

import kernkompas
from kernkompas import stats

# [0, 200] x [0, 200] minus the quadrant [100, 200] x [100, 200], with a hole [30, 60]^2.
L_WINDOW = shapely.Polygon(
    [(0, 0), (200, 0), (200, 100), (100, 100), (100, 200), (0, 200)],
    [[(30, 30), (30, 60), (60, 60), (60, 30)]],
)


def uniform_in(window, n, seed):
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = window.bounds
    points = []
    while len(points) < n:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if window.contains(shapely.Point(x, y)):
            points.append((x, y))
    return np.array(points)


def pair_distances(xy):
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, np.inf)
    return d


def test_uncorrected_k_equals_numpy_pair_count():
    xy = uniform_in(L_WINDOW, 300, 1)
    r = np.array([3.3, 10.1, 25.7, 50.9])
    table = stats.ripley(xy, L_WINDOW, r, simulations=0)
    n, area = len(xy), L_WINDOW.area
    d = pair_distances(xy)
    expected = [area / (n * (n - 1)) * np.count_nonzero(d <= radius) for radius in r]
    np.testing.assert_allclose(table.k_uncorrected, expected, rtol=1e-13)
    assert table.attrs["points"] == n
    assert table.attrs["area"] == pytest.approx(area, rel=1e-14)


def test_uncorrected_k_matches_pointpats():
    # pointpats.k: K = 2 · #pairs(d < r) / n / (n / A) with A its hull's area (the points'
    # bounding box) and n² instead of n (n − 1); distances avoid exact pair distances.
    xy = uniform_in(L_WINDOW, 250, 2)
    r = np.array([5.05, 12.5, 30.3, 61.1])
    support, k_pp = pointpats.k(xy, support=r)
    pp_area = pp_distance._area(pp_distance._prepare_hull(xy, None))
    ours = stats.ripley(xy, L_WINDOW, r, simulations=0).k_uncorrected
    n = len(xy)
    np.testing.assert_allclose(support, r)
    np.testing.assert_allclose(ours / L_WINDOW.area * (n - 1) / n, k_pp / pp_area, rtol=1e-12)


def sampled_share(window, cx, cy, radius, samples):
    angles = 2 * np.pi * (np.arange(samples) + 0.5) / samples
    inside = shapely.contains_xy(window, cx + radius * np.cos(angles), cy + radius * np.sin(angles))
    return inside.mean()


def test_edge_corrected_k_matches_brute_force_circle_sampling():
    shapely.prepare(L_WINDOW)
    xy = uniform_in(L_WINDOW, 30, 3)
    r = np.array([20.0, 45.0, 80.0, 130.0])
    d = pair_distances(xy)
    n, area = len(xy), L_WINDOW.area
    weighted = np.zeros(len(r))
    for i in range(n):
        for j in range(n):
            if i == j or d[i, j] > r[-1]:
                continue
            share = sampled_share(L_WINDOW, xy[i, 0], xy[i, 1], d[i, j], 20000)
            weighted[r >= d[i, j]] += 1.0 / share
    expected = area / (n * (n - 1)) * weighted
    table = stats.ripley(xy, L_WINDOW, r, simulations=0)
    # Sampling 20,000 points per circle puts each share within ~1e-4 of the truth.
    np.testing.assert_allclose(table.k, expected, rtol=2e-3)
    # The correction matters here: corrected K is well above the uncorrected one at 130 m.
    assert table.k.iloc[-1] > 1.3 * table.k_uncorrected.iloc[-1]
    np.testing.assert_allclose(table.l, np.sqrt(table.k / math.pi))
    np.testing.assert_allclose(table.h, table.l - r)


def test_csr_pattern_within_envelope_and_reproducible():
    xy = uniform_in(L_WINDOW, 200, 4)
    r = np.arange(5.0, 61.0, 5.0)
    one = stats.ripley(xy, L_WINDOW, r, simulations=39, seed=11, threads=1)
    two = stats.ripley(xy, L_WINDOW, r, simulations=39, seed=11, threads=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert ((one.l >= one.l_lo) & (one.l <= one.l_hi)).all()
    assert (one.h.abs() < 6.0).all()
    other = stats.ripley(xy, L_WINDOW, r, simulations=39, seed=12)
    assert not np.array_equal(one.l_hi, other.l_hi)


def test_window_as_wkb_and_geoseries_points():
    import geopandas as gpd

    xy = uniform_in(L_WINDOW, 50, 5)
    r = [10.0, 30.0]
    a = stats.ripley(xy, L_WINDOW, r, simulations=5)
    b = stats.ripley(gpd.GeoSeries(gpd.points_from_xy(xy[:, 0], xy[:, 1])),
                     shapely.to_wkb(L_WINDOW), r, simulations=5)
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_ripley_errors_name_the_problem():
    xy = np.array([[10.0, 10.0], [150.0, 150.0]])  # the second lies in the cut-out quadrant
    with pytest.raises(kernkompas.ArgumentError, match="point 1 .* outside the window"):
        stats.ripley(xy, L_WINDOW, [10.0])
    with pytest.raises(kernkompas.ArgumentError, match="ascending"):
        stats.ripley(xy[:1], L_WINDOW, [10.0, 5.0])
    with pytest.raises(kernkompas.InputError, match="expected a polygon"):
        stats.ripley(xy[:1], shapely.Point(0, 0), [10.0])


COUNTS = pd.DataFrame(
    {"A": [2, 1, 0, 5], "C": [2, 3, 0, 0], "G": [0, 4, 0, 1], "K": [1, 0, 0, 9]},
    index=["Kortenhoef", "Loosdrecht", "leeg", "Nederhorst"],
)


def test_location_quotient_matches_pandas():
    lq = stats.location_quotient(COUNTS)
    expected = COUNTS.div(COUNTS.sum(axis=1), axis=0) / (COUNTS.sum(axis=0) / COUNTS.values.sum())
    pd.testing.assert_frame_equal(lq, expected.astype(float), rtol=1e-14)
    reference = np.array([10, 10, 5, 25])
    lq_ref = stats.location_quotient(COUNTS.values, reference=reference)
    expected_ref = COUNTS.div(COUNTS.sum(axis=1), axis=0) / (reference / reference.sum())
    np.testing.assert_allclose(lq_ref, expected_ref.values, rtol=1e-14)


def test_shannon_evenness_hhi_match_scipy():
    d = stats.diversity(COUNTS)
    for row, (name, counts) in enumerate(COUNTS.iterrows()):
        total = counts.sum()
        if total == 0:
            assert math.isnan(d.shannon[row]) and math.isnan(d.hhi[row])
            continue
        present = int((counts > 0).sum())
        h = scipy.stats.entropy(counts.values)  # natural log, normalises the counts
        assert d.shannon[row] == pytest.approx(h, rel=1e-14), name
        assert d.hhi[row] == pytest.approx(((counts / total) ** 2).sum(), rel=1e-14), name
        assert d.categories_present[row] == present
        assert d.evenness_all[row] == pytest.approx(h / math.log(4), rel=1e-14)
        if present >= 2:
            assert d.evenness[row] == pytest.approx(h / math.log(present), rel=1e-14)
    assert stats.shannon([2, 2, 0]) == pytest.approx(math.log(2))
    assert stats.hhi([2, 2, 0]) == pytest.approx(0.5)


def brute_force_clq(xy, labels, a, b):
    d = pair_distances(xy)
    n = len(xy)
    count = 0.0
    for i in np.flatnonzero(labels == a):
        nearest = np.flatnonzero(d[i] == d[i].min())
        count += np.mean(labels[nearest] == b)
    n_a, n_b = np.sum(labels == a), np.sum(labels == b) - (1 if a == b else 0)
    return count, (count / n_a) / (n_b / (n - 1))


def test_colocation_quotient_matches_brute_force_with_ties():
    rng = np.random.default_rng(6)
    # Integer coordinates on a 25 m grid: many tied nearest neighbours.
    xy = rng.integers(0, 20, size=(300, 2)).astype(float) * 25.0
    xy = np.unique(xy, axis=0)
    labels = rng.choice(np.array(["winkel", "horeca", "zorg"]), size=len(xy), p=[0.5, 0.3, 0.2])
    for a, b in [("winkel", "horeca"), ("horeca", "winkel"), ("zorg", "zorg")]:
        count, clq = brute_force_clq(xy, labels, a, b)
        result = stats.colocation_quotient(xy, labels, a, b, permutations=199, seed=3)
        assert result.count_ab == pytest.approx(count, rel=1e-12)
        assert result.clq == pytest.approx(clq, rel=1e-12)
        assert 0 < result.p_sim <= 0.5 + 0.5 / 200
    again = stats.colocation_quotient(xy, labels, "winkel", "horeca", permutations=199, seed=3,
                                      threads=2)
    assert again == stats.colocation_quotient(xy, labels, "winkel", "horeca", permutations=199,
                                              seed=3)


def test_colocation_quotient_detects_attraction():
    rng = np.random.default_rng(7)
    centres = rng.uniform(0, 1000, size=(60, 2))
    # Every A has a B 1 m away; C points fill the area.
    xy = np.vstack([centres, centres + [1.0, 0.0], rng.uniform(0, 1000, size=(200, 2))])
    labels = np.array(["A"] * 60 + ["B"] * 60 + ["C"] * 200)
    result = stats.colocation_quotient(xy, labels, "A", "B", permutations=199)
    assert result.clq == pytest.approx(1.0 / (60 / 319))
    assert result.p_sim == pytest.approx(1 / 200)


def test_ripley_plot_small_multiples(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from kernkompas import maps

    r = np.arange(10.0, 61.0, 10.0)
    tables = []
    for name, seed in [("Ankeveen", 1), ("Kortenhoef", 2), ("Loosdrecht", 3), ("'s-Graveland", 4)]:
        t = stats.ripley(uniform_in(L_WINDOW, 60, seed), L_WINDOW, r, simulations=19, seed=seed)
        t.insert(0, "kern_name", name)
        t["points"] = 60
        tables.append(t)
    fig = maps.ripley_plot(pd.concat(tables, ignore_index=True))
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == [
        "Ankeveen (n = 60)", "Kortenhoef (n = 60)", "Loosdrecht (n = 60)", "'s-Graveland (n = 60)"]
    assert panels[-1].get_xlabel() == "afstand r (m)"
    assert panels[0].get_ylabel() == "L(r) − r (m)"
    # The observed line of the first panel is L − r of the first table.
    line = panels[0].get_lines()[-1]
    np.testing.assert_allclose(line.get_ydata(), tables[0].h)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "envelop van simulaties (willekeurige spreiding)" in texts
    path = tmp_path / "ripley.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    one = maps.ripley_plot(tables[0].drop(columns="kern_name"), value="l")
    assert len([ax for ax in one.axes if ax.get_visible()]) == 1
    with pytest.raises(ValueError, match="'h' or 'l'"):
        maps.ripley_plot(tables[0], value="k")


def test_progress_can_cancel_ripley_and_colocation():
    xy = uniform_in(L_WINDOW, 100, 8)
    steps = []

    def stop(step, fraction):
        steps.append(step)
        return False

    with pytest.raises(kernkompas.Cancelled):
        stats.ripley(xy, L_WINDOW, [10.0, 20.0], simulations=9, progress=stop)
    with pytest.raises(kernkompas.Cancelled):
        stats.colocation_quotient(xy, np.arange(100) % 3, 0, 1, permutations=99, progress=stop)
    assert steps == ["ripley", "colocation"]
