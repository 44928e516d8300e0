"""Mapping helpers: classification, choropleths saved as images, overlays, the offline HTML map."""

import json
import re

import numpy as np
import pytest

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

import geopandas  # noqa: E402
import mapclassify  # noqa: E402
import shapely  # noqa: E402


@pytest.fixture(scope="module")
def maps(kk):
    from kernkompas import maps

    return maps


@pytest.fixture(scope="module")
def interactive(kk):
    from kernkompas import interactive

    return interactive


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _legend_texts(ax):
    texts = []
    for artist in ax.artists + [ax.get_legend()]:
        if artist is not None and hasattr(artist, "get_texts"):
            texts += [t.get_text() for t in artist.get_texts()]
            texts.append(artist.get_title().get_text())
    return texts


# ---------------------------------------------------------------------------------------
# Classification


def test_quantiles_and_fixed_bins(kk):
    from kernkompas._classify import classify

    values = np.arange(1.0, 11.0)
    classes = classify(values, "quantiles", k=5)
    assert classes.k == 5
    assert classes.counts().tolist() == [2, 2, 2, 2, 2]
    fixed = classify(values, "fixed", bins=[3, 6])
    assert fixed.bins.tolist() == [3.0, 6.0, 10.0]
    assert fixed.counts().tolist() == [3, 3, 4]
    with_nan = classify([1.0, np.nan, 3.0], "equal_interval", k=2)
    assert with_nan.index.tolist() == [0, -1, 1]
    masked = classify([1.0, 2.0, 3.0], "quantiles", k=3, mask=[False, True, False])
    assert masked.index[1] == -1
    with pytest.raises(ValueError, match="classification"):
        classify(values, "jenks")
    with pytest.raises(ValueError, match="bins"):
        classify(values, "fixed")


@pytest.mark.filterwarnings("ignore:Numba not installed")
def test_jenks_matches_mapclassify(kk):
    from kernkompas._classify import classify, jenks_breaks

    rng = np.random.default_rng(7)
    values = np.concatenate([rng.normal(10, 2, 60), rng.normal(40, 5, 40), rng.normal(90, 3, 20)])
    for k in (2, 3, 5):
        np.testing.assert_allclose(jenks_breaks(values, k), mapclassify.FisherJenks(values, k=k).bins)
    np.testing.assert_allclose(classify(values, "natural_breaks", k=3).bins, jenks_breaks(values, 3))


def test_legend_labels_and_units(kk):
    from kernkompas._classify import classify, pretty_unit

    classes = classify([8.36, 21.6, 43.4, 48.3, 57.6], "fixed", bins=[10, 50])
    assert classes.labels() == ["8.4 – 10.0", "10.0 – 50.0", "50.0 – 57.6"]
    assert classify([1.0, 1.0, 2.0], "fixed", bins=[1]).labels() == ["1", "1 – 2"]
    assert pretty_unit("per_km2") == "per km²"
    assert pretty_unit("per_1000_inhabitants") == "per 1,000 inhabitants"
    assert pretty_unit("") == ""


# ---------------------------------------------------------------------------------------
# Choropleths as images


@pytest.mark.parametrize("classification", ["quantiles", "natural_breaks", "equal_interval"])
def test_choropleth_png_size_and_content(maps, result, tmp_path, classification):
    ax = maps.choropleth(result, "density_per_km2", classification=classification, figsize=(6, 5), dpi=100)
    path = maps.save(ax, tmp_path / "map.png")
    image = matplotlib.image.imread(path)
    assert image.shape[:2] == (500, 600)  # rows = height, columns = width
    rgb = image[..., :3].reshape(-1, 3)
    assert (rgb < 0.99).any(axis=1).mean() > 0.05  # not a blank page
    assert len(np.unique((rgb * 255).astype(np.uint8), axis=0)) > 20


def test_choropleth_legend_has_unit_labels_and_attribution(maps, result):
    ax = maps.choropleth(result, "locations_per_1000_inhabitants", k=3)
    texts = _legend_texts(ax)
    assert any("per 1,000 inhabitants" in t for t in texts)
    assert sum("–" in t for t in texts) >= 2  # class ranges
    annotations = [t.get_text() for t in ax.texts]
    assert any("Loosdrecht" in t for t in annotations)  # kern labels
    assert any("km" in t for t in annotations)  # scale bar
    assert any(t == "N" for t in annotations)  # north arrow
    assert any("CBS / Kadaster" in t for t in annotations)  # attribution of the real data
    assert ax.kk_classes.k == 3


