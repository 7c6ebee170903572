#!/usr/bin/env bash
# Runs `edi-bridge parse`, `edi-bridge validate` and `edi-bridge ack` over
# every sample file and prints what they found: the structure of each file
# (standard, interchanges, groups, transactions, segments), the verdict with
# its findings (envelopes and schemas), and the acknowledgement the sender
# would get (TA1, 997/999 or CONTRL, with the partner profiles in
# samples/partners).
#
#   scripts/samples-tour.sh [EDI_BRIDGE_BINARY] [SAMPLES_DIR]   (make tour)
#
# Files under SAMPLES_DIR/valid/ are expected to pass validation, files under
# SAMPLES_DIR/invalid/ to fail it; a verdict that differs is marked in the
# summary. Invalid samples are the point of the demo, so a rejected file never
# stops it. The exit status is non-zero only when a command failed in a way no
# input may cause: a usage error, or a crash (exit by a signal).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$repo/build/edi-bridge}
samples=${2:-$repo/samples}

if [[ ! -x $bin ]]; then
  echo "demo: $bin not found; run 'make tour' (it builds it)" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "demo: python3 is needed to summarise the JSON (scripts/install-deps.sh build)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Reads `edi-bridge parse` JSON on stdin; prints a one-line structure summary,
# then a compact line for the summary table: standard, interchanges, groups,
# transactions.
summarise_json() {
  python3 -c '
import json, sys
from collections import Counter

def first(element):
    # An element is "v", ["c1", "c2"] (components) or {"repeats": [...]}.
    while True:
        if isinstance(element, dict):
            reps = element.get("repeats") or [""]
            element = reps[0]
        elif isinstance(element, list):
            element = element[0] if element else ""
        else:
            return "" if element is None else str(element)

def kind(header):
    els = (header or {}).get("elements") or []
    if (header or {}).get("tag") == "UNH":
        return first(els[1]) if len(els) > 1 else "?"
    return first(els[0]) if els else "?"

def count(seg):
    return 1 if seg else 0

try:
    doc = json.load(sys.stdin)
    interchanges = doc["interchanges"]
except Exception as e:
    print("unreadable parse output (%s)" % e)
    print("- - - -")
    sys.exit(0)

standards = Counter()
groups = 0
kinds = Counter()
segments = 0
for ic in interchanges:
    standards[ic.get("standard", "?")] += 1
    segments += count(ic.get("header")) + len(ic.get("segments") or []) + count(ic.get("trailer"))
    txs = list(ic.get("transactions") or [])
    for g in ic.get("groups") or []:
        groups += 1
        segments += count(g.get("header")) + count(g.get("trailer"))
        txs += g.get("transactions") or []
    for t in txs:
        kinds[kind(t.get("header"))] += 1
        segments += count(t.get("header")) + len(t.get("segments") or []) + count(t.get("trailer"))

def plural(n, word):
    return "%d %s%s" % (n, word, "" if n == 1 else "s")

ntx = sum(kinds.values())
what = ", ".join("%s x%d" % (k, n) if n > 1 else k for k, n in sorted(kinds.items()))
print("%s: %s, %s, %s%s, %s" % (
    "+".join(sorted(standards)) or "no interchange",
    plural(len(interchanges), "interchange"), plural(groups, "group"),
    plural(ntx, "transaction"), " (%s)" % what if what else "", plural(segments, "segment")))
print("%s %d %d %d" % ("+".join(sorted(standards)) or "-", len(interchanges), groups, ntx))
'
}

row_format='%-54s %-12s %3s %3s %3s  %-9s %6s%s'
total=0
unexpected=()
broken=()
rows=()

