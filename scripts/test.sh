#!/usr/bin/env bash
# Runs every test of Tollway on a fresh Debian machine with the .NET 10 SDK: builds the solution in Release with
# warnings as errors, then runs each test project. Tests start their own servers (the gateway and fake providers on
# Kestrel, bound to 127.0.0.1) and stop them when done; the PostgreSQL server the storage tests need is started here
# (scripts/postgres.sh, which installs it if missing) and stopped on exit; the chain tests start their own anvil nodes
# (scripts/anvil.sh installs anvil from npm if missing); nothing is left running.
#
# Usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Streaming]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
    exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "==> Building (Release, warnings are errors)"
dotnet build Tollway.slnx -c Release -nologo -clp:ErrorsOnly

# House rule (docs/architecture-check.md): no request-path method over 60 lines or 5 parameters.
echo "==> Checking method sizes on the request path (scripts/long-methods.py)"
if ! command -v python3 >/dev/null 2>&1; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >&2
fi
if ! python3 scripts/long-methods.py; then
    echo "The methods above are over the request path's bounds (60 lines, 5 parameters): split them." >&2
    exit 1
fi

# The storage contract suite and the multi-node tests run on PostgreSQL. Unless a server was given (TWTEST_POSTGRES) or
# those tests are skipped knowingly (TWTEST_SKIP_POSTGRES=1), start a throwaway one of this run's own, stopped on exit.
# (Not TOLLWAY_-prefixed: the gateway reads every TOLLWAY_ variable as its own configuration.)
if [ -z "${TWTEST_POSTGRES:-}" ] && [ "${TWTEST_SKIP_POSTGRES:-}" != "1" ]; then
    echo "==> Starting PostgreSQL"
    postgres_dir="/tmp/tollway-pg-test.$$"
    trap 'POSTGRES_TEST_DIR="$postgres_dir" "$root/scripts/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
    # Assigned first: `eval "$(…)"` alone would hide a failed start from set -e.
    postgres_env="$(POSTGRES_TEST_DIR="$postgres_dir" "$root/scripts/postgres.sh")"
    eval "$postgres_env"
fi
export TWTEST_POSTGRES="${TWTEST_POSTGRES:-}"

# The chain tests run a local EVM node (anvil), installed from npm into a cache directory on first use.
if [ -z "${TWTEST_ANVIL:-}" ]; then
    echo "==> Locating anvil"
    TWTEST_ANVIL="$("$root/scripts/anvil.sh")"
fi
export TWTEST_ANVIL

# The x402 interop test pays the gateway with the official npm client, installed into a cache directory on first use.
if [ -z "${TWTEST_X402_CLIENT:-}" ]; then
    echo "==> Locating the x402 npm client"
    TWTEST_X402_CLIENT="$("$root/scripts/x402-client.sh")"
fi
export TWTEST_X402_CLIENT

status=0
for project in tests/*Tests/*.csproj; do
    name="$(basename "$project" .csproj)"
    echo "==> Testing $name"
    dotnet test "$project" -c Release --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
        --logger "console;verbosity=minimal" "$@" || status=$?
done

# The benchmark harness in smoke mode: every arm started (Portkey too when npm can install it), about a second of each
# scenario, the numbers printed and nothing about time asserted. It fails only when an arm cannot start or the gateway
# answers wrongly, so the harness cannot rot. TWTEST_SKIP_BENCH=1 leaves it out.
if [ "${TWTEST_SKIP_BENCH:-}" != "1" ]; then
    echo "==> Benchmark harness (smoke: bench/run.sh --smoke)"
    bench_arms=()
    if [ -z "$TWTEST_POSTGRES" ]; then
        bench_arms=(--arms direct,passthrough,tollway-sqlite,portkey)
    fi
    bench/run.sh --smoke --no-build "${bench_arms[@]}" || status=$?
fi

# One closing line for the whole run, summed over every project's TRX report.
passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
echo
echo "${passed} passed, ${failed} failed"

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran." >&2
    exit 1
fi
exit "$status"
