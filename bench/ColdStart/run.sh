#!/usr/bin/env bash
# Cold start of the starter Lambda: the Native AOT `bootstrap` (net10.0) against the same code on the JIT
# (net10.0, `dotnet bootstrap.dll`), measured as exec -> first response POSTed to a local fake Runtime API.
# Each run handles one real schedule event: a claim in dynalite and a StartExecution to a fake Step Functions.
#
#   bench/ColdStart/run.sh                 # 20 measured runs per variant + 5 peak-RSS runs
#   RUNS=50 RSS_RUNS=10 bench/ColdStart/run.sh
#   SKIP_PUBLISH=1 bench/ColdStart/run.sh  # reuse the last publish in $OUT
#   SHOW_OUTPUT=1 bench/ColdStart/run.sh   # print the function's own log of the first measured run per variant
#
# Output: a table on stdout and $OUT/results.json (default OUT=artifacts/bench-coldstart, git-ignored).
# Publishing uses its own artifacts path so it never touches the bin/obj folders other builds use.
set -euo pipefail

RUNS=${RUNS:-20}
RSS_RUNS=${RSS_RUNS:-5}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$ROOT/artifacts/bench-coldstart}
PROJECT=$ROOT/src/Orchestrator.Starter.Function

fail() { echo "cold-start bench: FAILED: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is not on PATH"; }

need dotnet
need node
need python3
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing (Debian: apt-get install -y time)"
[ -f "$ROOT/node_modules/dynalite/cli.js" ] || fail "dynalite is not installed: run 'npm ci' in $ROOT"
mkdir -p "$OUT"

publish() { # name, log, dotnet publish arguments...
  local name=$1 log=$2; shift 2
  echo "publishing $name ..." >&2
  if ! dotnet publish "$PROJECT" -c Release --artifacts-path "$OUT/build" -nologo "$@" >"$log" 2>&1; then
    grep -E "error|warn" "$log" | sort -u | tail -40 >&2 || tail -40 "$log" >&2
    fail "$name publish failed (full log: $log)"
  fi
}

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  rm -rf "$OUT/aot" "$OUT/jit"
  publish "Native AOT (net10.0, linux-x64)" "$OUT/publish-aot.log" -f net10.0 -r linux-x64 -o "$OUT/aot"
  publish "JIT (net10.0, framework-dependent)" "$OUT/publish-jit.log" -f net10.0 -p:PublishAot=false -o "$OUT/jit"
fi

# Fail loudly on a publish that "succeeded" without the artefact we mean to measure.
[ -x "$OUT/aot/bootstrap" ] || fail "no $OUT/aot/bootstrap"
[ ! -e "$OUT/aot/bootstrap.dll" ] || fail "$OUT/aot holds bootstrap.dll: the AOT publish did not produce a native executable"
head -c 4 "$OUT/aot/bootstrap" | grep -q "ELF" || fail "$OUT/aot/bootstrap is not an ELF executable"
[ -f "$OUT/jit/bootstrap.dll" ] || fail "no $OUT/jit/bootstrap.dll"
grep -q '"Microsoft.NETCore.App"' "$OUT/jit/bootstrap.runtimeconfig.json" || fail "the JIT build is not framework-dependent"

# dynalite on a free loopback port, in memory, stopped on exit.
DYNAMO_PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
node "$ROOT/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$DYNAMO_PORT" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$OUT/dynalite.log" 2>&1 &
DYNALITE_PID=$!
trap 'kill "$DYNALITE_PID" 2>/dev/null || true' EXIT

node "$HERE/peer.mjs" \
  --runs "$RUNS" --rss-runs "$RSS_RUNS" \
  --dynamodb "http://127.0.0.1:$DYNAMO_PORT" --out "$OUT" \
  --variant "aot=$OUT/aot/bootstrap" \
  --variant "jit=$OUT/jit/bootstrap.dll" \
  ${SHOW_OUTPUT:+--show-output 1}
