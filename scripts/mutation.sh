#!/usr/bin/env bash
# Mutation testing of C/C++ sources with universalmutator (docs/testing.md).
#
#   scripts/mutation.sh [--sample N] [--seed S] [--excuse FILE] [--timeout SEC] [--files "A B"] TARGET
#
# TARGET is a source folder (its *.cpp and *.hpp files, or with --files only those named, e.g.
# --files "fdr.cpp wilson.cpp") or one file, e.g. engine/src/stats
# or layers/src/write.cpp. For each mutant universalmutator makes, the script copies it over
# the source, rebuilds only the test programs that need it (Ninja in build-mutation/, Release,
# ccache), runs the tests that cover TARGET (a GoogleTest filter, plus pytest files where the
# code is tested through Python only) under a per-mutant timeout, puts the source back and
# records killed / survived / timeout / build failure (build failures are not counted).
# The report goes to build-mutation/mutation-report-<target>.{md,json}; the exit status is
# 1 when a mutant survives that the excuse file (default tests/mutation/equivalent.txt)
# does not list as equivalent.
#
# Options:
#   --sample N     test a random sample of N mutants (default: all)
#   --seed S       seed of the sample (default 1)
#   --excuse FILE  documented equivalent mutants, `path:line: mutated line` per line
#   --timeout SEC  per-mutant test timeout (default: 3 x the unmutated run + 30 s)
# Environment: KK_MUTATION_BUILD_DIR (default build-mutation); KK_MUTATION_PROGRAM (a test
# program in the build dir), KK_MUTATION_FILTER (its --gtest_filter) and KK_MUTATION_PYTESTS
# override the tests chosen for TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."

SAMPLE=0
SEED=1
EXCUSE=tests/mutation/equivalent.txt
TIMEOUT=""
TARGET=""
FILES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) SAMPLE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --excuse) EXCUSE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --files) FILES="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "mutation.sh: unknown option $1" >&2; exit 2 ;;
    *) TARGET="${1%/}"; shift ;;
  esac
done
[ -n "$TARGET" ] || { echo "usage: scripts/mutation.sh [--sample N] [--seed S] [--excuse FILE] [--timeout SEC] TARGET" >&2; exit 2; }
[ -e "$TARGET" ] || { echo "mutation.sh: $TARGET does not exist" >&2; exit 2; }

PY="$PWD/.venv/bin/python"
MUTATE="$PWD/.venv/bin/mutate"
[ -x "$MUTATE" ] || { echo "mutation.sh: universalmutator missing; run scripts/setup.sh" >&2; exit 2; }
BUILD_DIR="${KK_MUTATION_BUILD_DIR:-build-mutation}"
SLUG="$(echo "$TARGET" | tr '/.' '__')"
WORK="$BUILD_DIR/mutation/$SLUG"
REPORT="$BUILD_DIR/mutation-report-$SLUG"

# The tests that cover each target: a GoogleTest program and filter (the ctest names are
# the same, suite.test), the Ninja targets to rebuild, pytest files where the code is tested
# through Python only. Kept to what exercises the code, so a mutant costs seconds.
case "$TARGET" in
  engine/src/stats*)
    PROGRAM=tests/engine/kk_engine_tests
    FILTER='GiStar.*:Permutation.*:RandomStream.*:BenjaminiHochberg.*:Normal.*:Wilson.*:SpatialWeights.*:VacancyHotspots.*:VacancyRates.*:NearestNeighbours.*:ClarkEvans.*:Dbscan.*:KernelDensity.*:Moran.*:LocalMoran.*:Contiguity.*:InverseDistanceBand.*:Knn.*:Ripley.*:PatternWindow.*:LocationQuotient.*:Diversity.*:ColocationQuotient.*:ClusteringFamily.*'
    PYTESTS="" ;;
  engine/src/vacancy*)
    PROGRAM=tests/engine/kk_engine_tests
    FILTER='Vacancy*:RunAnalysis.*:DisclosurePass*:Families*'
    PYTESTS="" ;;
  engine/src/index*)
    PROGRAM=tests/engine/kk_engine_tests
    FILTER='PolygonLocator.*:PointIndex.*:Dbscan.*:Assign*:RunAnalysis.*'
    PYTESTS="" ;;
  layers/src/write*)
    PROGRAM=tests/layers/kk_layers_tests
    # Without the folder tests that wait for locks, fork or kill (output_folder.cpp's job,
    # 45 s of the 50): they run write_outputs too, but check no value it writes.
    FILTER='WriteTest.*:WrittenValuesTest.*:-WriteTest.ASecondWriter*:WriteTest.Two*:WriteTest.AKill*:WriteTest.AMissing*'
    PYTESTS="" ;;
  *)
    PROGRAM=""; FILTER=""; PYTESTS="" ;;
