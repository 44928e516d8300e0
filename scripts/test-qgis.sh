#!/usr/bin/env bash
# Tests the QGIS plugin in a real QGIS (Debian's 3.22, headless): installs QGIS when missing,
# builds the plugin zip with the C API library, installs it into a temporary QGIS profile,
# runs every algorithm through `qgis_process run` on the embedded Wijdemeren data and
# compares each output layer with the command line's output for the same input
# (bindings/qgis/tests/compare_outputs.py); then checks progress, cancel and errors inside
# QGIS's Python (bindings/qgis/tests/check_behaviour.py).
# Needs the build tree (scripts/build.sh): build/bindings/c/libkernkompas.so.0 and the CLI.
# Part of scripts/test-all.sh; installing QGIS costs ~1.5 min and ~810 MB (docs/qgis.md).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
BUILD="${KK_BUILD_DIR:-build}"
START=$(date +%s)

# --- QGIS itself (apt, as scripts/setup.sh installs the other system packages) ----------
if ! command -v qgis_process.bin >/dev/null 2>&1 || ! /usr/bin/python3 -c "import qgis.core, osgeo" 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "== installing QGIS (qgis, python3-qgis, qgis-providers)"
  t0=$(date +%s)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    qgis python3-qgis qgis-providers python3-gdal gdal-bin >/dev/null
  echo "   QGIS installed in $(( $(date +%s) - t0 )) s"
fi
for needed in "$BUILD/bindings/c/libkernkompas.so.0" "$BUILD/bindings/cli/kernkompas"; do
  if [ ! -e "$needed" ]; then
    echo "test-qgis.sh: $needed is missing: build first (scripts/build.sh)" >&2
    exit 1
  fi
done

