#!/usr/bin/env bash
# Throwaway Redis server for tests (shared rate limits, key revocations across instances).
#
# Source it and call the functions:
#
#   source scripts/redis.sh
#   natero_redis_start     # starts a server, exports NATERO_TEST_REDIS
#   ...                    # run things against "$NATERO_TEST_REDIS"
#   natero_redis_stop      # stops it and removes its folder (safe to call twice)
#
# or call it as a program to run one command against a fresh server:
#
#   scripts/redis.sh run -- dotnet test tests/Web.FunctionalTests -c Release --filter "FullyQualifiedName~Redis"
#
# The server: Debian's redis-server in a fresh `mktemp -d` folder, a free TCP port on 127.0.0.1
# only, no persistence (no RDB snapshots, no append-only file). As root it runs as the `redis`
# user when that user exists (the Debian package creates it), else as root.
# An NATERO_TEST_REDIS already set in the environment is used as it is: nothing is started.
#
# After natero_redis_start these are set: NATERO_TEST_REDIS (exported, a StackExchange.Redis
# configuration string), NATERO_REDIS_PORT, NATERO_REDIS_DIR.
# Requires the Debian package `redis-server` (test.sh installs it when missing).

natero_redis_log() { printf '[redis] %s\n' "$*" >&2; }

natero_redis_bin() { command -v redis-server 2>/dev/null || { [[ -x /usr/bin/redis-server ]] && echo /usr/bin/redis-server; }; }

# Prints a TCP port on 127.0.0.1 that is free right now.
natero_redis_free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null && return 0
    fi
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 40000))
        (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        printf '%s\n' "$port"
        return 0
    done
    return 1
}

# True when a server answers PING on the port.
natero_redis_ping() {
    if command -v redis-cli >/dev/null 2>&1; then
        [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && read -r -t 2 line <&3 && [[ "$line" == +PONG* ]]) 2>/dev/null
    fi
}

natero_redis_start() {
    if [[ -n "${NATERO_TEST_REDIS:-}" && -z "${NATERO_REDIS_STARTED:-}" ]]; then
        natero_redis_log "using NATERO_TEST_REDIS from the environment"
        return 0
    fi
    if [[ -n "${NATERO_REDIS_DIR:-}" && -d "${NATERO_REDIS_DIR:-}" ]]; then
        natero_redis_log "already started (port ${NATERO_REDIS_PORT:-?})"
        return 0
    fi
    local bin
    bin="$(natero_redis_bin)" || { natero_redis_log "no redis-server found (apt-get install redis-server)"; return 1; }

    NATERO_REDIS_DIR="$(mktemp -d /tmp/natero-redis.XXXXXXXX)" || return 1
    local owner=()
    if [[ "$(id -u)" == 0 ]] && id -u redis >/dev/null 2>&1; then
        chown redis: "$NATERO_REDIS_DIR" || { natero_redis_stop; return 1; }
        owner=(runuser -u redis --)
    fi

    local attempt port waited
    for attempt in 1 2 3 4 5; do
        port="$(natero_redis_free_port)" || { natero_redis_log "no free port found"; natero_redis_stop; return 1; }
        "${owner[@]+"${owner[@]}"}" "$bin" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
            --dir "$NATERO_REDIS_DIR" --daemonize yes --pidfile "$NATERO_REDIS_DIR/redis.pid" \
            --logfile "$NATERO_REDIS_DIR/redis.log" >/dev/null 2>&1 || true
        waited=0
        until natero_redis_ping "$port"; do
            ((waited >= 50)) && break
            sleep 0.1
            waited=$((waited + 1))
        done
        if natero_redis_ping "$port"; then
            NATERO_REDIS_PORT="$port"
            break
        fi
        natero_redis_log "start on port $port failed (attempt $attempt); log tail:"
        tail -n 5 "$NATERO_REDIS_DIR/redis.log" >&2 2>/dev/null || true
        natero_redis_kill
    done
    if [[ -z "${NATERO_REDIS_PORT:-}" ]]; then
        natero_redis_stop
        return 1
    fi

    NATERO_REDIS_STARTED=1
    export NATERO_REDIS_PORT
    export NATERO_TEST_REDIS="127.0.0.1:$NATERO_REDIS_PORT,abortConnect=false,connectTimeout=2000,syncTimeout=2000"
    natero_redis_log "running on 127.0.0.1:$NATERO_REDIS_PORT ($("$bin" --version 2>/dev/null | cut -d' ' -f3))"
}

# Ends the server of NATERO_REDIS_DIR, by the pid in its pid file only.
natero_redis_kill() {
    local pidfile="${NATERO_REDIS_DIR:-}/redis.pid" pid i
    [[ -f "$pidfile" ]] || return 0
    pid="$(cat "$pidfile" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Stops the server started by natero_redis_start and removes its folder. Idempotent.
natero_redis_stop() {
    [[ -n "${NATERO_REDIS_DIR:-}" ]] || return 0
    natero_redis_kill
    rm -rf -- "$NATERO_REDIS_DIR"
    if [[ "${NATERO_REDIS_STARTED:-}" == 1 ]]; then
        unset NATERO_TEST_REDIS
    fi
    unset NATERO_REDIS_DIR NATERO_REDIS_PORT NATERO_REDIS_STARTED
    return 0
}

# Called as a program: `scripts/redis.sh run -- CMD...`
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        run)
            shift
            [[ "${1:-}" == "--" ]] && shift
            [[ $# -gt 0 ]] || { echo "usage: $0 run -- COMMAND [ARGS...]" >&2; exit 2; }
            trap natero_redis_stop EXIT
            trap 'exit 130' INT
            trap 'exit 143' TERM
            natero_redis_start
            rc=0
            "$@" || rc=$?
            exit "$rc"
            ;;
        *)
            echo "usage: $0 run -- COMMAND [ARGS...]   (or source it and call natero_redis_start / natero_redis_stop)" >&2
            exit 2
            ;;
    esac
fi
