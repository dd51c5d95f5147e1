#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the storage tests and prints the line that points the tests at it:
#
#   eval "$(scripts/postgres.sh)"      # installs PostgreSQL if missing, starts the server, exports TWTEST_POSTGRES
#   scripts/postgres.sh stop           # stops the server and deletes its files
#
# The cluster lives in POSTGRES_TEST_DIR (default /tmp/tollway-pg), listens only on 127.0.0.1 on a free port, trusts
# local connections and keeps fsync on, so the tests see the durability a real server has. Running the script again
# while the server is up only prints the line again. Everything but that line goes to stderr.
set -euo pipefail

dir="${POSTGRES_TEST_DIR:-/tmp/tollway-pg}"
data="$dir/data"

log() { echo "postgres.sh: $*" >&2; }

# Debian keeps the server binaries in /usr/lib/postgresql/<major>/bin, off the PATH; take the newest major installed.
find_bin() {
    local found
    found=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ]; then
        dirname "$found"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
    fi
}

# PostgreSQL refuses to run as root, so root runs it as the postgres user; anyone else runs it as themselves. From /,
# since the caller's directory may be one the postgres user cannot enter.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

bin=$(find_bin)

if [ "${1:-start}" = "stop" ]; then
    if [ -n "$bin" ] && [ -f "$data/PG_VERSION" ]; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
    exit 0
fi

if [ "${1:-start}" != "start" ]; then
    echo "usage: $0 [start|stop]" >&2
    exit 2
fi

if [ -z "$bin" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL is not installed; run as root (or: apt-get install postgresql)."
        exit 1
    fi
    log "installing PostgreSQL"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bin=$(find_bin)
    if [ -z "$bin" ]; then
        log "PostgreSQL was installed but no pg_ctl was found."
        exit 1
    fi
fi

print_export() {
    echo "export TWTEST_POSTGRES=\"Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=tollway\""
}

if [ -f "$dir/port" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "already running in $dir"
    print_export
    exit 0
fi

# Not running: whatever is left there is from a run that died, and the cluster is disposable.
if [ -f "$data/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
fi
chmod 700 "$dir"

log "initialising a cluster in $data ($("$bin/postgres" --version))"
# The C locale sorts text by bytes, as SQLite and C#'s ordinal comparison do.
as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=0
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    if port_in_use "$port"; then
        continue
    fi
    # Only loopback TCP and a socket inside the cluster's own directory; fsync stays on as in production.
    as_owner tee "$data/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = on
max_connections = 300
EOF
    # Another process may take the port between the check and the start; then try the next one.
    if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        started=1
        break
    fi
done

if [ "$started" -ne 1 ]; then
    log "the server did not start; its log follows"
    cat "$dir/postgres.log" >&2 || true
    exit 1
fi

as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE tollway" >&2
log "running on 127.0.0.1:$port (stop with: $0 stop)"
print_export
