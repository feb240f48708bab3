import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runScenariosWith } from "../../src/run/run-scenarios.ts";
import type { RunEvent } from "../../src/types.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";
import { fakeDeps, makeScenario, tempDir } from "../helpers/fake-deps.ts";

const five = ["pass", "fail", "crash", "slow", "broken"].map((id) => makeScenario(id, "demo"));
const script = {
  pass: { exitCode: 0 },
  fail: { exitCode: 0, sentinel: false },
  crash: { exitCode: 3 },
  slow: { timedOut: true },
  broken: { exitCode: null, error: "container failed to start" },
};

describe("runScenarios outcomes", () => {
  it("records every outcome as a result with its status, not an exception", async () => {
    const cwd = await tempDir();
    const runner = new FakeRunner(script);
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": five } }), "x.jsonl", { runner, cwd });
    assert.deepEqual(summary.results.map((r) => [r.id, r.status]), [
      ["pass", "passed"], ["fail", "failed"], ["crash", "error"], ["slow", "timeout"], ["broken", "error"],
    ]);
    assert.deepEqual(summary.counts, { passed: 1, failed: 1, error: 2, timeout: 1, skipped: 0, total: 5 });
    assert.equal(summary.results[2]?.error, "exit code 3");
    assert.equal(summary.results[3]?.error, "timed out after 7200 s");
    assert.equal(summary.results[4]?.error, "container failed to start");
    assert.equal(runner.closed, 1);
    const onDisk = JSON.parse(await readFile(join(cwd, "Results/demo/pass/0/result.json"), "utf8"));
    assert.equal(onDisk.schema, 1);
    assert.equal(onDisk.status, "passed");
    assert.equal(onDisk.runner, "fake");
    assert.equal(onDisk.attempts, 1);
    assert.deepEqual(Object.keys(onDisk).slice(0, 14), [
      "schema", "scenario", "id", "rep", "status", "exitCode", "timedOut", "startedAt", "finishedAt", "durationMs",
      "attempts", "scenarioHash", "image", "runner",
    ]);
  });

  it("records a runner that throws as an error result", async () => {
    const cwd = await tempDir();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("t")] } }), "x", {
      runner: new FakeRunner({ t: { throws: "spawn sh ENOENT" } }), cwd,
    });
    assert.equal(summary.results[0]?.status, "error");
    assert.equal(summary.results[0]?.error, "spawn sh ENOENT");
  });

  it("uses the scenario timeout over the default, and options.timeout only as the default", async () => {
    const cwd = await tempDir();
    const runner = new FakeRunner();
    await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("a", "s", { timeout: 2 }), makeScenario("b")] } }), "x", { runner, cwd, timeout: 30 });
    assert.deepEqual(runner.calls.map((c) => [c.taskId, c.timeoutMs]), [["a", 2000], ["b", 30000]]);
  });

  it("scores with a custom scorer given relative to cwd", async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, "my-scorer.mjs"), "export function score(runDir) { return { success: false, score: 0.25, reason: 'half wrong' }; }\n");
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("t")] } }), "x", { runner: new FakeRunner(), cwd, scorer: "my-scorer.mjs" });
    assert.equal(summary.results[0]?.status, "failed");
    assert.equal(summary.results[0]?.score?.score, 0.25);
    assert.equal(summary.results[0]?.score?.reason, "half wrong");
  });

  it("copies category, difficulty and suite into result.json", async () => {
    const cwd = await tempDir();
    const s = makeScenario("t", "s", { category: ["code"], difficulty: "novice", suite: "TestX" });
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [s] } }), "x", { runner: new FakeRunner(), cwd });
    assert.deepEqual([summary.results[0]?.category, summary.results[0]?.difficulty, summary.results[0]?.suite], [["code"], "novice", "TestX"]);
  });

  it("runs repeat × tasks into <results>/<scenario>/<id>/<rep>/", async () => {
    const cwd = await tempDir();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("a"), makeScenario("b")] } }), "x", {
      runner: new FakeRunner(), cwd, repeat: 3, resultsDir: "out",
    });
    assert.equal(summary.counts.passed, 6);
    assert.deepEqual(await readdir(join(cwd, "out/suite/a")), ["0", "1", "2"]);
    assert.equal(summary.resultsDir, join(cwd, "out"));
  });
});

describe("runScenarios pool and retries", () => {
  it("never runs more than `parallel` units at once, and uses all of them", async () => {
    const cwd = await tempDir();
    const tasks = Array.from({ length: 12 }, (_, i) => makeScenario(`t${i}`));
    const runner = new FakeRunner({ "*": { exitCode: 0, delayMs: 15 } });
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner, cwd, parallel: 3 });
    assert.equal(summary.counts.passed, 12);
    assert.equal(runner.maxRunning, 3);
  });

  it("reruns error and timeout runs up to retryErrors more times, recording attempts", async () => {
    const cwd = await tempDir();
    const deps = fakeDeps({ inputs: { "*": [makeScenario("flaky"), makeScenario("dead"), makeScenario("late"), makeScenario("wrong")] } });
    const runner = new FakeRunner({
      flaky: [{ exitCode: 1 }, { exitCode: 0 }],
      dead: { exitCode: 2 },
      late: { timedOut: true },
      wrong: { exitCode: 0, sentinel: false },
    });
    const summary = await runScenariosWith(deps, "x", { runner, cwd, retryErrors: 2 });
    assert.deepEqual(summary.results.map((r) => [r.id, r.status, r.attempts]), [
      ["flaky", "passed", 2], ["dead", "error", 3], ["late", "timeout", 3], ["wrong", "failed", 1],
    ]);
    assert.equal(deps.expanded.length, 9, "each attempt starts from a fresh expansion");
  });
});

