/** runScenarios: load → plan → resume check → bounded pool of (task, rep) units → result.json + run.json. */
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ConfigError, describeError } from "../errors.ts";
import { clearInflight, markInflight, recoverInflight } from "../results/inflight.ts";
import { acquireResultsLock, type ResultsLock } from "../results/results-lock.ts";
import { setAside } from "../results/superseded.ts";
import { benchVersion } from "../results/manifest.ts";
import { DEFAULT_LOG_CAP_BYTES } from "../runners/log-sink.ts";
import { createRunner } from "../runners/create-runner.ts";
import type { Runner } from "../runners/runner.ts";
import type { RunEvent, RunOptions, RunResult, RunSummary, ScenarioInstance } from "../types.ts";
import { judgeRunFolders } from "./judge-run-folders.ts";
import { planUnits, selectTasks, type PlanUnit } from "./plan.ts";
import { defaultDeps, type ExpandOptions, type RunDeps } from "./run-deps.ts";
import { resolveSetup } from "./run-setup.ts";
import { runUnit, unitTask } from "./run-unit.ts";
import { runPool } from "./worker-pool.ts";
import { createGrader } from "../score/grading.ts";
import { gateForRun, runGatedUnit, selectForRun, updateHistory } from "../select/run-hooks.ts";
import { readGitCommit } from "../results/git-commit.ts";
import { ManifestWriter } from "./manifest-writer.ts";
import { foreignResultsWarning } from "./foreign-results.ts";
import { templateReadingConfig } from "./config-reader.ts";
import { summarise } from "./summarise.ts";
import { checkRunOptions } from "../options/option-surfaces.ts";
import { DEFAULT_TIMEOUT_S, resultsDirOf } from "../options/run-options.ts";
import { noCallsWarning, usageRequested, UsageSession } from "../usage/usage-session.ts";

export { DEFAULT_TIMEOUT_S };

/**
 * Run every scenario instance (× repeat) of `input` (JSONL files, folders, or "-") into
 * `<resultsDir>/<scenario>/<id>/<rep>/`, resuming finished runs. Never throws for a failing agent:
 * outcomes are results. Throws ConfigError for bad input or options.
 */
export async function runScenarios(input: string | string[], options: RunOptions = {}): Promise<RunSummary> {
  return runScenariosWith(await defaultDeps(), input, options);
}

/** The same rules as the CLI's flags and the Action's inputs (src/options/run-options.ts). */
function checkOptions(options: RunOptions): void {
  const issues = checkRunOptions(options);
  if (options.cutoff !== undefined && options.noCutoff) issues.push("cutoff and noCutoff are mutually exclusive");
  if (issues.length) throw new ConfigError("options", issues);
}

