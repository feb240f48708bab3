/**
 * AgentBench assignment files → (agent, task) runs. Two formats (docs/migrating.md#from-agentbench):
 * - main branch (`import:`, `definition:`, `concurrency:`): see config-loader.ts and expand-main-format.ts;
 * - v0.1 (`default` + `assignments`, AgentBench's create_assignment.py): each entry's agent and task
 *   are loaded (a string is the file it names, `from:` inherits one) and merged over `default`'s with
 *   deepMerge, so a task given as a file keeps the default's parameters. bench also takes lists of
 *   agents and tasks (the cartesian product) and a `workers` key.
 * A task's `parameters.scenarios` names the scenario JSONL files or folders bench runs.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { stringify } from "yaml";
import { ConfigError } from "../../errors.ts";
import { lineOfPath, readYaml } from "../parse-yaml.ts";
import { ConfigLoader } from "./config-loader.ts";
import { deepMerge, isMapping } from "./deep-merge.ts";
import { expandMainFormat } from "./expand-main-format.ts";
import { type Instance, INSTANCE_KEYS, type LoadContext, checkInstance, label, resolveInstance } from "./load-instance.ts";
import { fillOutput, timestamps } from "./output-template.ts";
import { agentEnv, scenarioInputs } from "./pair-fields.ts";

export const ASSIGNMENT_KEYS: readonly string[] = ["agent", "task", "output", "workers"];
const FILE_KEYS: readonly string[] = ["default", "assignments", "assignment"];
/** Keys that mark AgentBench's main-branch format. */
const MAIN_FORMAT_KEYS: readonly string[] = ["import", "definition", "concurrency"];
/** v0.1's output when none is given. */
export const V01_OUTPUT = "outputs/{TIMESTAMP}/{AGENT_NAME}/{TASK_NAME}";

/** One agent × task pair of an AgentBench config, with its scenario inputs and Results folder. */
export interface AssignmentRun {
  /** The agent's name in the config. */
  agentName: string;
  /** The task's name in the config. */
  taskName: string;
  /** The agent instance, `from:` resolved. */
  agent: Instance;
  /** The task instance, `from:` resolved. */
  task: Instance;
  /** Scenario inputs for runScenarios (absolute paths); empty when the task names none. */
  input: string[];
  /** Runs of this pair at once (the assignment's concurrency). */
  workers: number;
  /** Results folder of this pair. */
  resultsDir: string;
  /** The agent instance as YAML: each run's config.yaml. */
  configYaml: string;
  /** Environment describing the agent (BENCH_AGENT_*). */
  env: Record<string, string>;
}

/** Options of expandAssignments: the folder relative paths start from, and the time {TIMESTAMP} stands for. */
export interface ExpandAssignmentsOptions {
  /** Folder the config's path and relative paths start from (default the working folder). */
  cwd?: string;
  /** The time {TIMESTAMP} stands for (default now). */
  now?: Date;
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");

/** v0.1's name: parameters.name, else the class name and a hash of the parameters (stable here; Python's str hash is not). */
function nameOf(instance: Instance): string {
  if (typeof instance.parameters.name === "string") return safe(instance.parameters.name);
  const hash = Number.parseInt(createHash("sha256").update(JSON.stringify(instance.parameters)).digest("hex").slice(0, 12), 16) % 100000;
  return safe(`${instance.module.split(".").pop()}-${hash}`);
}

function checkKeys(ctx: LoadContext, path: string, value: unknown, allowed: readonly string[]): asserts value is Record<string, unknown> {
  if (!isMapping(value)) throw new ConfigError("agentbench config", [`${label(ctx, ctx.file)}: ${path || "(top)"}: must be a mapping`]);
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    const where = [path, unknown].filter(Boolean).join(".");
    throw new ConfigError("agentbench config", [`${label(ctx, ctx.file)}: ${where}: unknown key "${unknown}" (expected ${allowed.join(", ")})`]);
  }
}

function readTop(path: string, ctx: LoadContext): Promise<unknown> {
  return readYaml(path, label(ctx, path), { source: "agentbench config" });
}

const resolveAll = (value: unknown, ctx: LoadContext) => resolveInstance(value, { ...ctx, allowedKeys: INSTANCE_KEYS });

/**
 * The instances of one side (agent or task) of an entry, merged over the default's as AgentBench's
 * deep_merge does. Lists are bench's: each item is one instance; a default list and an entry list
 * concatenate (deep_merge), an entry list takes a default mapping under each of its items.
 */
async function side(defaults: unknown, entry: unknown, ctx: LoadContext): Promise<unknown[]> {
  if (entry === undefined) {
    if (defaults === undefined) return [];
    return Promise.all((Array.isArray(defaults) ? defaults : [defaults]).map((d) => resolveAll(d, ctx)));
  }
  const entries = await Promise.all((Array.isArray(entry) ? entry : [entry]).map((e) => resolveAll(e, ctx)));
  if (defaults === undefined) return entries;
  if (Array.isArray(defaults)) {
    if (!Array.isArray(entry)) return entries;
    return [...(await Promise.all(defaults.map((d) => resolveAll(d, ctx)))), ...entries];
  }
  const base = await resolveAll(defaults, ctx);
  return entries.map((e) => deepMerge(base, e));
}

