#!/usr/bin/env bash
# Prints the directory of the official x402 npm client packages that the interop test pays the gateway with
# (@x402/fetch and @x402/evm 2.27.0, with viem), installing them first from the npm registry into a cache directory
# when they are not there yet. The test copies its Node script into that directory and runs it there.
#
# Usage: scripts/x402-client.sh      # prints e.g. /root/.cache/tollway-test/x402-client-2.27.0
# Environment: TWTEST_CACHE_DIR (default ~/.cache/tollway-test) — where npm packages for the tests are kept.
set -euo pipefail

version="2.27.0"
viem="2.57.20"
cache="${TWTEST_CACHE_DIR:-${HOME:-/tmp}/.cache/tollway-test}/x402-client-$version"

if [ ! -f "$cache/node_modules/@x402/fetch/package.json" ] || [ ! -f "$cache/node_modules/@x402/evm/package.json" ] \
    || [ ! -f "$cache/node_modules/viem/package.json" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is required to install the x402 client (apt-get install -y npm)." >&2
        exit 1
    fi
    mkdir -p "$cache"
    # A package.json of its own keeps npm from walking up into another project.
    [ -f "$cache/package.json" ] || echo '{"name":"tollway-x402-client","private":true,"type":"module"}' > "$cache/package.json"
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
        "@x402/fetch@$version" "@x402/evm@$version" "@x402/core@$version" "viem@$viem" >&2
fi

echo "$cache"
