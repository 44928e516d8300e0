"""The run manifest (``kernkompas-run.json``, docs/output.md) from Python: files that the
package writes into an output folder (maps, the HTML map) are listed in it, so the next
``kernkompas run`` into that folder knows them as its own and replaces them instead of
refusing the folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST = "kernkompas-run.json"


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def register_files(out_dir, paths, *, mode="published"):
    """List `paths` (files directly in `out_dir`) in the folder's manifest.

    An existing manifest keeps its other entries; a folder without one gets a manifest
    holding these files. The manifest is replaced atomically (written beside, then renamed).
    """
    from . import __version__

    out = Path(out_dir)
    path = out / MANIFEST
    if path.exists():
        manifest = json.loads(path.read_text(encoding="utf-8"))
    else:
        manifest = {"format": "kernkompas-run", "format_version": 1, "kernkompas_version": __version__,
                    "mode": mode, "files": []}
    if mode == "internal":  # one internal file makes the whole folder internal
        manifest["mode"] = "internal"
    files = {entry["name"]: entry for entry in manifest.get("files", [])}
    for file in paths:
        file = Path(file)
        if file.parent.resolve() != out.resolve():
            raise ValueError(f"{file} does not lie directly in {out}")
        files[file.name] = {"name": file.name, "bytes": file.stat().st_size, "sha256": _sha256(file)}
    manifest["files"] = list(files.values())
    temp = out / f".{MANIFEST}.{os.getpid()}.tmp"
    temp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temp, path)