/**
 * v0.1 issues read "file: key.path: message"; add the line of that key in that file ("file:3: …"),
 * where the file can be read and holds the path.
 */
async function withLines(error: unknown, cwd: string): Promise<never> {
  if (!(error instanceof ConfigError)) throw error;
  const issues = await Promise.all(error.issues.map(async (issue) => {
    const match = /^([^:\s]+\.ya?ml): ([\w.[\]-]+): /.exec(issue);
    if (!match) return issue;
    const text = await readFile(resolve(cwd, match[1]!), "utf8").catch(() => undefined);
    const line = text === undefined ? undefined : lineOfPath(text, match[2]!);
    return line === undefined ? issue : `${match[1]}:${line}: ${issue.slice(match[1]!.length + 2)}`;
  }));
  throw new ConfigError("agentbench config", issues);
}

/** Expand an assignment file into (agent, task) runs, in file order (agents outer, tasks inner). */
export async function expandAssignments(file: string, options: ExpandAssignmentsOptions = {}): Promise<AssignmentRun[]> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, file);
  const ctx: LoadContext = { file: path, path: "", stack: [path], cwd };
  const now = options.now ?? new Date();
  const raw = await readTop(path, ctx);
  if (isMapping(raw) && MAIN_FORMAT_KEYS.some((key) => key in raw)) {
    const config = await new ConfigLoader(cwd).loadFrom(path);
    return expandMainFormat(config as Record<string, unknown>, label(ctx, path), cwd, now);
  }
  return expandV01(raw, path, ctx, cwd, now).catch((error: unknown) => withLines(error, cwd));
}

/** AgentBench v0.1's `default` + `assignments` (create_assignment.py). */
async function expandV01(raw: unknown, path: string, ctx: LoadContext, cwd: string, now: Date): Promise<AssignmentRun[]> {
  checkKeys(ctx, "", raw, FILE_KEYS);
  const defaults = raw.default ?? {};
  checkKeys(ctx, "default", defaults, ASSIGNMENT_KEYS);
  const list = raw.assignments ?? raw.assignment;
  const entries = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
  if (entries.length === 0) throw new ConfigError("agentbench config", [`${label(ctx, path)}: assignments: must be a non-empty list`]);
  const runs: AssignmentRun[] = [];
  for (const [index, entry] of entries.entries()) {
    const at = `assignments[${index}]`;
    checkKeys(ctx, at, entry, ASSIGNMENT_KEYS);
    const sides: Record<"agent" | "task", Instance[]> = { agent: [], task: [] };
    for (const key of ["agent", "task"] as const) {
      const keyCtx = { ...ctx, path: `${at}.${key}` };
      const values = await side(defaults[key], entry[key], keyCtx);
      if (values.length === 0) throw new ConfigError("agentbench config", [`${label(ctx, path)}: ${at}: missing "${key}" (and no default)`]);
      sides[key] = values.map((v) => checkInstance(v, keyCtx));
    }
    const output = entry.output ?? defaults.output ?? V01_OUTPUT;
    if (typeof output !== "string") throw new ConfigError("agentbench config", [`${label(ctx, path)}: ${at}.output: must be a string`]);
    const workers = entry.workers ?? defaults.workers;
    for (const agent of sides.agent) {
      for (const task of sides.task) runs.push(v01Run(agent, task, { output, workers, now, cwd, where: `${label(ctx, path)}: ${at}.output` }));
    }
  }
  return runs;
}

interface V01Options {
  output: string;
  workers: unknown;
  now: Date;
  cwd: string;
  where: string;
}

function v01Run(agent: Instance, task: Instance, options: V01Options): AssignmentRun {
  const agentName = nameOf(agent);
  const taskName = nameOf(task);
  const workersValue = task.workers ?? task.parameters.workers ?? options.workers ?? 1;
  const workers = typeof workersValue === "number" && Number.isInteger(workersValue) && workersValue >= 1 ? workersValue : 1;
  const filled = fillOutput(options.output, { TIMESTAMP: timestamps(options.now).TIMESTAMP, AGENT_NAME: agentName, TASK_NAME: taskName }, options.where);
  // An output naming the pair is the pair's folder (as in AgentBench); otherwise pairs go under it.
  const perPair = /\{(AGENT|TASK)_NAME[^}]*\}/.test(options.output);
  return {
    agentName, taskName, agent, task, workers,
    input: scenarioInputs(task, options.cwd),
    resultsDir: perPair ? resolve(options.cwd, filled) : resolve(options.cwd, filled, agentName, taskName),
    configYaml: stringify({ module: agent.module, parameters: agent.parameters }),
    env: agentEnv(agentName, agent),
  };
}
