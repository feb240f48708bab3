/**
 * Installing bench-action into a fresh project outside this checkout, as README.md's "Install" says:
 * `npm install` of the packed tarball, and of a git URL (a `git+file://` clone of this repository,
 * which npm builds with `prepare`). Each gives a working `npx bench`, an `import … from "bench-action"`
 * that type-checks under strict TypeScript without skipLibCheck and without @types/dockerode, and a
 * Deno script that imports the SDK by the package name. The projects sit in the system temp folder,
 * so nothing resolves from this checkout's node_modules. Dependencies come from the npm registry
 * (npm's cache first).
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "bench-install-"));
after(() => rmSync(work, { recursive: true, force: true }));

function sh(file: string, args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; out: string } {
  const r = spawnSync(file, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", ...env }, timeout: 600_000 });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** A fresh npm project with `spec` installed, as a user would (`npm install SPEC`). */
function project(name: string, spec: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, version: "1.0.0", private: true, type: "module" }));
  const r = sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", spec], dir);
  assert.equal(r.code, 0, r.out);
  return dir;
}

/** What every install must give: the CLI, the SDK under Node, strict TypeScript, and Deno. */
function checkProject(dir: string): void {
  const version = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version as string;
  const v = sh("npx", ["--no-install", "bench", "--version"], dir);
  assert.equal(v.out.trim(), `bench-action ${version}`, v.out);

  mkdirSync(join(dir, "T"));
  writeFileSync(join(dir, "T/readme.txt"), "hi\n");
  writeFileSync(join(dir, "tasks.jsonl"), `${JSON.stringify({ id: "one", template: "T", command: "cat readme.txt; echo 'ALL TESTS PASSED !#!#'" })}\n`);
  const run = sh("npx", ["--no-install", "bench", "run", "tasks.jsonl", "--native", "--quiet"], dir);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /^passed 1 · failed 0/m);

  writeFileSync(join(dir, "use.ts"), [
    'import { runScenarios, tabulate, DockerRunner, connectDocker, type DockerClient, type RunOptions, type RunSummary } from "bench-action";',
    'import { runScenarios as light } from "bench-action/run";',
    'import { renderMarkdown, type Tabulation } from "bench-action/report";',
    'import { workspaceMode, type DockerRunnerOptions } from "bench-action/docker";',
    "export const markdown = (t: Tabulation): string => renderMarkdown(t);",
    'const options: RunOptions = { runtime: "native", resultsDir: "Results-node" };',
    'const summary: RunSummary = await runScenarios("tasks.jsonl", options);',
    'const table = await tabulate(summary.resultsDir);',
    "const client: DockerClient = connectDocker();",
    'export const dockerOptions: DockerRunnerOptions = { settings: { workspace: workspaceMode("bind", client) } };',
    "export const runner = new DockerRunner({ docker: client, onInspect: (info) => console.log(info.Id) });",
    'console.log(JSON.stringify({ passed: summary.counts.passed, pct: table.overall.percentage, same: light === runScenarios }));',
  ].join("\n"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false,
      // @types/node only (a Node consumer has it); @types/dockerode must not be needed.
      types: ["node"], typeRoots: [join(repo, "node_modules/@types")],
    },
    files: ["use.ts"],
  }));
  assert.ok(!existsSync(join(dir, "node_modules/@types/dockerode")));
  const typed = sh(process.execPath, [tsc, "-p", "tsconfig.json"], dir);
  assert.equal(typed.code, 0, typed.out);

  // Node runs the same file's JavaScript: strip the types by compiling to use.js.
  const js = sh(process.execPath, [tsc, "--outDir", ".", "--noEmit", "false", "-p", "tsconfig.json"], dir);
  assert.equal(js.code, 0, js.out);
  const node = sh(process.execPath, ["use.js"], dir);
  assert.equal(node.code, 0, node.out);
  assert.deepEqual(JSON.parse(node.out.trim()), { passed: 1, pct: 100, same: true });

  writeFileSync(join(dir, "embed.ts"), [
    'import { runScenarios, tabulate } from "bench-action";',
    'const summary = await runScenarios("tasks.jsonl", { runtime: "native", resultsDir: "Results-deno" });',
    "console.log(`deno passed ${summary.counts.passed} of ${(await tabulate(summary.resultsDir)).overall.tasks}`);",
  ].join("\n"));
  const denoBin = execFileSync("sh", [join(repo, "scripts/ensure-deno.sh")], { encoding: "utf8" }).trim();
  const deno = sh(denoBin, ["run", "-A", "embed.ts"], dir, { NO_COLOR: "1" });
  assert.equal(deno.code, 0, deno.out);
  assert.match(deno.out, /deno passed 1 of 1/);
}

describe("install from outside the clone", () => {
  let tarball = "";
  before(() => {
    const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: repo, encoding: "utf8" });
    tarball = join(work, (JSON.parse(out) as { filename: string }[])[0]?.filename ?? "");
  });

  it("npm install of the packed tarball", () => {
    checkProject(project("tarball", tarball));
  });

  it("npm install of a git URL (git+file:// of a clone; npm builds lib/ with prepare)", () => {
    const clone = join(work, "clone");
    execFileSync("git", ["clone", "--quiet", repo, clone]);
    checkProject(project("git", `git+file://${clone}`));
  });
});
