/**
 * AgentBench's main-branch assignment format (configs/assignments/default.yaml): after the config
 * loader has applied `import:`, `default:` and `overwrite:`, the file has
 * `definition: { agent: {name: instance}, task: {name: instance} }`, `concurrency: { agent: {name: n},
 * task: {name: n} }`, `assignments: [{ agent: name | [names], task: name | [names] }]` and `output`.
 * Checks and their order follow AgentBench's AssignmentConfig: every assigned agent and task is
 * defined and has a concurrency; duplicate pairs are kept once. Results of a pair go to
 * `<output>/<agent>/<task>/`; its parallelism is the smaller of the two concurrencies.
 */
import { resolve } from "node:path";
import { stringify } from "yaml";
import { closest } from "../../did-you-mean.ts";
import { ConfigError } from "../../errors.ts";
import { isMapping } from "./deep-merge.ts";
import type { AssignmentRun } from "./expand-assignments.ts";
import type { Instance } from "./load-instance.ts";
import { fillOutput, timestamps } from "./output-template.ts";
import { agentEnv, scenarioInputs } from "./pair-fields.ts";

const asNames = (value: unknown): unknown[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value : []);

function table(config: Record<string, unknown>, key: string, label: string, issues: string[]): { agent: Record<string, unknown>; task: Record<string, unknown> } {
  const value = config[key];
  const out = { agent: {} as Record<string, unknown>, task: {} as Record<string, unknown> };
  if (!isMapping(value)) {
    issues.push(`${label}: ${key}: required, a mapping with "agent" and "task"`);
    return out;
  }
  for (const side of ["agent", "task"] as const) {
    if (isMapping(value[side])) out[side] = value[side];
    else issues.push(`${label}: ${key}.${side}: required, a mapping of names`);
  }
  return out;
}

function instance(value: unknown, where: string, issues: string[]): Instance | undefined {
  if (!isMapping(value) || typeof value.module !== "string") {
    issues.push(`${where}: module: must be a string`);
    return undefined;
  }
  const parameters = value.parameters ?? {};
  if (!isMapping(parameters)) {
    issues.push(`${where}: parameters: must be a mapping`);
    return undefined;
  }
  return { module: value.module, parameters };
}

/** The (agent, task) runs of a loaded main-branch config, in file order (agents outer, tasks inner). */
export function expandMainFormat(config: Record<string, unknown>, label: string, cwd: string, now = new Date()): AssignmentRun[] {
  const issues: string[] = [];
  const definition = table(config, "definition", label, issues);
  const concurrency = table(config, "concurrency", label, issues);
  if (!Array.isArray(config.assignments)) issues.push(`${label}: assignments: must be a list`);
  if (issues.length) throw new ConfigError("agentbench config", issues);
  const pairs: [string, string][] = [];
  /** Where each name is first assigned ("assignments[0].agent"), for the errors below. */
  const firstUse = new Map<string, string>();
  for (const [index, item] of (config.assignments as unknown[]).entries()) {
    const at = `${label}: assignments[${index}]`;
    if (!isMapping(item)) issues.push(`${at}: must be a mapping with "agent" and "task"`);
    else if (item.agent === undefined || item.agent === null) issues.push(`${at}: agent: must be specified`);
    else if (item.task === undefined || item.task === null) issues.push(`${at}: task: must be specified`);
    else {
      for (const agent of asNames(item.agent)) {
        for (const task of asNames(item.task)) {
          if (typeof agent !== "string" || typeof task !== "string") issues.push(`${at}: agent and task must be names or lists of names`);
          else if (!pairs.some(([a, t]) => a === agent && t === task)) {
            pairs.push([agent, task]);
            if (!firstUse.has(`agent ${agent}`)) firstUse.set(`agent ${agent}`, `assignments[${index}].agent`);
            if (!firstUse.has(`task ${task}`)) firstUse.set(`task ${task}`, `assignments[${index}].task`);
          }
        }
      }
    }
  }
  // AgentBench's own wording, after the field that names the missing entry.
  const undefinedName = (side: "agent" | "task", name: string): string => {
    const known = Object.keys(definition[side]);
    const hint = closest(name, known);
    const title = side === "agent" ? "Agent" : "Task";
    return `${label}: ${firstUse.get(`${side} ${name}`)}: ${title} ${name} is not defined (definition.${side}${hint ? `; did you mean "${hint}"?` : known.length ? `; defined: ${known.join(", ")}` : ""})`;
  };
  for (const [agent, task] of pairs) {
    if (!(agent in definition.agent)) issues.push(undefinedName("agent", agent));
    if (!(task in definition.task)) issues.push(undefinedName("task", task));
    if (typeof concurrency.agent[agent] !== "number") issues.push(`${label}: ${firstUse.get(`agent ${agent}`)}: Concurrency of ${agent} is not specified (concurrency.agent)`);
    if (typeof concurrency.task[task] !== "number") issues.push(`${label}: ${firstUse.get(`task ${task}`)}: Concurrency of ${task} is not specified (concurrency.task)`);
  }
  const output = config.output ?? "output/{TIMESTAMP}";
  if (typeof output !== "string") issues.push(`${label}: output: must be a string`);
  if (issues.length) throw new ConfigError("agentbench config", [...new Set(issues)]);
  const root = fillOutput(output as string, timestamps(now), `${label}: output`);
  const agents = new Map(pairs.map(([agent]) => [agent, instance(definition.agent[agent], `${label}: definition.agent.${agent}`, issues)]));
  const tasks = new Map(pairs.map(([, task]) => [task, instance(definition.task[task], `${label}: definition.task.${task}`, issues)]));
  if (issues.length) throw new ConfigError("agentbench config", [...new Set(issues)]);
  return pairs.map(([agentName, taskName]) => {
    const agent = agents.get(agentName)!;
    const task = tasks.get(taskName)!;
    const workers = Math.max(1, Math.min(concurrency.agent[agentName] as number, concurrency.task[taskName] as number));
    return {
      agentName, taskName, agent, task, workers,
      input: scenarioInputs(task, cwd),
      resultsDir: resolve(cwd, root, agentName, taskName),
      configYaml: stringify({ module: agent.module, parameters: agent.parameters }),
      env: agentEnv(agentName, agent),
    };
  });
}
