#!/usr/bin/env bash
# ./bench.sh [SCENARIO...]
#
# Builds in Release, starts a throwaway PostgreSQL (scripts/postgres.sh) unless NATERO_TEST_POSTGRES
# is set, and runs each scenario on it (all of them when none is named), printing markdown tables.
# Scenarios: complete-oauth token-refresh-burst token-fresh audit api-connections access-token telemetry-cost webhooks startup micro
# (micro: BenchmarkDotNet micro-benchmarks, in process, with their markdown summaries).
# NATERO_BENCH_DB=Sqlite runs the scenarios that can on SQLite instead. Each scenario ends by itself;
# the whole set takes about 15 minutes on 2 cores (micro alone about 5).
# Figures of the last run: docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

ALL=(complete-oauth token-refresh-burst token-fresh audit api-connections access-token telemetry-cost webhooks startup micro)
SCENARIOS=("$@")
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
    SCENARIOS=("${ALL[@]}")
fi
for scenario in "${SCENARIOS[@]}"; do
    if [[ ! " ${ALL[*]} " == *" $scenario "* ]]; then
        echo "Unknown scenario '$scenario'. Scenarios: ${ALL[*]}" >&2
        exit 2
    fi
done

dotnet build -c Release -nologo -v quiet src/Host/Host.csproj >&2
dotnet build -c Release -nologo -v quiet tests/Benchmarks/Benchmarks.csproj >&2
if [[ " ${SCENARIOS[*]} " == *" startup "* ]]; then
    # startup also measures the app as the README deploys it: published with ReadyToRun.
    rm -rf artifacts/host-r2r
    dotnet publish src/Host/Host.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        -o artifacts/host-r2r -nologo -v quiet >&2
fi

export NATERO_TEST_DB="${NATERO_BENCH_DB:-Postgres}"
if [[ "$NATERO_TEST_DB" == "Postgres" && -z "${NATERO_TEST_POSTGRES:-}" ]]; then
    # shellcheck source=scripts/postgres.sh
    source "$ROOT/scripts/postgres.sh"
    trap natero_pg_stop EXIT
    natero_pg_start
fi

echo "_Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version), ${NATERO_TEST_DB}._"
failed=0
for scenario in "${SCENARIOS[@]}"; do
    echo
    if ! dotnet run -c Release --no-build --project tests/Benchmarks -- "$scenario"; then
        failed=1
    fi
done
exit $failed
