#!/usr/bin/env bash
# Natero test runner: provisions what the tests need, builds once, runs every
# test project, and ends with the line `N passed, N failed`.
#
# Usage:
#   ./test.sh                          build + run all test projects
#   ./test.sh --filter "<expression>"  pass a `dotnet test --filter` expression
#                                      (e.g. "FullyQualifiedName~Orders")
#   ./test.sh --db Sqlite|Postgres     run database test projects in one mode
#                                      only (with Sqlite no PostgreSQL starts);
#                                      the other projects still run once
#   ./test.sh -h|--help
#
# What it does:
#   1. Installs, only when missing, Debian's `postgresql` (when a Postgres run
#      is due and NATERO_TEST_POSTGRES is unset), `redis-server` (when
#      NATERO_TEST_REDIS is unset) and `chromium` (apt-get).
#   2. dotnet build Natero.sln -c Release -warnaserror (once).
#   3. Starts a throwaway PostgreSQL (scripts/postgres.sh) unless
#      NATERO_TEST_POSTGRES is already set, in which case that connection
#      string is used as-is and nothing is started.
#      Starts a throwaway Redis (scripts/redis.sh) the same way unless
#      NATERO_TEST_REDIS is set: cheap, and the shared-limit tests need it.
#   4. Runs every tests/*/*.csproj containing <NateroTestProject>true</...>,
#      in two lanes side by side (NATERO_TEST_JOBS=1: one after another; two
#      runs of one project never overlap), each run's output into
#      .test-results/<project>.<db>.log (the tail of a failed one is printed
#      at the end), with `dotnet test --no-build` and a TRX logger into
#      .test-results/ (VSTest, or Microsoft.Testing.Platform with xunit's TRX
#      report when global.json has "test": {"runner": "Microsoft.Testing.Platform"}). Projects that also contain
#      <NateroDatabaseTests>true</NateroDatabaseTests> run twice, with
#      NATERO_TEST_DB=Sqlite and NATERO_TEST_DB=Postgres; the others once with
#      NATERO_TEST_DB=Sqlite.
#   5. Sums the TRX counters; prints `N passed, N failed` as the last line.
#      Exit 0 only if the build passed, nothing failed and some test passed.
#
# Environment seen by the tests:
#   NATERO_TEST_DB        Sqlite | Postgres
#   NATERO_TEST_POSTGRES  Npgsql connection string (Postgres runs)
#   NATERO_TEST_REDIS     StackExchange.Redis configuration string
#   NATERO_CHROMIUM       browser for acceptance tests (/usr/bin/chromium)
# Optional knobs:
#   NATERO_TEST_RUN_TIMEOUT  seconds one `dotnet test` run may take before it
#                            is killed and counted failed; default 1800, 0 = no limit
#   NATERO_TEST_JOBS         1 or 2 (default) lanes of test runs side by side
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
ROOT="$(pwd)"

usage() { sed -n '2,12p' "$ROOT/test.sh" | sed 's/^# \{0,1\}//'; }

FILTER=""
DB_MODE=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --filter) [[ $# -ge 2 ]] || { echo "--filter needs a value" >&2; exit 2; }; FILTER="$2"; shift 2 ;;
        --filter=*) FILTER="${1#--filter=}"; shift ;;
        --db) [[ $# -ge 2 ]] || { echo "--db needs a value" >&2; exit 2; }; DB_MODE="$2"; shift 2 ;;
        --db=*) DB_MODE="${1#--db=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "${DB_MODE,,}" in
    "") DB_MODE="" ;;
    sqlite) DB_MODE=Sqlite ;;
    postgres|postgresql) DB_MODE=Postgres ;;
    *) echo "--db must be Sqlite or Postgres, not '$DB_MODE'" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en
export NATERO_CHROMIUM="${NATERO_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
# shellcheck source=scripts/redis.sh
source "$ROOT/scripts/redis.sh"

RESULTS="$ROOT/.test-results"

say() { printf '\n===== %s =====\n' "$*"; }

