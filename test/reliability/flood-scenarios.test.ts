/**
 * Scenario flood (issue 8): 10 000 tiny scenarios loaded from one JSONL, each expanded into its run
 * folder, given a result.json, then tabulated: bounded memory and no file-descriptor leak. (Running
 * 10 000 runs natively takes ~5 min on 2 cores, over this suite's budget; the runner path is covered
 * by the other suites.)
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expandScenario, loadScenarios, tabulate, writeResult, type RunResult } from "../../sdk/index.ts";

const COUNT = 10_000;
const dir = mkdtempSync(join(process.env.BENCH_FUZZ_TMP ?? "/dev/shm", "bench-flood10k-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const fds = () => readdirSync("/proc/self/fd").length;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

describe("floods: 10 000 tiny scenarios", () => {
  it("load, expand and tabulate 10 000 runs: fds back to where they were, RSS growth bounded", async () => {
    mkdirSync(join(dir, "Tasks"));
    mkdirSync(join(dir, "T"));
    writeFileSync(join(dir, "T/scenario.py"), "print('__ANSWER__')\n");
    const lines = Array.from({ length: COUNT }, (_, i) => JSON.stringify({ id: `t${i}`, template: "../T", substitutions: { "scenario.py": { __ANSWER__: String(i) } } }));
    writeFileSync(join(dir, "Tasks/tiny.jsonl"), lines.join("\n") + "\n");
    const fdBefore = fds();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = Date.now();

    const { scenarios } = await loadScenarios("Tasks", { cwd: dir, globalTemplate: null });
    assert.equal(scenarios.length, COUNT);
    const now = new Date().toISOString();
    for (const [i, scenario] of scenarios.entries()) {
      const runDir = join(dir, "Results", scenario.scenario, scenario.id, "0");
      await expandScenario(scenario, runDir, { globalTemplate: null });
      writeFileSync(join(runDir, "console_log.txt"), `${i}\n`);
      const result: RunResult = {
        schema: 1, scenario: scenario.scenario, id: scenario.id, rep: 0, status: i % 3 === 0 ? "failed" : "passed",
        exitCode: 0, timedOut: false, startedAt: now, finishedAt: now, durationMs: 1, attempts: 1,
        scenarioHash: "x", image: null, runner: "native",
      };
      await writeResult(runDir, result);
      if (i % 1000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const expanded = Date.now();
    const tabulation = await tabulate(join(dir, "Results"));
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    const fdAfter = fds();
    console.log(`# 10 000 scenarios: expand ${((expanded - started) / 1000).toFixed(1)} s, tabulate ${((Date.now() - expanded) / 1000).toFixed(1)} s; fds ${fdBefore} -> ${fdAfter}; RSS ${mb(rssBefore)} -> peak ${mb(rssPeak)} MB`);
    const suite = tabulation.suites[0]!;
    assert.equal(suite.rows.length, COUNT);
    assert.equal(suite.tasks, COUNT);
    assert.equal(suite.counts.passed, COUNT - Math.ceil(COUNT / 3));
    assert.ok(fdAfter <= fdBefore, `file descriptors leaked: ${fdBefore} -> ${fdAfter}`);
    assert.ok(rssPeak - rssBefore < 300 * 1024 * 1024, `RSS grew by ${mb(rssPeak - rssBefore)} MB`);
  });
});