def test_fractions_are_shown_as_percent(maps, result):
    ax = maps.choropleth(result, "vacancy_rate_units", k=3)
    assert any("%" in t for t in _legend_texts(ax))
    assert ax.kk_classes.bins.max() > 1  # percentages, not fractions


def test_fixed_bins_on_a_geodataframe(maps, result):
    kernen = result.kernen()
    ax = maps.choropleth(kernen, "density_per_km2", classification="fixed", bins=[20, 40], unit="per_km2",
                         attribution="")
    assert ax.kk_classes.bins[:2].tolist() == [20.0, 40.0]
    assert any("per km²" in t for t in _legend_texts(ax))


def test_suppressed_cells_are_hatched(maps, result, tmp_path):
    kernen = result.kernen()
    kernen["density_per_km2_suppressed"] = 0
    kernen.loc[1, "density_per_km2_suppressed"] = 1  # Breukeleveen
    ax = maps.choropleth(kernen, "density_per_km2")
    assert any(t.startswith("geheim: niet gepubliceerd") for t in _legend_texts(ax))
    assert any(c.get_hatch() == "////" for c in ax.collections)
    assert ax.kk_classes.index[1] == -1  # left out of the classes
    label = [t.get_text() for t in ax.texts if t.get_text().startswith("Breukeleveen")][0]
    assert label.endswith("geheim")
    maps.save(ax, tmp_path / "suppressed.png")


def test_generic_suppressed_column(maps, result):
    kernen = result.kernen()
    kernen["mine"] = [1, 0, 0, 0, 0, 0]
    ax = maps.choropleth(kernen, "n_locations", suppressed="mine")
    assert any(t.startswith("geheim") for t in _legend_texts(ax))
    assert ax.kk_withheld.tolist() == ["withheld", "", "", "", "", ""]
    ax = maps.choropleth(kernen, "n_locations", suppressed=False)
    assert not any(t.startswith("geheim") for t in _legend_texts(ax))


def test_missing_values_and_unknown_column(maps, result):
    kernen = result.kernen()
    kernen.loc[0, "density_per_km2"] = np.nan
    ax = maps.choropleth(kernen, "density_per_km2")
    assert any("no data" in t for t in _legend_texts(ax))
    with pytest.raises(KeyError, match="no column"):
        maps.choropleth(result, "no_such_indicator")


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_save_vector_formats(maps, result, tmp_path, suffix, magic):
    ax = maps.choropleth(result, "n_locations")
    path = maps.save(ax.figure, tmp_path / f"map{suffix}")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 5000


def test_save_rejects_other_formats(maps, result, tmp_path):
    ax = maps.choropleth(result, "n_locations")
    with pytest.raises(ValueError, match="png"):
        maps.save(ax, tmp_path / "map.jpg")


# ---------------------------------------------------------------------------------------
# Overlays


def _figure_texts(ax):
    return [t.get_text() for t in ax.figure.texts]


# Premises are drawn from an internal result only (issue #8); this test used the published
# result before published maps stopped showing premises.
def test_locations_overlay_marks_vacant(maps, internal_result):
    ax = maps.choropleth(internal_result, "n_locations")
    limits = (ax.get_xlim(), ax.get_ylim())
    maps.add_locations(ax, internal_result)
    labels = [h.get_label() for h in ax.kk_overlay_handles]
    assert any(label.startswith("vacant (225)") for label in labels)
    assert any(label.startswith("location (2,985)") for label in labels)
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    assert _figure_texts(ax).count("INTERN — niet publiceren") == 1


def test_locations_of_a_published_result_are_refused(kk, maps, result):
    ax = maps.choropleth(result, "n_locations")
    collections = len(ax.collections)
    with pytest.raises(kk.ArgumentError, match="published output.*no individual premises"):
        maps.add_locations(ax, result)
    # Also through the frame: Result.locations() carries the result's mode.
    frame = result.locations()
    assert frame.attrs["kernkompas_mode"] == "published"
    with pytest.raises(kk.ArgumentError, match="published"):
        maps.add_locations(ax, frame)
    with pytest.raises(kk.ArgumentError, match="published"):
        maps.add_overlay(ax, frame.iloc[:10], "points")
    assert len(ax.collections) == collections
    assert "INTERN — niet publiceren" not in _figure_texts(ax)


