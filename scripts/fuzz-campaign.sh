#!/usr/bin/env bash
# A long local fuzz campaign, outside the repository (docs/reliability.md, "Fuzzing").
#   scripts/fuzz-campaign.sh start [CPU_SECONDS]   builds build-fuzz, copies the harnesses to
#       $KK_CAMPAIGN_DIR/bin and starts each in the background (its own session, nice -n 19) with its own
#       working corpus ($KK_CAMPAIGN_DIR/<harness>/corpus, seeded from tests/fuzz/corpus) and
#       log (<harness>.log), timed by /usr/bin/time -v (<harness>.time). A watcher stops each
#       harness (SIGINT: libFuzzer prints its final figures) once it has used CPU_SECONDS of
#       CPU (default 3600); -max_total_time is a wall-clock backstop.
#   scripts/fuzz-campaign.sh summary                one line per harness: state, executions,
#       CPU seconds, coverage (cov/ft), corpus size and findings.
# KK_CAMPAIGN_DIR defaults to /work/fuzz-campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/fuzz-harnesses.sh
DIR="${KK_CAMPAIGN_DIR:-/work/fuzz-campaign}"
TICKS="$(getconf CLK_TCK)"

# CPU seconds (user + system) of a running process, from /proc/<pid>/stat.
cpu_seconds() {
  awk -v ticks="$TICKS" '{ sub(/.*\) /, ""); printf "%.0f", ($12 + $13) / ticks }' "/proc/$1/stat" 2>/dev/null
}

running() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

start() {
  local budget="${1:-3600}"
  kk_fuzz_build
  local stamp
  stamp="$(date -u +%Y%m%dT%H%M%S)"
  mkdir -p "$DIR/bin"
  for harness in "${KK_FUZZ_HARNESS_NAMES[@]}"; do
    if running "$(cat "$DIR/$harness.pid" 2>/dev/null)"; then
      echo "campaign: $harness is already running (pid $(cat "$DIR/$harness.pid"))" >&2
      continue
    fi
    # A finished run's log, timing and CPU figures are kept, never overwritten.
    if [ -e "$DIR/$harness.log" ]; then
      mkdir -p "$DIR/archive/$stamp"
      mv -f "$DIR/$harness.log" "$DIR/$harness.time" "$DIR/$harness.cpu" "$DIR/archive/$stamp/" 2>/dev/null || true
    fi
    # A copy, so rebuilding build-fuzz does not change a running campaign's program.
    cp "$KK_FUZZ_BUILD_DIR/tests/fuzz/kk_fuzz_$harness" "$DIR/bin/"
    mkdir -p "$DIR/$harness/corpus" "$DIR/$harness/artifacts"
    cp -n "$KK_FUZZ_SOURCE/corpus/$harness/"* "$DIR/$harness/corpus/"
    # Under nice -n 19 on a busy machine one input may wait long for the CPU.
    mapfile -t options < <(KK_FUZZ_TIMEOUT=600 kk_fuzz_options "$harness" "$DIR/$harness/artifacts")
    # bash writes its own pid, then becomes the fuzzer (exec), so the pid file names it.
    # setsid: its own session, so Linux's autogroup scheduler gives it a share of its own
    # beside other sessions' work (nice only orders processes within one session).
    nohup setsid /usr/bin/time -v -o "$DIR/$harness.time" \
      bash -c 'echo $$ > "$0"; exec nice -n 19 "$@"' "$DIR/$harness.pid" \
      "$DIR/bin/kk_fuzz_$harness" "$DIR/$harness/corpus" "${options[@]}" -max_total_time=86400 \
      >"$DIR/$harness.log" 2>&1 &
    echo "$budget" >"$DIR/$harness.budget"
  done
  sleep 1
  if running "$(cat "$DIR/watcher.pid" 2>/dev/null)"; then
    echo "campaign: the watcher (pid $(cat "$DIR/watcher.pid")) looks after the restarted harnesses too"
    return
  fi
  # The watcher: records each harness's CPU seconds once a minute (<harness>.cpu, read by
  # summary after it ends) and stops it at its budget.
  nohup bash -c '
    dir="$1"; ticks="$2"; shift 2
    while :; do
      alive=0
      for harness in "$@"; do
        pid=$(cat "$dir/$harness.pid" 2>/dev/null) || continue
        kill -0 "$pid" 2>/dev/null || continue
        alive=1
        cpu=$(awk -v t="$ticks" "{ sub(/.*\\) /, \"\"); printf \"%.0f\", (\$12 + \$13) / t }" "/proc/$pid/stat" 2>/dev/null) || continue
        echo "$cpu" > "$dir/$harness.cpu"
        [ "$cpu" -ge "$(cat "$dir/$harness.budget")" ] && kill -INT "$pid"
      done
      [ "$alive" = 1 ] || exit 0
      sleep 60
    done' bash "$DIR" "$TICKS" "${KK_FUZZ_HARNESS_NAMES[@]}" >"$DIR/watcher.log" 2>&1 &
  echo "$!" >"$DIR/watcher.pid"
  for harness in "${KK_FUZZ_HARNESS_NAMES[@]}"; do
    echo "campaign: $harness pid $(cat "$DIR/$harness.pid"), log $DIR/$harness.log"
  done
  echo "campaign: watcher pid $(cat "$DIR/watcher.pid"); budget $budget CPU seconds per harness"
}

summary() {
  date -u '+campaign figures at %Y-%m-%d %H:%M UTC'
  printf '%-14s %-8s %12s %8s %7s %7s %14s  %s\n' harness state executions cpu_s cov ft corpus findings
  for harness in "${KK_FUZZ_HARNESS_NAMES[@]}"; do
    local pid state cpu execs cov ft files bytes findings
    pid="$(cat "$DIR/$harness.pid" 2>/dev/null || true)"
    if running "$pid"; then
      state=running
      cpu="$(cpu_seconds "$pid")"
    else
      state=ended
      # /usr/bin/time's figures once it has ended, else the watcher's last reading.
      cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { if (NR) printf "%.0f", s }' \
        "$DIR/$harness.time" 2>/dev/null || true)"
      [ -n "$cpu" ] || cpu="$(cat "$DIR/$harness.cpu" 2>/dev/null || echo 0)"
    fi
    read -r execs cov ft < <(kk_fuzz_figures "$DIR/$harness.log")
    files="$(find "$DIR/$harness/corpus" -type f | wc -l)"
    bytes="$(du -sk --apparent-size "$DIR/$harness/corpus" | cut -f1)"
    findings="$(kk_fuzz_findings "$DIR/$harness/artifacts" | wc -l)"
    printf '%-14s %-8s %12s %8s %7s %7s %9s/%sK  %s\n' "$harness" "$state" "$execs" "$cpu" "$cov" "$ft" \
      "$files" "$bytes" "$findings"
    kk_fuzz_findings "$DIR/$harness/artifacts" | sed 's/^/    finding: /'
  done
}

case "${1:-}" in
  start) start "${2:-3600}" ;;
  summary) summary ;;
  *) echo "usage: scripts/fuzz-campaign.sh start [CPU_SECONDS] | summary" >&2; exit 2 ;;
esac
