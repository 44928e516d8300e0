#!/usr/bin/env bash
# Sets up, builds and runs every test: the C++ suites (ctest), the same suites under
# AddressSanitizer + UBSan, and the Python tests (binding, maps, datasets, notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="$(nproc)"
scripts/setup.sh

echo "== C++ build and tests"
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$JOBS"

echo "== C++ tests under AddressSanitizer and UBSan"
KK_BUILD_DIR=build-asan KK_BUILD_TYPE=Debug scripts/build.sh -DKK_SANITIZE=ON -DKK_BUILD_BENCHMARKS=OFF
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j "$JOBS"

echo "== Python tests"
if [ -f pyproject.toml ]; then
  .venv/bin/python -m pip install -q .
fi
KK_BUILD_DIR="$PWD/build" KK_CLI="$PWD/build/bindings/cli/kernkompas" \
  .venv/bin/python -m pytest -q tests/python