esac
PROGRAM="${KK_MUTATION_PROGRAM:-$PROGRAM}"
FILTER="${KK_MUTATION_FILTER:-$FILTER}"
PYTESTS="${KK_MUTATION_PYTESTS:-$PYTESTS}"
# Anything else: the whole ctest suite.
TARGETS="${PROGRAM:+$(basename "$PROGRAM")}"
TARGETS="${TARGETS:-all}"

if [ -d "$TARGET" ] && [ -n "$FILES" ]; then
  # Only the named files of the folder, in the folder's (sorted) order.
  mapfile -t SOURCES < <(for f in $FILES; do [ -f "$TARGET/$f" ] || { echo "mutation.sh: no $TARGET/$f" >&2; exit 2; }; echo "$TARGET/$f"; done | sort)
elif [ -d "$TARGET" ]; then
  mapfile -t SOURCES < <(find "$TARGET" -maxdepth 1 \( -name '*.cpp' -o -name '*.hpp' \) | sort)
else
  SOURCES=("$TARGET")
fi

# --- Restoring the source, whatever happens -------------------------------------------
# While a mutant is in place, $WORK/in-place names the file and $WORK/backup holds the
# original. The trap puts it back on exit, error, Ctrl-C or kill; a run killed with -9
# is repaired by the next run before it does anything else.
mkdir -p "$WORK/backup"
restore() {
  if [ -f "$WORK/in-place" ]; then
    local file
    file="$(cat "$WORK/in-place")"
    cp "$WORK/backup/$(echo "$file" | tr '/' '_')" "$file"
    rm -f "$WORK/in-place"
  fi
}
report() {
  "$PY" scripts/mutation_plan.py report "$WORK/plan.tsv" "$WORK/results.tsv" "$EXCUSE" "$REPORT" \
    --target "$TARGET" --sample "$SAMPLE" --seed "$SEED"
}
# Interrupted: the source back, and a report of the mutants tested so far.
interrupted() {
  restore
  if [ -s "$WORK/results.tsv" ]; then echo "mutation.sh: interrupted; report of the mutants run so far:"; report || true; fi
  exit 130
}
trap restore EXIT
trap interrupted INT TERM HUP
if [ -f "$WORK/in-place" ]; then
  echo "mutation.sh: restoring $(cat "$WORK/in-place") left mutated by an interrupted run" >&2
  restore
fi

build() {
  # shellcheck disable=SC2086
  cmake --build "$BUILD_DIR" --target $TARGETS </dev/null >"$WORK/build.log" 2>&1
}
run_tests() {
  local limit="$1"
  if [ -n "$PROGRAM" ]; then
    timeout --kill-after=5 "$limit" "$BUILD_DIR/$PROGRAM" --gtest_filter="$FILTER" --gtest_fail_fast \
      </dev/null >"$WORK/test.log" 2>&1 || return $?
  else
    timeout --kill-after=5 "$limit" ctest --test-dir "$BUILD_DIR" -j 2 --stop-on-failure \
      </dev/null >"$WORK/test.log" 2>&1 || return $?
  fi
  if [ -n "$PYTESTS" ]; then
    # shellcheck disable=SC2086
    PYTHONPATH="$PWD/$BUILD_DIR/bindings/python" KK_BUILD_DIR="$PWD/$BUILD_DIR" \
      timeout --kill-after=5 "$limit" "$PY" -m pytest -x -q -p no:cacheprovider $PYTESTS \
      </dev/null >>"$WORK/test.log" 2>&1 || return $?
  fi
}

