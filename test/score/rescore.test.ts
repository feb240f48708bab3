import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { rescore } from "../../src/score/rescore.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

describe("rescore", () => {
  it("re-scores scored runs, keeps the runner's statuses, rewrites result.json atomically", async () => {
    const root = await tempDir("bench-rescore-");
    const a = await writeRun(root, result("s", "a", 0, { status: "failed", score: { success: false, source: "default" } }), "ANSWER 8\n");
    const b = await writeRun(root, result("s", "b", 0, { status: "timeout", timedOut: true, exitCode: null }), "ANSWER 8\n");
    const c = await writeRun(root, result("s", "c", 0, { status: "error", exitCode: null, error: "container failed to start" }), "");
    const d = await writeRun(root, result("s", "d", 0, { status: "passed", score: { success: true, source: "default" } }), "ALL TESTS PASSED !#!#\n");
    const scorer = join(root, "scorer.mjs");
    await writeFile(scorer, `import { readFileSync } from "node:fs";\nexport const score = (dir) => readFileSync(dir + "/console_log.txt", "utf8").includes("ANSWER 8");\n`);
    const summary = await rescore(root, { scorer, customTabulate: false });
    assert.deepEqual(summary, { scored: 2, kept: 2, changed: [
      { scenario: "s", id: "a", rep: 0, from: "failed", to: "passed" },
      { scenario: "s", id: "d", rep: 0, from: "passed", to: "failed" },
    ] });
    const read = async (dir: string) => JSON.parse(await readFile(join(dir, "result.json"), "utf8")) as { status: string; score?: { source?: string }; startedAt: string };
    assert.equal((await read(a)).status, "passed");
    assert.equal((await read(a)).score?.source, "scorer");
    assert.equal((await read(a)).startedAt, "2026-01-01T00:00:00.000Z");
    assert.equal((await read(b)).status, "timeout");
    assert.equal((await read(c)).status, "error");
    assert.equal((await read(d)).status, "failed");
    assert.deepEqual((await readdir(a)).sort(), ["console_log.txt", "result.json"]); // no temp files left
  });
});