describe("runScenarios dry run, events and manifest", () => {
  it("dry run returns the plan and writes nothing", async () => {
    const cwd = await tempDir();
    const runner = new FakeRunner();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("a"), makeScenario("b")] } }), "x", {
      runner, cwd, repeat: 2, dryRun: true,
    });
    assert.equal(summary.dryRun, true);
    assert.deepEqual(summary.plan, [
      { scenario: "suite", id: "a", rep: 0 }, { scenario: "suite", id: "a", rep: 1 },
      { scenario: "suite", id: "b", rep: 0 }, { scenario: "suite", id: "b", rep: 1 },
    ]);
    assert.equal(runner.calls.length, 0);
    assert.deepEqual(await readdir(cwd), []);
  });

  it("emits plan, run-start and run-end events in order", async () => {
    const cwd = await tempDir();
    const events: RunEvent[] = [];
    await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("a")] } }), "x", { runner: new FakeRunner(), cwd, onEvent: (e) => events.push(e) });
    const types = events.map((e) => e.type);
    assert.deepEqual(types, ["plan", "run-start", "run-end"]);
    assert.deepEqual(events[0], { type: "plan", total: 1, toRun: 1, resumed: 0, scenarios: ["suite"] });
  });

  it("writes run.json with env keys only: no secret value anywhere in it or in result.json", async () => {
    const cwd = await tempDir();
    const canary = "sk-CANARY-0123456789";
    const deps = fakeDeps({ inputs: { "*": [makeScenario("t")] }, env: { OPENAI_API_KEY: canary, MODEL: "gpt" }, secrets: [canary] });
    const runner = new FakeRunner({ t: { exitCode: 1 } });
    const summary = await runScenariosWith(deps, "x", { runner, cwd, filter: "^t$", docker: { user: canary }, hostEnv: { OPENAI_API_KEY: canary } });
    assert.equal(runner.calls[0]?.env.OPENAI_API_KEY, canary, "the run itself gets the value");
    const manifestText = await readFile(join(cwd, "Results/run.json"), "utf8");
    assert.ok(!manifestText.includes(canary));
    const manifest = JSON.parse(manifestText);
    assert.deepEqual(manifest.envKeys, ["MODEL", "OPENAI_API_KEY"]);
    assert.equal(manifest.state, "finished");
    assert.equal(manifest.runId, summary.runId);
    assert.equal(manifest.runner, "fake");
    assert.deepEqual(manifest.counts, { passed: 0, failed: 0, error: 1, timeout: 0, skipped: 0, total: 1, resumed: 0 });
    assert.equal(manifest.host.node, process.version);
    assert.equal(typeof manifest.scenarios[0].hashes.t, "string");
    assert.equal(manifest.options.hostEnv, undefined);
    assert.deepEqual(manifest.options.docker, { user: "***" });
    assert.equal(manifest.options.filter, "^t$");
    assert.ok(!existsSync(join(cwd, "Results/suite/t/0/result.json.tmp")));
  });

  it("records the commit of the working folder's checkout in run.json, or the one given", async () => {
    const cwd = await tempDir();
    const sha = "0123456789abcdef0123456789abcdef01234567";
    await mkdir(join(cwd, ".git", "refs", "heads"), { recursive: true });
    await writeFile(join(cwd, ".git", "HEAD"), "ref: refs/heads/main\n");
    await writeFile(join(cwd, ".git", "refs", "heads", "main"), `${sha}\n`);
    const run = async (options: { commit?: string }) => {
      await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("t")] } }), "x", { runner: new FakeRunner(), cwd, ...options });
      return JSON.parse(await readFile(join(cwd, "Results/run.json"), "utf8")).commit as unknown;
    };
    assert.equal(await run({}), sha);
    assert.equal(await run({ commit: "feedface" }), "feedface");
    const outside = await tempDir();
    await runScenariosWith(fakeDeps({ inputs: { "*": [makeScenario("t")] } }), "x", { runner: new FakeRunner(), cwd: outside });
    assert.equal("commit" in JSON.parse(await readFile(join(outside, "Results/run.json"), "utf8")), false);
  });

  it("masks secrets in result.json strings", async () => {
    const cwd = await tempDir();
    const canary = "hunter2-SECRET-value";
    const deps = fakeDeps({ inputs: { "*": [makeScenario("t")] }, env: { TOKEN: canary }, secrets: [canary] });
    const summary = await runScenariosWith(deps, "x", { runner: new FakeRunner({ t: { error: `bad token ${canary}` } }), cwd });
    assert.equal(summary.results[0]?.error, "bad token ***");
    assert.ok(!(await readFile(join(cwd, "Results/suite/t/0/result.json"), "utf8")).includes(canary));
  });

  it("rejects bad options with every issue listed", async () => {
    await assert.rejects(runScenariosWith(fakeDeps(), "x", { parallel: 0, retryErrors: -1, timeout: 0 }), {
      message: "Invalid options:\n  parallel: must be a whole number ≥ 1, got 0\n  timeout: must be a number of seconds > 0 (e.g. 600 or 1.5), got 0\n  retryErrors: must be a whole number ≥ 0, got -1",
    });
  });
});
