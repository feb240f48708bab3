#!/usr/bin/env node
// Runs the node:test suites (test/**/*.test.ts, test/perf excluded) with tsx, or the benchmarks
// (test/perf/*.bench.ts) with --perf. Node 20's --test does not expand globs, so we list files here.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const perf = process.argv.includes("--perf");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

const all = walk(join(root, "test")).map((p) => relative(root, p));
let files = perf
  ? all.filter((p) => p.startsWith("test/perf/") && p.endsWith(".bench.ts"))
  : all.filter((p) => p.endsWith(".test.ts") && !p.startsWith("test/perf/"));
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
// The CLI tests spawn bin/bench.js, which runs lib/ when it is current: build it first so they test
// the compiled CLI that users run (a failed build fails the run).
const build = spawnSync(process.execPath, [join(root, "scripts/build-lib.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const args = perf
  ? null
  : ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files];
if (perf) {
  let failed = 0;
  for (const file of files) {
    console.log(`\n# ${file}`);
    const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", file], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}
const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
