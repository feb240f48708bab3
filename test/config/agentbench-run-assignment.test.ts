import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
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
});
