#!/usr/bin/env bash
# Configures (once) and builds the C++ project with Ninja into build/ (or $KK_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${KK_BUILD_DIR:-build}"
LAUNCHER=()
# A compiler cache makes rebuilds (worktrees, mutation testing) cheap; optional.
if command -v ccache >/dev/null 2>&1; then
  LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${KK_BUILD_TYPE:-Release}" "${LAUNCHER[@]}" "$@"
fi
cmake --build "$BUILD_DIR"