# --- The build, and the tests on the unmutated source -----------------------------------
# Configured here, not by scripts/build.sh, so a fresh dir builds only the test programs a
# target needs (ccache when present, as build.sh does). The Python module only when pytest
# files run.
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  python=()
  if [ -n "$PYTESTS" ]; then python=(-DKK_BUILD_PYTHON=ON -DPython_EXECUTABLE="$PY"); fi
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKK_BUILD_BENCHMARKS=OFF \
    -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST "${launcher[@]}" "${python[@]}" \
    >"$WORK/configure.log" 2>&1 || { tail -20 "$WORK/configure.log"; exit 2; }
fi
if [ -n "$PYTESTS" ]; then TARGETS="$TARGETS _core"; fi
echo "mutation.sh: $TARGET — building and running the tests on the unmutated source"
build || { tail -20 "$WORK/build.log"; exit 2; }
start=$(date +%s)
if ! run_tests 1800; then
  echo "mutation.sh: the tests fail without a mutant; fix them first" >&2
  tail -30 "$WORK/test.log" >&2
  exit 2
fi
baseline=$(( $(date +%s) - start ))
# A filter that matches nothing would let every mutant survive.
if ! grep -qE 'PASSED  \] [1-9][0-9]* tests?|100% tests passed, 0 tests failed out of [1-9]' "$WORK/test.log"; then
  echo "mutation.sh: no test matches '$FILTER'" >&2
  exit 2
fi
TIMEOUT="${TIMEOUT:-$(( 3 * baseline + 30 ))}"
echo "mutation.sh: tests take ${baseline} s unmutated; per-mutant timeout ${TIMEOUT} s"

# --- The mutants -----------------------------------------------------------------------
rm -rf "$WORK/mutants" "$WORK/results.tsv"
for source in "${SOURCES[@]}"; do
  dir="$WORK/mutants/$(echo "$source" | sed 's#/#__#g')"
  mkdir -p "$dir"
  "$MUTATE" "$source" cpp --mutantDir "$dir" --noCheck >"$dir/mutate.log" 2>&1 ||
    { echo "mutation.sh: universalmutator failed on $source" >&2; tail -5 "$dir/mutate.log" >&2; exit 2; }
done
"$PY" scripts/mutation_plan.py plan "$WORK/mutants" "$WORK/plan.tsv" --sample "$SAMPLE" --seed "$SEED" "${SOURCES[@]}"
: >"$WORK/results.tsv"
total=$(wc -l <"$WORK/plan.tsv")
[ "$SAMPLE" -gt 0 ] && [ "$SAMPLE" -lt "$total" ] && goal="$SAMPLE" || goal="$total"
tested=0

while [ "$tested" -lt "$goal" ] && IFS=$'\t' read -r id source mutant line _original mutated; do
  cp "$source" "$WORK/backup/$(echo "$source" | tr '/' '_')"
  echo "$source" >"$WORK/in-place"
  cp "$mutant" "$source"
  t0=$(date +%s)
  if ! build; then
    status=build_failure
  elif run_tests "$TIMEOUT"; then
    status=survived
  else
    rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then status=timeout; else status=killed; fi
  fi
  restore
  seconds=$(( $(date +%s) - t0 ))
  printf '%s\t%s\t%s\n' "$id" "$status" "$seconds" >>"$WORK/results.tsv"
  [ "$status" = build_failure ] || tested=$((tested + 1))
  printf '[%d/%d] %-13s %3ss %s:%s: %s\n' "$tested" "$goal" "$status" "$seconds" "$source" "$line" "$mutated"
done <"$WORK/plan.tsv"

# The build dir back to the unmutated source (ccache makes it cheap).
build || true
report
