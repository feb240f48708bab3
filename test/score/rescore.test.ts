import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runScenariosWith } from "../../src/run/run-scenarios.ts";
import { rescore } from "../../src/score/rescore.ts";
import { fakeDeps, makeScenario } from "../helpers/fake-deps.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";
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

  it("a capped log that lost the sentinel keeps the verdict the run saw on the full stream", async () => {
    const cwd = await tempDir("bench-rescore-cap-");
    // The sentinel in the middle of 300 KB of output, with a 64 KiB cap: neither the head nor the tail keeps it.
    const output = `${"x".repeat(1023)}\n`.repeat(100) + "executor> ALL TESTS PASSED !#!#\n" + `${"y".repeat(1023)}\n`.repeat(200);
    const runner = new FakeRunner({ "*": { output } });
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("flood", "s")] } }), "x", { runner, cwd, logCapBytes: 64 * 1024 });
    assert.equal(summary.results[0]?.status, "passed");
    const dir = join(cwd, "Results/s/flood/0");
    assert.doesNotMatch(await readFile(join(dir, "console_log.txt"), "utf8"), /ALL TESTS PASSED/, "the cap dropped the sentinel");
    assert.equal(JSON.parse(await readFile(join(dir, "result.json"), "utf8")).sentinelSeen, true);
    const again = await rescore(join(cwd, "Results"), { customTabulate: false });
    assert.deepEqual(again.changed, [], "bench score keeps passed");
    assert.equal(JSON.parse(await readFile(join(dir, "result.json"), "utf8")).status, "passed");
  });
});
