"""Published output holds no premise-level data (issue #8).

The default published run -- `kernkompas run`, then `python -m kernkompas maps` into the same
folder, plus SVG maps from `write_maps` -- is searched file by file (every table of the
GeoPackage read with sqlite3, the CSVs, the HTML map, the SVGs, the manifest) for every
location id and name of the register `datasets/wijdemeren/locations.csv`, and none is
found. The internal run is the opposite: it has the `location` layer, says "internal" in the
GeoPackage and carries the footer "INTERN — niet publiceren" on every map.
"""

import csv
import html
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

import matplotlib  # noqa: F401  (the maps command needs it)

FOOTER = "INTERN — niet publiceren"
MIN_TERM = 6


def register_terms(kern_words):
    """Every location id and name of the register that can be searched for without false hits.

    Ids and names shorter than MIN_TERM characters (e.g. "Bos", "Kok") or equal to a kern's
    name or code would match innocent text (a kern label, a column name, a number); they are
    left out. Every id of the register is WDM + six digits, so no id is left out.
    """
    with open(DATA / "locations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = {r["id"] for r in rows}
    names = {r["name"] for r in rows if r["name"]}

    def keep(term):
        return len(term) >= MIN_TERM and term not in kern_words

    return sorted(t for t in ids if keep(t)), sorted(t for t in names if keep(t)), len(ids)


def kern_words_of(result):
    return set(result.project.kern_names) | set(result.project.kern_codes)


def gpkg_text(path):
    """Every cell of every table of a GeoPackage (gpkg_* and rtree tables included) as text."""
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        parts = []
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for v in row:
                    if isinstance(v, bytes):
                        parts.append(v.decode("latin-1"))  # a name inside a blob would show too
                    elif v is not None:
                        parts.append(str(v))
        return tables, "\n".join(parts)
    finally:
        con.close()


def gpkg_contents(path):
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        contents = {r[0]: r[1] or "" for r in con.execute("SELECT table_name, description FROM gpkg_contents")}
        metadata = "\n".join(r[0] for r in con.execute("SELECT metadata FROM gpkg_metadata"))
        geometry_types = {r[0] for r in con.execute("SELECT geometry_type_name FROM gpkg_geometry_columns")}
        return contents, metadata, geometry_types
    finally:
        con.close()


def run_main_job(cli, out, *, internal):
    flag = ["--internal"] if internal else []
    subprocess.run([str(cli), "run", "--quiet", "--out", str(out), *flag], check=True, timeout=600)
    completed = subprocess.run([sys.executable, "-m", "kernkompas", "maps", "--out", str(out), *flag],
                               capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stderr


def write_svg_maps(result, out):
    """write_maps with PNG and SVG, text kept as text in the SVG so that it can be searched."""
    import matplotlib

    from kernkompas.report import write_maps

    with matplotlib.rc_context({"svg.fonttype": "none"}):
        return write_maps(result, out, formats=("png", "svg"))


@pytest.fixture(scope="module")
def published_out(cli, tmp_path_factory, kk):
    out = tmp_path_factory.mktemp("published") / "out"
    run_main_job(cli, out, internal=False)
    write_svg_maps(kk.load_default().run(), out)
    return out


@pytest.fixture(scope="module")
def internal_out(cli, tmp_path_factory, kk):
    out = tmp_path_factory.mktemp("internal") / "out"
    run_main_job(cli, out, internal=True)
    write_svg_maps(kk.load_default().run(internal=True), out)
    return out


def test_published_output_holds_no_location_id_or_name(published_out, result):
    ids, names, n_ids = register_terms(kern_words_of(result))
    assert n_ids == 3210 and len(ids) == n_ids  # every id is searched for
    assert len(names) > 2500
    files = sorted(published_out.iterdir())
    suffixes = {p.suffix for p in files}
    assert {".gpkg", ".csv", ".html", ".svg", ".png", ".json"} <= suffixes
    searched = []
    for path in files:
        if path.suffix == ".gpkg":
            _, text = gpkg_text(path)
        elif path.suffix in (".csv", ".json"):
            text = path.read_text(encoding="utf-8")
        elif path.suffix in (".html", ".svg"):
            text = html.unescape(path.read_text(encoding="utf-8"))
        else:
            continue  # PNG and GeoTIFF: compressed pixels, no text to search
        searched.append(path.name)
        found = [t for t in ids + names if t in text]
        assert not found, f"{path.name} holds premise-level data: {found[:5]}"
    assert "kernkompas.gpkg" in searched and "kernkompas_map.html" in searched
    assert any(name.endswith(".svg") for name in searched)


def test_published_geopackage_has_no_location_layer_and_says_published(published_out):
    gpkg = published_out / "kernkompas.gpkg"
    tables, _ = gpkg_text(gpkg)
    contents, metadata, geometry_types = gpkg_contents(gpkg)
    assert "kern" in contents
    assert "location" not in contents and "location" not in tables
    assert "POINT" not in geometry_types
    assert "kernkompas_mode=published" in metadata and "kernkompas_mode=internal" not in metadata
    assert not any("INTERN" in d for d in contents.values())
    manifest = json.loads((published_out / "kernkompas-run.json").read_text(encoding="utf-8"))
    assert manifest["mode"] == "published"


def test_published_maps_have_no_premises_and_no_footer(published_out):
    page = (published_out / "kernkompas_map.html").read_text(encoding="utf-8")
    assert "<circle" not in page and "(vacant)" not in page and FOOTER not in page
    for svg in published_out.glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert FOOTER not in text, svg.name
        assert "vacant (" not in text, svg.name  # the premises' legend entry


def test_internal_output_has_the_location_layer_and_is_marked(internal_out, project):
    gpkg = internal_out / "kernkompas.gpkg"
    contents, metadata, geometry_types = gpkg_contents(gpkg)
    assert "location" in contents and "POINT" in geometry_types
    assert "kernkompas_mode=internal" in metadata and "kernkompas_mode=published" not in metadata
    assert all(FOOTER in description for description in contents.values()), contents
    con = sqlite3.connect(gpkg.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        assert con.execute('SELECT count(*) FROM "location"').fetchone()[0] == project.location_count
    finally:
        con.close()
    manifest = json.loads((internal_out / "kernkompas-run.json").read_text(encoding="utf-8"))
    assert manifest["mode"] == "internal"


def test_internal_maps_carry_the_footer(internal_out, project):
    page = (internal_out / "kernkompas_map.html").read_text(encoding="utf-8")
    assert FOOTER in page
    assert page.count("<circle") == project.location_count
    svgs = sorted(internal_out.glob("*.svg"))
    assert len(svgs) == len(sorted(internal_out.glob("*.png")))  # the maps and plot_ripley
    for svg in svgs:
        assert FOOTER in svg.read_text(encoding="utf-8"), svg.name
