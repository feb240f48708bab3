/**
 * AgentBench assignment files: `default` + `assignments` (each entry inherits `default`), where
 * `agent` and `task` may be lists (the cartesian product is taken). Each (agent, task) pair becomes
 * one run: the task's `parameters.scenarios` (JSONL files/folders, relative to the working folder) with the agent's config as
 * `config.yaml`, `workers` concurrent runs, results in `<output>/<agent>/<task>`.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse, stringify } from "yaml";
import { ConfigError } from "../../errors.ts";
import { isCyclic } from "../is-cyclic.ts";
import { deepMerge, isMapping } from "./deep-merge.ts";
import { type Instance, type LoadContext, label, loadInstance } from "./load-instance.ts";

export const ASSIGNMENT_KEYS: readonly string[] = ["agent", "task", "output", "workers"];
const FILE_KEYS: readonly string[] = ["default", "assignments"];

export interface AssignmentRun {
  agentName: string;
  taskName: string;
  agent: Instance;
  task: Instance;
  /** Scenario inputs for runScenarios (absolute paths). */
  input: string[];
  workers: number;
  /** Results folder of this pair. */
  resultsDir: string;
  /** The agent instance as YAML: each run's config.yaml. */
  configYaml: string;
  /** Environment describing the agent (BENCH_AGENT_*). */
  env: Record<string, string>;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");

function nameOf(instance: Instance, fallback: string): string {
  return safe(typeof instance.parameters.name === "string" ? instance.parameters.name : fallback);
}

function refName(value: unknown, fallback: string): string {
  if (typeof value === "string") return value.replace(/^.*\//, "").replace(/\.ya?ml$/i, "");
  if (isMapping(value) && typeof value.from === "string") return refName(value.from, fallback);
  return fallback;
}

function checkKeys(file: string, ctx: LoadContext, path: string, value: unknown, allowed: readonly string[]): void {
  if (!isMapping(value)) throw new ConfigError("agentbench config", [`${label(ctx, file)}: ${path || "(top)"}: must be a mapping`]);
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    const where = [path, unknown].filter(Boolean).join(".");
    throw new ConfigError("agentbench config", [`${label(ctx, file)}: ${where}: unknown key "${unknown}" (expected ${allowed.join(", ")})`]);
  }
}

/** Expand an assignment file into (agent, task) runs, in file order (agents outer, tasks inner). */
export async function expandAssignments(file: string, options: { cwd?: string } = {}): Promise<AssignmentRun[]> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, file);
  const ctx: LoadContext = { file: path, path: "", stack: [path], cwd };
  let raw: unknown;
  try {
    raw = parse(await readFile(path, "utf8"), { logLevel: "error" }) as unknown;
  } catch (error) {
    throw new ConfigError("agentbench config", [`${label(ctx, path)}: ${(error as Error).message}`], { cause: error });
  }
  if (isCyclic(raw)) throw new ConfigError("agentbench config", [`${label(ctx, path)}: a YAML alias refers to itself (cycle)`]);
  checkKeys(path, ctx, "", raw, FILE_KEYS);
  const top = raw as Record<string, unknown>;
  const defaults = top.default ?? {};
  checkKeys(path, ctx, "default", defaults, ASSIGNMENT_KEYS);
  if (!Array.isArray(top.assignments) || top.assignments.length === 0) {
    throw new ConfigError("agentbench config", [`${label(ctx, path)}: assignments: must be a non-empty list`]);
  }
  const runs: AssignmentRun[] = [];
  for (const [index, entry] of top.assignments.entries()) {
    const at = `assignments[${index}]`;
    checkKeys(path, ctx, at, entry, ASSIGNMENT_KEYS);
    const merged = deepMerge(defaults, entry) as Record<string, unknown>;
    for (const key of ["agent", "task"]) {
      if (merged[key] === undefined) throw new ConfigError("agentbench config", [`${label(ctx, path)}: ${at}: missing "${key}" (and no default)`]);
    }
    for (const [a, agentRef] of asList(merged.agent).entries()) {
      const agent = await loadInstance(agentRef, { ...ctx, path: `${at}.agent` });
      for (const [t, taskRef] of asList(merged.task).entries()) {
        const task = await loadInstance(taskRef, { ...ctx, path: `${at}.task` });
        runs.push(toRun(agent, task, merged, { agent: refName(agentRef, `agent${a}`), task: refName(taskRef, `task${t}`) }, ctx, at));
      }
    }
  }
  return runs;
}

function toRun(agent: Instance, task: Instance, merged: Record<string, unknown>, fallback: { agent: string; task: string }, ctx: LoadContext, at: string): AssignmentRun {
  const scenarios = task.parameters.scenarios;
  const inputs = asList(scenarios).filter((s): s is string => typeof s === "string");
  if (inputs.length === 0) throw new ConfigError("agentbench config", [`${label(ctx, ctx.file)}: ${at}.task: parameters.scenarios must name scenario JSONL files or folders`]);
  const workersValue = task.workers ?? task.parameters.workers ?? merged.workers ?? 1;
  const workers = typeof workersValue === "number" && Number.isInteger(workersValue) && workersValue >= 1 ? workersValue : 1;
  const agentName = nameOf(agent, fallback.agent);
  const taskName = nameOf(task, fallback.task);
  const output = typeof merged.output === "string" ? merged.output : "Results";
  const env: Record<string, string> = { BENCH_AGENT_NAME: agentName, BENCH_AGENT_MODULE: agent.module };
  if (typeof agent.parameters.url === "string") env.BENCH_AGENT_URL = agent.parameters.url;
  return {
    agentName, taskName, agent, task, workers,
    input: inputs.map((s) => resolve(ctx.cwd, s)),
    resultsDir: resolve(ctx.cwd, output, agentName, taskName),
    configYaml: stringify({ module: agent.module, parameters: agent.parameters }),
    env,
  };
}
