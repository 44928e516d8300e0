# Sourced by scripts/fuzz.sh and scripts/fuzz-campaign.sh: the libFuzzer harnesses, how to
# build them and how to run one. Not a command of its own.

# harness name -> largest input (-max_len): enough for the seeds, small enough that one input
# costs milliseconds (a bigger GeoJSON or WKB only slows GEOS and GDAL, not the search).
declare -A KK_FUZZ_MAX_LEN=([csv_values]=1024 [config_reader]=4096 [wkb_reader]=4096 [read_path]=6144)
KK_FUZZ_HARNESS_NAMES=(csv_values config_reader wkb_reader read_path)
KK_FUZZ_BUILD_DIR="${KK_FUZZ_BUILD_DIR:-build-fuzz}"
KK_FUZZ_SOURCE="$PWD/tests/fuzz"

# Configures (once) and builds the harnesses with clang, libFuzzer, ASan and UBSan.
kk_fuzz_build() {
  CC="${CC_FUZZ:-clang-14}" CXX="${CXX_FUZZ:-clang++-14}" KK_BUILD_DIR="$KK_FUZZ_BUILD_DIR" \
    KK_BUILD_TYPE=RelWithDebInfo scripts/build.sh -DKK_FUZZ=ON -DKK_BUILD_BENCHMARKS=OFF
}

# The options every run of harness $1 takes; artifacts (crash-*, leak-*, timeout-*, oom-*)
# go to folder $2.
kk_fuzz_options() {
  local harness="$1" artifacts="$2" dict="$KK_FUZZ_SOURCE/dict/$1.dict"
  # -timeout is wall-clock seconds for one input: generous, for a machine busy with builds
  # (one PROJ name look-up of a misspelt CRS takes 1.5 s of CPU); a hang still exceeds it.
  local options=(-max_len="${KK_FUZZ_MAX_LEN[$harness]}" -timeout="${KK_FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048
                 -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -f "$dict" ] && options+=(-dict="$dict")
  printf '%s\n' "${options[@]}"
}

# Sanitizer reports are fatal (libFuzzer then keeps the input); GDAL stays quiet and offline.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export GDAL_HTTP_TIMEOUT=1 CPL_DEBUG=OFF

# "<executions> <cov> <ft>" from a libFuzzer log (0 where absent).
kk_fuzz_figures() {
  local log="$1" execs cov ft
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  echo "${execs:-0} ${cov:-0} ${ft:-0}"
}

# The artifacts (findings) in folder $1, one a line.
kk_fuzz_findings() {
  find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \
    \) 2>/dev/null | sort
}
