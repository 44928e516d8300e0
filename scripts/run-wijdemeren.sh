#!/usr/bin/env bash
# The main job: set up, build, and run the Wijdemeren analysis on the embedded data.
# Writes out/wijdemeren/{kernkompas.gpkg, kern_indicators.csv, ...} and maps (PNG + HTML).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/wijdemeren}"
scripts/setup.sh
scripts/build.sh
build/bindings/cli/kernkompas run --out "$OUT"
if [ -f pyproject.toml ]; then
  .venv/bin/python -m pip install -q . 
  .venv/bin/python -m kernkompas maps --out "$OUT"
fi
echo "Done: tables and maps in $OUT"
