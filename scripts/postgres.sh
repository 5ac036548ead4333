#!/usr/bin/env bash
# Throwaway PostgreSQL server for tests and benchmarks.
#
# Source it and call the functions:
#
#   source scripts/postgres.sh
#   natero_pg_start        # starts a server, exports NATERO_TEST_POSTGRES
#   ...                    # run things against "$NATERO_TEST_POSTGRES"
#   natero_pg_stop         # stops it and removes its folder (safe to call twice)
#   natero_pg_halt / natero_pg_resume   # stop and start it again, keeping its data (outage tests)
#
# or call it as a program to run one command against a fresh server:
#
#   scripts/postgres.sh run -- dotnet run --project tests/Benchmarks -c Release
#
# The server: a fresh `mktemp -d` folder (data dir, log, unix socket dir), a free
# TCP port on 127.0.0.1 only, trust auth, superuser `postgres`, fsync /
# synchronous_commit / full_page_writes off, max_connections=300. As root it
# runs as the `postgres` system user (initdb refuses root).
#
# Environment (all optional):
#   NATERO_PG_BIN      folder with initdb/pg_ctl/pg_isready (default: newest
#                      /usr/lib/postgresql/*/bin)
#   NATERO_PG_TIMEOUT  seconds to wait for the server to accept connections (60)
#
# After natero_pg_start these are set: NATERO_TEST_POSTGRES (exported),
# NATERO_PG_PORT, NATERO_PG_DIR (temp folder), NATERO_PG_DATA, NATERO_PG_LOG.
# Requires the Debian package `postgresql` (test.sh installs it when missing).

natero_pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Prints the folder holding the PostgreSQL server binaries, or fails.
natero_pg_bindir() {
    if [[ -n "${NATERO_PG_BIN:-}" ]]; then
        [[ -x "$NATERO_PG_BIN/initdb" ]] || { natero_pg_log "NATERO_PG_BIN=$NATERO_PG_BIN has no initdb"; return 1; }
        printf '%s\n' "$NATERO_PG_BIN"
        return 0
    fi
    local d best=""
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
        [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && best="$d"
    done
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

# Prints a TCP port on 127.0.0.1 that is free right now.
natero_pg_free_port() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1; then
            "$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null && return 0
        fi
    done
    # Fallback: a random port in 20000-59999 that nothing listens on.
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 40000))
        if command -v ss >/dev/null 2>&1; then
            [[ -n "$(ss -Htln "sport = :$port" 2>/dev/null)" ]] && continue
        elif (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi
        printf '%s\n' "$port"
        return 0
    done
    return 1
}

# Runs a command as the server's owner (postgres when we are root).
natero_pg_as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        (cd "$NATERO_PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$NATERO_PG_DIR" && "$@")
    fi
}

natero_pg_ensure_user() {
    [[ "$(id -u)" == 0 ]] || return 0
    id -u postgres >/dev/null 2>&1 && return 0
    natero_pg_log "creating system user postgres"
    if getent group postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin -g postgres postgres
    else
        useradd --system --no-create-home --shell /usr/sbin/nologin --user-group postgres
    fi
}

natero_pg_start() {
    if [[ -n "${NATERO_PG_DIR:-}" && -d "${NATERO_PG_DIR:-}" ]]; then
        natero_pg_log "already started (port ${NATERO_PG_PORT:-?})"
        return 0
    fi
    local bin
    bin="$(natero_pg_bindir)" || { natero_pg_log "no PostgreSQL server found in /usr/lib/postgresql/*/bin (apt-get install postgresql)"; return 1; }
    natero_pg_ensure_user || return 1

    # Root's TMPDIR may sit in a folder postgres cannot enter: use /tmp then.
    local base="${TMPDIR:-/tmp}"
    [[ "$(id -u)" == 0 ]] && base=/tmp
    NATERO_PG_DIR="$(mktemp -d "$base/natero-pg.XXXXXXXX")" || return 1
    NATERO_PG_DATA="$NATERO_PG_DIR/data"
    NATERO_PG_LOG="$NATERO_PG_DIR/postgres.log"
    mkdir -p "$NATERO_PG_DIR/socket"
    if [[ "$(id -u)" == 0 ]]; then
        chown -R postgres: "$NATERO_PG_DIR" || { natero_pg_stop; return 1; }
    fi

    natero_pg_log "initdb ($bin) in $NATERO_PG_DATA"
    if ! natero_pg_as_owner "$bin/initdb" -D "$NATERO_PG_DATA" -U postgres --auth=trust \
            -E UTF8 --locale=C --no-sync >"$NATERO_PG_DIR/initdb.log" 2>&1; then
        natero_pg_log "initdb failed:"
        cat "$NATERO_PG_DIR/initdb.log" >&2
        natero_pg_stop
        return 1
    fi

    local attempt port timeout="${NATERO_PG_TIMEOUT:-60}"
    for attempt in 1 2 3 4 5; do
        port="$(natero_pg_free_port)" || { natero_pg_log "no free port found"; natero_pg_stop; return 1; }
        # Settings go into postgresql.auto.conf, read after postgresql.conf.
        natero_pg_as_owner tee "$NATERO_PG_DATA/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$NATERO_PG_DIR/socket'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        if natero_pg_as_owner "$bin/pg_ctl" -D "$NATERO_PG_DATA" -l "$NATERO_PG_LOG" \
                -w -t "$timeout" start >/dev/null 2>&1; then
            NATERO_PG_PORT="$port"
            break
        fi
        natero_pg_log "start on port $port failed (attempt $attempt); log tail:"
        tail -n 5 "$NATERO_PG_LOG" >&2 2>/dev/null || true
        natero_pg_as_owner "$bin/pg_ctl" -D "$NATERO_PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    done
    if [[ -z "${NATERO_PG_PORT:-}" ]]; then
        natero_pg_log "could not start PostgreSQL; log:"
        cat "$NATERO_PG_LOG" >&2 2>/dev/null || true
        natero_pg_stop
        return 1
    fi

    # pg_ctl -w already waited; make sure TCP answers too.
    local waited=0
    until "$bin/pg_isready" -q -h 127.0.0.1 -p "$NATERO_PG_PORT" -U postgres -d postgres; do
        if ((waited >= timeout)); then
            natero_pg_log "PostgreSQL not ready after ${timeout}s; log:"
            cat "$NATERO_PG_LOG" >&2 2>/dev/null || true
            natero_pg_stop
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done

    NATERO_PG_BIN_USED="$bin"
    NATERO_PG_STARTED=1
    export NATERO_PG_PORT
    export NATERO_TEST_POSTGRES="Host=127.0.0.1;Port=$NATERO_PG_PORT;Username=postgres;Password=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
    natero_pg_log "running on 127.0.0.1:$NATERO_PG_PORT ($("$bin/postgres" --version 2>/dev/null))"
}