CHILD_PID=""
LANE_PIDS=()
cleanup() {
    # Test lanes still going (we were interrupted): each stops its run and test host.
    local pid
    for pid in "${LANE_PIDS[@]+"${LANE_PIDS[@]}"}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${LANE_PIDS[@]+"${LANE_PIDS[@]}"}"; do
        wait "$pid" 2>/dev/null || true
    done
    LANE_PIDS=()
    natero_pg_stop
    natero_redis_stop
    # MSBuild nodes / compiler servers started by the build must not outlive us.
    if [[ -n "${BUILD_STARTED:-}" ]]; then
        dotnet build-server shutdown >/dev/null 2>&1 || true
        BUILD_STARTED=""
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- discovery
TEST_PROJECTS=()
DB_PROJECTS=()
shopt -s nullglob
for proj in tests/*/*.csproj; do
    if grep -q '<NateroTestProject>true</NateroTestProject>' "$proj"; then
        TEST_PROJECTS+=("$proj")
        if grep -q '<NateroDatabaseTests>true</NateroDatabaseTests>' "$proj"; then
            DB_PROJECTS+=("$proj")
        fi
    fi
done
shopt -u nullglob

is_db_project() {
    local p
    for p in "${DB_PROJECTS[@]+"${DB_PROJECTS[@]}"}"; do [[ "$p" == "$1" ]] && return 0; done
    return 1
}

# Runs: "project|db" pairs, in order.
RUNS=()
for proj in "${TEST_PROJECTS[@]+"${TEST_PROJECTS[@]}"}"; do
    if is_db_project "$proj"; then
        [[ "$DB_MODE" != Postgres ]] && RUNS+=("$proj|Sqlite")
        [[ "$DB_MODE" != Sqlite ]] && RUNS+=("$proj|Postgres")
    else
        # Non-database projects run once (Sqlite), also under --db Postgres.
        RUNS+=("$proj|Sqlite")
    fi
done

NEED_PG_SERVER=""
for run in "${RUNS[@]+"${RUNS[@]}"}"; do
    [[ "${run##*|}" == Postgres ]] && NEED_PG_SERVER=1
done
[[ -n "${NATERO_TEST_POSTGRES:-}" ]] && NEED_PG_SERVER=""

# ------------------------------------------------------------- provisioning
MISSING=()
if [[ -n "$NEED_PG_SERVER" ]] && ! natero_pg_bindir >/dev/null 2>&1; then
    MISSING+=(postgresql)
fi
if [[ -z "${NATERO_TEST_REDIS:-}" ]] && ! natero_redis_bin >/dev/null 2>&1; then
    MISSING+=(redis-server)
fi
if [[ ! -x "$NATERO_CHROMIUM" ]]; then
    if [[ "$NATERO_CHROMIUM" == /usr/bin/chromium ]]; then
        MISSING+=(chromium)
    else
        echo "warning: NATERO_CHROMIUM=$NATERO_CHROMIUM is not executable" >&2
    fi
fi
if [[ ${#MISSING[@]} -gt 0 ]]; then
    say "installing ${MISSING[*]} (apt-get)"
    SUDO=()
    if [[ "$(id -u)" != 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO=(sudo -n)
        else
            echo "error: ${MISSING[*]} missing and not root; run: apt-get install ${MISSING[*]}" >&2
            echo "0 passed, 1 failed"
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! { "${SUDO[@]+"${SUDO[@]}"}" apt-get update </dev/null &&
           "${SUDO[@]+"${SUDO[@]}"}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
               -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
               "${MISSING[@]}" </dev/null; }; then
        echo "error: apt-get install ${MISSING[*]} failed" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
    # A freshly installed postgresql may have started its default cluster;
    # the tests use their own throwaway server, so stop it again.
    if [[ " ${MISSING[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r ver name; do
            "${SUDO[@]+"${SUDO[@]}"}" pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true
        done || true
    fi
    # Likewise a freshly installed redis-server's own service, where the install started one.
    if [[ " ${MISSING[*]} " == *" redis-server "* ]] && command -v service >/dev/null 2>&1; then
        "${SUDO[@]+"${SUDO[@]}"}" service redis-server stop >/dev/null 2>&1 || true
    fi
fi

# -------------------------------------------------------------------- build
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

say "dotnet build Natero.sln -c Release -warnaserror"
BUILD_STARTED=1
if ! dotnet build "$ROOT/Natero.sln" -c Release -warnaserror </dev/null; then
    echo
    echo "build failed"
    cleanup
    echo "0 passed, 1 failed"
    exit 1
fi

if [[ ${#RUNS[@]} -eq 0 ]]; then
    echo "no test projects found (tests/*/*.csproj with <NateroTestProject>true</NateroTestProject>)"
    cleanup
    echo "0 passed, 1 failed"
    exit 1
fi

# --------------------------------------------------------------- postgres
if [[ -n "$NEED_PG_SERVER" ]]; then
    say "starting throwaway PostgreSQL"
    if ! natero_pg_start; then
        echo "could not start PostgreSQL"
        cleanup
        echo "0 passed, 1 failed"
        exit 1
    fi
