#!/usr/bin/env bash
# make demo: the bridge as an appliance. Copies the demo configuration
# (samples/demo/bridge.yaml) and the sample partner profiles into a fresh
# ./demo directory, starts `edi-bridge run` there, drops the sample files of
# samples/demo/drops into its inbound folder one by one (a supplier's 850 and
# 856, an EDIFACT ORDERS, a bad 850, the first 850 resent under another
# name, another supplier's 856 and 810), then the ERP's canonical invoice
# (samples/demo/erp), and shows what
# the bridge did with each: accepted or rejected, acknowledgements written,
# the canonical orders, shipment and invoice the mappings made for the ERP, the 810
# made from the invoice, the duplicate held, and how to trace any item.
#
#   scripts/demo.sh [EDI_BRIDGE_BINARY] [DEMO_DIR]
#
# DEMO_ONCE=1 processes the drops with `run --once` and exits; otherwise the
# daemon keeps running until Ctrl-C, and more files can be dropped into
# DEMO_DIR/inbound/suppliers meanwhile.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$repo/build/edi-bridge}
demo=${2:-$repo/demo}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

if [[ ! -x $bin ]]; then
  echo "demo: $bin not found; run 'make demo' (it builds it)" >&2
  exit 2
fi

bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }

rm -rf "$demo"
mkdir -p "$demo/inbound/suppliers" "$demo/inbound/erp-invoices"
# The demo runs the shipped mapping catalog.
sed "s|^mappings: mappings\$|mappings: $repo/mappings/catalog|" "$repo/samples/demo/bridge.yaml" >"$demo/bridge.yaml"
cp -r "$repo/samples/partners" "$demo/partners"
config=$demo/bridge.yaml
log=$demo/bridge.log

bold "1. The configuration ($config) checks out"
"$bin" check-config "$config"

spool() { "$bin" spool "$@" --config "$config"; }

# Waits until every file dropped is in the spool and nothing is in flight.
wait_idle() {
  local expected=$1
  for _ in $(seq 1 300); do
    if [[ -z $(ls -A "$demo/inbound/suppliers" "$demo/inbound/erp-invoices" | grep -v ':$' | grep -v '^$') ]] &&
      spool ls --json | python3 -c '
import json, sys
items = json.load(sys.stdin)
busy = [i for i in items if i["state"] in ("received", "delivering")]
sys.exit(0 if len(items) >= int(sys.argv[1]) and not busy else 1)' "$expected"; then
      return 0
    fi
    sleep 0.2
  done
  echo "demo: the bridge did not finish in time; see $log" >&2
  return 1
}

