#!/usr/bin/env bash
# Sets up, builds and runs every test: the C++ suites (ctest), the same suites under
# AddressSanitizer + UBSan, the Python tests (binding, maps, datasets, notebooks), the QGIS
# plugin in a real QGIS, a short run of every fuzz harness (clang + libFuzzer) and a fixed
# mutation sample.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="$(nproc)"
scripts/setup.sh

echo "== C++ build and tests"
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$JOBS"

echo "== C++ tests under AddressSanitizer and UBSan"
# This build also registers the tests' demonstration family (tests/families/demo).
KK_BUILD_DIR=build-asan KK_BUILD_TYPE=Debug scripts/build.sh -DKK_SANITIZE=ON -DKK_BUILD_BENCHMARKS=OFF -DKK_DEMO_FAMILY=ON
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j "$JOBS"

echo "== Python tests"
if [ -f pyproject.toml ]; then
  # With the demonstration family, for tests/python/test_families.py (the main job's
  # scripts/run-wijdemeren.sh installs the package without it).
  .venv/bin/python -m pip install -q -C cmake.define.KK_DEMO_FAMILY=ON .
fi
# The tests find build/ and the installed package on their own (tests/python/build_paths.py);
# KK_NO_SKIPS=1 makes any skipped test fail the run (tests/python/conftest.py).
KK_NO_SKIPS=1 .venv/bin/python -m pytest -q tests/python

echo "== QGIS plugin in a real QGIS (scripts/test-qgis.sh, docs/qgis.md)"
scripts/test-qgis.sh

echo "== Fuzzing: each libFuzzer harness for 30 s (tests/fuzz, scripts/fuzz.sh)"
scripts/fuzz.sh 30

echo "== Mutation sample: 30 mutants of engine/src/stats (docs/testing.md)"
# A fixed seeded sample in its own build dir; fails when a mutant survives that
# tests/mutation/equivalent.txt does not excuse. It draws from the files of the folder whose
# mutants a campaign has triaged (docs/testing.md, "What CI runs"); a file joins the list once
# its survivors are killed or excused. The full campaign is run by hand.
KK_MUTATION_BUILD_DIR=build-mutation scripts/mutation.sh --sample 30 --seed 1 \
  --files "fdr.cpp getis_ord.cpp normal.cpp parallel.hpp permutation.cpp spatial_weights.cpp wilson.cpp" \
  engine/src/stats
