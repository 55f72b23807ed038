#!/usr/bin/env bash
# Scheduling: how late schedules fire, ours (one priority queue + one timer, src/Orchestrator.Local/Scheduling) against
# two naive peers in the same invocation, and schedule -> task process start through the whole local app.
#
#   bench/Scheduling/run.sh              # every leg below, then bench/Scheduling/results.md
#   QUICK=1 bench/Scheduling/run.sh      # small counts: checks the pipeline (writes artifacts/results-quick.md)
#
# Legs (one process each, one at a time):
#   lag  N jobs on cron(* * * * ? *), scheduler only, ours / timer-per-job (a Task.Delay loop per job) / thread-per-job
#        (a sleeping thread per job, like N crontab sleep loops); N = 100 300 1000 3000 10000 at SPEED (default 15:
#        a minute boundary every 4 s; each burst is still N slots at one instant, with less quiet time between bursts),
#        and ours at 1,000 jobs in real time for 3 minute boundaries.
#   app  the whole app as `local up` runs it (real starter, dynalite, our Step Functions engine, tasks as processes):
#        60 one-time at() jobs 2 s apart in real time (isolated fires: tick -> task process start latency), and
#        N jobs on cron(* * * * ? *) for 3 boundaries in real time (N = 100, 1000). Each task runs
#        `echo <scheduled-time> $(date +%s.%N) >> starts.txt`: its own start time.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ART=$HERE/artifacts
SPEED=${SPEED:-15}
BOUNDARIES=${BOUNDARIES:-4}
COUNTS=${COUNTS:-"100 300 1000 3000 10000"}
APP_COUNTS=${APP_COUNTS:-"100 1000"}
REAL_BOUNDARIES=${REAL_BOUNDARIES:-3}
AT_JOBS=${AT_JOBS:-60}
RESULTS=$HERE/results.md
if [ "${QUICK:-0}" = 1 ]; then
  COUNTS="100 1000"; APP_COUNTS="20"; BOUNDARIES=2; SPEED=30; REAL_BOUNDARIES=1; AT_JOBS=5
  RESULTS=$ART/results-quick.md
fi

fail() { echo "scheduling bench: FAILED: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "dotnet is not on PATH"
[ -f "$ROOT/node_modules/dynalite/cli.js" ] || fail "dynalite is not installed: run 'npm ci' in $ROOT"

mkdir -p "$ART"
echo "building Orchestrator.Bench.Scheduling (Release) ..." >&2
dotnet build -c Release "$HERE/Orchestrator.Bench.Scheduling" --artifacts-path "$ART/build" -nologo >"$ART/build.log" 2>&1 \
  || { grep -E "error" "$ART/build.log" | sort -u | head -20 >&2; fail "build failed (log: $ART/build.log)"; }
BENCH="dotnet $ART/build/bin/Orchestrator.Bench.Scheduling/release/Orchestrator.Bench.Scheduling.dll"
LINES=$ART/results.jsonl
: >"$LINES"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
leg() { echo "leg: $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; $BENCH "$@" | tee -a "$LINES"; }

for n in $COUNTS; do
  for peer in ours timer-per-job thread-per-job; do
    leg lag "$peer" "$n" "$BOUNDARIES" "$SPEED"
  done
done
leg lag ours 1000 "$REAL_BOUNDARIES" 1

rm -rf "$ART/app-at" && leg app at "$AT_JOBS" 2 1 "$ART/app-at"
for n in $APP_COUNTS; do
  rm -rf "$ART/app-cron-$n" && leg app cron "$n" "$REAL_BOUNDARIES" 1 "$ART/app-cron-$n"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$ART/meta.json" <<JSON
{
  "date (UTC)": "$START",
  "machine": "$(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)",
  "load average (1/5/15 min)": "before $LOAD_BEFORE, after $LOAD_AFTER (shared machine: other engineers' builds ran at the same time); each leg's own is in its row",
  "code": "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' + uncommitted changes'); $(dotnet --version) SDK; Release; workstation GC",
  "command": "bench/Scheduling/run.sh (SPEED=$SPEED BOUNDARIES=$BOUNDARIES COUNTS='$COUNTS' APP_COUNTS='$APP_COUNTS' REAL_BOUNDARIES=$REAL_BOUNDARIES AT_JOBS=$AT_JOBS)"
}
JSON
$BENCH report "$LINES" "$ART/meta.json" "$RESULTS"
echo "wrote $RESULTS" >&2
