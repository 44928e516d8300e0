#!/usr/bin/env bash
# Installs what kernkompas needs on a fresh Debian machine: the C++ toolchain and libraries
# from Debian's packages (as root, or through sudo), then a Python venv in .venv with the
# PyPI packages for the binding, tests and notebooks. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libgdal-dev libgeos-dev libproj-dev proj-data libboost-dev libssl-dev
  googletest libgtest-dev libbenchmark-dev libtomlplusplus-dev libcli11-dev ccache
  libnanoflann-dev
  clang-14 libclang-rt-14-dev
  python3 python3-venv python3-dev
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating the Python venv .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.kk-requirements
if [ ! -f "$stamp" ] || ! cmp -s bindings/python/requirements-dev.txt "$stamp"; then
  echo "setup: installing Python packages from bindings/python/requirements-dev.txt"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r bindings/python/requirements-dev.txt
  cp bindings/python/requirements-dev.txt "$stamp"
fi
