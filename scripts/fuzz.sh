#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang) into build-fuzz/ and runs each for
# SECONDS (default 30) on a copy of its seed corpus in a temporary folder: the repository is
# never written. Prints each harness's executions, coverage and findings; exits 1 on any
# finding, naming the input that triggered it (copy it to tests/fuzz/regressions/<harness>/
# once fixed, so the regression test replays it).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-30}"
source scripts/fuzz-harnesses.sh

echo "== Fuzz harnesses: build ($KK_FUZZ_BUILD_DIR)"
kk_fuzz_build

work="$(mktemp -d "${TMPDIR:-/tmp}/kk-fuzz.XXXXXX")"
found=0
printf '%-14s %10s %7s %7s  %s\n' harness executions cov ft result
for harness in "${KK_FUZZ_HARNESS_NAMES[@]}"; do
  dir="$work/$harness"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp "$KK_FUZZ_SOURCE/corpus/$harness/"* "$dir/corpus/"
  mapfile -t options < <(kk_fuzz_options "$harness" "$dir/artifacts")
  status=0
  "$KK_FUZZ_BUILD_DIR/tests/fuzz/kk_fuzz_$harness" "$dir/corpus" "${options[@]}" \
    -max_total_time="$SECONDS_EACH" >"$dir/log" 2>&1 || status=$?
  read -r execs cov ft < <(kk_fuzz_figures "$dir/log")
  findings="$(kk_fuzz_findings "$dir/artifacts")"
  if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
    found=1
    printf '%-14s %10s %7s %7s  FOUND (exit %s): %s; log %s\n' "$harness" "$execs" "$cov" "$ft" "$status" \
      "${findings:-no input saved}" "$dir/log"
  else
    printf '%-14s %10s %7s %7s  nothing found\n' "$harness" "$execs" "$cov" "$ft"
  fi
done
if [ "$found" -ne 0 ]; then
  echo "fuzz: findings above; inputs and logs kept in $work" >&2
  exit 1
fi
rm -rf "$work"
