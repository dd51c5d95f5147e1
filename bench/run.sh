#!/usr/bin/env bash
# The benchmark harness (issue 4) in one command: installs what it needs, builds in Release, starts every arm against
# one mock upstream, runs scenarios (a)–(f) and writes bench/RESULTS.md, bench/RESULTS.json and bench/results.png.
#
#   bench/run.sh                 full run (about 15 minutes on 2 cores), results committed from it
#   bench/run.sh --smoke         seconds per arm, every arm started, numbers printed, results in bench/work/ (CI)
#   bench/run.sh --arms direct,tollway-sqlite --rounds 1     a subset; --no-build when already built
#
# Installs when missing: Debian's wrk (apt), the Portkey gateway (npm, into bench/work/portkey; its arm is skipped if
# npm cannot reach the registry), and a throwaway PostgreSQL (scripts/postgres.sh) unless TWTEST_POSTGRES names one.
# On 2+ cores the arm under test runs on CPU 0 and the mock, wrk and the load generators on CPU 1 (taskset).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build=1
args=()
for arg in "$@"; do
    if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done

log() { echo "bench/run.sh: $*" >&2; }

# (f) holds 5,000 streams through each gateway, two sockets apiece. .NET processes raise their own soft open-file limit
# to the hard one at start; Node.js (the Portkey arm) and wrk do not, so raise it here for every process started.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    if [ "$(id -u)" -ne 0 ]; then log "wrk is missing; run as root or: apt-get install wrk"; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi

# The version is pinned in bench/portkey/package.json; the install lives in bench/work/portkey (not committed).
portkey_dir="$root/bench/work/portkey"
if [ ! -f "$portkey_dir/node_modules/@portkey-ai/gateway/build/start-server.js" ] \
    || ! cmp -s "$root/bench/portkey/package.json" "$portkey_dir/package.json"; then
    if command -v npm >/dev/null 2>&1; then
        log "installing the Portkey gateway (bench/portkey/package.json) into bench/work/portkey"
        rm -rf "$portkey_dir"
        mkdir -p "$portkey_dir"
        cp "$root/bench/portkey/package.json" "$portkey_dir/package.json"
        (cd "$portkey_dir" && timeout 180 npm install --no-audit --no-fund --loglevel=error >&2) \
            || log "npm could not install the Portkey gateway; its arm is skipped"
    else
        log "npm is missing; the Portkey arm is skipped"
    fi
fi

if [ "$build" -eq 1 ]; then
    log "building (Release)"
    # The harness project references the gateway, the mock and the pass-through, so this builds all four.
    dotnet build bench/Tollway.Bench/Tollway.Bench.csproj -c Release -nologo -clp:ErrorsOnly >&2
fi

if [ -z "${TWTEST_POSTGRES:-}" ] && [[ " ${args[*]:-} " != *" --arms "* || " ${args[*]:-} " == *tollway-postgres* ]]; then
    pg_dir="/tmp/tollway-pg-bench.$$"
    trap 'POSTGRES_TEST_DIR="$pg_dir" "$root/scripts/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
    # On the gateway's core: the database is part of the arm under test.
    pin=()
    if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi
    pg_env="$(POSTGRES_TEST_DIR="$pg_dir" "${pin[@]}" "$root/scripts/postgres.sh")"
    eval "$pg_env"
fi

harness=(dotnet "$root/bench/Tollway.Bench/bin/Release/net10.0/Tollway.Bench.dll" --root "$root" --portkey "$portkey_dir"
    --command "bench/run.sh${*:+ $*}")
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    taskset -c 1 "${harness[@]}" "${args[@]}"
else
    "${harness[@]}" --no-pin "${args[@]}"
fi
