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
    const members = suites.get(task.suite);
    if (members) members.push(task);
    else suites.set(task.suite, [task]);
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
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(task);
      else dependents.set(dep, [task]);
    }
  }
  const ready = new MinHeap<ScenarioInstance>((task) => keys.get(task)!);
  for (const task of tasks) if (waiting.get(task) === 0) ready.push(task);
  const ordered: ScenarioInstance[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    ordered.push(next);
    for (const child of dependents.get(next) ?? []) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return ordered;
}

/** Binary min-heap by a numeric key. */
class MinHeap<T> {
  readonly #items: T[] = [];
  readonly #key: (item: T) => number;
  constructor(key: (item: T) => number) {
    this.#key = key;
  }
  push(item: T): void {
    const items = this.#items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.#key(items[parent]!) <= this.#key(items[i]!)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < items.length && this.#key(items[l]!) < this.#key(items[min]!)) min = l;
      if (r < items.length && this.#key(items[r]!) < this.#key(items[min]!)) min = r;
      if (min === i) break;
      [items[min], items[i]] = [items[i]!, items[min]!];
      i = min;
    }
    return top;
  }
}
