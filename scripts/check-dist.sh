#!/usr/bin/env bash
# Rebuild the Action bundle and fail when it differs from the committed dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-action.sh
if ! git diff --exit-code --stat -- dist/ || [ -n "$(git status --porcelain --untracked-files=all -- dist/)" ]; then
  git status --short -- dist/
  echo "dist/ is out of date: run 'npm run build:action' and commit dist/." >&2
  exit 1
fi
echo "dist/ is up to date"