# True if the process runs (a zombie waiting to be reaped does not count).
natero_pg_alive() {
    [[ "${1:-}" =~ ^[0-9]+$ && -r "/proc/$1/stat" ]] || return 1
    local state
    state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# Stops the server started by natero_pg_start and removes its folder.
# Idempotent; silent unless something goes wrong.
natero_pg_stop() {
    local dir="${NATERO_PG_DIR:-}"
    [[ -n "$dir" ]] || return 0
    local data="$dir/data" bin="${NATERO_PG_BIN_USED:-}"
    [[ -n "$bin" ]] || bin="$(natero_pg_bindir 2>/dev/null)" || bin=""
    if [[ -f "$data/postmaster.pid" ]]; then
        local pid
        pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null)"
        local stopped=""
        if [[ -n "$bin" ]]; then
            if natero_pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 \
                || natero_pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1; then
                stopped=1
            fi
        fi
        # Last resort: kill the postmaster (and so its children) directly.
        if [[ -z "$stopped" ]] && natero_pg_alive "$pid"; then
            natero_pg_log "pg_ctl stop failed; killing postmaster $pid"
            kill -QUIT "$pid" 2>/dev/null || true
            sleep 1
            natero_pg_alive "$pid" && kill -KILL "$pid" 2>/dev/null
        fi
    fi
    rm -rf -- "$dir"
    if [[ "${NATERO_PG_STARTED:-}" == 1 ]]; then
        unset NATERO_TEST_POSTGRES
    fi
    unset NATERO_PG_DIR NATERO_PG_DATA NATERO_PG_LOG NATERO_PG_PORT NATERO_PG_STARTED NATERO_PG_BIN_USED
    return 0
}

# Stops the server started by natero_pg_start but keeps its folder: an outage, for tests of one.
# natero_pg_resume starts it again on the same port and data. Both need NATERO_PG_DIR.
natero_pg_halt() {
    local bin
    bin="$(natero_pg_bindir)" || return 1
    natero_pg_as_owner "$bin/pg_ctl" -D "$NATERO_PG_DIR/data" -m fast -w -t 30 stop >/dev/null
}

natero_pg_resume() {
    local bin
    bin="$(natero_pg_bindir)" || return 1
    natero_pg_as_owner "$bin/pg_ctl" -D "$NATERO_PG_DIR/data" -l "$NATERO_PG_DIR/postgres.log" \
        -w -t "${NATERO_PG_TIMEOUT:-60}" start >/dev/null
}

# Called as a program: `scripts/postgres.sh run -- CMD...`
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        run)
            shift
            [[ "${1:-}" == "--" ]] && shift
            [[ $# -gt 0 ]] || { echo "usage: $0 run -- COMMAND [ARGS...]" >&2; exit 2; }
            trap natero_pg_stop EXIT
            trap 'exit 130' INT
            trap 'exit 143' TERM
            natero_pg_start
            rc=0
            "$@" || rc=$?
            exit "$rc"
            ;;
        *)
            echo "usage: $0 run -- COMMAND [ARGS...]   (or source it and call natero_pg_start / natero_pg_stop)" >&2
            exit 2
            ;;
    esac
fi