def test_every_map_of_an_internal_result_has_the_footer(maps, internal_result, result):
    assert "INTERN — niet publiceren" in _figure_texts(maps.choropleth(internal_result, "density_per_km2"))
    assert "INTERN — niet publiceren" not in _figure_texts(maps.choropleth(result, "density_per_km2"))


def test_grid_overlay_with_hotspots(maps, result, tmp_path):
    ax = maps.choropleth(result, "vacancy_rate_units")
    grid = result.hotspots()
    maps.add_overlay(ax, grid[grid["suppressed"] == 0], "grid", column="gi_z", label="Gi* z")
    maps.add_overlay(ax, result.kernen(), "polygons", label="kern boundary")
    assert [h.get_label() for h in ax.kk_overlay_handles] == ["Gi* z", "kern boundary"]
    image = matplotlib.image.imread(maps.save(ax, tmp_path / "grid.png"))
    assert image.shape[:2] == (800, 800)


def test_registered_overlay_kind_and_raster(maps, result):
    calls = []

    def clusters(ax, gdf, column=None, label=None, **style):
        calls.append(len(gdf))
        return []

    maps.register_overlay("clusters", clusters)
    ax = maps.choropleth(result, "n_locations")
    maps.add_overlay(ax, result.kernen(), "clusters")
    assert calls == [6]
    with pytest.raises(ValueError, match="unknown overlay kind"):
        maps.add_overlay(ax, result.kernen(), "heatmap")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    maps.add_raster(ax, np.random.default_rng(1).random((10, 10)), (x0, x1, y0, y1), label="density")
    assert ax.images and ax.kk_overlay_handles[-1].get_label() == "density"


def test_overlay_is_reprojected(maps, internal_result):
    ax = maps.choropleth(internal_result, "n_locations")
    points = internal_result.locations().to_crs("EPSG:4326")  # premises: internal only
    maps.add_overlay(ax, points.iloc[:50], "points", label="wgs84 points")
    offsets = ax.collections[-1].get_offsets()
    assert offsets[:, 0].min() > 100_000  # drawn in RD metres, not degrees


# ---------------------------------------------------------------------------------------
# Interactive offline HTML


# Uses the internal result for its points since published maps show no premises (issue #8).
def test_html_map_is_offline(interactive, internal_result, tmp_path):
    result = internal_result
    path = interactive.to_html(result, tmp_path / "kernen.html", "density_per_km2", locations=True)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", text, re.IGNORECASE)
    assert "http://" not in text and "https://" not in text
    assert "<link" not in text.lower()
    assert not re.search(r"<script[^>]+src", text, re.IGNORECASE)
    assert "@import" not in text and "url(http" not in text
    for name in result.project.kern_names:
        assert name.replace("'", "&#x27;") in text
    payload = json.loads(re.search(r'<script type="application/json" id="kk-data">(.*?)</script>', text, re.S).group(1))
    assert payload["initial"] == "density_per_km2"
    assert "vacancy_rate_units" in payload["columns"] and "n_sbi_A" not in payload["columns"]
    assert payload["styles"]["density_per_km2"]["unit"] == "per km²"
    # One row per kern with the values shown on hover: the kern table's, formatted.
    assert payload["names"] == result.project.kern_names
    table = result.kern_table().iloc[:6]
    shown = {column: [row[payload["columns"].index(column)] for row in payload["rows"]]
             for column in ("n_locations", "n_vacant", "vacancy_rate_units")}
    assert shown["n_locations"] == [f"{n:,}" for n in table["n_locations"]]  # 1,290
    assert shown["n_vacant"] == [str(n) for n in table["n_vacant"]]
    assert shown["vacancy_rate_units"] == [f"{100 * r:.2f}" for r in table["vacancy_rate_units"]]  # in %
    assert text.count("<path class=\"kern\"") == 6
    assert text.count("<circle") == result.project.location_count
    assert "INTERN — niet publiceren" in text


