#!/usr/bin/env bash
# Mapping benchmark (docs/performance.md): the shipped x12-850-order mapping
# on generated 850 files, and invoice-x12-810 on an invoice made from each
# order; documents per second, MB/s and peak RSS, next to the schema
# validation that runs before a mapping in the daemon.
#
#   scripts/mapping-bench.sh              (part of make bench)
#
# Environment: BENCH_DIR, GEN_EDI, BENCH_BUILD_DIR as for scripts/bench.sh;
# BENCH_SIZES (default "10 100", MB); BENCH_REPEAT (default 3).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bench_dir=${BENCH_DIR:-/tmp/edi-bridge-bench}
gen=${GEN_EDI:-$repo/../shared/bench/gen_edi.py}
build_dir=${BENCH_BUILD_DIR:-build-bench}
repeat=${BENCH_REPEAT:-3}
sizes=${BENCH_SIZES:-10 100}
jobs=${JOBS:-$(nproc)}

if [[ ! -f $gen ]]; then
  echo "mapping-bench: generator not found at $gen (set GEN_EDI)" >&2
  exit 2
fi
scripts/install-deps.sh build bench
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DEDI_BENCH=ON >/dev/null
cmake --build "$build_dir" -j"$jobs" --target edi_bench edi_mapping_bench
mkdir -p "$bench_dir"

echo "| file | schema validation MB/s | 850->order docs/s | 850->order MB/s | invoice->810 docs/s | 810 MB/s written | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for mb in $sizes; do
  file=$bench_dir/850_${mb}mb.edi
  if [[ ! -s $file ]]; then
    python3 "$gen" --kind 850 --size-mb "$mb" --seed 1 --style tilde -o "$file" >/dev/null
  fi
  schema=$("$build_dir/tests/bench/edi_bench" --mode schema --repeat "$repeat" "$file" |
    python3 -c 'import json, sys; print("%.0f" % json.load(sys.stdin)["mb_per_s"])')
  out=$(/usr/bin/time -v "$build_dir/tests/bench/edi_mapping_bench" --repeat "$repeat" "$file" 2>"$bench_dir/mapping.time")
  echo "$out" >&2
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.0f MiB", $2 / 1024 }' "$bench_dir/mapping.time")
  # The best repetition of each measure.
  in_docs=$(echo "$out" | grep -o 'order [0-9]* docs/s' | awk '{ print $2 }' | sort -n | tail -1)
  in_mb=$(echo "$out" | grep -o 'order [0-9]* docs/s [0-9.]* MB/s' | awk '{ print $4 }' | sort -n | tail -1)
  out_docs=$(echo "$out" | grep -o '810 [0-9]* docs/s' | awk '{ print $2 }' | sort -n | tail -1)
  out_mb=$(echo "$out" | grep -o '810 [0-9]* docs/s [0-9.]* MB/s' | awk '{ print $4 }' | sort -n | tail -1)
  echo "| 850, ${mb} MB | ${schema:-?} | ${in_docs:-?} | ${in_mb:-?} | ${out_docs:-?} | ${out_mb:-?} | $rss |"
done
