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
/** Run scenario JSONL files/folders/stdin into Results/, resuming finished runs; outcomes are data. */
export { runScenarios, DEFAULT_TIMEOUT_S } from "../src/run/run-scenarios.ts";
/** The default runner for options: NativeRunner for runtime "native", DockerRunner otherwise (loaded lazily). */
export { createRunner } from "../src/runners/create-runner.ts";
/** Native runtime: sh run.sh in its own process group, killed on timeout, allowlisted env. */
export { NativeRunner } from "../src/runners/native-runner.ts";
export type { NativeRunnerOptions } from "../src/runners/native-runner.ts";
/** result.json: atomic write (masked), read (undefined unless terminal), done check against a scenarioHash. */
export { readResult, writeResult, isDone, RESULT_FILE } from "../src/results/result-file.ts";
/** Results/run.json manifest. */
export { MANIFEST_FILE } from "../src/results/manifest.ts";
export type { RunManifest } from "../src/results/manifest.ts";
/** Plan helpers: the tasks an invocation runs (filter, seeded subsample, shard) and the shard of a task. */
export { selectTasks, inShard } from "../src/run/plan.ts";
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
