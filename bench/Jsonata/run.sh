#!/usr/bin/env bash
# JSONata throughput: our evaluator (Orchestrator.Jsonata, in-process .NET, Release, default TieredPGO) against the jsonata
# npm package at the version aws-local-stepfunctions 3.0.0 bundles (2.1.0, on Node 22 from the npm `node` package), on the
# `{% %}` expressions of the conformance corpus both evaluate to the same JSON. Both sides in ONE invocation.
#
#   bench/Jsonata/run.sh                       # build, extract, check both sides, bench ROUNDS rounds, report
#   ROUNDS=6 REPS=5 bench/Jsonata/run.sh
#   JSONATA=worktree bench/Jsonata/run.sh      # build against src/Orchestrator.Jsonata as it is in the work tree
#   QUICK=1 bench/Jsonata/run.sh               # tiny iteration counts: checks the pipeline (writes artifacts/results-quick/)
#
# Workloads: parse-eval (parse then evaluate each expression: an engine that does not cache), eval (evaluate expressions
# parsed before timing: an engine that caches), and the same two on the Step Functions function expressions (ours only).
# Each round runs both sides for each workload, the side that goes first alternating round by round; each run is its own
# process: an untimed pass that records every result, warm-up iterations, then REPS timed repetitions of a fixed number of
# iterations. Output: table on stdout, bench/Jsonata/results.md, raw JSON in bench/Jsonata/artifacts/results/ (git-ignored).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ART=$HERE/artifacts
OUT=$ART/results
ROUNDS=${ROUNDS:-4}
REPS=${REPS:-5}
JSONATA=${JSONATA:-head}
NODE=$HERE/node_modules/node/bin/node
RESULTS=${RESULTS:-$HERE/results.md}
if [ "${QUICK:-0}" = 1 ]; then   # never overwrite the committed measurement or its raw data with a pipeline check
  OUT=$ART/results-quick
  RESULTS=$OUT/results-quick.md
fi

