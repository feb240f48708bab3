/** Stable topological order: among tasks whose dependencies are placed, the earliest in file order goes first. */
import type { ScenarioInstance } from "../types.ts";
import type { DependencyGraph } from "./dependency-graph.ts";
import { hasFlag } from "./task-key.ts";

/**
 * Position of each task in file order, except that the members of a `reverse_order` suite swap
 * positions among themselves (last member takes the first member's slot, and so on).
 */
export function orderKeys(tasks: readonly ScenarioInstance[]): Map<ScenarioInstance, number> {
  const keys = new Map<ScenarioInstance, number>(tasks.map((task, index) => [task, index]));
  const suites = new Map<string, ScenarioInstance[]>();
  for (const task of tasks) {
    if (task.suite === undefined || !hasFlag(task, "reverse_order")) continue;
    suites.set(task.suite, [...(suites.get(task.suite) ?? []), task]);
  }
  for (const members of suites.values()) {
    const slots = members.map((task) => keys.get(task)!);
    members.forEach((task, index) => keys.set(task, slots[slots.length - 1 - index]!));
  }
  return keys;
}

/** Order `tasks` so every dependency inside the set comes first. The graph must be acyclic. */
export function topologicalOrder(tasks: readonly ScenarioInstance[], graph: DependencyGraph): ScenarioInstance[] {
  const keys = orderKeys(tasks);
  const inSet = new Set(tasks);
  const waiting = new Map<ScenarioInstance, number>();
  const dependents = new Map<ScenarioInstance, ScenarioInstance[]>();
  for (const task of tasks) {
    const deps = (graph.get(task) ?? []).filter((dep) => inSet.has(dep));
    waiting.set(task, deps.length);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), task]);
  }
  const ready = tasks.filter((task) => waiting.get(task) === 0);
  const ordered: ScenarioInstance[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => keys.get(a)! - keys.get(b)!);
    const next = ready.shift()!;
    ordered.push(next);
    for (const child of dependents.get(next) ?? []) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return ordered;
}