def test_published_html_map_has_no_premises(kk, interactive, result, internal_result, tmp_path):
    text = interactive.html_map(result, "density_per_km2")  # locations=None: only when internal
    assert "<circle" not in text and "(vacant)" not in text and "INTERN" not in text
    ids = result.project.locations()["id"]
    assert not any(i in text for i in ids)
    with pytest.raises(kk.ArgumentError, match="published"):
        interactive.to_html(result, tmp_path / "x.html", "density_per_km2", locations=True)
    with pytest.raises(kk.ArgumentError, match="published"):
        interactive.html_map(result.kernen(), "density_per_km2", locations=result.locations())
    assert not (tmp_path / "x.html").exists()
    internal = interactive.html_map(internal_result, "density_per_km2")  # default: drawn, marked
    assert internal.count("<circle") == internal_result.project.location_count
    assert "INTERN — niet publiceren" in internal
    assert "<circle" not in interactive.html_map(internal_result, "density_per_km2", locations=False)


def test_html_from_geodataframe_with_suppressed(interactive, result, tmp_path):
    kernen = result.kernen()
    kernen["n_locations_suppressed"] = [0, 1, 0, 0, 0, 0]
    text = interactive.html_map(kernen, "n_locations", columns=["n_locations", "density_per_km2"])
    payload = json.loads(re.search(r'id="kk-data">(.*?)</script>', text, re.S).group(1))
    assert payload["columns"] == ["n_locations", "density_per_km2"]
    assert payload["rows"][1][0] == "geheim"
    assert any(entry[1] == "geheim" for entry in payload["styles"]["n_locations"]["legend"])


# ---------------------------------------------------------------------------------------
# Hatching follows exactly the withheld values of the mapped column (docs/disclosure.md, Maps)


def _withheld_by_name(ax, frame):
    return {name: kind for name, kind in zip(frame["kern_name"], ax.kk_withheld) if kind}


def test_hatching_follows_the_mapped_column(maps, result, tmp_path):
    kernen = result.kernen()
    # Hand-checked against kern_indicators.csv of the default published run: Breukeleveen's
    # vacancy row is withheld (secondary); its establishment counts and density are not.
    breukeleveen = kernen[kernen["kern_name"] == "Breukeleveen"].iloc[0]
    assert breukeleveen["suppression_kind"] == "secondary"
    assert breukeleveen["n_locations"] > 0

    ax = maps.choropleth(result, "n_vacant")
    assert _withheld_by_name(ax, kernen) == {"Breukeleveen": "secondary"}
    assert any(t.startswith("geheim: anders af te leiden") for t in _legend_texts(ax))
    assert not any(t.startswith("geheim: te weinig") for t in _legend_texts(ax))
    assert [c.get_hatch() for c in ax.collections if c.get_hatch()] == ["\\\\\\\\"]

    for column in ("n_locations", "density_per_km2"):
        ax = maps.choropleth(result, column)
        assert _withheld_by_name(ax, kernen) == {}, column
        assert not any(t.startswith("geheim") for t in _legend_texts(ax))

    # A floor magnitude is withheld in published rows too, named in magnitude_suppressed.
    expected = {}
    for _, row in kernen.iterrows():
        named = dict(part.split(":") for part in (row["magnitude_suppressed"] or "").split(";") if part) \
            if isinstance(row["magnitude_suppressed"], str) else {}
        # The value's own rule first: a floor area that fails the magnitude rule is primary
        # even in a row that secondary suppression withheld later.
        if "vacant_floor_m2" in named:
            expected[row["kern_name"]] = named["vacant_floor_m2"]
        elif row["suppressed"] == 1:
            expected[row["kern_name"]] = row["suppression_kind"]
    # Hand-checked in kern_indicators.csv (tests/data/golden/default): Ankeveen's vacant floor
    # area is a secondary complement; Breukeleveen's has too few contributing units.
    assert expected == {"Ankeveen": "secondary", "Breukeleveen": "primary"}
    ax = maps.choropleth(result, "vacant_floor_m2")
    assert _withheld_by_name(ax, kernen) == expected
    texts = _legend_texts(ax)
    assert "geheim: te weinig vestigingen  (1)" in texts
    assert "geheim: anders af te leiden\nuit een geheime cel  (1)" in texts
    maps.save(ax, tmp_path / "vacant_floor_m2.png")
    # The rate built on it goes with it, and is named too.
    ax = maps.choropleth(result, "vacancy_rate_floor")
    assert set(_withheld_by_name(ax, kernen)) >= set(expected)
    maps.save(ax, tmp_path / "vacancy_rate_floor.png")