fail() { echo "jsonata bench: FAILED: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "dotnet is not on PATH"
command -v npm >/dev/null || fail "npm is not on PATH"

# Iterations per repetition (one iteration = every expression of the set once). The sides differ in speed per workload,
# so the counts differ; each repetition should last roughly 1-3 s on a busy 2-core machine.
if [ "${QUICK:-0}" = 1 ]; then
  OURS_PE="--warmup 2 --iterations 5"; THEIRS_PE="--warmup 2 --iterations 5"
  OURS_EVAL="--warmup 2 --iterations 5"; THEIRS_EVAL="--warmup 2 --iterations 5"
  OURS_SF="--warmup 2 --iterations 5"; REPS=2; ROUNDS=2
else
  OURS_PE=${OURS_PE:-"--warmup 300 --iterations 1000"}
  THEIRS_PE=${THEIRS_PE:-"--warmup 30 --iterations 100"}
  OURS_EVAL=${OURS_EVAL:-"--warmup 300 --iterations 1000"}
  THEIRS_EVAL=${THEIRS_EVAL:-"--warmup 300 --iterations 1500"}
  OURS_SF=${OURS_SF:-"--warmup 100 --iterations 500"}
fi
# Every run also warms up for at least this long: with a 1 s warm-up, our side still sped up ~5x from the first to the
# last repetition on a loaded machine (tier-1 JIT compiles late when other builds hold both cores).
WARMUP_SECONDS=${WARMUP_SECONDS:-8}
[ "${QUICK:-0}" = 1 ] && WARMUP_SECONDS=0

# ---- Node 22 + jsonata 2.1.0 + aws-local-stepfunctions 3.0.0 (package-lock.json pins all three)
if [ ! -x "$NODE" ] || [ ! -d "$HERE/node_modules/jsonata" ] || [ ! -d "$HERE/node_modules/aws-local-stepfunctions" ]; then
  echo "installing the npm side (npm ci) ..." >&2
  (cd "$HERE" && npm ci --no-audit --no-fund >&2) || fail "npm ci failed"
fi
[ -x "$NODE" ] || fail "no Node 22 binary at $NODE (the npm 'node' package did not install its binary)"
VERSIONS=$("$NODE" "$HERE/versions.mjs")
echo "versions: $VERSIONS" >&2
# The point is to measure the jsonata aws-local-stepfunctions ships; stop if the installed one is not it.
echo "$VERSIONS" | grep -q '"bundledCatalogEqualsInstalled":true' || fail "installed jsonata differs from the one bundled in aws-local-stepfunctions"
echo "$VERSIONS" | grep -q '"bundledLooksLike210":true' || fail "the jsonata bundled in aws-local-stepfunctions does not look like 2.1.0 any more; update package.json"

# ---- our side: a Release build of the bench against the committed library (a snapshot of HEAD) or the work tree
mkdir -p "$ART" "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt
JSONATA_PROJECT=$ROOT/src/Orchestrator.Jsonata/Orchestrator.Jsonata.csproj
JSONATA_DESC="work tree of $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src/Orchestrator.Jsonata || echo ' + uncommitted changes')"
if [ "$JSONATA" = head ]; then
  # Others edit src/ while this runs: measure what is committed, and build in our own artifacts folder.
  SNAP=$ART/jsonata-head
  rm -rf "$SNAP" && mkdir -p "$SNAP"
  git -C "$ROOT" archive HEAD Directory.Build.props Directory.Packages.props global.json src/Orchestrator.Jsonata | tar -x -C "$SNAP"
  JSONATA_PROJECT=$SNAP/src/Orchestrator.Jsonata/Orchestrator.Jsonata.csproj
  JSONATA_DESC="commit $(git -C "$ROOT" rev-parse --short HEAD) (snapshot of HEAD)"
fi
echo "building Orchestrator.Bench.Jsonata (Release) against $JSONATA_DESC ..." >&2
dotnet build -c Release "$HERE/Orchestrator.Bench.Jsonata" --artifacts-path "$ART/build" -nologo \
  -p:JsonataProject="$JSONATA_PROJECT" >"$ART/build.log" 2>&1 || { grep -E "error" "$ART/build.log" | sort -u | head -20 >&2; fail "build failed (log: $ART/build.log)"; }
grep -qE '^ +0 Warning\(s\)' "$ART/build.log" || fail "the build has warnings (log: $ART/build.log)"
OURS="dotnet $ART/build/bin/Orchestrator.Bench.Jsonata/release/Orchestrator.Bench.Jsonata.dll"
THEIRS="$NODE --expose-gc $HERE/jsonata-driver.mjs"

# ---- which expressions: extract once, both sides evaluate every one; the common set is what both get the same JSON for
EXPR=$OUT/expressions.json
"$NODE" "$HERE/extract.mjs" "$ROOT/tests/asl-conformance" "$EXPR"
$OURS check "$EXPR" "$OUT/ours-check.json"
$THEIRS check "$EXPR" "$OUT/theirs-check.json"
"$NODE" "$HERE/report.mjs" select "$EXPR" "$OUT/ours-check.json" "$OUT/theirs-check.json" "$OUT"

run_ours() {   # workload, round, args
  # shellcheck disable=SC2086
  $OURS bench "$1" "$EXPR" "$OUT/$3" "$OUT/ours-$1-round$2.json" $4 --warmup-seconds "$WARMUP_SECONDS" --reps "$REPS"
}
run_theirs() {
  # shellcheck disable=SC2086
  $THEIRS bench "$1" "$EXPR" "$OUT/$3" "$OUT/theirs-$1-round$2.json" $4 --warmup-seconds "$WARMUP_SECONDS" --reps "$REPS"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for workload in parse-eval eval; do
    if [ "$workload" = parse-eval ]; then ours_args=$OURS_PE; theirs_args=$THEIRS_PE; else ours_args=$OURS_EVAL; theirs_args=$THEIRS_EVAL; fi
    if [ $((round % 2)) = 1 ]; then
      run_ours "$workload" "$round" common.txt "$ours_args"; run_theirs "$workload" "$round" common.txt "$theirs_args"
    else
      run_theirs "$workload" "$round" common.txt "$theirs_args"; run_ours "$workload" "$round" common.txt "$ours_args"
    fi
  done
  for workload in sf-parse-eval sf-eval; do
    run_ours "$workload" "$round" sf.txt "$OURS_SF"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# Where one of our evaluations spends its time (for hotspots.md; after the timed rounds so it does not load them)
$OURS profile "$EXPR" >"$OUT/profile.txt"

cat >"$OUT/meta.json" <<EOF
{
  "date (UTC)": "$START",
  "machine": "$(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)",
  "load average (1/5/15 min)": "before $LOAD_BEFORE, after $LOAD_AFTER (shared machine: other builds ran at the same time)",
  "ours": "Orchestrator.Jsonata $JSONATA_DESC; $(dotnet --version) SDK, $(dotnet --list-runtimes | grep -m1 Microsoft.NETCore.App | cut -d' ' -f1-2); Release; TieredCompilation/TieredPGO defaults; workstation GC; JsonataExpression.Parse + EvaluateWithoutInput, bindings (StepFunctionsJsonataFunctions registered, variables bound as JsonNode) built once per expression",
  "theirs": "jsonata $("$NODE" -p "require('$HERE/node_modules/jsonata/package.json').version") (npm; the version inlined in aws-local-stepfunctions $("$NODE" -p "require('$HERE/node_modules/aws-local-stepfunctions/package.json').version")'s build, checked by versions.mjs) on Node $("$NODE" --version) (npm package node@22); jsonata(text) + await expression.evaluate(undefined, bindings), bindings object built once per expression",
  "protocol": "$ROUNDS rounds x $REPS repetitions per side and workload, the side going first alternating by round; iterations per repetition (one iteration = every expression once): ours parse+evaluate [$OURS_PE], theirs [$THEIRS_PE]; ours evaluate [$OURS_EVAL], theirs [$THEIRS_EVAL]; ours Step Functions functions [$OURS_SF]; every run warms up for at least $WARMUP_SECONDS s; a full GC before each repetition on both sides; one evaluation at a time"
}
EOF
"$NODE" "$HERE/report.mjs" report "$OUT" "$RESULTS" "$OUT/meta.json" "$HERE/hotspots.md"
echo "wrote $RESULTS" >&2
