#!/usr/bin/env bash
# Rebuilds the test contracts' committed ABI and bytecode (the test stablecoin and the EIP-1271 test wallet) from their
# Solidity sources with the solc npm package (installed into a cache directory when missing). Run it after changing a
# .sol file in tests/Tollway.Testing/Chain/Contracts and commit the outputs.
#
# Usage: scripts/build-test-token.sh
# Environment: TWTEST_CACHE_DIR (default ~/.cache/tollway-test) — where npm packages for the tests are kept.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.8.37"
cache="${TWTEST_CACHE_DIR:-${HOME:-/tmp}/.cache/tollway-test}/solc-$version"
contracts="$root/tests/Tollway.Testing/Chain/Contracts"

if [ ! -f "$cache/node_modules/solc/package.json" ]; then
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "solc@$version" >&2
fi

NODE_PATH="$cache/node_modules" node - "$contracts" <<'JS'
const fs = require('fs');
const path = require('path');
const solc = require('solc');
const dir = process.argv[2];
const names = ['TestStablecoin', 'TestSmartWallet'];
const sources = {};
for (const name of names) sources[name + '.sol'] = { content: fs.readFileSync(path.join(dir, name + '.sol'), 'utf8') };
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter(e => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
for (const name of names) {
  const contract = output.contracts[name + '.sol'][name];
  fs.writeFileSync(path.join(dir, name + '.abi.json'), JSON.stringify(contract.abi, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, name + '.bin'), contract.evm.bytecode.object + '\n');
}
console.error(`${names.join(', ')} compiled with solc ${solc.version()}`);
JS