for dir in valid invalid; do
  [[ -d $samples/$dir ]] || continue
  while IFS= read -r -d '' file; do
    total=$((total + 1))
    name=$dir/$(basename "$file")
    echo "== $name ($(wc -c <"$file") bytes)"

    "$bin" parse "$file" >"$tmp/parse.json" 2>"$tmp/parse.err"
    parse_rc=$?
    if [[ -s $tmp/parse.json ]]; then
      { read -r structure; read -r standard interchanges groups transactions; } \
        < <(summarise_json <"$tmp/parse.json")
    else
      structure="no structure: $(head -n 1 "$tmp/parse.err")"
      standard=- interchanges=- groups=- transactions=-
    fi
    echo "   parse    (exit $parse_rc): $structure"

    "$bin" validate "$file" >"$tmp/validate.out" 2>"$tmp/validate.err"
    rc=$?
    errors=$(grep -cE ': error [A-Z0-9_]+:' "$tmp/validate.out")
    warnings=$(grep -cE ': warning [A-Z0-9_]+:' "$tmp/validate.out")
    case $rc in
      0) verdict=accepted ;;
      1) verdict=rejected ;;
      2) verdict="usage error" ;;
      *) verdict="CRASHED (exit $rc)" ;;
    esac
    echo "   validate (exit $rc): $verdict, $errors errors, $warnings warnings"
    # Findings name the file; the demo already did, so show them without it.
    sed -e "s|^$file:|line |" "$tmp/validate.out" | head -n 8 | sed 's/^/      /'
    more=$(($(wc -l <"$tmp/validate.out") - 8))
    ((more > 0)) && echo "      ... and $more more"
    [[ -s $tmp/validate.err ]] && sed 's/^/      stderr: /' "$tmp/validate.err" | head -n 3

    "$bin" ack --partners "$samples/partners" --counters "$tmp/control-numbers" "$file" \
      >"$tmp/ack.out" 2>"$tmp/ack.err"
    ack_rc=$?
    if [[ -s $tmp/ack.out ]]; then
      # The status segments say what the sender is told: TA1 (interchange),
      # AK5/IK5 per transaction and AK9 per group, UCI/UCM for CONTRL.
      statuses=$(python3 -c '
import sys
text = open(sys.argv[1], encoding="latin-1").read()
shown = ("ST", "TA1", "AK5", "IK5", "AK9", "UNH", "UCI", "UCM")
out = []
while text:
    # Each interchange declares its own terminator: ISA16 is followed by it;
    # UNA gives it at position 8; otherwise EDIFACT uses the default.
    if text.startswith("ISA"):
        term = text[105]
    elif text.startswith("UNA"):
        term = text[8]
    else:
        term = "\x27"
    end_tag = "IEA" if text.startswith("ISA") else "UNZ"
    segments = []
    while text:
        seg, _, text = text.partition(term)
        seg = seg.strip()
        segments.append(seg)
        if seg.startswith(end_tag):
            break
    text = text.lstrip()
    out += [s for s in segments if s[:3].rstrip("*+=") in shown or s[:2] == "ST"]
print(" ".join(out[:8]))
' "$tmp/ack.out")
      echo "   ack      (exit $ack_rc): $statuses"
    elif ((ack_rc >= 2)); then
      echo "   ack      (exit $ack_rc): $(head -n 1 "$tmp/ack.err")"
    else
      echo "   ack      (exit $ack_rc): no acknowledgement due"
    fi
    ((ack_rc >= 2)) && ! grep -q "not EDI\|no interchange" "$tmp/ack.err" && broken+=("$name (ack)")

    expected=accepted
    [[ $dir == invalid ]] && expected=rejected
    mark=""
    if ((rc >= 2 || parse_rc >= 2)); then
      broken+=("$name")
      mark="  <-- command failed"
    elif [[ $verdict != "$expected" ]]; then
      unexpected+=("$name")
      mark="  <-- expected $expected"
    fi
    rows+=("$(printf "$row_format" "$name" "$standard" "$interchanges" "$groups" \
      "$transactions" "$verdict" "$errors" "$mark")")
    echo
  done < <(find "$samples/$dir" -maxdepth 1 -type f -print0 | sort -z)
done

echo "== summary: $total sample files"
printf "$row_format\n" file standard ic grp tx verdict errors ""
printf '%s\n' "${rows[@]}"
if ((${#unexpected[@]} > 0)); then
  echo "verdicts that differ from samples/ folder expectations: ${unexpected[*]}"
fi
if ((${#broken[@]} > 0)); then
  echo "demo: commands failed (usage error or crash) on: ${broken[*]}" >&2
  exit 1
fi
