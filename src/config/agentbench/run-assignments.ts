/**
 * `bench run --assignment file.yaml`: run every (agent, task) pair of an AgentBench assignment file
 * with runScenarios, one after the other. Each pair's agent config is written to
 * `<resultsDir>/agent-config.yaml` and reaches every run folder as `config.yaml`; a dry run writes
 * nothing under the output folder (the config goes to a temp folder that is removed).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ConfigError } from "../../errors.ts";
import { runScenarios } from "../../run/run-scenarios.ts";
import type { RunOptions, RunSummary } from "../../types.ts";
import { type AssignmentRun, expandAssignments } from "./expand-assignments.ts";

/** The outcome of one assignment: the pair and its run summary. */
export interface AssignmentSummary {
  /** The agent's name in the config. */
  agentName: string;
  /** The task's name in the config. */
  taskName: string;
  /** runScenarios' summary for this pair. */
  summary: RunSummary;
}

/** How runAssignments runs one pair's scenarios (runScenarios by default; a test passes its own). */
export type RunFn = (input: string[], options: RunOptions) => Promise<RunSummary>;

/** Command-line options win over the assignment's `workers` (`parallel`) and the task's `docker_image`. */
export function assignmentRunOptions(pair: AssignmentRun, base: RunOptions, configFile: string): RunOptions {
  const options: RunOptions = { ...base, configFile, resultsDir: pair.resultsDir, parallel: base.parallel ?? pair.workers, env: { ...base.env, ...pair.env } };
  const image = base.dockerImage ?? pair.task.docker_image;
  if (image !== undefined) options.dockerImage = image;
  return options;
}

/** Every pair must name scenario files: bench runs scenarios, not AgentBench's Python task workers. */
export function checkRunnable(pairs: readonly AssignmentRun[], file: string): void {
  const issues = [...new Set(pairs.filter((p) => p.input.length === 0).map((p) => p.taskName))].map((task) => {
    const module = pairs.find((p) => p.taskName === task)!.task.module;
    return `${file}: task "${task}" (module ${module}) has no parameters.scenarios; bench runs scenario JSONL files, not AgentBench's task workers: add parameters.scenarios to the task (docs/migrating.md#from-agentbench)`;
  });
  if (issues.length) throw new ConfigError("agentbench config", issues);
}

/** Run every assignment (agent × task) of an AgentBench config file with runScenarios, one Results folder per pair. */
export async function runAssignments(file: string, options: RunOptions = {}, run: RunFn = runScenarios): Promise<AssignmentSummary[]> {
  const pairs = await expandAssignments(file, options.cwd === undefined ? {} : { cwd: options.cwd });
  checkRunnable(pairs, relative(options.cwd ?? process.cwd(), file) || file);
  const out: AssignmentSummary[] = [];
  for (const pair of pairs) {
    if (options.signal?.aborted) break;
    const dir = options.dryRun ? await mkdtemp(join(tmpdir(), "bench-assignment-")) : pair.resultsDir;
    try {
      await mkdir(dir, { recursive: true });
      const configFile = join(dir, "agent-config.yaml");
      await writeFile(configFile, pair.configYaml);
      out.push({ agentName: pair.agentName, taskName: pair.taskName, summary: await run(pair.input, assignmentRunOptions(pair, options, configFile)) });
    } finally {
      if (options.dryRun) await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}
