/** Every call into the SDK the Action makes, in one place. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  compare, comparisonView, describeLook, findCustomTabulate, findDefaultEnvFile, loadEnvFile, merge, renderHtmlReport, renderMarkdown, runScenarios, runUntilDecided, tabulate,
  type ComparisonView, type RunEvent, type RunOptions, type RunSummary, type Tabulation,
} from "../sdk/index.ts";
import type { ActionInputs } from "./inputs.ts";

export type { Tabulation, RunSummary, RunEvent };

function runOptions(inputs: ActionInputs, cwd: string, hostEnv: Record<string, string | undefined>): RunOptions {
  return { ...inputs.run, cwd, hostEnv, runtime: inputs.runtime, resultsDir: resolve(cwd, inputs.resultsDir) };
}

/** Run the benchmark; with `until-decided` and a baseline, in looks until the verdict is settled (trials go where they help most). */
export async function runBenchmark(
  inputs: ActionInputs, cwd: string, onEvent: (event: RunEvent) => void, hostEnv: Record<string, string | undefined>,
  untilDecided?: { base: Tabulation; log: (line: string) => void },
): Promise<RunSummary> {
  const options = { ...runOptions(inputs, cwd, hostEnv), onEvent };
  if (!untilDecided) return runScenarios(inputs.scenarios, options);
  const { summary } = await runUntilDecided(inputs.scenarios, {
    ...options, ...inputs.comparison, base: untilDecided.base,
    onLook: (look) => untilDecided.log(`until-decided: ${describeLook(look)}`),
  });
  return summary;
}

/** The ids of the tasks this job will run (a dry run of the same plan: filter, subsample, shard). */
export async function plannedTaskIds(inputs: ActionInputs, cwd: string, hostEnv: Record<string, string | undefined>): Promise<Set<string>> {
  const planned = await runScenarios(inputs.scenarios, { ...runOptions(inputs, cwd, hostEnv), dryRun: true, noHistory: true });
  return new Set(planned.plan.map((unit) => unit.id));
}

/** Values of the env file the run will use (given, or ./ENV.yaml as agbench does): each is masked. */
export async function envValues(inputs: ActionInputs, cwd: string, hostEnv: Record<string, string | undefined>): Promise<string[]> {
  const path = inputs.envFile ? resolve(cwd, inputs.envFile) : findDefaultEnvFile(cwd);
  if (path === undefined || !existsSync(path)) return [];
  const { env, secrets } = await loadEnvFile(path, { hostEnv, allowMissing: true });
  return [...new Set([...Object.values(env), ...secrets])].filter((v) => v.length > 0);
}

export const tabulateResults = (paths: string[]): Promise<Tabulation> => tabulate(paths);

/**
 * The custom_tabulate.py `bench tabulate` would run for these scenarios (found as agbench finds it), or
 * undefined. The Action does not run it (docs/options.md, "The other commands and the Action").
 */
export const customTabulateScript = (inputs: ActionInputs, cwd: string): Promise<string | undefined> => findCustomTabulate(cwd, inputs.scenarios);

export const mergeShards = (dirs: string[]): Promise<Tabulation> => merge(dirs);

export const htmlReport = (tabulation: Tabulation): string => renderHtmlReport(tabulation, { title: "bench-action results" });

export const tabulationMarkdown = (tabulation: Tabulation, maxBytes: number): string => renderMarkdown(tabulation, { maxBytes });

/** compare() as the view the summary renders. */
export const compareTabulations = (base: Tabulation, head: Tabulation, inputs: ActionInputs): ComparisonView => comparisonView(compare(base, head, inputs.comparison));
