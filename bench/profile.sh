#!/usr/bin/env bash
# Profiles the gateway the way bench/NOTES.md was written: the mock upstream and wrk on CPU 1, `tollway serve` (SQLite,
# the harness's configuration) on CPU 0, a funded key made through the admin API, then load until the JIT has settled.
#
#   bench/profile.sh                 warm up, then three 10 s windows: req/s, CPU µs and bytes allocated per request, peak RSS
#   bench/profile.sh --perf          ... and a 10 s `perf record -g` of the gateway (bench/work/profile/perf.data)
#   bench/profile.sh --allocations   ... and a 6 s gc-verbose trace (bench/work/profile/allocations.nettrace)
#   bench/profile.sh --syscalls      ... and system calls per request over 10 s (`strace -c -f`, which slows the gateway)
#
# Needs a Release build (bench/run.sh builds one; or dotnet build bench/Tollway.Bench -c Release), wrk, and for the
# options perf (Debian's linux-perf) or dotnet-trace (`dotnet tool install -g dotnet-trace`). Environment variables
# are passed to the gateway, so a runtime setting can be compared: `DOTNET_gcServer=0 bench/profile.sh`.
# WARMUP (seconds, default 60) and CONNECTIONS (default 64) change the load.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/work/profile"
warmup="${WARMUP:-60}"
connections="${CONNECTIONS:-64}"
mode="${1:-}"
export PATH="$PATH:$HOME/.dotnet/tools"
mkdir -p "$work"
rm -f "$work/tollway.db"*

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mock_port="$(free_port)"
port="$(free_port)"
model="gpt-4o-mini-bench"

taskset -c 1 dotnet "$root/bench/Tollway.Bench.Mock/bin/Release/net10.0/Tollway.Bench.Mock.dll" --urls "http://127.0.0.1:$mock_port" \
    > "$work/mock.log" 2>&1 &
pids+=($!)

endpoint() { echo "{\"provider\":\"$1\",\"model\":\"$model\",\"contextLength\":128000,\"maxOutputTokens\":16384,\"pricing\":{\"input\":\"$2\",\"output\":\"$3\",\"cachedInput\":\"0.075\"}}"; }
cat > "$work/tollway.json" <<JSON
{
  "server": { "urls": "http://127.0.0.1:$port" },
  "database": { "sqlitePath": "$work/tollway.db" },
  "providers": {
    "mock": { "preset": "custom", "baseUrl": "http://127.0.0.1:$mock_port/v1" },
    "mock-backup": { "preset": "custom", "baseUrl": "http://127.0.0.1:$mock_port/v1" }
  },
  "models": { "$model": { "endpoints": [ $(endpoint mock 0.15 0.60), $(endpoint mock-backup 0.30 1.20) ] } }
}
JSON

# Perf maps name the JIT's code for perf; W^X off so that perf sees it at one address.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 taskset -c 0 \
    dotnet "$root/src/Tollway/bin/Release/net10.0/tollway.dll" serve --config "$work/tollway.json" > "$work/tollway.log" 2>&1 &
gateway=$!
pids+=("$gateway")

for _ in $(seq 200); do grep -q '^ *tw-' "$work/tollway.log" 2>/dev/null && break; sleep 0.3; done
admin="$(grep -o 'tw-[A-Za-z0-9_-]*' "$work/tollway.log" | head -1)"
api() { curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$port/admin/v1/$1"; }
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.3; done
account="$(api accounts '{"name":"profile"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
api "accounts/$account/credits" '{"amount_usd":"1000000","reason":"profile","idempotency_key":"profile"}' > /dev/null
key="$(api keys "{\"account_id\":\"$account\",\"name\":\"profile\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"model":"$model","messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Say hello to the benchmark in one short sentence."}],"max_tokens":64,"temperature":0}'
LUA
load() { taskset -c 1 wrk -t1 "-c$connections" "-d${1}s" -s "$work/post.lua" "http://127.0.0.1:$port/v1/chat/completions"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gateway/stat"; }

echo "profile.sh: warming up for ${warmup} s at $connections connections" >&2
load "$warmup" > /dev/null
for window in 1 2 3; do
    counters=""
    if command -v dotnet-counters > /dev/null; then
        rm -f "$work/counters.csv"
        dotnet-counters collect -p "$gateway" --counters System.Runtime --format csv -o "$work/counters.csv" \
            --refresh-interval 1 --duration 00:00:00:12 > /dev/null 2>&1 &
        counters=$!
        sleep 1
    fi
    before="$(cpu_ticks)"
    out="$(load 10)"
    after="$(cpu_ticks)"
    [ -n "$counters" ] && wait "$counters" || true
    requests="$(echo "$out" | awk '/requests in/ {print $1}')"
    allocated="n/a"
    if [ -f "$work/counters.csv" ]; then
        allocated="$(grep total_allocated "$work/counters.csv" | awk -F, -v n="$requests" '{s += $NF} END {printf "%.0f", s / n}')"
    fi
    # /proc/PID/stat counts CPU in ticks of 10 ms.
    echo "window $window: $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, $(( (after - before) * 10000 / requests )) µs CPU per request," \
        "$allocated B allocated per request, peak RSS $(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$gateway/status"), load $(cut -d' ' -f1 /proc/loadavg)"
done

case "$mode" in
    --perf)
        load 14 > /dev/null &
        loader=$!
        sleep 1
        perf record -F 1999 -g -p "$gateway" -o "$work/perf.data" -- sleep 10 2> /dev/null
        wait "$loader"
        echo "profile.sh: perf report -i $work/perf.data --no-children --sort dso,sym" >&2
        ;;
    --syscalls)
        strace -c -f -p "$gateway" -o "$work/syscalls.txt" 2> /dev/null &
        tracer=$!
        sleep 2
        requests="$(load 8 | awk '/requests in/ {print $1}')"
        sleep 1
        kill -INT "$tracer"
        wait "$tracer" || true
        echo "profile.sh: system calls per request under strace ($requests requests; strace slows the gateway, so only counts mean anything):" >&2
        awk -v n="$requests" 'NR > 2 && $NF != "total" && $4 ~ /^[0-9]+$/ {printf "  %-16s %6.2f\n", $NF, $4 / n}' \
            "$work/syscalls.txt" | sort -k2 -nr | head -12 >&2
        ;;
    --allocations)
        load 10 > /dev/null &
        loader=$!
        sleep 1
        dotnet-trace collect -p "$gateway" --profile gc-verbose --duration 00:00:00:06 -o "$work/allocations.nettrace" > /dev/null
        wait "$loader"
        echo "profile.sh: allocation samples (GCAllocationTick, with stacks) in $work/allocations.nettrace" >&2
        ;;
esac
