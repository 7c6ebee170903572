#!/usr/bin/env bash
# Reader benchmark (docs/performance.md): generates the benchmark inputs with
# the shared generator, builds edi_bench in Release, runs every mode over
# every file under /usr/bin/time -v, and prints a markdown table.
#
#   scripts/bench.sh                      (make bench)
#
# Environment:
#   BENCH_DIR        where the generated files live (default /tmp/edi-bridge-bench;
#                    kept outside the repository and reused when present)
#   GEN_EDI          the generator (default ../shared/bench/gen_edi.py beside the repo)
#   BENCH_1GB=1      also a 1 GB X12 850 file
#   BENCH_REPEAT     repetitions per run (default 5; the 1 GB file uses BENCH_REPEAT_1GB, default 3)
#   BENCH_MODES      default "memchr frame tokenize validate schema"
#   BENCH_BUILD_DIR  default build-bench
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bench_dir=${BENCH_DIR:-/tmp/edi-bridge-bench}
gen=${GEN_EDI:-$repo/../shared/bench/gen_edi.py}
repeat=${BENCH_REPEAT:-5}
repeat_1gb=${BENCH_REPEAT_1GB:-3}
modes=${BENCH_MODES:-memchr frame tokenize validate schema}
build_dir=${BENCH_BUILD_DIR:-build-bench}
jobs=${JOBS:-$(nproc)}

if [[ ! -f $gen ]]; then
  echo "bench: generator not found at $gen (set GEN_EDI)" >&2
  exit 2
fi

scripts/install-deps.sh build bench
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DEDI_BENCH=ON >/dev/null
cmake --build "$build_dir" -j"$jobs" --target edi_bench
bin=$build_dir/tests/bench/edi_bench

mkdir -p "$bench_dir"
inputs=(850:10 850:100 856:10 856:100 orders:10 orders:100)
[[ ${BENCH_1GB:-0} == 1 ]] && inputs+=(850:1000)

files=()
for spec in "${inputs[@]}"; do
  kind=${spec%%:*}
  mb=${spec##*:}
  file=$bench_dir/${kind}_${mb}mb.edi
  if [[ ! -s $file || ! -s $file.json ]]; then
    echo "bench: generating $file" >&2
    python3 "$gen" --kind "$kind" --size-mb "$mb" --seed 1 --style tilde -o "$file" >/dev/null
  fi
  files+=("$file")
done

results=$bench_dir/results-$(date +%Y%m%dT%H%M%S).jsonl
: >"$results"
for file in "${files[@]}"; do
  n=$repeat
  [[ $file == *_1000mb.edi ]] && n=$repeat_1gb
  for mode in $modes; do
    echo "bench: $mode $(basename "$file") x$n" >&2
    /usr/bin/time -v -o "$bench_dir/time.txt" "$bin" --mode "$mode" --repeat "$n" "$file" \
      >"$bench_dir/run.json" 2>"$bench_dir/run.err" || {
      echo "bench: edi_bench failed on $file ($mode):" >&2
      cat "$bench_dir/run.err" >&2
      exit 1
    }
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$bench_dir/time.txt")
    python3 - "$bench_dir/run.json" "$file.json" "$rss_kb" >>"$results" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
run["expected_segments"] = json.load(open(sys.argv[2]))["segments"]
run["peak_rss_kib"] = int(sys.argv[3])
print(json.dumps(run))
EOF
  done
done

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Results (JSON lines): $results"
echo
python3 - "$results" <<'EOF'
import json, os, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| file | size MB | mode | MB/s (median) | MB/s (best) | peak RSS MiB | segments | matches generator |")
print("|---|---:|---|---:|---:|---:|---:|---|")
for r in rows:
    ok = "yes" if r["segments"] == r["expected_segments"] else "NO (expected %d)" % r["expected_segments"]
    if r.get("errors"):
        ok += ", %d error findings" % r["errors"]
    print("| %s | %.0f | %s | %.1f | %.1f | %.1f | %d | %s |" % (
        os.path.basename(r["file"]).removesuffix(".edi"), r["bytes"] / 1e6, r["mode"],
        r["mb_per_s"], r["mb_per_s_best"], r["peak_rss_kib"] / 1024, r["segments"], ok))
EOF
