/**
 * Faults on the native runtime (issue 8): a results folder edited by hand, and SIGTERM to `bench run`
 * mid-run (SIGINT is covered by test/cli/run-command.test.ts and test/docker/run-scenarios.test.ts).
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { runScenarios, type RunEvent } from "../../sdk/index.ts";
import { startBench } from "./cli.ts";
import { processesWith, until } from "./proc.ts";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-faults-"));
  dirs.push(dir);
  mkdirSync(join(dir, "Tasks"));
  mkdirSync(join(dir, "T"));
  writeFileSync(join(dir, "T/readme.txt"), "t\n");
  writeFileSync(join(dir, "Tasks/s.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return dir;
}

const quick = (id: string) => ({ id, template: "../T", command: `echo "output of ${id}"; echo 'ALL TESTS PASSED !#!#'` });
const read = (dir: string, id: string, file: string) => readFileSync(join(dir, "Results/s", id, "0", file), "utf8");

describe("faults: a results folder edited by hand", () => {
  it("deleted result.json, truncated or deleted console_log.txt: resume redoes exactly those runs", async () => {
    const dir = project(["a", "b", "c", "d", "e"].map(quick));
    const first = await runScenarios("Tasks", { cwd: dir, runtime: "native" });
    assert.equal(first.counts.passed, 5);
    assert.ok(JSON.parse(read(dir, "a", "result.json")).logBytes > 0, "result.json records the log size");
    unlinkSync(join(dir, "Results/s/a/0/result.json"));
    truncateSync(join(dir, "Results/s/b/0/console_log.txt"), 5);
    unlinkSync(join(dir, "Results/s/c/0/console_log.txt"));
    writeFileSync(join(dir, "Results/s/d/0/console_log.txt"), read(dir, "d", "console_log.txt") + "edited\n");
    const kept = read(dir, "e", "result.json");

    const skipped: string[] = [];
    const resumed = await runScenarios("Tasks", { cwd: dir, runtime: "native", onEvent: (e: RunEvent) => e.type === "run-skip-done" && skipped.push(e.id) });
    assert.deepEqual(skipped, ["e"]);
    assert.deepEqual(resumed.results.map((r) => r.id).sort(), ["a", "b", "c", "d", "e"]);
    assert.equal(resumed.counts.passed, 5);
    assert.equal(read(dir, "e", "result.json"), kept, "the untouched run is not rewritten");
    for (const id of ["a", "b", "c", "d"]) {
      assert.ok(read(dir, id, "console_log.txt").includes(`output of ${id}`));
      assert.equal(JSON.parse(read(dir, id, "result.json")).logBytes, Buffer.byteLength(read(dir, id, "console_log.txt")));
    }
  });
});

describe("faults: SIGTERM to `bench run` (native)", () => {
  it("exit 130, 0 orphan processes, finished result.json intact, the resume completes the rest", async () => {
    const marker = `30${randomInt(1000, 9999)}.${randomInt(100000, 999999)}`;
    const slow = (id: string) => ({ id, template: "../T", command: `echo started; sleep ${marker}; echo 'ALL TESTS PASSED !#!#'`, timeout: 120 });
    const dir = project([quick("q1"), quick("q2"), slow("s1"), slow("s2")]);
    const run = startBench(["run", "Tasks", "--native", "-p", "2"], dir);
    after(() => void run.child.kill("SIGKILL"));
    await until(() => processesWith(`sleep ${marker}`).length === 2, 30_000, "both sleeps to start");
    const finished = ["q1", "q2"].map((id) => read(dir, id, "result.json"));
    run.child.kill("SIGTERM");
    const exit = await run.done;
    assert.equal(exit.code, 130, exit.stderr);
    assert.ok(exit.stderr.includes("SIGTERM received, stopping runs"), exit.stderr);
    await until(() => processesWith(`sleep ${marker}`).length === 0, 5_000, "the sleeps to be gone");
    assert.deepEqual(["q1", "q2"].map((id) => read(dir, id, "result.json")), finished);
    assert.ok(!existsSync(join(dir, "Results/s/s1/0/result.json")) && !existsSync(join(dir, "Results/s/s2/0/result.json")));

    writeFileSync(join(dir, "Tasks/s.jsonl"), [quick("q1"), quick("q2"), quick("s1"), quick("s2")].map((l) => JSON.stringify(l)).join("\n") + "\n");
    const resumed = await runScenarios("Tasks", { cwd: dir, runtime: "native" });
    assert.equal(resumed.resumed, 2);
    assert.deepEqual(resumed.results.filter((r) => r.id.startsWith("s")).map((r) => [r.id, r.status]).sort(), [["s1", "passed"], ["s2", "passed"]]);
  });
});
