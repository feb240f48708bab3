#!/bin/sh
# Prints the path of the Deno binary from the npm package `deno`, installing it first when missing.
# `deno` is not in package.json: its lock entries for other platforms' binaries cannot be resolved from
# the registry this project uses, which would break `npm ci`; it is installed without touching the lock.
set -eu
cd "$(dirname "$0")/.."
VERSION="${BENCH_DENO_VERSION:-2.9.6}"
if [ ! -x node_modules/.bin/deno ]; then
  npm install --no-save --no-package-lock --no-audit --no-fund "deno@$VERSION" >&2
fi
echo "$(pwd)/node_modules/.bin/deno"
