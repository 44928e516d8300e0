"""The main job's map set: ``python -m kernkompas maps`` writes a PNG per indicator and an
offline HTML map."""

import subprocess
import sys

import pytest

import matplotlib  # noqa: F401  (the maps command needs it)


def test_maps_command_writes_every_indicator_map(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "kernkompas", "maps", "--out", str(tmp_path)],
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    for column in ("n_locations", "density_per_km2", "locations_per_1000_inhabitants",
                   "vacancy_rate_units", "n_vacant_1y_plus"):
        assert f"map_{column}.png" in names
        png = (tmp_path / f"map_{column}.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 20_000
    html = (tmp_path / "kernkompas_map.html").read_text(encoding="utf-8")
    assert "Loosdrecht" in html and "http://" not in html and "https://" not in html
    # Published by default: no premises on the HTML map (issue #8; tests/python/test_publication.py).
    assert "<circle" not in html and "INTERN" not in html


def test_maps_command_reports_bad_config_in_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[kernen]\npath = 'missing.gpkg'\n[locations]\npath = 'l.csv'\n")
    completed = subprocess.run([sys.executable, "-m", "kernkompas", "maps", "--config", str(bad),
                                "--out", str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert completed.returncode == 1
    assert "missing.gpkg" in completed.stderr and "no such file" in completed.stderr
    assert not (tmp_path / "out").exists()


def test_main_job_runs_twice_into_one_folder(tmp_path, cli):
    """Tables, then maps, then the tables again into the same folder (scripts/run-wijdemeren.sh
    run twice): the maps are listed in the run manifest, so the second run owns and replaces
    them instead of refusing the folder."""
    import json

    out = tmp_path / "out"
    subprocess.run([str(cli), "run", "--quiet", "--out", str(out)], check=True, timeout=300)
    completed = subprocess.run([sys.executable, "-m", "kernkompas", "maps", "--out", str(out)],
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    listed = {f["name"] for f in json.loads((out / "kernkompas-run.json").read_text())["files"]}
    assert {"kernkompas.gpkg", "kern_indicators.csv", "map_n_locations.png", "kernkompas_map.html"} <= listed
    again = subprocess.run([str(cli), "run", "--quiet", "--out", str(out)], capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    # The maps were the earlier run's: the new table set replaces them (no stale files).
    assert not (out / "map_n_locations.png").exists()
    # A file nobody listed is still refused.
    (out / "mijn_register.csv").write_text("id\n1\n")
    refused = subprocess.run([str(cli), "run", "--quiet", "--out", str(out)], capture_output=True, text=True,
                             timeout=300)
    assert refused.returncode == 1 and "mijn_register.csv" in refused.stderr
