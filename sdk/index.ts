/**
 * bench-action: run agent benchmark scenarios (agbench-compatible JSONL + templates) in isolated
 * run folders, score them truthfully, tabulate and compare base with head.
 * @module
 */
// errors
export { BenchError, ConfigError, RunnerError, AbortedError, describeError } from "../src/errors.ts";
// shared types
export type { RunStatus, RunResult, ScoreResult, ScenarioInstance, TemplateEntry, GroundSpec, RunEvent, RunOptions, RunSummary, VerifySpec, VerifyMode, PhaseRecord, DockerSettings } from "../src/types.ts";
export { RUN_STATUSES } from "../src/types.ts";
// runners
export type { Runner, RunTask, RunnerOutcome, VerifierTask, VerifierOutcome } from "../src/runners/runner.ts";
/** Reads a verifier's reward.txt / reward.json (docs/verifier.md). */
export { readReward } from "../src/verify/reward.ts";
export type { RewardRead } from "../src/verify/reward.ts";
export { LogSink, DEFAULT_LOG_CAP_BYTES } from "../src/runners/log-sink.ts";
// secrets
export { maskText, maskValue, MASK } from "../src/secrets/mask.ts";
// scenario loading and expansion (core issue)
/** Load and validate agbench scenario JSONL (files, folders of *.jsonl, "-" for stdin); one ConfigError lists every issue. */
export { loadScenarios } from "../src/scenario/load-scenarios.ts";
export type { LoadScenariosOptions, LoadedScenarios } from "../src/scenario/load-scenarios.ts";
/** Expand one scenario into a run folder atomically: global template, template, substitutions, config.yaml, run.sh. */
export { expandScenario } from "../src/scenario/expand-scenario.ts";
export type { ExpandOptions } from "../src/scenario/expand-scenario.ts";
/** The POSIX sh run.sh text (agbench markers, real exit code, timestamp.txt); DEFAULT_COMMAND when a scenario has none. */
export { renderRunSh, DEFAULT_COMMAND } from "../src/scenario/run-script.ts";
/** sha256 over the normalised scenario and every byte its expansion would copy (resume key). */
export { scenarioHash } from "../src/scenario/scenario-hash.ts";
// loadEnvFile / findDefaultEnvFile (src/config/env-file.ts) are exported below under "env files".
// native runner and runScenarios (core issue)
/** Run scenario JSONL files/folders/stdin into Results/, resuming finished runs; outcomes are data. */
export { runScenarios, DEFAULT_TIMEOUT_S } from "../src/run/run-scenarios.ts";
/** The run option table: every `bench run` flag / Action input / RunOptions field, its kind, default and help. */
export { RUN_OPTIONS, type RunOptionSpec } from "../src/options/run-options.ts";
/** The surfaces made from the run option table: Action inputs → RunOptions, action.yml's run inputs, the SDK check. */
export { optionsFromInputs, actionInputsYaml, actionDefault, checkRunOptions } from "../src/options/option-surfaces.ts";
/** How option values are read everywhere: counts, durations, rates, sizes; `timerMs` clamps to Node's timer limit. */
export { rate, seconds, count, size, timerMs, MAX_TIMER_MS, OptionValueError } from "../src/options/values.ts";
/** The default runner for options: NativeRunner for runtime "native", DockerRunner otherwise (loaded lazily). */
export { createRunner } from "../src/runners/create-runner.ts";
/** Native runtime: sh run.sh in its own process group, killed on timeout, allowlisted env. */
export { NativeRunner } from "../src/runners/native-runner.ts";
export type { NativeRunnerOptions } from "../src/runners/native-runner.ts";
/** Host variables a native run inherits by default (PATH, HOME, LANG, …); everything else comes from ENV.yaml. */
export { DEFAULT_ENV_ALLOWLIST } from "../src/runners/child-env.ts";
/** Python venvs for native runs, built once per requirements content (temp folder + rename). */
export { VenvCache } from "../src/runners/venv-cache.ts";
export type { VenvCacheOptions } from "../src/runners/venv-cache.ts";
/** result.json: atomic write (masked), read (undefined unless terminal), done check against a scenarioHash. */
export { readResult, writeResult, isDone, RESULT_FILE } from "../src/results/result-file.ts";
/** Run folders kept when redone: list them, or delete them all (`bench clean --superseded`). */
export { listSuperseded, removeSuperseded, SUPERSEDED_DIR } from "../src/results/superseded.ts";
/** agbench's remove_missing: runs without results moved to .superseded so the next run redoes them. */
export { removeMissing } from "../src/results/remove-missing.ts";
export type { MissingRun } from "../src/results/remove-missing.ts";
export type { SupersededEntry, SupersededNote } from "../src/results/superseded.ts";
/** One writer per Results folder: `<results>/.lock`; ResultsBusyError names its holder. */
export { acquireResultsLock, ResultsBusyError, LOCK_FILE } from "../src/results/results-lock.ts";
export type { ResultsLock, LockInfo } from "../src/results/results-lock.ts";
/** Results/run.json manifest. */
export { MANIFEST_FILE, benchVersion } from "../src/results/manifest.ts";
export type { RunManifest } from "../src/results/manifest.ts";
/** Plan helpers: the tasks an invocation runs (filter, seeded subsample, shard) and the shard of a task. */
export { selectTasks, inShard } from "../src/run/plan.ts";
// docker runner (docker issue)
/** Runs each task in a fresh container (run folder at /workspace), killed on timeout, always removed. */
export { DockerRunner } from "../src/runners/docker-runner.ts";
export type { DockerRunnerOptions } from "../src/runners/docker-runner.ts";
/** The Docker types at the public surface (no @types/dockerode needed by consumers): a dockerode `Docker` is a DockerClient. */
export type { DockerClient, ContainerInspection, DockerImages } from "../src/runners/docker/public-types.ts";
/** Kills and removes containers labelled bench-action.run-id (one run's, or all); returns the count. */
export { cleanContainers } from "../src/runners/docker/cleanup.ts";
/** Docker client honouring DOCKER_HOST; engine check throwing a RunnerError that suggests --native. */
export { connectDocker, checkEngine, engineAddress } from "../src/runners/docker/engine.ts";
/** The Debian-built python image (scripts/docker-setup.sh); `bench tabulate` runs custom_tabulate.py in it by default. */
export { LOCAL_BASE_IMAGE } from "../src/runners/docker/base-images.ts";
/** Container labels set on every run's container. */
export { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK } from "../src/runners/docker/labels.ts";
/** docker.workspace "auto" → "copy" for a remote engine (DOCKER_HOST tcp/http(s)/ssh, host/port client), else "bind" (docs/docker.md). */
export { workspaceMode, isRemoteEngine } from "../src/runners/docker/workspace-mode.ts";
export type { WorkspaceMode, WorkspaceSetting } from "../src/runners/docker/workspace-mode.ts";
// scoring, tabulate, compare, reports (tabulate issue)
/** Score one finished run folder in the scoring order of docs/architecture.md: verifier reward, scorer module / custom_tabulate.py, grounds, score.json, sentinel + exit code. */
export { scoreRun, SUCCESS_SENTINEL } from "../src/score/score-run.ts";
export type { ScoreContext, ScoredRun, Grader } from "../src/score/score-run.ts";
/** The one builder of scoring contexts: a grader closing over the scoring policy (docs/verifier.md). */
export { createGrader } from "../src/score/grading.ts";
export type { Grade, RunToGrade, ScoringPolicy } from "../src/score/grading.ts";
/** Re-score existing Results (rewrites result.json atomically; keeps the runner's timeout/skipped/unscored error statuses). */
export { rescore } from "../src/score/rescore.ts";
export type { RescoreOptions, RescoreSummary } from "../src/score/rescore.ts";
/** Results folders (ours or agbench's console-log-only layout) or saved tabulation JSON → a versioned Tabulation. */
export { tabulate, readTabulationFile, tabulateWithCustom } from "../src/tabulate/tabulate.ts";
/** agbench's custom_tabulate.py: found as agbench finds it, run in a Docker sandbox (or natively when asked). */
export { findCustomTabulate, runCustomTabulate } from "../src/tabulate/custom-tabulate.ts";
export type { TabulateSandbox, Verdict as CustomTabulateVerdict } from "../src/tabulate/custom-tabulate.ts";
export type { TabulateOptions } from "../src/tabulate/tabulate.ts";
/** Combine Results trees (matrix shards) into one Tabulation; ConfigError on duplicated or missing runs/shards. */
export { merge } from "../src/tabulate/merge.ts";
export type { MergeOptions } from "../src/tabulate/merge.ts";
export type { Tabulation, SuiteTabulation, TaskRow, TrialCell, TrialStatus, StatusCounts, TaskStats } from "../src/tabulate/tabulation-types.ts";
export { TABULATION_RULES } from "../src/tabulate/tabulation-types.ts";
/** pass@k (unbiased), pass^k, Wilson and task-clustered intervals. */
export { passAtK, passHatK, wilson, clusteredSE } from "../src/tabulate/stats.ts";
/** Pair base and head tasks: Δ suite % with a paired 95 % interval, MDE, new failures/fixed/flaky, verdict. */
export { compare, COMPARISON_RULES } from "../src/compare/compare.ts";
export type { Comparison, CompareOptions, Verdict, TaskChange, DeltaStats } from "../src/compare/compare.ts";
/** The verdict rule on raw per-task samples (values in [0, 1]): stratified permutation test, MDE, verdict. docs/verdict.md. */
export { decide } from "../src/compare/verdict.ts";
export type { Decision, DecideOptions } from "../src/compare/verdict.ts";
export type { TaskSamples } from "../src/compare/samples.ts";
/** Run repetitions until the verdict against a base is settled (group-sequential). docs/verdict.md, "Until decided". */
export { runUntilDecided, DEFAULT_UNTIL_DECIDED_BUDGET } from "../src/compare/until-decided.ts";
export type { UntilDecidedOptions, UntilDecidedResult } from "../src/compare/until-decided.ts";
export type { Look } from "../src/compare/sequential.ts";
/** Renderers: agbench text table, agbench-first CSV, JSON, Markdown (size budget), JUnit XML, agbenchmark report.json. */
export { renderText } from "../src/report/render-text.ts";
export { renderCsv } from "../src/report/render-csv.ts";
/** The agbench columns as an Excel workbook (`bench tabulate -e FILE`). */
export { renderXlsx } from "../src/report/render-xlsx.ts";
export { renderJson } from "../src/report/render-json.ts";
export { renderMarkdown, DEFAULT_MARKDOWN_MAX_BYTES } from "../src/report/render-markdown.ts";
export type { MarkdownOptions } from "../src/report/render-markdown.ts";
export { renderJunit } from "../src/report/render-junit.ts";
export { renderAgbenchmarkReport } from "../src/report/render-agbenchmark.ts";
export type { AgbenchmarkReportOptions } from "../src/report/render-agbenchmark.ts";
export { regressionIds } from "../src/report/agbenchmark-regression.ts";
/** Comparison as Markdown (headline first, collapsible lists, size budget) or plain text. */
export { renderComparisonMarkdown, renderComparisonText } from "../src/compare/render-comparison.ts";
export type { ComparisonMarkdownOptions } from "../src/compare/render-comparison.ts";
// env files (used by the Action to mask every ENV value, issue 5)
/** Read and resolve ENV.yaml / ENV.json; `secrets` lists every value to mask. */
export { loadEnvFile, findDefaultEnvFile } from "../src/config/env-file.ts";
export type { LoadedEnv, EnvFileOptions } from "../src/config/env-file.ts";
// agbenchmark / AgentBench (issue 6)
/** Select and order tasks: categories, --test, run modes, cutoff, topological order over dependencies. */
export { selectScenarios, NO_CUTOFF_SECONDS } from "../src/select/select-scenarios.ts";
export type { SelectOptions, Selection, Exclusion } from "../src/select/select-scenarios.ts";
/** Runtime dependency gate: a run whose dependency did not pass becomes `skipped` with a reason. */
export { createDependencyGate } from "../src/select/dependency-gate.ts";
export type { DependencyGate, GateDecision } from "../src/select/dependency-gate.ts";
/** agbenchmark suites: percentage, highest difficulty, summed run time; difficulty order. */
export { summariseSuites, NO_SUCCESSFUL_TESTS } from "../src/select/summarise-suites.ts";
export type { SuiteSummary, SuiteTestSummary } from "../src/select/summarise-suites.ts";
export { DIFFICULTY_ORDER, highestDifficulty } from "../src/select/difficulty.ts";
/** same_task suites: members scored against the leader's single run. */
export { sameTaskGroups, scoreSameTaskMembers } from "../src/select/same-task.ts";
/** History per results root: regression_tests.json, success_rate.json, run modes. */
export { readHistory, writeHistory, hasHistory, REGRESSION_FILE, SUCCESS_RATE_FILE, REGRESSION_STREAK, SUCCESS_RATE_WINDOW } from "../src/history/history-file.ts";
/** Shards' histories merged into one (each task from the folder that saw it most), and one shard's part. */
export { mergeHistories, restrictHistory } from "../src/history/merge-histories.ts";
/** Seed an empty results root with a baseline's merged history (the Action does it before each run). */
export { seedHistory } from "../src/history/seed-history.ts";
export type { SeedOutcome, SeedOptions } from "../src/history/seed-history.ts";
export type { History, RegressionEntry } from "../src/history/history-file.ts";
export { updateHistory, applyResults } from "../src/history/update-history.ts";
export { runModeFromFlags, RUN_MODES } from "../src/history/run-mode.ts";
export type { RunMode } from "../src/history/run-mode.ts";
/** `bench import agbenchmark`: challenge folders → scenario JSONL + templates. */
export { importAgbenchmark } from "../src/import/agbenchmark/import-agbenchmark.ts";
export type { ImportAgbenchmarkOptions, ImportResult } from "../src/import/agbenchmark/import-agbenchmark.ts";
/** AgentBench-style YAML configs: instances with `from:` inheritance, assignments (agent × task), HTTP agent. */
export { expandAssignments } from "../src/config/agentbench/expand-assignments.ts";
export type { AssignmentRun } from "../src/config/agentbench/expand-assignments.ts";
export { runAssignments } from "../src/config/agentbench/run-assignments.ts";
export type { AssignmentSummary } from "../src/config/agentbench/run-assignments.ts";
export { loadInstance } from "../src/config/agentbench/load-instance.ts";
export type { Instance } from "../src/config/agentbench/load-instance.ts";
export { createHttpAgent, buildHttpRequest, extractReply } from "../src/config/agentbench/http-agent.ts";
export type { HttpAgent, HttpAgentParameters, HttpRequestSpec } from "../src/config/agentbench/http-agent.ts";
export { roleContentDict, promptString, createPrompter } from "../src/config/agentbench/prompters.ts";
export type { Message, Prompter } from "../src/config/agentbench/prompters.ts";
// embedding, scaffolds, html report (issue 7)
/** One self-contained HTML page: suite bars with intervals, task × trial heatmap, flaky tasks, comparison with a base. */
export { renderHtmlReport } from "../src/report/html-report.ts";
export type { HtmlReportOptions } from "../src/report/html-report.ts";
/** Shipped benchmarks in examples/ (folders with Tasks/ and a README.md), and copying one into a folder offline. */
export { listBenchmarks, EXAMPLES_DIR } from "../src/clone/shipped-benchmarks.ts";
export type { ShippedBenchmark } from "../src/clone/shipped-benchmarks.ts";
export { cloneBenchmark } from "../src/clone/clone-benchmark.ts";
export type { CloneOptions } from "../src/clone/clone-benchmark.ts";
/** `bench init` scaffold (templates/init/): refuses to overwrite existing files unless `force`. */
export { initProject, INIT_TEMPLATE_DIR } from "../src/clone/init-project.ts";
export type { InitOptions } from "../src/clone/init-project.ts";

