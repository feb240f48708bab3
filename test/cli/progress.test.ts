import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Progress, formatSeconds } from "../../src/cli/progress.ts";
import { failureList } from "../../src/cli/run-failures.ts";
import { notPassedReason as failureReason } from "../../src/results/not-passed.ts";
import type { RunResult, RunSummary } from "../../src/types.ts";
import { captureIO } from "../helpers/capture-io.ts";

const result = (id: string, status: RunResult["status"], extra: Partial<RunResult> = {}): RunResult => ({
  schema: 1, scenario: "s", id, rep: 0, status, exitCode: 0, timedOut: false, startedAt: "", finishedAt: "",
  durationMs: 1234, attempts: 1, scenarioHash: "h", image: null, runner: "fake", ...extra,
});

const summaryOf = (results: RunResult[], resultsDir = "/p/Results"): RunSummary => {
  const counts = { passed: 0, failed: 0, error: 0, timeout: 0, skipped: 0, total: results.length };
  for (const r of results) counts[r.status]++;
  return { runId: "r", resultsDir, results, counts, resumed: 0, aborted: false, dryRun: false, plan: [] };
};

describe("progress", () => {
  it("formats durations", () => {
    assert.deepEqual([formatSeconds(1234), formatSeconds(125_000), formatSeconds(7_260_000)], ["1.2s", "2m05s", "2h01m"]);
  });

  it("TTY: a live view (bar, running tasks with elapsed times) redrawn in place; failures printed above it as they happen", () => {
    let now = 0;
    const io = captureIO({ cwd: "/", tty: true });
    const progress = new Progress(io, { now: () => now, tick: false });
    progress.onEvent({ type: "plan", total: 4, toRun: 4, resumed: 0, scenarios: ["s"] });
    progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
    now = 2_000;
    progress.onEvent({ type: "run-start", scenario: "s", id: "b", rep: 0, attempt: 1 });
    assert.ok(io.out().endsWith("\r\x1b[1A\x1b[J[0/4] passed 0 failed 0 error 0 timeout 0 · running 2 · 2.0s\n    2.0s  s/a#0\n    0.0s  s/b#0"), JSON.stringify(io.out()));
    now = 10_000;
    const before = io.out().length;
    progress.onEvent({ type: "run-end", result: result("a", "failed", { score: { success: false, source: "grounds", reason: 'out.txt lacks "42"' } }), done: 1, total: 4 });
    // erase the 3-line view, print the failure, redraw the view (one task left running)
    assert.equal(io.out().slice(before),
      "\r\x1b[2A\x1b[J[1/4] failed  s/a#0  1.2s  out.txt lacks \"42\"\n" +
      "[1/4] passed 0 failed 1 error 0 timeout 0 · running 1 · 10.0s · ETA 30.0s\n    8.0s  s/b#0");
    const mid = io.out().length;
    progress.onEvent({ type: "run-end", result: result("b", "passed"), done: 2, total: 4 });
    assert.equal(io.out().slice(mid), "\r\x1b[1A\x1b[J[2/4] passed 1 failed 1 error 0 timeout 0 · running 0 · 10.0s · ETA 10.0s", "a pass is not printed, only counted");
    const end = io.out().length;
    progress.finish(summaryOf([result("a", "failed", { score: { success: false, source: "grounds", reason: 'out.txt lacks "42"' } }), result("b", "passed")]));
    assert.equal(io.out().slice(end),
      "\r\x1b[J" +
      "Not passed (1):\n  failed  s/a#0: out.txt lacks \"42\" (log: p/Results/s/a/0/console_log.txt)\n" +
      "passed 1 · failed 1 · error 0 · timeout 0 · skipped 0 (total 2, 0 resumed)\nResults: /p/Results\n");
  });

  it("TTY: lists at most what fits and counts the rest", () => {
    const io = captureIO({ cwd: "/", tty: true });
    Object.assign(io.stdout, { rows: 6 });
    const progress = new Progress(io, { now: () => 0, tick: false });
    progress.onEvent({ type: "plan", total: 9, toRun: 9, resumed: 0, scenarios: ["s"] });
    for (const id of ["a", "b", "c", "d", "e"]) progress.onEvent({ type: "run-start", scenario: "s", id, rep: 0, attempt: 1 });
    assert.ok(io.out().endsWith("running 5 · 0.0s\n    0.0s  s/a#0\n    0.0s  s/b#0\n  … and 3 more running"), JSON.stringify(io.out()));
  });

  it("TTY: the view redraws itself every second (elapsed times move without events)", async () => {
    let now = 0;
    const io = captureIO({ cwd: "/", tty: true });
    const progress = new Progress(io, { now: () => now });
    progress.onEvent({ type: "plan", total: 1, toRun: 1, resumed: 0, scenarios: ["s"] });
    progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
    now = 5_000;
    await new Promise((done) => setTimeout(done, 1_100));
    progress.stop();
    assert.ok(io.out().endsWith("running 1 · 5.0s\n    5.0s  s/a#0\r\x1b[1A\x1b[J"), JSON.stringify(io.out()));
  });

  it("plain: one line per finished run, with the reason when it did not pass; warnings go to stderr", () => {
    const io = captureIO({ cwd: "/" });
    const progress = new Progress(io);
    progress.onEvent({ type: "warning", message: "careful" });
    progress.onEvent({ type: "plan", total: 3, toRun: 2, resumed: 1, scenarios: ["s"] });
    progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
    progress.onEvent({ type: "run-end", result: result("a", "passed"), done: 1, total: 2 });
    progress.onEvent({ type: "run-end", result: result("b", "timeout", { timedOut: true, error: "timed out after 2 s" }), done: 2, total: 2 });
    assert.equal(io.out(), "Plan: 3 run(s) of s; 1 already done, 2 to run\n[1/2] passed  s/a#0  1.2s\n[2/2] timeout s/b#0  1.2s  timed out after 2 s\n");
    assert.equal(io.err(), "warning: careful\n");
  });

  it("quiet: nothing until the end, then the failures and counts; verbose: every start too", () => {
    const quiet = captureIO({ cwd: "/", tty: true });
    const verbose = captureIO({ cwd: "/" });
    const progressQ = new Progress(quiet, { verbosity: "quiet" });
    const progressV = new Progress(verbose, { verbosity: "verbose" });
    for (const progress of [progressQ, progressV]) {
      progress.onEvent({ type: "notice", message: "using ./ENV.yaml" });
      progress.onEvent({ type: "plan", total: 1, toRun: 1, resumed: 0, scenarios: ["s"] });
      progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
      progress.onEvent({ type: "run-end", result: result("a", "error", { exitCode: 3, error: "exit code 3" }), done: 1, total: 1 });
      progress.finish(summaryOf([result("a", "error", { exitCode: 3, error: "exit code 3" })], "/Results"));
    }
    const end = "Not passed (1):\n  error   s/a#0: exit code 3 (log: Results/s/a/0/console_log.txt)\n" +
      "passed 0 · failed 0 · error 1 · timeout 0 · skipped 0 (total 1, 0 resumed)\nResults: /Results\n";
    assert.equal(quiet.out(), end);
    assert.equal(quiet.err(), "");
    assert.equal(verbose.out(), "Plan: 1 run(s) of s; 0 already done, 1 to run\nstart s/a#0\n[1/1] error   s/a#0  1.2s  exit code 3\n" + end);
    assert.equal(verbose.err(), "note: using ./ENV.yaml\n");
  });
});

