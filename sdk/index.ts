/**
 * bench-action: run agent benchmark scenarios (agbench-compatible JSONL + templates) in isolated
 * run folders, score them truthfully, tabulate and compare base with head.
 * @module
 */
// errors
export { BenchError, ConfigError, RunnerError, AbortedError, describeError } from "../src/errors.ts";
// shared types
export type { RunStatus, RunResult, ScoreResult, ScenarioInstance, TemplateEntry, GroundSpec, RunEvent, RunOptions, RunSummary } from "../src/types.ts";
export { RUN_STATUSES } from "../src/types.ts";
// runners
export type { Runner, RunTask, RunnerOutcome } from "../src/runners/runner.ts";
export { LogSink, DEFAULT_LOG_CAP_BYTES } from "../src/runners/log-sink.ts";
// secrets
export { maskText, maskValue, MASK } from "../src/secrets/mask.ts";
// scenario loading and expansion (core issue)
// native runner and runScenarios (core issue)
// docker runner (docker issue)
// scoring, tabulate, compare, reports (tabulate issue)
// agbenchmark / AgentBench (issue 6)
