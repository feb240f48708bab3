import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Progress, formatSeconds } from "../../src/cli/progress.ts";
import type { RunResult } from "../../src/types.ts";
import { captureIO } from "../helpers/capture-io.ts";

const result = (id: string, status: RunResult["status"]): RunResult => ({
  schema: 1, scenario: "s", id, rep: 0, status, exitCode: 0, timedOut: false, startedAt: "", finishedAt: "",
  durationMs: 1234, attempts: 1, scenarioHash: "h", image: null, runner: "fake",
});

describe("progress", () => {
  it("formats durations", () => {
    assert.deepEqual([formatSeconds(1234), formatSeconds(125_000), formatSeconds(7_260_000)], ["1.2s", "2m05s", "2h01m"]);
  });

  it("TTY: redraws one line with counts, running and ETA", () => {
    let now = 0;
    const io = captureIO({ cwd: "/", tty: true });
    const progress = new Progress(io, () => now);
    progress.onEvent({ type: "plan", total: 4, toRun: 4, resumed: 0, scenarios: ["s"] });
    progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
    now = 10_000;
    progress.onEvent({ type: "run-end", result: result("a", "failed"), done: 1, total: 4 });
    assert.ok(io.out().endsWith("\r\x1b[K[1/4] passed 0 failed 1 error 0 timeout 0 · running 0 · ETA 30.0s"));
  });

  it("plain: one line per finished run; warnings go to stderr", () => {
    const io = captureIO({ cwd: "/" });
    const progress = new Progress(io);
    progress.onEvent({ type: "warning", message: "careful" });
    progress.onEvent({ type: "plan", total: 2, toRun: 1, resumed: 1, scenarios: ["s"] });
    progress.onEvent({ type: "run-start", scenario: "s", id: "a", rep: 0, attempt: 1 });
    progress.onEvent({ type: "run-end", result: result("a", "passed"), done: 1, total: 1 });
    assert.equal(io.out(), "Plan: 2 run(s) of s; 1 already done, 1 to run\n[1/1] passed  s/a#0  1.2s\n");
    assert.equal(io.err(), "warning: careful\n");
  });
});
