/**
 * Running scenarios: load and expand agbench scenario JSONL, run it with the native runner (or a
 * runner you pass), the run option table and its value readers, ENV files, secret masking, and the
 * errors and shared types of the whole SDK. Importing it loads the run path only (no Docker client,
 * tabulation, reports or viewer); `bench run` uses it. Everything here is also exported by the root.
 * @module
 */
// errors and shared types
export { BenchError, ConfigError, RunnerError, AbortedError, describeError } from "../src/errors.ts";
export type { RunStatus, RunResult, ScoreResult, ScenarioInstance, TemplateEntry, GroundSpec, RunEvent, RunOptions, RunSummary, VerifySpec, VerifyMode, PhaseRecord, DockerSettings } from "../src/types.ts";
export { RUN_STATUSES } from "../src/types.ts";
export type { TaskEnvironment } from "../src/types.ts";
export type { ComposeSpec, ComposeService } from "../src/harbor/compose-file.ts";
export { benchVersion } from "../src/repo-path.ts";
// scenarios: loading, expansion into run folders, the resume key
export { loadScenarios } from "../src/scenario/load-scenarios.ts";
export type { LoadScenariosOptions, LoadedScenarios } from "../src/scenario/load-scenarios.ts";
export { expandScenario } from "../src/scenario/expand-scenario.ts";
export type { ExpandOptions } from "../src/scenario/expand-scenario.ts";
export { renderRunSh, DEFAULT_COMMAND } from "../src/scenario/run-script.ts";
export { scenarioHash } from "../src/scenario/scenario-hash.ts";
export type { PlanStep } from "../src/scenario/template-plan.ts";
// running: the plan, runScenarios, the option table and its value readers
export { runScenarios, DEFAULT_TIMEOUT_S } from "../src/run/run-scenarios.ts";
export { selectTasks, inShard } from "../src/run/plan.ts";
export type { PlanOptions } from "../src/run/plan.ts";
export { RUN_OPTIONS, DEFAULT_RESULTS_DIR, resultsDirOf, type RunOptionSpec } from "../src/options/run-options.ts";
export type { ValueOption, SwitchOption, OptionCommon, OptionGroup } from "../src/options/run-options.ts";
export { optionsFromInputs, actionInputsYaml, actionDefault, checkRunOptions, flagProblem, inputProblem, readFlag } from "../src/options/option-surfaces.ts";
export { rate, seconds, count, size, points, significance, timerMs, MAX_TIMER_MS, OptionValueError } from "../src/options/values.ts";
export type { ValueKind } from "../src/options/values.ts";
// runners: the contract, the native runtime, output capture
export type { Runner, RunTask, PhaseOutcome, RunnerOutcome, VerifierTask, VerifierOutcome } from "../src/runners/runner.ts";
export { createRunner } from "../src/runners/create-runner.ts";
export { NativeRunner } from "../src/runners/native-runner.ts";
export type { NativeRunnerOptions } from "../src/runners/native-runner.ts";
export { DEFAULT_ENV_ALLOWLIST, buildChildEnv } from "../src/process/child-env.ts";
export type { ChildEnv } from "../src/process/child-env.ts";
export { VenvCache } from "../src/runners/venv-cache.ts";
export type { VenvCacheOptions } from "../src/runners/venv-cache.ts";
export { LogSink, DEFAULT_LOG_CAP_BYTES } from "../src/runners/log-sink.ts";
export type { LogSinkStats } from "../src/runners/log-sink.ts";
// ENV files and secrets
export { loadEnvFile, findDefaultEnvFile } from "../src/config/env-file.ts";
export type { LoadedEnv, EnvFileOptions } from "../src/config/env-file.ts";
export { maskText, maskValue, MASK } from "../src/secrets/mask.ts";