WORK="$(mktemp -d /tmp/kernkompas-qgis-test.XXXXXX)"
# KK_QGIS_KEEP=1 keeps the work folder (inputs, CLI and QGIS outputs, logs) for a look.
if [ -z "${KK_QGIS_KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else echo "work folder: $WORK"; fi
mkdir -p "$WORK/qgis" "$WORK/runtime"
chmod 700 "$WORK/runtime"
# Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which qgis_process 3.22
# refuses ("Command --noversioncheck not known!"): call the binary itself.
QGIS_PROCESS=qgis_process.bin
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK/runtime" QGIS_CUSTOM_CONFIG_PATH="$WORK/profile"

# --- the plugin into a temporary profile -------------------------------------------------
ZIP="$(bash scripts/build-qgis-plugin.sh --with-library "$BUILD/bindings/c/libkernkompas.so.0" --out "$WORK/dist")"
PLUGINS="$WORK/profile/profiles/default/python/plugins"
mkdir -p "$PLUGINS"
(cd "$PLUGINS" && python3 -m zipfile -e "$ZIP" .)
$QGIS_PROCESS plugins enable kernkompas_qgis >/dev/null 2>&1
if ! $QGIS_PROCESS list 2>/dev/null | grep -q "kernkompas:indicators"; then
  echo "test-qgis.sh: the kernkompas provider is not listed by qgis_process" >&2
  $QGIS_PROCESS list 2>&1 | tail -20 >&2
  exit 1
fi

# --- the same input for both: the embedded kernen and register ----------------------------
DATA="$REPO/datasets/wijdemeren"
# The register as a point layer (text fields as in the CSV, as the CLI reads them).
ogr2ogr -f GPKG "$WORK/locations.gpkg" "$DATA/locations.csv" -nln locations -a_srs EPSG:28992 \
  -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo AUTODETECT_TYPE=NO -oo KEEP_GEOM_COLUMNS=NO
# The CLI on exactly those layers: the embedded configuration without the inputs the
# in-memory project of the C API has no setter for (earlier registers, roads, facilities).
cat > "$WORK/kernkompas.toml" <<TOML
[analysis]
working_crs = "EPSG:28992"
[kernen]
path = "$DATA/kernen.geojson"
[kernen.fields]
code = "code"
name = "name"
aliases = "aliases"
population = "population"
[locations]
path = "$DATA/locations.csv"
x = "x"
y = "y"
crs = "EPSG:28992"
[locations.fields]
id = "id"
name = "name"
sbi = "sbi"
floor_area_m2 = "floor_area_m2"
status = "status"
vacant_since = "vacant_since"
employees = "employees"
function = "function"
snapshot_date = "snapshot_date"
TOML
"$BUILD/bindings/cli/kernkompas" run -c "$WORK/kernkompas.toml" -o "$WORK/cli" --quiet
"$BUILD/bindings/cli/kernkompas" run -c "$WORK/kernkompas.toml" -o "$WORK/cli-internal" --quiet --internal
# Accessibility needs the roads and facilities: the embedded configuration as it is.
"$BUILD/bindings/cli/kernkompas" run -c "$DATA/kernkompas.toml" -o "$WORK/cli-access" --quiet --internal

KERNEN=(KERNEN="$DATA/kernen.geojson" KERN_NAME_FIELD=name KERN_CODE_FIELD=code
        KERN_POPULATION_FIELD=population KERN_ALIASES_FIELD=aliases)
REGISTER=(LOCATIONS="$WORK/locations.gpkg" LOCATION_ID_FIELD=id LOCATION_NAME_FIELD=name
          LOCATION_SBI_FIELD=sbi LOCATION_STATUS_FIELD=status
          LOCATION_FLOOR_AREA_FIELD=floor_area_m2 LOCATION_EMPLOYEES_FIELD=employees
          LOCATION_FUNCTION_FIELD=function LOCATION_VACANT_SINCE_FIELD=vacant_since
          SNAPSHOT_DATE=2025-01-01)
run_algorithm() {
  local name="$1"; shift
  local t0 log
  t0=$(date +%s%N)
  log="$WORK/qgis/$name.log"
  if ! $QGIS_PROCESS run "kernkompas:$name" -- "$@" >"$log" 2>&1; then
    echo "test-qgis.sh: qgis_process run kernkompas:$name failed:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '   %-18s %d.%02d s\n' "$name" $((ms / 1000)) $((ms % 1000 / 10))
}
echo "== qgis_process run, each algorithm"
Q="$WORK/qgis"
run_algorithm indicators "${KERNEN[@]}" "${REGISTER[@]}" OUTPUT="$Q/indicators.gpkg" \
  OUTPUT_FOLDER="$Q/indicators-folder"
run_algorithm assign_points "${KERNEN[@]}" POINTS="$WORK/locations.gpkg" LOCATION_ID_FIELD=id \
  OUTPUT="$Q/assigned.gpkg" COUNTS="$Q/counts.gpkg"
run_algorithm vacancy_hotspots INPUT="$WORK/locations.gpkg" STATUS_FIELD=status \
  OUTPUT="$Q/hotspots_points.gpkg"
run_algorithm vacancy_hotspots INPUT="$WORK/locations.gpkg" STATUS_FIELD=status INTERNAL=true \
  OUTPUT="$Q/hotspots_points_internal.gpkg"
# Polygons with a value: the CLI's internal hot-spot cells with only their key and value.
ogr2ogr -f GPKG "$WORK/cells.gpkg" "$WORK/cli-internal/kernkompas.gpkg" vacancy_hotspot \
  -nln cells -select cell_col,cell_row,value
run_algorithm vacancy_hotspots INPUT="$WORK/cells.gpkg" \
  VALUE_FIELD=value hotspots__permutations=0 OUTPUT="$Q/hotspots_polygons.gpkg"
run_algorithm clustering "${KERNEN[@]}" "${REGISTER[@]}" CLUSTERS="$Q/clusters.gpkg" \
  LISA="$Q/lisa.gpkg" DENSITY="$Q/density.tif"
for type in station bus_stop; do
  run_algorithm nearest_facility ORIGINS="$WORK/locations.gpkg" FACILITIES="$DATA/facilities.geojson" \
    FACILITY_ID_FIELD=id FACILITY_TYPE_FIELD=type FACILITY_TYPE=$type ROADS="$DATA/roads.geojson" \
    ROAD_CLASS_FIELD=road_class ONEWAY_FIELD=oneway DEFAULT_SPEED_KMH=50 \
    SPEEDS="primary=80,secondary=60,tertiary=50,unclassified=60,residential=30" \
    RADII_KM=1,3,5,10,20 OUTPUT="$Q/access_$type.gpkg"
done
# Service areas from the kern centres as the CLI takes them (GEOS point on surface of each
# kern polygon, here through OGR), same roads and speeds; against its service_area layer.
/usr/bin/python3 - "$DATA/kernen.geojson" "$WORK/kern_centres.gpkg" <<'PY'
import sys
from osgeo import ogr, osr
ogr.UseExceptions()
source = ogr.Open(sys.argv[1])  # kept: the layer dies with its data source
kernen = source.GetLayer(0)
srs = osr.SpatialReference()
srs.ImportFromEPSG(28992)
out = ogr.GetDriverByName("GPKG").CreateDataSource(sys.argv[2])
layer = out.CreateLayer("kern_centres", srs, ogr.wkbPoint)
layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
for kern in kernen:
    centre = ogr.Feature(layer.GetLayerDefn())
    centre.SetField("code", kern.GetField("code"))
    centre.SetField("name", kern.GetField("name"))
    centre.SetGeometry(kern.GetGeometryRef().PointOnSurface())
    layer.CreateFeature(centre)
out = None  # closes (writes) the GeoPackage
PY
run_algorithm service_area ORIGINS="$WORK/kern_centres.gpkg" ORIGIN_ID_FIELD=code ORIGIN_NAME_FIELD=name \
  ROADS="$DATA/roads.geojson" ROAD_CLASS_FIELD=road_class ONEWAY_FIELD=oneway DEFAULT_SPEED_KMH=50 \
  SPEEDS="primary=80,secondary=60,tertiary=50,unclassified=60,residential=30" \
  MINUTES=5,10,15 BAND_M=50 OUTPUT="$Q/service_area.gpkg"

echo "== QGIS outputs against the CLI's"
/usr/bin/python3 bindings/qgis/tests/compare_outputs.py "$WORK"
echo "== progress, cancel and errors inside QGIS's Python"
KK_TEST_LOCATIONS="$WORK/locations.gpkg" /usr/bin/python3 bindings/qgis/tests/check_behaviour.py "$PLUGINS"
echo "test-qgis.sh: passed in $(( $(date +%s) - START )) s"
