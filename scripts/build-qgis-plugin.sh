#!/usr/bin/env bash
# Builds the QGIS plugin zip that QGIS's plugin manager installs ("Install from ZIP"):
#   dist/kernkompas_qgis-<version>.zip  holding  kernkompas_qgis/ (metadata.txt, icon, code,
#   kkcapi.py = bindings/python/kernkompas/capi.py) and, with --with-library, the C API
#   library in kernkompas_qgis/lib/libkernkompas.so.0.
# Usage: scripts/build-qgis-plugin.sh [--with-library [PATH]] [--out DIR]
#   PATH defaults to the build tree's build/bindings/c/libkernkompas.so.0 ($KK_BUILD_DIR).
# Without the library the plugin uses $KK_CAPI_LIB or an installed libkernkompas.so.0.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=dist
LIBRARY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --with-library)
      LIBRARY="${KK_BUILD_DIR:-build}/bindings/c/libkernkompas.so.0"
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then LIBRARY="$2"; shift; fi ;;
    --out) OUT="$2"; shift ;;
    *) echo "build-qgis-plugin.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
VERSION="$(tr -d '[:space:]' < VERSION)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PLUGIN="$STAGE/kernkompas_qgis"
mkdir -p "$PLUGIN"
(cd bindings/qgis/kernkompas_qgis && find . -name '__pycache__' -prune -o -type f -print) |
  while read -r file; do
    mkdir -p "$PLUGIN/$(dirname "$file")"
    cp "bindings/qgis/kernkompas_qgis/$file" "$PLUGIN/$file"
  done
cp bindings/qgis/README.md "$PLUGIN/README.md"
cp bindings/python/kernkompas/capi.py "$PLUGIN/kkcapi.py"
sed -i "s/^version=.*/version=$VERSION/" "$PLUGIN/metadata.txt"
if [ -n "$LIBRARY" ]; then
  if [ ! -f "$LIBRARY" ]; then
    echo "build-qgis-plugin.sh: no library at $LIBRARY (build it: scripts/build.sh)" >&2
    exit 1
  fi
  mkdir -p "$PLUGIN/lib"
  cp -L "$LIBRARY" "$PLUGIN/lib/libkernkompas.so.0"
fi
mkdir -p "$OUT"
ZIP="$(cd "$OUT" && pwd)/kernkompas_qgis-$VERSION.zip"
rm -f "$ZIP"
(cd "$STAGE" && python3 -m zipfile -c "$ZIP" kernkompas_qgis)
echo "$ZIP"
