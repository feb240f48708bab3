/** Builds ScenarioInstance values for the selection tests. */
import type { RunResult, ScenarioInstance } from "../../src/types.ts";

let line = 0;

export function task(id: string, fields: Partial<ScenarioInstance> = {}): ScenarioInstance {
  line += 1;
  return {
    id,
    template: "t",
    substitutions: {},
    scenario: "suite",
    source: { file: "Tasks/suite.jsonl", line },
    baseDir: "Tasks",
    extra: {},
    ...fields,
  };
}

export function resetLines(): void {
  line = 0;
}

export function result(id: string, status: RunResult["status"], fields: Partial<RunResult> = {}): RunResult {
  return {
    schema: 1, scenario: "suite", id, rep: 0, status, exitCode: 0, timedOut: false,
    startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", durationMs: 1000,
    attempts: 1, scenarioHash: "h", image: null, runner: "fake", ...fields,
  };
}
