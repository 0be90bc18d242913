#!/usr/bin/env bash
# Does `make test` pass again and again on a fresh clone while another CPU-heavy job runs? (issue 18)
#
#   ops/fresh_clone_runs.sh [REV] [RUNS]      (default: HEAD, 3 runs)
#
# For each run: a fresh `git clone` of this repository at REV into $WORK/runN (with ../shared beside it, as on
# the CI machine), a busy loop taking one of the two cores, then the README's `make test` on PostgreSQL with
# CI=true (the derandomized hypothesis profile). It stops at the first failing run. Each run's log is kept
# beside the clone, and one line per run (exit code, seconds, load average, pytest's last line) goes to
# $WORK/summary.txt. It uses the database `kompas` and its test databases, and Redis db 15: run it on a
# machine where nothing else uses them (make test restarts PostgreSQL in its vote-load check).
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
REV=$(git rev-parse "${1:-HEAD}")
RUNS=${2:-3}
WORK=${WORK:-/tmp/kompas-fresh-runs}
SUMMARY=$WORK/summary.txt
mkdir -p "$WORK"
echo "rev $REV: $RUNS runs, started $(date -u +%FT%TZ)" >> "$SUMMARY"
for n in $(seq 1 "$RUNS"); do
  dir=$WORK/run$n
  rm -rf "$dir" && mkdir -p "$dir"
  git clone -q "$REPO" "$dir/main" && git -C "$dir/main" checkout -q "$REV"
  [ -e "$REPO/../shared" ] && ln -s "$(cd "$REPO/../shared" && pwd)" "$dir/shared"
  python3 -c 'while True: pass' &
  busy=$!
  start=$(date +%s)
  (cd "$dir/main" && DATABASE_URL=postgres://postgres@127.0.0.1:5432/kompas \
     KOMPAS_TEST_REDIS_URL=redis://127.0.0.1:6379/15 CI=true make test) > "$dir/make-test.log" 2>&1
  rc=$?
  kill "$busy"
  last=$(grep -E '[0-9]+ (passed|failed)' "$dir/make-test.log" | tail -1)
  echo "run $n: exit $rc, $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg), $last" >> "$SUMMARY"
  [ "$rc" -ne 0 ] && break
done
echo "finished $(date -u +%FT%TZ)" >> "$SUMMARY"
cat "$SUMMARY"