/** runScenarios with its building blocks injected (tests use fakes). */
export async function runScenariosWith(deps: RunDeps, input: string | string[], options: RunOptions = {}): Promise<RunSummary> {
  checkOptions(options);
  // One writer per Results folder (docs/results.md): taken before anything on disk is judged, so no run is done twice.
  let lock: ResultsLock | undefined;
  if (!options.dryRun) {
    const resultsDir = resultsDirOf(options);
    await mkdir(resultsDir, { recursive: true });
    lock = await acquireResultsLock(resultsDir, {
      command: "bench run", wait: options.waitForLock ?? false, onNotice: (message) => options.onEvent?.({ type: "notice", message }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  try {
    return await runLocked(deps, input, options);
  } finally {
    await lock?.release();
  }
}

async function runLocked(deps: RunDeps, input: string | string[], options: RunOptions): Promise<RunSummary> {
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const cwd = options.cwd ?? process.cwd();
  const globalTemplate = options.globalTemplate === undefined ? undefined : resolve(cwd, options.globalTemplate);
  const { scenarios, warnings } = await deps.loadScenarios(input, {
    cwd, stdin: options.stdin, ...(globalTemplate ? { globalTemplate } : {}), ...(options.allowUnknownKeys ? { allowUnknownKeys: true } : {}),
    ...(options.agent === undefined ? {} : { agent: options.agent }),
  });
  for (const message of warnings) emit({ type: "warning", message });
  if ((options.runner?.name ?? options.runtime) === "native" && scenarios.some((s) => s.environment)) {
    throw new ConfigError("options", ["Harbor tasks run in Docker only (each task's environment is an image): drop --native / --runtime native"]);
  }
  const foreign = await foreignResultsWarning(resultsDirOf(options), scenarios);
  if (foreign !== undefined) emit({ type: "warning", message: foreign });
  const setup = await resolveSetup(options, cwd, deps, emit, () => templateReadingConfig(scenarios));
  const selection = await selectForRun(scenarios, options, resultsDirOf(options));
  const units = planUnits(selectTasks(selection.ordered, options), options.repeat ?? 1, options.repeatPerTask);
  const resultsDir = resultsDirOf(options);
  const expandOptions: ExpandOptions = { configFile: setup.configFile, version: benchVersion() };
  if (globalTemplate !== undefined) expandOptions.globalTemplate = globalTemplate;
  if (setup.requirements !== undefined) expandOptions.requirements = setup.requirements;
  const runDir = (unit: PlanUnit) => join(resultsDir, unit.scenario.scenario, unit.scenario.id, String(unit.rep));

  const hashes = new Map<ScenarioInstance, string>();
  // Hashing reads every template file: a few at a time keeps large plans clear of EMFILE.
  await runPool([...new Set(units.map((u) => u.scenario))], 8, async (s) => void hashes.set(s, await deps.scenarioHash(s, expandOptions)));
  const hashOf = (unit: PlanUnit) => hashes.get(unit.scenario) as string;
  const runId = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`;
  if (!options.dryRun) {
    const recovered = await recoverInflight(resultsDir);
    if (recovered.length) {
      emit({ type: "warning", message: `${recovered.length} run(s) were cut short by a crash of an earlier bench (${recovered.slice(0, 3).join(", ")}${recovered.length > 3 ? ", …" : ""}): any result.json there was the agent's and is dropped; they run again` });
    }
  }
  const judged = await judgeRunFolders(units, runDir, hashOf, { dryRun: options.dryRun ?? false });
  const { results, stale, todo } = judged;
  const adoption = { adopted: judged.adopted, unscored: judged.unscored, superseded: 0 };
  const resumed = results.size - adoption.adopted;
  emit({ type: "plan", total: units.length, toRun: todo.length, resumed, scenarios: [...new Set(units.map((u) => u.scenario.scenario))] });
  const adoptedNote = adoption.adopted
    ? [`${options.dryRun ? "Would adopt" : "Adopted"} ${adoption.adopted} run folder(s) bench did not write (agbench's): scored from console_log.txt, never rerun or deleted`] : [];
  const unscoredNote = adoption.unscored.length
    ? [`${adoption.unscored.length} run folder(s) bench did not write have no verdict (no completion marker: agbench counts them as missing) and are left as they are; 'bench remove_missing' sets them aside to rerun`] : [];
  if (adoptedNote.length || unscoredNote.length) emit({ type: "notice", message: [...adoptedNote, ...unscoredNote].join("; ") });
  for (const unit of results.keys()) emit({ type: "run-skip-done", scenario: unit.scenario.scenario, id: unit.scenario.id, rep: unit.rep });
  const summary = (aborted: boolean, dryRun: boolean) => ({
    ...summarise({ runId, resultsDir, units, results, resumed, aborted, dryRun }), adopted: adoption.adopted, unscored: adoption.unscored, superseded: adoption.superseded,
  });
  if (options.dryRun) return summary(false, true);

  const moveAside = async (dir: string, reason: string): Promise<void> => {
    const moved = await setAside(resultsDir, dir, { runId, reason, redo: options.redo ?? false });
    if (moved !== undefined) adoption.superseded++;
  };
  for (const [unit, reason] of stale) await moveAside(runDir(unit), reason);
  if (adoption.superseded) {
    emit({ type: "notice", message: options.redo
      ? `Deleted ${adoption.superseded} earlier run folder(s) that are redone (--redo)`
      : `Moved ${adoption.superseded} earlier run folder(s) that are redone to ${resultsDir}/.superseded/${runId}/ ('bench clean --superseded' deletes them)` });
  }
  const runner: Runner = options.runner ?? await createRunner(options);
  const secrets = [...setup.env.secrets];
  // agbench's run.sh exports AUTOGEN_TESTBED_SETTING ("Docker" or "Native"); scenarios read it. The env file may override it.
  const testbed = runner.name === "native" ? "Native" : runner.name === "docker" ? "Docker" : undefined;
  const env = { ...(testbed ? { AUTOGEN_TESTBED_SETTING: testbed } : {}), ...setup.env.env, ...options.env };
  const commit = options.commit ?? await readGitCommit(cwd);
  const manifest = new ManifestWriter({ resultsDir, runId, options, envKeys: Object.keys(env).filter((key) => key !== "AUTOGEN_TESTBED_SETTING" || key in setup.env.env), secrets, units, hashOf, runner: runner.name,
    ...(runner.workspace ? { workspace: runner.workspace } : {}), ...(commit ? { commit } : {}) });
  const signal = options.signal;
  let usage: UsageSession | undefined;
  try {
    if (usageRequested(options)) {
      const endpoint = (await runner.proxyEndpoint?.()) ?? { bind: "127.0.0.1", urlHost: "127.0.0.1" };
      usage = await UsageSession.start(options.usage ?? {}, env, endpoint, options.cacheDir ?? resolve(dirname(resultsDir), ".bench-cache"), cwd);
    }
  } catch (error) {
    await runner.close?.();
    throw error;
  }
  await manifest.write(summary(false, false), "running");
  // A run never executes a custom_tabulate.py on the host: agbench runs it at tabulate time only, and
  // `bench tabulate` does so in a sandbox (docs/verifier.md, "custom_tabulate.py").
  const grade = createGrader({ cwd, customTabulate: false, ...(options.scorer === undefined ? {} : { scorer: resolve(cwd, options.scorer) }) });
  const ctx = {
    runner, runId, cwd, env, secrets, expandOptions, signal,
    ...(options.tokenCommand === undefined ? {} : { tokenCommand: options.tokenCommand }),
    grade,
    defaultTimeoutS: options.timeout ?? DEFAULT_TIMEOUT_S, logCapBytes: options.logCapBytes ?? DEFAULT_LOG_CAP_BYTES,
    retryErrors: options.retryErrors ?? 0, dockerImage: options.dockerImage, expandScenario: deps.expandScenario,
    setAside: moveAside,
    ...(usage === undefined ? {} : { usage }),
  };
  let finished = 0;
  try {
    if (todo.length && !signal?.aborted) {
      await runner.prepare?.(todo.map((unit) => unitTask(unit.scenario, unit.rep, runDir(unit), { ...ctx, onAttempt: () => {} })), signal);
      const gated = gateForRun(units, selection.dependencies, results, runDir, hashOf, runner.name, grade, signal);
      await runPool(todo, options.parallel ?? 1, async (unit) => {
        const { scenario, rep } = unit;
        const onAttempt = (attempt: number) => emit({ type: "run-start", scenario: scenario.scenario, id: scenario.id, rep, attempt });
        const result = await runGatedUnit(gated, scenario, rep, async () => {
          // Recorded outside the run folder while the agent may write there: a crash leaves the record.
          await markInflight(resultsDir, runDir(unit));
          const ended = await runUnit(scenario, rep, runDir(unit), hashOf(unit), { ...ctx, onAttempt });
          await clearInflight(resultsDir, runDir(unit));
          return ended;
        });
        if (!result) return emit({ type: "run-interrupted", scenario: scenario.scenario, id: scenario.id, rep });
        results.set(unit, result);
        emit({ type: "run-end", result, done: ++finished, total: todo.length });
      }, signal);
    }
  } catch (error) {
    if (!signal?.aborted) {
      // run.json must not stay "running": record the failure (masked by the writer), then rethrow.
      await manifest.write(summary(false, false), "failed", describeError(error)).catch(() => {});
      throw error;
    }
  } finally {
    await usage?.close();
    await runner.close?.();
  }
  const aborted = signal?.aborted ?? false;
  if (aborted) emit({ type: "aborted", pending: todo.length - finished });
  if (usage) {
    const silent = todo.filter((unit) => results.get(unit)?.usage?.requests === 0).length;
    if (silent > 0) emit({ type: "warning", message: noCallsWarning(silent) });
  }
  const final = summary(aborted, false);
  if (!aborted && !options.noHistory) await updateHistory(resultsDir, todo.flatMap((unit) => results.get(unit) ?? []));
  await manifest.write(final, aborted ? "aborted" : "finished");
  return final;
}
