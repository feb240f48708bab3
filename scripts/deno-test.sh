#!/bin/sh
# Runs the SDK's unit tests that cover scenario loading, expansion, native runs, runScenarios and
# tabulate (plus history, the fail-on policy, the job summary, the HTML report, scaffolds and bench
# lint against a local model server) under a real Deno (the npm package `deno`), after
# type-checking every SDK entry point (sdk/*.ts) and the embedding example with Deno's own types.
#
# Test files run with --no-check: they are type-checked by tsc against Node's types, and a few use
# Node-only typings (`import.meta.dirname: string`, `globalThis.gc`) that Deno types differently.
# Left out, with the reason:
#   test/run/quickstart.test.ts, quickstart-docker.test.ts: spawn `process.execPath bin/bench.js`
#     (the Node CLI through tsx); under Deno process.execPath is deno, so they test nothing SDK-side.
#   test/docker/*: need an engine; covered by `npm test` under Node.
set -eu
cd "$(dirname "$0")/.."
DENO="${DENO:-$(sh scripts/ensure-deno.sh)}"
$DENO --version | head -1
$DENO check sdk/*.ts examples/embed/embed.ts
$DENO test -A --no-check \
  test/scenario/load-scenarios.test.ts test/scenario/validation.test.ts test/scenario/path-escape.test.ts \
  test/scenario/expand-scenario.test.ts test/scenario/run-script.test.ts test/scenario/scenario-hash.test.ts \
  test/scenario/agbench-identity.test.ts \
  test/runners/native-runner.test.ts test/runners/log-sink.test.ts \
  test/run/run-scenarios.test.ts test/run/resume.test.ts test/run/plan.test.ts test/run/create-runner.test.ts \
  test/run/env-and-stdin.test.ts \
  test/tabulate/*.test.ts test/compare/compare.test.ts test/compare/calibration.test.ts test/compare/fail-on.test.ts \
  test/history/*.test.ts test/report/pr-report.test.ts \
  test/report/html-report.test.ts test/report/html-report-cli.test.ts test/clone/*.test.ts \
  test/examples/llm-agent.test.ts test/lint/*.test.ts \
  "$@"
