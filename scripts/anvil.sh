#!/usr/bin/env bash
# Prints the path of the anvil binary (a local Ethereum node) that the chain tests start, installing it first from
# the npm registry (package @foundry-rs/anvil-linux-amd64) into a cache directory when it is not there yet.
#
# Usage: scripts/anvil.sh            # prints e.g. /root/.cache/tollway-test/anvil-1.7.1/node_modules/.../bin/anvil
# Environment: TWTEST_CACHE_DIR (default ~/.cache/tollway-test) — where npm packages for the tests are kept.
set -euo pipefail

version="1.7.1"
package="@foundry-rs/anvil-linux-amd64"
cache="${TWTEST_CACHE_DIR:-${HOME:-/tmp}/.cache/tollway-test}/anvil-$version"
binary="$cache/node_modules/$package/bin/anvil"

if [ ! -x "$binary" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "npm is required to install anvil; run as root (or: apt-get install npm)." >&2
            exit 1
        fi
        echo "anvil.sh: installing npm from Debian's packages" >&2
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y npm >&2
    fi
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
    chmod +x "$binary"
fi

"$binary" --version >/dev/null
echo "$binary"
