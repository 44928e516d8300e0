"""Golden outputs of the command line: the cases, how to run them, and the GeoPackage digest.

Shared by tests/python/test_golden_outputs.py (which compares) and scripts/update-golden.py
(which regenerates tests/data/golden after a deliberate change of outputs). Only the standard
library is used: the GeoPackage is read with sqlite3, so no value passes through a conversion
that could reformat it.

The digest of a GeoPackage has one block per layer (a table listed in gpkg_contents), sorted by
layer name: the layer, its geometry type and column, the feature count, every column with its
declared type in table order, and a SHA-256 over a canonical dump of the features in fid order.
Each feature is one line: the fid and every value, tab-separated, as
    i:<integer>   r:<repr of the float>   t:<JSON string>   b:<hex>   N (NULL)
with the geometry as g:<WKB hex> (the GeoPackage binary header -- magic, flags, srs id,
envelope -- stripped). gpkg_contents (timestamps, extents), gpkg_ogr_contents and the rtree_*
index tables are not part of the digest.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "data" / "golden"
DEFAULT_CLI = REPO / "build" / "bindings" / "cli" / "kernkompas"
GPKG = "kernkompas.gpkg"
DIGEST = "gpkg_digest.txt"

# case -> arguments of `kernkompas run` besides --out (paths relative to the repository root,
# which is the working directory of every run).
CASES: dict[str, list[str]] = {
    "default": [],
    "internal": ["--internal", "--seed", "7"],
    "capi": ["-c", "tests/data/capi/project.toml"],
    "configured": ["-c", "tests/data/golden/configured.toml"],
}


def run_case(cli: Path | str, case: str, out_dir: Path, timeout: float = 600) -> None:
    """Run `cli run <case args> --out out_dir -q` from the repository root; raise on failure."""
    cmd = [str(cli), "run", *CASES[case], "--out", str(out_dir), "-q"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited with {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )


def csv_files(directory: Path) -> list[str]:
    return sorted(p.name for p in Path(directory).glob("*.csv") if p.is_file())


def _wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (the blob itself if it has no GP header)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        return blob
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 0x07]
    return blob[8 + envelope:]


def _value(v) -> str:
    if v is None:
        return "N"
    if isinstance(v, int):  # bool is never returned by sqlite3
        return f"i:{v}"
    if isinstance(v, float):
        return f"r:{v!r}"
    if isinstance(v, str):
        return "t:" + json.dumps(v, ensure_ascii=False)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "b:" + bytes(v).hex()
    raise TypeError(f"unexpected SQLite value {v!r}")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def layer_digests(gpkg: Path | str) -> dict[str, str]:
    """layer name -> its digest block (text lines, no trailing newline)."""
    uri = Path(gpkg).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        layers = sorted(
            r[0]
            for r in con.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')"
            )
        )
        geometry = {
            r[0]: (r[1], r[2], r[3])
            for r in con.execute(
                "SELECT table_name, column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns"
            )
        }
        out: dict[str, str] = {}
        for layer in layers:
            columns = list(con.execute(f"PRAGMA table_info({_quote(layer)})"))
            # (cid, name, type, notnull, default, pk)
            pk = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
            geom_col, geom_type, srs = geometry.get(layer, (None, "NONE", None))
            order = ", ".join(_quote(c) for c in pk) if pk else "rowid"
            names = [c[1] for c in columns]
            select = ", ".join(_quote(n) for n in names)
            digest = hashlib.sha256()
            count = 0
            for row in con.execute(f"SELECT {select} FROM {_quote(layer)} ORDER BY {order}"):
                cells = []
                for name, v in zip(names, row):
                    if name == geom_col and v is not None:
                        cells.append("g:" + _wkb(bytes(v)).hex())
                    else:
                        cells.append(_value(v))
                digest.update(("\t".join(cells) + "\n").encode("utf-8"))
                count += 1
            lines = [
                f"layer: {layer}",
                f"geometry: {geom_type}" + (f" (column {geom_col}, srs {srs})" if geom_col else ""),
                f"features: {count}",
                "fields:",
                *(f"  {c[1]} {c[2]}" + (" PRIMARY KEY" if c[5] else "") for c in columns),
                f"sha256: {digest.hexdigest()}",
            ]
            out[layer] = "\n".join(lines)
        return out
    finally:
        con.close()


def format_digest(blocks: dict[str, str]) -> str:
    return "\n\n".join(blocks[k] for k in sorted(blocks)) + "\n"


def gpkg_digest(gpkg: Path | str) -> str:
    """The text of gpkg_digest.txt for a GeoPackage."""
    return format_digest(layer_digests(gpkg))


def parse_digest(text: str) -> dict[str, str]:
    """gpkg_digest.txt -> layer name -> block (the inverse of format_digest)."""
    blocks: dict[str, str] = {}
    for block in text.strip("\n").split("\n\n"):
        first = block.split("\n", 1)[0]
        if not first.startswith("layer: "):
            raise ValueError(f"malformed digest block starting {first!r}")
        blocks[first[len("layer: "):]] = block
    return blocks


def write_golden(out_dir: Path, case_dir: Path) -> None:
    """Replace case_dir's contents with the CSVs and the GeoPackage digest of a run in out_dir."""
    case_dir.mkdir(parents=True, exist_ok=True)
    for old in case_dir.iterdir():
        if old.is_file() and (old.suffix == ".csv" or old.name == DIGEST):
            old.unlink()
    for name in csv_files(out_dir):
        (case_dir / name).write_bytes((out_dir / name).read_bytes())
    (case_dir / DIGEST).write_text(gpkg_digest(out_dir / GPKG), encoding="utf-8", newline="\n")