elif [[ -n "${NATERO_TEST_POSTGRES:-}" ]]; then
    echo "using NATERO_TEST_POSTGRES from the environment"
fi

# -------------------------------------------------------------------- redis
if [[ -z "${NATERO_TEST_REDIS:-}" ]]; then
    say "starting throwaway Redis"
    if ! natero_redis_start; then
        echo "could not start Redis"
        cleanup
        echo "0 passed, 1 failed"
        exit 1
    fi
else
    echo "using NATERO_TEST_REDIS from the environment"
fi

# -------------------------------------------------------------------- tests
# Prints "passed failed" summed over the <Counters .../> of the given TRX file;
# error, timeout and aborted count as failed.
trx_counts() {
    local counters attr value passed=0 failed=0
    counters="$(tr '\r\n' '  ' <"$1" | grep -o '<Counters [^>]*>' | head -n 1)" || true
    value="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${value:-0}))
    for attr in failed error timeout aborted; do
        value="$(sed -n "s/.* $attr=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters")"
        failed=$((failed + ${value:-0}))
    done
    echo "$passed $failed"
}

# dotnet test runs VSTest (with the xunit.runner.visualstudio adapter) unless
# global.json opts in to Microsoft.Testing.Platform ("test": {"runner": ...}).
MTP_MODE=""
if [[ -f "$ROOT/global.json" ]]; then
    global_json="$(tr -d ' \t\r\n' <"$ROOT/global.json")"
    [[ "$global_json" == *'"runner":"Microsoft.Testing.Platform"'* ]] && MTP_MODE=1
fi

RUN_TIMEOUT="${NATERO_TEST_RUN_TIMEOUT:-1800}"
[[ "$RUN_TIMEOUT" =~ ^[0-9]+$ ]] || RUN_TIMEOUT=1800

# Runs one `dotnet test` under timeout(1), which puts it in a process group of
# its own and, on expiry or when sent TERM, signals that whole group (dotnet and
# its test host). It runs in the background so that INT/TERM reach the lane's
# trap at once instead of after the run.
run_test_command() {
    timeout --kill-after=30 "$RUN_TIMEOUT" "$@" </dev/null &
    CHILD_PID=$!
    local status=0
    wait "$CHILD_PID" || status=$?
    CHILD_PID=""
    return "$status"
}

