/**
 * Dependencies between tasks: names resolve to a task id in the same scenario file first, then in
 * any file, or "scenario/id" explicitly. The graph must be a DAG; every problem is reported at once.
 */
import { ConfigError } from "../errors.ts";
import type { ScenarioInstance } from "../types.ts";
import { hasFlag, taskKey, where } from "./task-key.ts";

/** task → the tasks it depends on (resolved). */
export type DependencyGraph = Map<ScenarioInstance, ScenarioInstance[]>;

export function resolveDependency(name: string, from: ScenarioInstance, tasks: readonly ScenarioInstance[]): ScenarioInstance | undefined {
  return (
    tasks.find((t) => t.scenario === from.scenario && t.id === name) ??
    tasks.find((t) => taskKey(t) === name) ??
    tasks.find((t) => t.id === name)
  );
}

/** Resolve every dependency; unknown names and cycles throw one ConfigError naming file:line and the path. */
export function buildDependencyGraph(tasks: readonly ScenarioInstance[], options: { ignoreUnknown?: boolean } = {}): DependencyGraph {
  const graph: DependencyGraph = new Map();
  const issues: string[] = [];
  for (const task of tasks) {
    const deps: ScenarioInstance[] = [];
    for (const name of task.dependencies ?? []) {
      const dep = resolveDependency(name, task, tasks);
      if (!dep && options.ignoreUnknown) continue;
      if (!dep) issues.push(`${where(task)}: task "${task.id}" depends on unknown task "${name}"`);
      else if (dep === task) issues.push(`${where(task)}: task "${task.id}" depends on itself`);
      else if (!deps.includes(dep)) deps.push(dep);
    }
    graph.set(task, deps);
  }
  if (issues.length) throw new ConfigError("dependencies", issues);
  reverseSuiteEdges(graph);
  const cycle = findCycle(graph);
  if (cycle) {
    const path = cycle.map((t) => t.id).join(" -> ");
    throw new ConfigError("dependencies", [`${where(cycle[0]!)}: dependency cycle ${path}`]);
  }
  return graph;
}

/** In a `reverse_order` suite, edges between members point the other way, so the order really reverses. */
function reverseSuiteEdges(graph: DependencyGraph): void {
  const flipped: [ScenarioInstance, ScenarioInstance][] = [];
  for (const [task, deps] of graph) {
    if (!hasFlag(task, "reverse_order") || task.suite === undefined) continue;
    for (const dep of deps) if (dep.suite === task.suite && hasFlag(dep, "reverse_order")) flipped.push([task, dep]);
  }
  for (const [task, dep] of flipped) {
    graph.set(task, graph.get(task)!.filter((d) => d !== dep));
    graph.get(dep)!.push(task);
  }
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
