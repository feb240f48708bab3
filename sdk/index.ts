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
/** Runs each task in a fresh container (run folder at /workspace), killed on timeout, always removed. */
export { DockerRunner } from "../src/runners/docker-runner.ts";
export type { DockerRunnerOptions } from "../src/runners/docker-runner.ts";
/** Kills and removes containers labelled bench-action.run-id (one run's, or all); returns the count. */
export { cleanContainers } from "../src/runners/docker/cleanup.ts";
/** Docker client honouring DOCKER_HOST; engine check throwing a RunnerError that suggests --native. */
export { connectDocker, checkEngine, engineAddress } from "../src/runners/docker/engine.ts";
/** Container labels set on every run's container. */
export { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK } from "../src/runners/docker/container-config.ts";
// scoring, tabulate, compare, reports (tabulate issue)
// agbenchmark / AgentBench (issue 6)
