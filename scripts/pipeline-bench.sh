#!/usr/bin/env bash
# Measures the whole daemon pipeline (intake -> spool -> validate/ack/route ->
# event-log and folder deliveries), with the spool's durable commits on (the
# default: every commit fsynced). Uses an already-built binary; builds nothing.
#
# Usage: scripts/pipeline-bench.sh [BINARY]      (default: build/edi-bridge)
#
# Each measurement runs in its own fresh directory under /tmp (removed after)
# with a configuration written here: source `inbound` (stable_for 1ms, the
# smallest accepted value; 0 is refused; rescan_every 1s), an event-log target
# `events` receiving every transaction, a folder target `outbound` for the
# acks, partners from samples/partners. Only local files are used.
#
#   1. small files  BENCH_FILES (5000) single-850 files pre-dropped, `run --once`:
#                   transactions/s (files / wall time) and peak RSS
#   2. large file   one interchange with BENCH_LARGE_TXNS (20000) 850 transactions,
#                   `run --once`: transactions/s, MB/s, peak RSS
#   3. latency      daemon running; files dropped (written under a dot name,
#                   renamed in) at BENCH_RATE (100) files/s for BENCH_SECONDS (20) s;
#                   latency = the event's CloudEvents `time` (written at delivery)
#                   minus the rename time; median, p99, max in ms
#   4. recovery     BENCH_BACKLOG (100000) files pre-dropped, daemon started, killed
#                   with SIGKILL once the inbound folder is empty (or the spool holds
#                   BENCH_BACKLOG active items), restarted: time from start to the
#                   "started" log line (recovery) and to the first "processed" line
#                   (work resumed)
#
# Other env: BENCH_STEPS (default "small large latency recovery") picks steps;
# BENCH_TIMEOUT (default 900) seconds per daemon run.
# Prints a Markdown table at the end; exits non-zero if any step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$ROOT/build/edi-bridge}"
[[ -x "$BIN" ]] || { echo "pipeline-bench: no executable binary at $BIN (build it first)" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

exec python3 - "$BIN" "$ROOT" <<'PY'
import datetime, json, os, re, shutil, signal, sqlite3, statistics, subprocess, sys, tempfile, time

BIN, ROOT = sys.argv[1], sys.argv[2]
ENV = os.environ
FILES = int(ENV.get("BENCH_FILES", 5000))
LARGE = int(ENV.get("BENCH_LARGE_TXNS", 20000))
RATE = float(ENV.get("BENCH_RATE", 100))
SECONDS = float(ENV.get("BENCH_SECONDS", 20))
BACKLOG = int(ENV.get("BENCH_BACKLOG", 100000))
STEPS = ENV.get("BENCH_STEPS", "small large latency recovery").split()
TIMEOUT = float(ENV.get("BENCH_TIMEOUT", 900))
TIME_V = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
SAMPLE = open(os.path.join(ROOT, "samples/valid/nodex12_850.edi"), "rb").read()

rows = []       # (measurement, figure, value)
problems = []   # daemon warnings/errors, stuck items


class BenchError(Exception):
    pass


def log(msg):
    print(f"[pipeline-bench] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- fixtures

def x12_order(control):
    """tests/support/bridge_fixture.h x12Order(): unique ISA13/IEA02, GS06/GE02."""
    isa13 = b"%09d" % control
    group = str(control % 999999999 + 1).encode()
    t = SAMPLE.replace(b"*000003438*", b"*" + isa13 + b"*")
    t = t.replace(b"IEA*1*000003438", b"IEA*1*" + isa13)
    t = t.replace(b"*1719*1421*X*", b"*1719*" + group + b"*X*")
    return t.replace(b"GE*1*1421", b"GE*1*" + group)


def event_id(control):
    """x12OrderEventId(): the event-log key of x12_order(control)'s transaction."""
    return f"x12/12:4405197800/01:999999999/{control:09d}/{control % 999999999 + 1}/000000010/events"


def large_interchange(count):
    """One ISA/GS with `count` ST..SE 850s (distinct ST02/SE02); GE01 = count."""
    text = SAMPLE.decode()
    st, se_end = text.index("ST*850*"), text.index("GE*")
    head, body, tail = text[:st], text[st:se_end], text[se_end:]
    assert "ST*850*000000010~" in body and "SE*33*000000010~" in body
    parts = [head]
    for i in range(1, count + 1):
        n = "%09d" % i
        parts.append(body.replace("ST*850*000000010~", f"ST*850*{n}~")
                         .replace("SE*33*000000010~", f"SE*33*{n}~"))
    parts.append(tail.replace("GE*1*1421", f"GE*{count}*1421"))
    return "".join(parts).encode()


class Tree:
    """A bridge installation in a fresh /tmp directory, removed on exit."""

    def __init__(self, name, extra_spool=""):
        self.root = tempfile.mkdtemp(prefix=f"pipeline-bench-{name}-", dir="/tmp")
        self.inbound = os.path.join(self.root, "inbound")
        self.events = os.path.join(self.root, "events")
        self.spool = os.path.join(self.root, "spool")
        for d in (self.inbound, self.events, os.path.join(self.root, "outbound")):
            os.makedirs(d)
        self.config = os.path.join(self.root, "bridge.yaml")
        with open(self.config, "w") as f:
            f.write(f"""spool:
  directory: spool
  min_free_bytes: 1MiB
{extra_spool}partners: {ROOT}/samples/partners
sources:
  - name: suppliers
    type: directory
    path: inbound
    stable_for: 1ms
    rescan_every: 1s
targets:
  - name: events
    type: event-log
    path: events
  - name: outbound
    type: folder
    path: outbound
routes:
  - name: everything
    match: {{}}
    targets: [events]
acks:
  target: outbound
""")
        r = subprocess.run([BIN, "check-config", self.config], capture_output=True, text=True)
        if r.returncode != 0:
            raise BenchError(f"check-config failed: {r.stdout}{r.stderr}")
        self.logs = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)

    def drop_all(self, count, make=x12_order, start=1):
        for i in range(start, start + count):
            with open(os.path.join(self.inbound, f"order-{i:09d}.edi"), "wb") as f:
                f.write(make(i))

    def event_lines(self):
        lines = []   # every file: the event log rotates past rotate_bytes (64MiB)
        for name in sorted(os.listdir(self.events)):
            with open(os.path.join(self.events, name), "rb") as f:
                lines += f.read().splitlines()
        return lines

    def states(self):
        db = os.path.join(self.spool, "state.db")
        if not os.path.exists(db):
            return {}
        try:
            c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            try:
                return dict(c.execute("SELECT state, count(*) FROM items GROUP BY state"))
            finally:
                c.close()
        except sqlite3.Error:
            return None

    def start(self, *args, log_name):
        log_path = os.path.join(self.root, log_name)
        self.logs.append(log_path)
        cmd = [BIN, "run", "--config", self.config, *args]
        err = open(log_path, "wb")
        return subprocess.Popen(cmd, stderr=err, stdout=subprocess.DEVNULL), log_path

    def check_logs(self, step):
        """Collects WARN/ERROR log lines and items not done, as problems."""
        for path in self.logs:
            with open(path, errors="replace") as f:
                bad = [l.rstrip() for l in f if re.search(r" (WARN|ERROR|FATAL) ", l)]
            if bad:
                problems.append(f"{step}: {len(bad)} WARN/ERROR lines in {os.path.basename(path)}, "
                                f"first: {bad[0]}")
        st = self.states()
        if st and any(k != "done" for k in st):
            problems.append(f"{step}: spool states at the end: {st}")


def run_once(tree, step):
    """`run --once` under /usr/bin/time -v: (wall seconds, peak RSS KiB)."""
    log_path = os.path.join(tree.root, "once.log")
    tree.logs.append(log_path)
    rss_path = os.path.join(tree.root, "time.txt")
    cmd = [BIN, "run", "--once", "--config", tree.config]
    if TIME_V:
        cmd = [TIME_V, "-v", "-o", rss_path] + cmd
    with open(log_path, "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stderr=err, stdout=subprocess.DEVNULL)
        hwm = 0
        while p.poll() is None:   # fallback when /usr/bin/time is missing
            if not TIME_V:
                try:
                    with open(f"/proc/{p.pid}/status") as s:
                        m = re.search(r"VmHWM:\s+(\d+)", s.read())
                        hwm = max(hwm, int(m.group(1))) if m else hwm
                except OSError:
                    pass
            if time.monotonic() - t0 > TIMEOUT:
                p.kill()
                raise BenchError(f"{step}: run --once did not finish in {TIMEOUT:.0f} s")
            time.sleep(0.01)
        wall = time.monotonic() - t0
    if p.returncode != 0:
        raise BenchError(f"{step}: run --once exited {p.returncode} (log {log_path})")
    if TIME_V:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(rss_path).read())
        hwm = int(m.group(1))
    return wall, hwm


def mib(kib):
    return f"{kib / 1024:.1f}"


# ---------------------------------------------------------------- steps

def bench_small():
    with Tree("small") as tree:
        tree.drop_all(FILES)
        wall, rss = run_once(tree, "small")
        n = len(tree.event_lines())
        tree.check_logs("small")
        if n != FILES:
            raise BenchError(f"small: {n} events for {FILES} files; spool {tree.states()}")
        left = len(os.listdir(tree.inbound))
        if left:
            raise BenchError(f"small: {left} files left in inbound")
        rows.append((f"small files ({FILES} x 1 850), run --once", "transactions/s", f"{FILES / wall:,.0f}"))
        rows.append(("", "wall time s", f"{wall:.2f}"))
        rows.append(("", "peak RSS MiB", mib(rss)))


def bench_large():
    with Tree("large") as tree:
        data = large_interchange(LARGE)
        with open(os.path.join(tree.inbound, "large.edi"), "wb") as f:
            f.write(data)
        wall, rss = run_once(tree, "large")
        n = len(tree.event_lines())
        tree.check_logs("large")
        if n != LARGE:
            raise BenchError(f"large: {n} events for {LARGE} transactions; spool {tree.states()}")
        mb = len(data) / 1e6
        rows.append((f"one interchange, {LARGE} 850s ({mb:.1f} MB), run --once", "transactions/s", f"{LARGE / wall:,.0f}"))
        rows.append(("", "MB/s", f"{mb / wall:.2f}"))
        rows.append(("", "wall time s", f"{wall:.2f}"))
        rows.append(("", "peak RSS MiB", mib(rss)))


def wait_for_line(log_path, word, proc, timeout, after=0):
    """Waits for a log line containing ` INFO word ` (from byte `after`)."""
    t0 = time.monotonic()
    pat = re.compile(rf" {word}( |$)".encode(), re.M)
    while time.monotonic() - t0 < timeout:
        with open(log_path, "rb") as f:
            f.seek(after)
            if pat.search(f.read()):
                return time.monotonic()
        if proc.poll() is not None:
            raise BenchError(f"daemon exited {proc.returncode} before '{word}' (log {log_path})")
        time.sleep(0.002)
    raise BenchError(f"no '{word}' line in {timeout} s (log {log_path})")


def stop(proc, step):
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise BenchError(f"{step}: daemon did not stop on SIGTERM in 120 s")
    if rc != 0:
        raise BenchError(f"{step}: daemon exited {rc} on SIGTERM")


def parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def bench_latency():
    count = int(RATE * SECONDS)
    with Tree("latency") as tree:
        proc, log_path = tree.start(log_name="daemon.log")
        try:
            wait_for_line(log_path, "started", proc, 60)
            dropped = {}
            stage = os.path.join(tree.root, ".staging")
            os.makedirs(stage)
            t0 = time.time() + 0.2
            for i in range(1, count + 1):
                due = t0 + (i - 1) / RATE
                delay = due - time.time()
                if delay > 0:
                    time.sleep(delay)
                name = f"order-{i:09d}.edi"
                tmp = os.path.join(tree.inbound, "." + name + ".tmp")
                with open(tmp, "wb") as f:
                    f.write(x12_order(i))
                os.rename(tmp, os.path.join(tree.inbound, name))
                dropped[event_id(i)] = time.time()
            late = time.time() - (t0 + (count - 1) / RATE)
            deadline = time.monotonic() + 120
            while len(tree.event_lines()) < count and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            stop(proc, "latency")
        lat = []
        for line in tree.event_lines():
            ev = json.loads(line)
            if ev["id"] in dropped:
                lat.append((parse_time(ev["time"]) - dropped.pop(ev["id"])) * 1000)
        tree.check_logs("latency")
        if dropped:
            raise BenchError(f"latency: {len(dropped)} of {count} files never reached the event log; "
                             f"spool {tree.states()}")
        lat.sort()
        p99 = lat[min(len(lat) - 1, int(round(0.99 * len(lat))) - 1)]
        label = f"drop-to-event, {RATE:g} files/s for {SECONDS:g} s ({count} files)"
        rows.append((label, "median ms", f"{statistics.median(lat):.0f}"))
        rows.append(("", "p99 ms", f"{p99:.0f}"))
        rows.append(("", "max ms", f"{lat[-1]:.0f}"))
        if late > 0.5:
            problems.append(f"latency: the dropper finished {late:.1f} s behind schedule (rate not held)")


def bench_recovery():
    with Tree("recovery", extra_spool=f"  max_active_items: {max(BACKLOG, 1) + 1000}\n") as tree:
        t = time.monotonic()
        tree.drop_all(BACKLOG)
        log(f"recovery: {BACKLOG} files written in {time.monotonic() - t:.1f} s")
        proc, log1 = tree.start(log_name="daemon-1.log")
        try:
            wait_for_line(log1, "started", proc, 120)
            deadline = time.monotonic() + TIMEOUT
            while True:
                left = len(os.listdir(tree.inbound))
                st = tree.states() or {}
                active = st.get("received", 0) + st.get("delivering", 0)
                if left == 0 or active >= BACKLOG:
                    break
                if time.monotonic() > deadline:
                    raise BenchError(f"recovery: intake not finished in {TIMEOUT:.0f} s ({left} left)")
                time.sleep(0.2)
            proc.kill()               # SIGKILL with a backlog queued
            proc.wait()
        except BaseException:
            if proc.poll() is None:
                proc.kill()
            raise
        st = tree.states() or {}
        log(f"recovery: killed with {left} files in inbound, spool {st}")
        queued = st.get("received", 0) + left
        proc, log2 = tree.start(log_name="daemon-2.log")
        t0 = time.monotonic()
        try:
            started = wait_for_line(log2, "started", proc, 300) - t0
            processed = wait_for_line(log2, "processed", proc, 300) - t0
            time.sleep(1)
        finally:
            stop(proc, "recovery")
        tree.logs.remove(log1)     # lines about the killed run are expected to be cut short
        for path in (log1,):
            with open(path, errors="replace") as f:
                bad = [l for l in f if re.search(r" (ERROR|FATAL) ", l)]
            if bad:
                problems.append(f"recovery (first run): {len(bad)} ERROR lines, first: {bad[0].rstrip()}")
        with open(log2, errors="replace") as f:
            rec = [l.strip() for l in f if " spool-recovered " in l]
        tree.check_logs("recovery")
        problems[:] = [p for p in problems if not p.startswith("recovery: spool states")]
        rows.append((f"recovery after kill -9, {BACKLOG} files pre-dropped ({queued} queued at the kill: "
                     f"{st.get('received', 0)} received in spool, {left} in inbound)",
                     "start -> 'started' ms", f"{started * 1000:.0f}"))
        rows.append(("", "start -> first 'processed' ms", f"{processed * 1000:.0f}"))
        if rec:
            log(f"recovery: {rec[0]}")


STEP_FUNCS = {"small": bench_small, "large": bench_large, "latency": bench_latency, "recovery": bench_recovery}

failed = []
for step in STEPS:
    if step not in STEP_FUNCS:
        log(f"unknown step {step}")
        failed.append(step)
        continue
    log(f"{step} ...")
    t = time.monotonic()
    try:
        STEP_FUNCS[step]()
        log(f"{step} done in {time.monotonic() - t:.1f} s")
    except Exception as e:  # report, go on with the other steps, fail at the end
        log(f"{step} FAILED: {e}")
        failed.append(step)

print(f"\nedi-bridge pipeline, {os.cpu_count()} cores, {datetime.date.today()}, binary {BIN}\n")
print("| measurement | figure | value |")
print("|---|---|---:|")
for m, fig, v in rows:
    print(f"| {m} | {fig} | {v} |")
if problems:
    print("\nProblems seen:")
    for p in problems:
        print(f"- {p}")
if failed:
    print(f"\nFAILED steps: {' '.join(failed)}")
    sys.exit(1)
PY