// model usage (issue 20): the recording proxy's records, prices and formatting — docs/usage.md
/** Per-run usage totals (result.json `usage`), one recorded call, the proxy's options, prices. */
export type { RunUsage, UsageRequest, UsageOptions, PriceTable, ModelPrice, ModelCacheMode, Provider } from "../src/usage/usage-types.ts";
/** The built-in price table (USD per million tokens), the lookup by model name, and a user table laid over it. */
export { DEFAULT_PRICES, priceOf, costOf, loadPrices } from "../src/usage/prices.ts";
/** `usage.json` in each run folder. */
export { USAGE_FILE } from "../src/usage/usage-file.ts";
export type { UsageFile } from "../src/usage/usage-file.ts";
/** Formatting of tokens and costs, and the sum of run usages. */
export { formatTokens, formatUsd, formatDelta, addUsage, usageLine, usageStatsLine } from "../src/usage/format-usage.ts";
/** Usage over trials in a Tabulation (rows, suites, overall), and base against head in a Comparison. */
export type { UsageStats, TrialUsage } from "../src/tabulate/usage-stats.ts";
export type { UsageComparison, UsageDelta } from "../src/compare/compare-usage.ts";
export { usageHeadline } from "../src/compare/render-usage.ts";
/** Mean reward base → head as one line ("0.500 → 0.750 (+0.250)"); docs/harbor.md. */
export { rewardLine } from "../src/compare/compare-reward.ts";
export type { RewardDelta } from "../src/compare/compare-reward.ts";

// results viewer (issue 17): docs/view.md
/** Read Results roots (and a base) into what `bench view` shows: runs, tabulations, compare()'s output. */
export { loadView } from "../src/view/view-model.ts";
export type { ViewModel, ViewRoot, ViewRun, LoadViewOptions } from "../src/view/view-model.ts";
/** Serve the viewer read-only over node:http (127.0.0.1 by default; Host checked; CSP on every page). */
export { startViewServer } from "../src/view/view-server.ts";
export type { ViewServer, ViewServerOptions } from "../src/view/view-server.ts";
/** Write the viewer's pages as a static site (a new, empty or earlier-written folder outside the Results). */
export { writeViewSite } from "../src/view/write-view-site.ts";
/** The fields of Results/run.json that reports show (run id, dates, state, commit). */
export { readManifestSummary } from "../src/results/read-manifest.ts";
export type { ManifestSummary } from "../src/results/read-manifest.ts";
