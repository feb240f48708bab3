import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.ts";
import { runAssignmentCommand } from "../../src/cli/run-assignment.ts";

const fixtures = new URL("../fixtures/agentbench/", import.meta.url).pathname;

describe("bench run --assignment (native)", () => {
  it("runs 2 agents × 3 tasks, each run folder holding its agent's config.yaml", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "assign-run-"));
    await cp(fixtures, cwd, { recursive: true });
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd };
    const code = await runAssignmentCommand("assignments/two-by-three.yaml", { runtime: "native", cacheDir: join(cwd, "cache") }, io);
    assert.equal(code, 0, out);
    const lines = out.split("\n").filter((l) => l.includes(" × "));
    assert.deepEqual(lines, [
      "harbor-small × os-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
      "harbor-small × db-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
      "harbor-small × kg-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
      "harbor-large × os-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
      "harbor-large × db-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
      "harbor-large × kg-dev: passed 1 · failed 0 · error 0 · timeout 0 · skipped 0",
    ]);
    const config = await readFile(join(cwd, "out", "harbor-large", "db-dev", "db", "db_000", "0", "config.yaml"), "utf8");
    assert.match(config, /name: harbor-large\n/);
    assert.match(config, /Authorization: Bearer \$\{HARBOR_API_KEY\}/);
  });

  it("--dry-run writes nothing under the output folder", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "assign-run-"));
    await cp(fixtures, cwd, { recursive: true });
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd };
    assert.equal(await runAssignmentCommand("assignments/two-by-three.yaml", { runtime: "native", cacheDir: join(cwd, "cache"), dryRun: true }, io), 0);
    await assert.rejects(stat(join(cwd, "out")), { code: "ENOENT" }, "no agent-config.yaml, no pair folder");
  });

  it("is reached through `bench run --assignment`, and a config error exits 2", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "assign-run-"));
    await cp(fixtures, cwd, { recursive: true });
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, cwd, signal: new AbortController().signal };
    assert.equal(await main(["run", "--native", "--assignment", "assignments/cycle.yaml"], io), 2);
    assert.equal(err, "bench run: Invalid agentbench config:\n  cycle/b.yaml:1: from: circular reference cycle/a.yaml -> cycle/b.yaml -> cycle/a.yaml\n");
  });
});
