/**
 * The npm package as users get it: `npm pack`, unpacked as node_modules/bench-action of a consumer
 * project, then used with plain Node (no tsx): `import ... from "bench-action"` runs a scenario, the
 * declarations type-check a TypeScript consumer, and `bench` runs the compiled CLI. The consumer
 * project sits under test-output/ so that the package's own dependencies resolve from this
 * checkout's node_modules, as they would from the consumer's after `npm install`.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
mkdirSync(join(repo, "test-output"), { recursive: true });
const consumer = mkdtempSync(join(repo, "test-output", "npm-pack-"));
const pkgDir = join(consumer, "node_modules", "bench-action");
let listed: string[] = [];

before(() => {
  // The test runner built lib/ already; --ignore-scripts keeps `prepare` from rebuilding it here.
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", consumer], { cwd: repo, encoding: "utf8" });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  assert.ok(info, "npm pack printed no package");
  listed = info.files.map((f) => f.path);
  mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", join(consumer, info.filename), "-C", pkgDir, "--strip-components=1"]);
});
after(() => rmSync(consumer, { recursive: true, force: true }));

function node(args: string[], cwd = consumer) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm package", () => {
  it("ships the compiled SDK and CLI, the sources, templates and examples, and nothing else", () => {
    for (const path of ["lib/sdk/index.js", "lib/sdk/index.d.ts", "lib/src/cli/main.js", "lib/.build-stamp", "bin/bench.js", "bin/cli-entry.js", "sdk/index.ts", "templates/Dockerfile", "examples/quickstart/Tasks/adder.jsonl", "LICENSE", "package.json"]) {
      assert.ok(listed.includes(path), `${path} missing from the package`);
    }
    const unwanted = listed.filter((p) => /^(test|dist|action|scripts|node_modules)\/|\/Results\/|\.tsbuildinfo$/.test(p));
    assert.deepEqual(unwanted, []);
  });

  it("plain Node imports the SDK by package name and runs a scenario with it", () => {
    mkdirSync(join(consumer, "T"), { recursive: true });
    writeFileSync(join(consumer, "T", "readme.txt"), "hi\n");
    writeFileSync(join(consumer, "tasks.jsonl"), JSON.stringify({ id: "one", template: "T", command: "cat readme.txt; echo 'ALL TESTS PASSED !#!#'" }) + "\n");
    writeFileSync(join(consumer, "use.mjs"), [
      'import { runScenarios, tabulate, benchVersion } from "bench-action";',
      'import * as light from "bench-action/run";',
      'if (light.runScenarios !== runScenarios) throw new Error("bench-action/run is not the same runScenarios");',
      'const { renderMarkdown } = await import("bench-action/report");',
      'const { DockerRunner } = await import("bench-action/docker");',
      'if (typeof renderMarkdown !== "function" || typeof DockerRunner !== "function") throw new Error("a subpath entry is missing");',
      'const summary = await runScenarios("tasks.jsonl", { runtime: "native", resultsDir: "Results" });',
      "const table = await tabulate(\"Results\");",
      "console.log(JSON.stringify({ version: benchVersion(), counts: summary.counts, total: table.overall.counts.passed }));",
    ].join("\n"));
    const r = node(["use.mjs"]);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout.trim()) as { version: string; counts: Record<string, number>; total: number };
    const pkg = createRequire(import.meta.url)(join(repo, "package.json")) as { version: string };
    assert.equal(printed.version, pkg.version);
    assert.equal(printed.counts["passed"], 1, r.stdout);
    assert.equal(printed.total, 1);
  });

  it("a TypeScript consumer type-checks against the shipped declarations", () => {
    writeFileSync(join(consumer, "use.ts"), [
      'import { tabulate, type RunSummary } from "bench-action";',
      'import { renderMarkdown, type Tabulation } from "bench-action/report";',
      'import type { DockerRunnerOptions } from "bench-action/docker";',
      "export const markdown = (t: Tabulation): string => renderMarkdown(t);",
      "export const options: DockerRunnerOptions = {};",
      "const summary: RunSummary | undefined = undefined;",
      "export const total: Promise<number> = tabulate(\"Results\").then((t) => t.overall.tasks);",
      "export { summary };",
    ].join("\n"));
    writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ["use.ts"],
    }));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const r = node([tsc, "-p", "tsconfig.json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("the installed bench runs its compiled CLI", async () => {
    const entry = (await import(join(pkgDir, "bin", "cli-entry.js"))) as typeof import("../../bin/cli-entry.js");
    assert.equal(entry.compiledIsCurrent(), true);
    const r = node([join(pkgDir, "bin", "bench.js"), "tabulate", "Results", "--format", "csv"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /one/);
    assert.ok(readdirSync(join(consumer, "Results")).length > 0);
  });
});
