#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the Node tools the tests use (dynalite, asl-validator),
# lints the state machines, runs every .NET test project, and ends with one line: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/dynalite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The local endpoint tests drive it with the real AWS CLI v2 (Debian's awscli at /usr/bin/aws).
if [ ! -x /usr/bin/aws ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null) \
      || echo "warning: could not install awscli; the local endpoint tests will say what is missing" >&2
  else
    echo "warning: /usr/bin/aws (AWS CLI v2) is missing; install it (Debian: apt-get install awscli) or the local endpoint tests fail" >&2
  fi
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
# A project that fails to build reports no summary: count it as a failure so the closing line never reads clean.
awk -v status="$status" '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END {
       if (status != 0 && f == 0) { print "dotnet test exited " status " without a failing test: a project did not build (errors above)"; f = 1 }
       printf "%d passed, %d failed\n", p, f
     }' "$log"
exit "$status"
