#!/usr/bin/env bash
# Configures (once) and builds the C++ project with Ninja into build/ (or $KK_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${KK_BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${KK_BUILD_TYPE:-Release}" "$@"
fi
cmake --build "$BUILD_DIR"
