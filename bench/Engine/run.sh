#!/usr/bin/env bash
# Engine throughput: our ASL engine (Orchestrator.States, in-process .NET, Release, default TieredPGO) against
# aws-local-stepfunctions 3 (npm, on Node 22 from the npm `node` package), in ONE invocation on the same machine.
#
#   bench/Engine/run.sh                       # build, check both sides on the corpus, bench 3 workloads x ROUNDS, report
#   ROUNDS=3 REPS=5 bench/Engine/run.sh
#   ENGINE=worktree bench/Engine/run.sh       # build against src/Orchestrator.States as it is in the work tree
#   QUICK=1 bench/Engine/run.sh               # tiny iteration counts: checks the pipeline (writes artifacts/results-quick/)
#
# Workloads: corpus (the tests/asl-conformance cases both engines run correctly), run-job success, run-job ENI
# failure -> launch retry -> success (statemachines/run-job.asl.json, Task states mocked on both sides).
# Each round runs ours then theirs for every workload; each run is its own process: warm-up iterations (untimed),
# then REPS repetitions of a fixed number of iterations. Output: table on stdout, bench/Engine/results.md,
# raw JSON in bench/Engine/artifacts/results/ (git-ignored).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ART=$HERE/artifacts
OUT=$ART/results
ROUNDS=${ROUNDS:-2}
REPS=${REPS:-5}
ENGINE=${ENGINE:-head}
NODE=$HERE/node_modules/node/bin/node
RESULTS=${RESULTS:-$HERE/results.md}
if [ "${QUICK:-0}" = 1 ]; then   # never overwrite the committed measurement or its raw data with a pipeline check
  OUT=$ART/results-quick
  RESULTS=$OUT/results-quick.md
fi

