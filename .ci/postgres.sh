#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests, on loopback only.
#
#   .ci/postgres.sh start   # prints the test URL on stdout (and writes it to $STATE/url)
#   .ci/postgres.sh stop    # stops the server and deletes its data
#
# The cluster lives in $CLUSTER_DESIGNER_PG_DIR (default /tmp/cluster-designer-pg), listens on
# 127.0.0.1:$CLUSTER_DESIGNER_PG_PORT (default 54329) with trust authentication for loopback
# only, and holds a role `cd` (allowed to create databases: each test makes its own) and a
# database `cd_test`. Settings are tuned for speed, not durability: never put real data here.
# Nothing is exported. The tests start their own server with this script (on a free port, in
# a temporary folder) unless CLUSTER_DESIGNER_TEST_PG_URL names one.
# Missing server programs are installed from the Debian packages when run as root, unless
# CLUSTER_DESIGNER_PG_INSTALL=0. Diagnostics go to stderr; exit status 1 when no server could
# be started.
set -euo pipefail

STATE="${CLUSTER_DESIGNER_PG_DIR:-/tmp/cluster-designer-pg}"
PORT="${CLUSTER_DESIGNER_PG_PORT:-54329}"
ROLE=cd
DATABASE=cd_test
URL="postgresql+psycopg://${ROLE}@127.0.0.1:${PORT}/${DATABASE}"

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
        "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

install_server() {
    [ "${CLUSTER_DESIGNER_PG_INSTALL:-1}" = "0" ] && return 1
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "installing PostgreSQL from the Debian packages"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
            >/dev/null 2>&1 || return 1
        return 0
    fi
    return 1
}

# initdb and postgres refuse to run as root: run them as the `postgres` account then.
as_owner() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin
    if ! bin="$(find_bin)"; then
        install_server || true
        bin="$(find_bin)" || { say "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"; exit 1; }
    fi
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
        say "running as root but there is no 'postgres' account to own the server"
        exit 1
    fi
    stop_quietly "$bin"
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    [ "$(id -u)" = "0" ] && chown postgres: "$STATE"
    as_owner "$bin/initdb" --pgdata="$STATE/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
        || { say "initdb failed:"; cat "$STATE/initdb.log" >&2; exit 1; }
    cat >"$STATE/pg_hba.conf.new" <<'EOF'
# Trust, but from this machine only: the server listens on 127.0.0.1 and a private socket.
local all all              trust
host  all all 127.0.0.1/32 trust
EOF
    [ "$(id -u)" = "0" ] && chown postgres: "$STATE/pg_hba.conf.new"
    as_owner mv "$STATE/pg_hba.conf.new" "$STATE/data/pg_hba.conf"
    local options="-k $STATE -p $PORT -c listen_addresses=127.0.0.1"
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" --pgdata="$STATE/data" --log="$STATE/server.log" --wait \
        --timeout=60 -o "$options" start >/dev/null \
        || { say "the server did not start:"; tail -20 "$STATE/server.log" >&2; exit 1; }
    local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$STATE" -p "$PORT" -U postgres -d postgres)
    as_owner "${psql[@]}" -c "CREATE ROLE $ROLE LOGIN CREATEDB" \
        -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2 \
        || { say "could not create the role and database"; exit 1; }
    echo "$URL" >"$STATE/url"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$PORT"
    echo "$URL"
}

stop_quietly() {
    local bin="$1"
    if [ -f "$STATE/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$STATE/data" --mode=fast --wait stop >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE"
}

stop() {
    local bin
    bin="$(find_bin)" || { rm -rf "$STATE"; return 0; }
    stop_quietly "$bin"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
