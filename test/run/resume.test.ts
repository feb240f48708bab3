import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
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

  it("after a crash (kill -9) mid-run: a result.json the agent left, even one bench would accept, is dropped and the run redone", async () => {
    // What a genuine verdict for c looks like (right hash, right log size), learnt from a clean run.
    const clean = await tempDir();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner({ c: { exitCode: 1 } }), cwd: clean });
    const genuine = JSON.parse(await readFile(join(clean, "Results/suite/c/0/result.json"), "utf8")) as { status: string };
    assert.notEqual(genuine.status, "passed");
    const forged = JSON.stringify({ ...genuine, status: "passed", exitCode: 0 });

    const cwd = await tempDir();
    const controller = new AbortController();
    const first = new FakeRunner({ c: { exitCode: 1, block: true, files: { "result.json": forged } } });
    const running = runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: first, cwd, parallel: 4, signal: controller.signal });
    await first.started(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The state a kill -9 leaves: copied while c's agent is still running, before any clean-up.
    const crashed = await tempDir();
    await cp(join(cwd, "Results"), join(crashed, "Results"), { recursive: true });
    await rm(join(crashed, "Results/.lock"), { force: true });
    controller.abort();
    await running;
    assert.ok(existsSync(join(crashed, "Results/suite/c/0/result.json")), "the agent's result.json is there after the crash");

    const second = new FakeRunner({ c: { exitCode: 1 } });
    const events: RunEvent[] = [];
    const resumed = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: second, cwd: crashed, onEvent: (e) => events.push(e) });
    assert.deepEqual(second.calls.map((c) => c.taskId), ["c"]);
    assert.equal(resumed.results.find((r) => r.id === "c")?.status, genuine.status);
    assert.ok(events.some((e) => e.type === "warning" && /1 run\(s\) were cut short by a crash .*suite\/c\/0/.test(e.message)));
    assert.ok(!existsSync(join(crashed, "Results/.inflight")), "no record is left once every run ended");
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
