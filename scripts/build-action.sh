#!/usr/bin/env bash
# Bundle the GitHub Action (action/main.ts → dist/index.js, action/post.ts → dist/post/index.js) with ncc.
# Deterministic: the committed dist/ must equal a fresh build (scripts/check-dist.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(pwd)
ncc="$root/node_modules/.bin/ncc"
# The bundle's module ids follow node_modules' layout: a tree an ad-hoc `npm install` changed builds a
# different dist/ than CI's fresh `npm ci` (check-dist then fails in CI). Say so before building.
if ! npm ls --all >/dev/null 2>&1; then
  echo "build-action: warning: node_modules does not match package-lock.json ('npm ls --all' reports problems);" >&2
  echo "build-action: warning: the bundle may differ from CI's: run 'npm ci' first" >&2
fi
rm -rf dist dist-post.tmp
# ncc's asset relocator evaluates process.cwd() at build time (so `resolve(process.cwd(), "config.yaml")`
# would become a path into the checkout): build from an empty folder so nothing there is relocated.
# The folder sits at a fixed place inside the checkout: webpack's module ids hash the path from it to
# each module, so a folder elsewhere would make the bundle depend on where the checkout is.
empty="$root/.ncc-cwd"
rm -rf "$empty" && mkdir "$empty"
trap 'rm -rf "$empty"' EXIT
# Type errors are caught by `npm run typecheck`; transpile-only keeps the two builds fast.
(cd "$empty" && "$ncc" build "$root/action/main.ts" -o "$root/dist" --target es2022 --transpile-only --quiet) &
main=$!
(cd "$empty" && "$ncc" build "$root/action/post.ts" -o "$root/dist-post.tmp" --target es2022 --transpile-only --quiet) &
post=$!
wait "$main"
wait "$post"
mv dist-post.tmp dist/post
echo 'import "./post/index.js";' > dist/post.js

# ssh2's native addons are optional (it falls back to JS) and exist only when npm ran their build:
# keep them out so the bundle does not depend on how node_modules was installed.
find dist -name '*.node' -delete
# ncc relocates folder assets (`new URL("../../templates/global/", import.meta.url)`) in two broken ways,
# fixed here so the bundle behaves like the sources:
#  1. it writes the folder's entries as dist/<name><entry> (no slash): move them into dist/<name>/;
#  2. it turns the URL into a plain path still passed to fileURLToPath (Invalid URL at load): make it a file: URL.
shopt -s nullglob
for dir in dist dist/post; do
  for name in $(grep -o '\.ab + "[A-Za-z0-9_.-]*"' "$dir/index.js" | sed 's/.*"\(.*\)"/\1/' | sort -u); do
    [ -e "$dir/$name" ] && continue
    files=("$dir/$name"?*)
    [ "${#files[@]}" -eq 0 ] && continue
    mkdir -p "$dir/$name"
    for f in "${files[@]}"; do mv "$f" "$dir/$name/${f#"$dir/$name"}"; done
  done
  sed -i 's/fileURLToPath)(__nccwpck_require__\.ab + /fileURLToPath)("file:\/\/" + __nccwpck_require__.ab + /g' "$dir/index.js"
done