# Runs one "project|db" pair, its output into $RESULTS/<name>.<db>.log, and
# writes "passed failed seconds note" into $RESULTS/<name>.<db>.status. Two runs
# of one project never overlap (a lock per project): they share its build
# output, and the packaging tests pack from the same source tree.
run_one() {
    local run="$1" proj db name trx_name log started rc trx passed failed note args
    proj="${run%|*}"
    db="${run##*|}"
    name="$(basename "$proj" .csproj)"
    trx_name="$name.$db.trx"
    log="$RESULTS/$name.$db.log"

    if [[ -n "$MTP_MODE" ]]; then
        args=(test --project "$ROOT/$proj" -c Release --no-build
              --results-directory "$RESULTS"
              --report-xunit-trx --report-xunit-trx-filename "$trx_name")
    else
        # xunit.v3 4.x brings Microsoft.Testing.Platform 2, whose targets refuse
        # the VSTest path on the .NET 10 SDK unless the project is told it is
        # no MTP application; the built test exe is the same either way.
        args=(test "$ROOT/$proj" -c Release --no-build
              -p:IsTestingPlatformApplication=false
              --logger "trx;LogFileName=$trx_name"
              --results-directory "$RESULTS")
    fi
    [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")

    exec 9>"$RESULTS/.lock-$name"
    flock 9
    echo "started  $name [$db]"
    started=$SECONDS
    rc=0
    NATERO_TEST_DB="$db" run_test_command dotnet "${args[@]}" >"$log" 2>&1 || rc=$?
    flock -u 9
    exec 9>&-

    trx="$RESULTS/$trx_name"
    if [[ ! -f "$trx" ]]; then
        trx="$(find "$RESULTS" -name "$trx_name" -type f 2>/dev/null | head -n 1)" || trx=""
    fi
    passed=0
    failed=0
    if [[ -n "$trx" && -f "$trx" ]]; then
        read -r passed failed < <(trx_counts "$trx")
    fi
    note=""
    if [[ -n "$MTP_MODE" && $rc -eq 8 && $passed -eq 0 && $failed -eq 0 ]]; then
        # Microsoft.Testing.Platform's "zero tests ran" (e.g. the filter matched
        # nothing in this project): not a failure of its own.
        rc=0
        note=" (zero tests ran)"
    fi
    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
        failed=1
        if [[ $rc -eq 124 || $rc -eq 137 ]] && [[ "$RUN_TIMEOUT" != 0 ]]; then
            note=" (timed out after ${RUN_TIMEOUT}s)"
        elif [[ -z "$trx" || ! -f "$trx" ]]; then
            note=" (dotnet test exited $rc, no TRX written)"
        else
            note=" (dotnet test exited $rc)"
        fi
    fi
    echo "$passed $failed $((SECONDS - started)) $note" >"$RESULTS/$name.$db.status"
    printf 'finished %s [%s]: %d passed, %d failed%s (%ds)\n' "$name" "$db" "$passed" "$failed" "$note" "$((SECONDS - started))"
}

# Runs its arguments ("project|db" pairs) one after another.
run_lane() {
    trap - EXIT
    trap '[[ -n "$CHILD_PID" ]] && kill -TERM "$CHILD_PID" 2>/dev/null; exit 143' TERM INT
    local run
    for run in "$@"; do
        run_one "$run"
    done
}

# Lanes: NATERO_TEST_JOBS (default 2) runs side by side. With two, the first
# takes the SQLite runs of the database projects, the second their PostgreSQL
# runs in the opposite order, then the projects without a database. Most test
# time is spent waiting (HTTP, PostgreSQL, the browser), so two lanes share the
# two cores well; with 1 everything runs in order as listed.
JOBS="${NATERO_TEST_JOBS:-2}"
[[ "$JOBS" =~ ^[12]$ ]] || JOBS=2
LANE1=()
LANE2=()
if [[ "$JOBS" == 1 ]]; then
    LANE1=("${RUNS[@]}")
else
    OTHERS=()
    for run in "${RUNS[@]}"; do
        proj="${run%|*}"
        if is_db_project "$proj" && [[ "${run##*|}" == Sqlite ]]; then
            LANE1+=("$run")
        elif is_db_project "$proj"; then
            LANE2=("$run" "${LANE2[@]+"${LANE2[@]}"}")
        else
            OTHERS+=("$run")
        fi
    done
    LANE2+=("${OTHERS[@]+"${OTHERS[@]}"}")
    # Only one database mode: split the list in two by alternation instead.
    if [[ ${#LANE1[@]} -eq 0 || ${#LANE2[@]} -eq 0 ]]; then
        LANE1=()
        LANE2=()
        i=0
        for run in "${RUNS[@]}"; do
            if (( i % 2 == 0 )); then LANE1+=("$run"); else LANE2+=("$run"); fi
            i=$((i + 1))
        done
    fi
fi

say "running ${#RUNS[@]} test runs in $JOBS lane(s); each run's output is in .test-results/<project>.<db>.log"
LANE_PIDS=()
run_lane "${LANE1[@]}" &
LANE_PIDS+=($!)
if [[ ${#LANE2[@]} -gt 0 ]]; then
    run_lane "${LANE2[@]}" &
    LANE_PIDS+=($!)
fi
for pid in "${LANE_PIDS[@]}"; do
    wait "$pid" || true
done
LANE_PIDS=()

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
FAILED_LOGS=()
for run in "${RUNS[@]}"; do
    proj="${run%|*}"
    db="${run##*|}"
    name="$(basename "$proj" .csproj)"
    passed=0
    failed=1
    seconds=0
    note=" (did not finish)"
    if [[ -f "$RESULTS/$name.$db.status" ]]; then
        read -r passed failed seconds note <"$RESULTS/$name.$db.status"
        [[ -n "$note" ]] && note=" $note"
    fi
    [[ "$failed" -gt 0 ]] && FAILED_LOGS+=("$RESULTS/$name.$db.log")
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    SUMMARY+=("$(printf '%-40s %-11s %5d passed, %d failed%s (%ss)' "$name" "[$db]" "$passed" "$failed" "$note" "$seconds")")
done

for log in "${FAILED_LOGS[@]+"${FAILED_LOGS[@]}"}"; do
    say "failed: $(basename "$log" .log) (last 300 lines of its output)"
    [[ -f "$log" ]] && tail -n 300 "$log"
done

cleanup

say "summary"
printf '%s\n' "${SUMMARY[@]}"
echo "results: $RESULTS"
if [[ $TOTAL_PASSED -eq 0 && $TOTAL_FAILED -eq 0 ]]; then
    echo "no test ran"
    TOTAL_FAILED=1
fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [[ $TOTAL_FAILED -eq 0 && $TOTAL_PASSED -gt 0 ]]; then
    exit 0
fi
exit 1
