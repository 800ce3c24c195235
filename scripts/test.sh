#!/usr/bin/env bash
# Runs every test (unit, integration against Azurite, end to end over HTTP through the DevHost)
# against a private Azurite on free ports with its data in a fresh temporary folder.
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Tokens").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

require_tools
ensure_azurite

data="$(mktemp -d -t sentier-azurite-XXXXXX)"
blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
azurite_pid=""
cleanup() { stop_azurite "$azurite_pid"; rm -rf "$data"; }
trap cleanup EXIT
azurite_pid="$(start_azurite "$data/store" "$blob" "$queue" "$table" "$data/azurite.log")"
log "Azurite $azurite_pid: tables :$table, queues :$queue, data $data"

export SENTIER_TEST_STORAGE="$(azurite_connection_string "$blob" "$queue" "$table")"
results="$data/results.txt"
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
