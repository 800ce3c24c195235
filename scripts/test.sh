#!/usr/bin/env bash
# Runs every test (unit, integration against Azurite, end to end over HTTP through the DevHost)
# against a private Azurite on free ports with its data in a fresh temporary folder.
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Tokens").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

require_tools
ensure_node_tools
ensure_chromium

start_private_azurite
# One encryption key for every test process of this run: test DevHosts in different processes share
# the webhook-deliveries queue, and each must read the secrets of the others' webhooks.
SENTIER_TEST_ENCRYPTION_KEY="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export SENTIER_TEST_ENCRYPTION_KEY
# Artefacts the tests leave for a person to look at (the reference page's screenshot).
SENTIER_TEST_RESULTS="$REPO_ROOT/TestResults"
export SENTIER_TEST_RESULTS
results="$PRIVATE_AZURITE_DATA/results.txt"
status=0
dotnet test Functions.sln --nologo "$@" 2>&1 | tee "$results" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"
exit "$status"
