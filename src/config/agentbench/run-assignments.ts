/**
 * `bench run --assignment file.yaml`: run every (agent, task) pair of an AgentBench assignment file
 * with runScenarios, one after the other. Each pair's agent config is written to
 * `<resultsDir>/agent-config.yaml` and reaches every run folder as `config.yaml`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runScenarios } from "../../run/run-scenarios.ts";
import type { RunOptions, RunSummary } from "../../types.ts";
import { type AssignmentRun, expandAssignments } from "./expand-assignments.ts";

export interface AssignmentSummary {
  agentName: string;
  taskName: string;
  summary: RunSummary;
}

export type RunFn = (input: string[], options: RunOptions) => Promise<RunSummary>;

/** Options given on the command line win over the assignment's `workers` only for `parallel`. */
export function assignmentRunOptions(pair: AssignmentRun, base: RunOptions, configFile: string): RunOptions {
  return { ...base, configFile, resultsDir: pair.resultsDir, parallel: base.parallel ?? pair.workers, env: { ...base.env, ...pair.env } };
}

export async function runAssignments(file: string, options: RunOptions = {}, run: RunFn = runScenarios): Promise<AssignmentSummary[]> {
  const pairs = await expandAssignments(file, options.cwd === undefined ? {} : { cwd: options.cwd });
  const out: AssignmentSummary[] = [];
  for (const pair of pairs) {
    if (options.signal?.aborted) break;
    await mkdir(pair.resultsDir, { recursive: true });
    const configFile = join(pair.resultsDir, "agent-config.yaml");
    await writeFile(configFile, pair.configYaml);
    out.push({ agentName: pair.agentName, taskName: pair.taskName, summary: await run(pair.input, assignmentRunOptions(pair, options, configFile)) });
  }
  return out;
}
