#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the Node tools the tests use (dynalite, asl-validator),
# lints the state machines, runs every .NET test project, and ends with one line: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/dynalite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

for definition in statemachines/*.asl.json; do
  npx --no-install asl-validator --json-path "$definition"
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Orchestrator.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per test assembly; add them up into the closing line CI reads.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { gsub(",", "", p); printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
