#!/usr/bin/env bash
# Runs the benchmark harness (tests/Sentier.Benchmarks, Release) against a private Azurite on free
# ports with its data in a fresh temporary folder. Arguments are scenario names (default: all),
# for example: scripts/bench.sh token-check
# Exit code: the harness's, so this can serve as a gate: 0 targets met, 1 a target missed or a
# request failed, 2 nothing could be measured (setup, build or Azurite failure).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

# A failure before measuring must not read as "target missed" (1).
die() { printf '\033[1;31m[sentier]\033[0m %s\n' "$*" >&2; exit 2; }

require_tools
ensure_node_tools

# Built apart from the run, so a compile error also exits with 2.
dotnet build tests/Sentier.Benchmarks -c Release --nologo -v q -clp:NoSummary >&2 || die "building tests/Sentier.Benchmarks failed"

start_private_azurite
# The harness reports Azurite's CPU beside storage-bound figures.
export SENTIER_BENCH_AZURITE_PID="$PRIVATE_AZURITE_PID"
status=0
dotnet run -c Release --no-build --project tests/Sentier.Benchmarks -- "$@" || status=$?
exit "$status"