describe("the list of runs that did not pass", () => {
  it("gives each a one-line reason and its log path, capped with 'and N more'", () => {
    const results = [
      result("ok", "passed"), result("skip", "skipped", { reason: "dependency x failed" }),
      ...Array.from({ length: 12 }, (_, i) => result(`f${i}`, "failed", { score: { success: false, source: "default", reason: 'no "ALL TESTS PASSED !#!#" in the log' } })),
      result("multi", "error", { error: "container failed to start:\nno such image\nmore" }),
    ];
    const lines = failureList(summaryOf(results, "/p/Results"), "/p");
    assert.equal(lines[0], "Not passed (13):");
    assert.equal(lines[1], '  failed  s/f0#0: no "ALL TESTS PASSED !#!#" in the log (log: Results/s/f0/0/console_log.txt)');
    assert.equal(lines.length, 12);
    assert.equal(lines[11], "  … and 3 more (bench tabulate Results lists every run; --verbose lists them here)");
    assert.equal(failureList(summaryOf(results), "/p", Number.POSITIVE_INFINITY).at(-1), "  error   s/multi#0: container failed to start: (log: Results/s/multi/0/console_log.txt)");
    assert.deepEqual(failureList(summaryOf([result("ok", "passed")]), "/p"), []);
  });

  it("reasons: the error, else the score's reason, else the exit code; long ones cut", () => {
    assert.equal(failureReason(result("a", "error", { exitCode: 2 })), "exit code 2");
    assert.equal(failureReason(result("a", "failed", { error: "x".repeat(300) })).length, 160);
  });
});
