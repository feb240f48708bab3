#!/usr/bin/env node
// `npm run build` (and npm's `prepare`): compiles src/ and sdk/ to lib/ (JavaScript + declarations)
// with tsc, then writes lib/.build-stamp dated when the build started, so a source edited during or
// after the build makes bin/bench.js fall back to the sources. `--if-stale` builds only when needed.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { BUILD_STAMP, compiledIsCurrent } from "../bin/cli-entry.js";

const root = fileURLToPath(new URL("..", import.meta.url));
if (process.argv.includes("--if-stale") && compiledIsCurrent()) process.exit(0);
const started = new Date();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // An install without devDependencies: bench runs from the sources (tsx is a dependency).
  console.error("build: typescript is not installed; bench will run from the sources");
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) {
  console.error("build: tsc failed; bench keeps running from the sources");
  process.exit(result.status ?? 1);
}
closeSync(openSync(BUILD_STAMP, "w"));
utimesSync(BUILD_STAMP, started, started);