drops=("$repo"/samples/demo/drops/*)
erp=("$repo"/samples/demo/erp/*)
daemon_pid=
if [[ ${DEMO_ONCE:-0} == 1 ]]; then
  bold "2. Dropping ${#drops[@]} files, then 'edi-bridge run --once'"
  for file in "${drops[@]}"; do
    cp "$file" "$demo/inbound/suppliers/.$(basename "$file").part"
    mv "$demo/inbound/suppliers/.$(basename "$file").part" "$demo/inbound/suppliers/$(basename "$file")"
    echo "  dropped $(basename "$file")"
  done
  for file in "${erp[@]}"; do
    cp "$file" "$demo/inbound/erp-invoices/$(basename "$file")"
    echo "  the ERP dropped $(basename "$file")"
  done
  "$bin" run --once --config "$config" 2>"$log"
else
  bold "2. Starting 'edi-bridge run' (log: $log) and dropping ${#drops[@]} files"
  "$bin" run --config "$config" 2>"$log" &
  daemon_pid=$!
  trap '[[ -n $daemon_pid ]] && kill -TERM $daemon_pid 2>/dev/null; wait 2>/dev/null' EXIT
  count=0
  for file in "${drops[@]}"; do
    # Written under a temp name (ignored by the watcher), then renamed in.
    cp "$file" "$demo/inbound/suppliers/.$(basename "$file").part"
    mv "$demo/inbound/suppliers/.$(basename "$file").part" "$demo/inbound/suppliers/$(basename "$file")"
    count=$((count + 1))
    echo "  dropped $(basename "$file")"
    wait_idle "$count"
  done
  for file in "${erp[@]}"; do
    cp "$file" "$demo/inbound/erp-invoices/.$(basename "$file").part"
    mv "$demo/inbound/erp-invoices/.$(basename "$file").part" "$demo/inbound/erp-invoices/$(basename "$file")"
    count=$((count + 1))
    echo "  the ERP dropped $(basename "$file")"
    wait_idle "$count"
  done
fi

bold "3. What the bridge did with each file (edi-bridge spool ls)"
spool ls

bold "4. Why: each item's state and reason (edi-bridge spool show)"
spool ls --json | python3 -c '
import json, sys
for item in json.load(sys.stdin):
    print(item["id"], item["name"], item["state"])' | while read -r id name state; do
  echo "--- $name: $state"
  spool show "$id" | sed -n '/^reason/p;/^partner/p;/^delivery/p'
done

bold "5. Acknowledgements written for the partners ($demo/outbound)"
(cd "$demo/outbound" && find . -type f -name 'ack-*' | sort | while read -r f; do
  echo "--- $f"
  tr "~'" '\n\n' <"$f" | grep -E "^(TA1|AK[1-9]|UCI|UCM)" | head -8 || true
done)

bold "6. Canonical documents the mappings made for the ERP ($demo/events, CloudEvents JSON lines)"
cat "$demo"/events/*.jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    event = json.loads(line)
    data, meta = event["data"], event["edibridge"]
    if "mapping" not in meta:
        print("  %s  %s (no mapping: the parse-v1 JSON form)" % (event["type"], event["subject"]))
        continue
    print("  %s  %s (mapping %s %s, %s...)" % (event["type"], event["subject"], meta["mapping"],
          meta["mappingVersion"], meta["mappingHash"][:19]))
    if "invoiceNumber" in data:
        print("      invoice %s of %s for order %s, %d lines, total %s" % (data["invoiceNumber"],
              data.get("invoiceDate", "?"), data.get("orderNumber", "?"), len(data.get("lines", [])),
              data["totals"]["totalAmount"]))
    elif "orderNumber" in data and "lines" in data:
        print("      order %s of %s, %d lines, %s units, parties: %s" % (data["orderNumber"],
              data.get("orderDate", "?"), len(data["lines"]),
              data.get("totals", {}).get("totalQuantity", "?"),
              ", ".join(p["role"] for p in data.get("parties", [])) or "none"))
    elif "shipmentNumber" in data:
        orders = data.get("orders", [])
        packs = sum(len(o.get("packs", [])) for o in orders)
        print("      shipment %s shipped %s, %d orders, %d packs" % (data["shipmentNumber"],
              data.get("shipDate", "?"), len(orders), packs))'

bold "7. The 810 made from the ERP's canonical invoice ($demo/outbound/abcco)"
find "$demo/outbound" -type f -name '810-*' | sort | while read -r f; do
  echo "--- ${f#$demo/outbound/}"
  tr -d '\n' <"$f" | tr '~' '\n' | sed 's/^/    /'
done

first=$(spool ls --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
bold "8. The whole story of one item: edi-bridge spool trace $first --config $config"
spool trace "$first"

bold "Next steps"
cat <<NEXT
  edi-bridge spool ls --state held --config $config     what is waiting for a decision
  edi-bridge spool release ID --config $config          let a held item go on (idempotent)
  edi-bridge spool replay ID --config $config           re-run an item from its stored payload
  edi-bridge translate FILE --mapping x12-850-order     try a mapping on a file (docs/mapping-language.md)
  edi-bridge map test                                   run every mapping's tests
  edi-bridge map reload --config $config                activate edited mappings (only if all tests pass)
  edi-bridge map versions --config $config              the activated versions; map rollback restores one
  docs/operations.md explains every state and command.
NEXT

if [[ -n $daemon_pid ]]; then
  bold "The bridge keeps running: drop files into $demo/inbound/suppliers; Ctrl-C stops it."
  wait "$daemon_pid" || true
  daemon_pid=
fi
