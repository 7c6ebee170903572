#!/usr/bin/env bash
# Runs libFuzzer targets built with -DEDI_FUZZ=ON (make fuzz does the build).
#
#   scripts/fuzz.sh BUILD_DIR TARGET...      e.g. build-fuzz x12_reader_fuzz
#
# Each target runs for FUZZ_SECONDS (default 300) from a working corpus in
# .fuzz/<name>/ (new coverage goes there, not into the committed seeds) plus
# the seeds in tests/fuzz/corpus/<name>/. Crash, leak and timeout inputs are
# written to tests/fuzz/crashes/<name>/, where `make test` replays them from
# then on. Exits non-zero when any target found something.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${1:?usage: scripts/fuzz.sh BUILD_DIR TARGET...}
shift
seconds=${FUZZ_SECONDS:-300}
max_len=${FUZZ_MAX_LEN:-65536}
failed=()
summary=()

for target in "$@"; do
  name=${target%_fuzz}
  binary=$build_dir/tests/fuzz/$target
  if [[ ! -x $binary ]]; then
    echo "fuzz: $binary not built" >&2
    exit 2
  fi
  work=.fuzz/$name
  crashes=tests/fuzz/crashes/$name
  mkdir -p "$work" "$crashes"
  dict=()
  case $name in
    x12_reader) dict=(-dict=tests/fuzz/x12.dict) ;;
    edifact_reader) dict=(-dict=tests/fuzz/edifact.dict) ;;
    render) dict=(-dict=tests/fuzz/render.dict) ;;
  esac
  log=.fuzz/$name.log
  echo "== $target: ${seconds}s, max_len $max_len (log: $log)"
  before=$(find "$crashes" -type f | wc -l)
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=25 \
    -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$crashes/" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
  status=$?
  after=$(find "$crashes" -type f | wc -l)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  line="$target: ${runs:-?} runs in ${seconds}s, coverage ${cov:-?} edges, exit $status, new crash inputs: $((after - before))"
  summary+=("$line")
  if [[ $status -ne 0 || $after -ne $before ]]; then
    failed+=("$target")
    grep -E 'ERROR: |SUMMARY: |fuzz property violated|Test unit written' "$log" | head -20
  fi
done

echo
echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: findings in ${failed[*]}: see .fuzz/<target>.log and tests/fuzz/crashes/" >&2
  exit 1
fi
