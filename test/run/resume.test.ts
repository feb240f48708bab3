import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runScenariosWith } from "../../src/run/run-scenarios.ts";
import type { RunEvent } from "../../src/types.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";
import { fakeDeps, makeScenario, tempDir } from "../helpers/fake-deps.ts";

const tasks = ["a", "b", "c", "d"].map((id) => makeScenario(id));

describe("resume", () => {
  it("after an abort mid-run: finished runs are kept untouched, interrupted ones have no result.json and are redone", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    // a and b finish; c and d block until the abort.
    // c's agent leaves a result.json of its own before it is interrupted: it must not survive as the verdict.
    const forged = JSON.stringify({ schema: 1, scenario: "suite", id: "c", rep: 0, status: "passed", exitCode: 0 });
    const first = new FakeRunner({ a: { exitCode: 0 }, b: { exitCode: 0 }, c: { block: true, files: { "result.json": forged } }, d: { block: true } });
    const events: RunEvent[] = [];
    const running = runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", {
      runner: first, cwd, parallel: 2, signal: controller.signal, onEvent: (e) => events.push(e),
    });
    await first.started(4);
    controller.abort();
    const aborted = await running;
    assert.equal(aborted.aborted, true);
    assert.deepEqual(aborted.results.map((r) => r.id), ["a", "b"]);
    assert.equal(first.closed, 1);
    assert.deepEqual(events.filter((e) => e.type === "run-interrupted").map((e) => "id" in e && e.id).sort(), ["c", "d"]);
    assert.deepEqual(events.at(-1), { type: "aborted", pending: 2 });
    assert.ok(existsSync(join(cwd, "Results/suite/c/0/console_log.txt")), "the interrupted folder is left as it was");
    assert.ok(!existsSync(join(cwd, "Results/suite/c/0/result.json")));
    assert.equal(JSON.parse(await readFile(join(cwd, "Results/run.json"), "utf8")).state, "aborted");
    const aPath = join(cwd, "Results/suite/a/0/result.json");
    const before = { text: await readFile(aPath, "utf8"), mtime: (await stat(aPath)).mtimeMs };

    const second = new FakeRunner();
    const skipped: string[] = [];
    const resumed = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", {
      runner: second, cwd, parallel: 2, onEvent: (e) => e.type === "run-skip-done" && skipped.push(e.id),
    });
    assert.deepEqual(skipped, ["a", "b"]);
    assert.equal(resumed.aborted, false);
    assert.equal(resumed.resumed, 2);
    assert.deepEqual(second.calls.map((c) => c.taskId).sort(), ["c", "d"]);
    assert.deepEqual(resumed.counts, { passed: 4, failed: 0, error: 0, timeout: 0, skipped: 0, total: 4 });
    assert.deepEqual({ text: await readFile(aPath, "utf8"), mtime: (await stat(aPath)).mtimeMs }, before);
  });

  it("an already aborted signal runs nothing and still closes the runner", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    controller.abort();
    const runner = new FakeRunner();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner, cwd, signal: controller.signal });
    assert.equal(summary.aborted, true);
    assert.equal(runner.calls.length, 0);
    assert.equal(runner.closed, 1);
  });

  it("redoes a run whose scenarioHash changed", async () => {
    const cwd = await tempDir();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd });
    const runner = new FakeRunner();
    const changed = [tasks[0], makeScenario("b", "suite", { substitutions: { "scenario.py": { __ID__: "new" } } }), tasks[2], tasks[3]].flatMap((t) => t ?? []);
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": changed } }), "x", { runner, cwd });
    assert.deepEqual(runner.calls.map((c) => c.taskId), ["b"]);
    assert.equal(summary.resumed, 3);
  });

  it("redoes bench's folders with a non-terminal or unparsable result.json, keeping the old ones in .superseded; a folder bench did not write is left alone", async () => {
    const cwd = await tempDir();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd });
    await writeFile(join(cwd, "Results/suite/a/0/result.json"), "{\"schema\":1,\"sta");
    await writeFile(join(cwd, "Results/suite/b/0/result.json"), JSON.stringify({ schema: 1, status: "running" }));
    await mkdir(join(cwd, "Results/suite/e/0"), { recursive: true });
    await writeFile(join(cwd, "Results/suite/e/0/stale.txt"), "left over");
    const runner = new FakeRunner();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [...tasks, makeScenario("e")] } }), "x", { runner, cwd });
    assert.deepEqual(runner.calls.map((c) => c.taskId), ["a", "b"]);
    assert.equal(await readFile(join(cwd, "Results/suite/e/0/stale.txt"), "utf8"), "left over", "a folder bench did not write is never removed");
    assert.deepEqual(summary.unscored?.map((u) => [u.id, u.reason]), [["e", "no console_log.txt"]]);
    assert.equal(summary.superseded, 2);
    assert.equal(JSON.parse(await readFile(join(cwd, "Results/suite/a/0/result.json"), "utf8")).status, "passed");
    const kept = join(cwd, "Results/.superseded", summary.runId, "suite/a/0/result.json");
    assert.equal(await readFile(kept, "utf8"), "{\"schema\":1,\"sta", "the old folder is kept as it was");
  });
});