fail() { echo "engine bench: FAILED: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "dotnet is not on PATH"
command -v npm >/dev/null || fail "npm is not on PATH"

# Iteration counts per side and workload (fixed, so every repetition does the same work). The sides differ in speed,
# so the counts differ; each repetition should last roughly 1-3 s on an idle 2-core machine.
if [ "${QUICK:-0}" = 1 ]; then
  OURS_CORPUS="--warmup 1 --iterations 1"; THEIRS_CORPUS="--warmup 1 --iterations 1"
  OURS_RUNJOB="--warmup 10 --iterations 10"; THEIRS_RUNJOB="--warmup 10 --iterations 10"; REPS=2; ROUNDS=1
else
  # Both sides also warm up for WARMUP_SECONDS (default 5): the .NET tiered JIT and V8 both need time to reach their
  # optimised code, and on a loaded machine a fixed iteration count left ours partly in tier-0 code (3x slower).
  WARMUP_SECONDS=${WARMUP_SECONDS:-5}
  OURS_CORPUS=${OURS_CORPUS:-"--warmup 10 --warmup-seconds $WARMUP_SECONDS --iterations 200"}
  THEIRS_CORPUS=${THEIRS_CORPUS:-"--warmup 3 --warmup-seconds $WARMUP_SECONDS --iterations 2"}
  OURS_RUNJOB=${OURS_RUNJOB:-"--warmup 1000 --warmup-seconds $WARMUP_SECONDS --iterations 5000"}
  THEIRS_RUNJOB=${THEIRS_RUNJOB:-"--warmup 300 --warmup-seconds $WARMUP_SECONDS --iterations 200"}
fi

# ---- Node 22 + aws-local-stepfunctions (package-lock.json pins both)
if [ ! -x "$NODE" ] || [ ! -d "$HERE/node_modules/aws-local-stepfunctions" ]; then
  echo "installing the npm side (npm ci) ..." >&2
  (cd "$HERE" && npm ci --no-audit --no-fund >&2) || fail "npm ci failed"
fi
[ -x "$NODE" ] || fail "no Node 22 binary at $NODE (the npm 'node' package did not install its binary)"

# ---- our side: a Release build of the bench against the committed engine (a snapshot of HEAD) or the work tree
mkdir -p "$ART" "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt
ENGINE_PROJECT=$ROOT/src/Orchestrator.States/Orchestrator.States.csproj
ENGINE_DESC="work tree of $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src/Orchestrator.States src/Orchestrator.Jsonata || echo ' + uncommitted changes')"
if [ "$ENGINE" = head ]; then
  # Others edit src/ while this runs: measure what is committed, and build in our own artifacts folder.
  SNAP=$ART/engine-head
  rm -rf "$SNAP" && mkdir -p "$SNAP"
  # The engine and the JSONata library it references.
  git -C "$ROOT" archive HEAD Directory.Build.props Directory.Packages.props global.json src/Orchestrator.States src/Orchestrator.Jsonata | tar -x -C "$SNAP"
  ENGINE_PROJECT=$SNAP/src/Orchestrator.States/Orchestrator.States.csproj
  ENGINE_DESC="commit $(git -C "$ROOT" rev-parse --short HEAD) (snapshot of HEAD)"
fi
echo "building Orchestrator.Bench.Engine (Release) against $ENGINE_DESC ..." >&2
dotnet build -c Release "$HERE/Orchestrator.Bench.Engine" --artifacts-path "$ART/build" -nologo \
  -p:EngineProject="$ENGINE_PROJECT" >"$ART/build.log" 2>&1 || { grep -E "error" "$ART/build.log" | sort -u | head -20 >&2; fail "build failed (log: $ART/build.log)"; }
OURS="dotnet $ART/build/bin/Orchestrator.Bench.Engine/release/Orchestrator.Bench.Engine.dll"
THEIRS="$NODE --expose-gc $HERE/als-driver.mjs"

# ---- which corpus cases: both sides run every JSONPath case once; the common set is what both get right
CORPUS=$ROOT/tests/asl-conformance
echo "checking the corpus on both sides ..." >&2
$OURS check "$CORPUS" "$OUT/ours-check.json"
$NODE "$HERE/als-driver.mjs" check "$CORPUS" "$OUT/theirs-check.json"
$NODE "$HERE/report.mjs" select "$OUT/ours-check.json" "$OUT/theirs-check.json" "$OUT/cases.txt" "$OUT/selection.json"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for workload in corpus runjob-happy runjob-eni; do
    if [ "$workload" = corpus ]; then ours_args=$OURS_CORPUS; theirs_args=$THEIRS_CORPUS; else ours_args=$OURS_RUNJOB; theirs_args=$THEIRS_RUNJOB; fi
    common="--reps $REPS --cases $OUT/cases.txt --corpus-root $CORPUS --repo $ROOT"
    # shellcheck disable=SC2086
    $OURS bench "$workload" "$OUT/ours-$workload-round$round.json" $ours_args $common
    # shellcheck disable=SC2086
    $THEIRS bench "$workload" "$OUT/theirs-$workload-round$round.json" $theirs_args $common
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$OUT/meta.json" <<EOF
{
  "date (UTC)": "$START",
  "machine": "$(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)",
  "load average (1/5/15 min)": "before $LOAD_BEFORE, after $LOAD_AFTER (a shared machine: anything else running shows here)",
  "ours": "Orchestrator.States $ENGINE_DESC; $(dotnet --version) SDK, $(dotnet --list-runtimes | grep -m1 Microsoft.NETCore.App | cut -d' ' -f1-2); Release; TieredCompilation/TieredPGO defaults; workstation GC; VirtualTimeProvider; mocks = MockedTaskResponses (Step Functions Local format, run-job.mocks.json)",
  "theirs": "aws-local-stepfunctions $(cd "$HERE" && $NODE -p "require('./node_modules/aws-local-stepfunctions/package.json').version") on Node $($NODE --version) (npm package node@22, see README); waitTimeOverrides/retryIntervalOverrides 0; taskResourceLocalHandlers from the same run-job.mocks.json",
  "protocol": "$ROUNDS rounds x $REPS repetitions per side and workload; ours corpus [$OURS_CORPUS], theirs corpus [$THEIRS_CORPUS], ours run-job [$OURS_RUNJOB], theirs run-job [$THEIRS_RUNJOB] (iterations per repetition); one execution at a time"
}
EOF
$NODE "$HERE/report.mjs" report "$OUT" "$RESULTS" "$OUT/meta.json" "$HERE/hotspots.md"
echo "wrote $RESULTS" >&2
