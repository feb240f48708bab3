/**
 * Dependencies between tasks: names resolve to a task id in the same scenario file first, then in
 * any file, or "scenario/id" explicitly; a name that is no task but a `same_task` suite's name is a
 * suite requirement, met when any member passed (agbenchmark 2023 ran such a suite as one test that
 * passed when any member did; docs/agbenchmark.md#dependency-names). The graph must be a DAG; every
 * problem is reported at once. Members of a `reverse_order` suite have no dependencies, as in agbenchmark.
 */
import { ConfigError } from "../errors.ts";
import type { ScenarioInstance } from "../types.ts";
import { hasFlag, taskKey, where } from "./task-key.ts";

/** task → the tasks it depends on (resolved). */
export type DependencyGraph = Map<ScenarioInstance, ScenarioInstance[]>;

/**
 * One resolved dependency name: a task (`any: false`, one member), or a same_task suite whose
 * requirement is met when any of its members passed (`any: true`).
 */
export interface Requirement {
  name: string;
  tasks: ScenarioInstance[];
  any: boolean;
}

/** task → its requirements, in declaration order. */
export type Requirements = Map<ScenarioInstance, Requirement[]>;

/** Lookup tables for resolving dependency names (first occurrence wins). */
export interface TaskIndex {
  byKey: Map<string, ScenarioInstance>;
  byId: Map<string, ScenarioInstance>;
  /** same_task suite name → its members, keyed by "scenario/suite" and by the bare suite name. */
  suites: Map<string, ScenarioInstance[]>;
}

export function indexTasks(tasks: readonly ScenarioInstance[]): TaskIndex {
  const byKey = new Map<string, ScenarioInstance>();
  const byId = new Map<string, ScenarioInstance>();
  const suites = new Map<string, ScenarioInstance[]>();
  const addMember = (key: string, task: ScenarioInstance) => suites.set(key, [...(suites.get(key) ?? []), task]);
  for (const task of tasks) {
    if (!byKey.has(taskKey(task))) byKey.set(taskKey(task), task);
    if (!byId.has(task.id)) byId.set(task.id, task);
    if (task.suite !== undefined && hasFlag(task, "same_task")) {
      addMember(taskKey({ scenario: task.scenario, id: task.suite }), task);
      addMember(task.suite, task);
    }
  }
  return { byKey, byId, suites };
}

export function resolveDependency(name: string, from: ScenarioInstance, index: TaskIndex): ScenarioInstance | undefined {
  return index.byKey.get(taskKey({ scenario: from.scenario, id: name })) ?? index.byKey.get(name) ?? index.byId.get(name);
}

/** A task first; else a same_task suite of that name (this scenario file's first); else undefined. */
export function resolveRequirement(name: string, from: ScenarioInstance, index: TaskIndex): Requirement | undefined {
  const task = resolveDependency(name, from, index);
  if (task) return { name, tasks: [task], any: false };
  const members = index.suites.get(taskKey({ scenario: from.scenario, id: name })) ?? index.suites.get(name);
  return members ? { name, tasks: members, any: true } : undefined;
}

/**
 * Resolve every dependency name to a requirement; unknown names, a task that depends on itself or on
 * its own suite, and cycles throw one ConfigError naming file:line and the path.
 */
export function buildRequirements(tasks: readonly ScenarioInstance[], options: { ignoreUnknown?: boolean } = {}): Requirements {
  const requirements: Requirements = new Map();
  const issues: string[] = [];
  const index = indexTasks(tasks);
  for (const task of tasks) {
    const list: Requirement[] = [];
    // agbenchmark clears the dependencies of every member of a reverse_order suite.
    const names = task.suite !== undefined && hasFlag(task, "reverse_order") ? [] : task.dependencies ?? [];
    for (const name of names) {
      const requirement = resolveRequirement(name, task, index);
      if (!requirement && options.ignoreUnknown) continue;
      if (!requirement) issues.push(`${where(task)}: task "${task.id}" depends on unknown task "${name}"`);
      else if (requirement.tasks.includes(task)) {
        issues.push(`${where(task)}: task "${task.id}" depends on ${requirement.any ? `its own suite "${name}"` : "itself"}`);
      } else if (!list.some((r) => r.any === requirement.any && r.tasks[0] === requirement.tasks[0])) list.push(requirement);
    }
    requirements.set(task, list);
  }
  if (issues.length) throw new ConfigError("dependencies", issues);
  const graph = flatten(requirements);
  const cycle = findCycle(graph);
  if (cycle) {
    const path = cycle.map((t) => t.id).join(" -> ");
    throw new ConfigError("dependencies", [`${where(cycle[0]!)}: dependency cycle ${path}`]);
  }
  return requirements;
}

/** Every task a requirement names is an edge: a suite requirement waits for all its members. */
function flatten(requirements: Requirements): DependencyGraph {
  const graph: DependencyGraph = new Map();
  for (const [task, list] of requirements) graph.set(task, [...new Set(list.flatMap((r) => r.tasks))]);
  return graph;
}

/** Resolve every dependency (see buildRequirements) into the ordering graph. */
export function buildDependencyGraph(tasks: readonly ScenarioInstance[], options: { ignoreUnknown?: boolean } = {}): DependencyGraph {
  return flatten(buildRequirements(tasks, options));
}

/** A cycle as a path that starts and ends with the same task, or undefined. */
export function findCycle(graph: DependencyGraph): ScenarioInstance[] | undefined {
  const state = new Map<ScenarioInstance, "open" | "done">();
  const stack: ScenarioInstance[] = [];
  const visit = (task: ScenarioInstance): ScenarioInstance[] | undefined => {
    state.set(task, "open");
    stack.push(task);
    for (const dep of graph.get(task) ?? []) {
      if (state.get(dep) === "open") return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(task, "done");
    return undefined;
  };
  for (const task of graph.keys()) {
    if (state.get(task) === undefined) {
      const found = visit(task);
      if (found) return found;
    }
  }
  return undefined;
}
