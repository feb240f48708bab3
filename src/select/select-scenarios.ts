/**
 * Which tasks run and in what order (agbenchmark parity): categories, --test, run modes, cutoff,
 * and a topological order over dependencies (cycles and unknown names are ConfigErrors).
 */
import { ConfigError } from "../errors.ts";
import type { History } from "../history/history-file.ts";
import { type RunMode, modeExclusion } from "../history/run-mode.ts";
import type { ScenarioInstance } from "../types.ts";
import { buildDependencyGraph } from "./dependency-graph.ts";
import { taskKey } from "./task-key.ts";
import { topologicalOrder } from "./topological-order.ts";

/** `--no-cutoff`: the longest timeout a Node timer can hold (about 24.8 days), in seconds. */
export const NO_CUTOFF_SECONDS = 2_147_483;

/** Options of selectScenarios: categories, tests, run mode, history, cutoff. */
export interface SelectOptions {
  /** Keep tasks with at least one of these categories. */
  categories?: string[];
  /** Drop tasks with any of these categories. */
  skipCategories?: string[];
  /** Run only this task (id or "scenario/id"), or these (repeated `--test`); implies `noDep`. */
  test?: string | string[];
  /** Ignore dependencies: no ordering, no gating, no graph checks. */
  noDep?: boolean;
  /** agbenchmark's run mode, read against `history`. */
  mode?: RunMode;
  /** Needed by `mode`; an empty history when absent. */
  history?: History;
  /** Timeout in seconds for every task, overriding each task's cutoff. */
  cutoff?: number;
  /** No timeout (see NO_CUTOFF_SECONDS). */
  noCutoff?: boolean;
}

/** A task left out by selectScenarios, with the reason. */
export interface Exclusion {
  /** The task left out. */
  scenario: ScenarioInstance;
  /** Why it was left out. */
  reason: string;
}

/** selectScenarios' result: the tasks in dependency order, those left out, and the dependencies. */
export interface Selection {
  /** The tasks to run, each after its dependencies. */
  ordered: ScenarioInstance[];
  /** The tasks left out. */
  excluded: Exclusion[];
  /** False when dependencies are ignored (`--no-dep`, `--test`). */
  dependencies: boolean;
}

/** The ids --test names (one or several), or undefined without --test. */
const testIds = (options: SelectOptions): string[] | undefined => (options.test === undefined ? undefined : [options.test].flat());

function exclusionReason(task: ScenarioInstance, options: SelectOptions): string | undefined {
  const categories = task.category ?? [];
  const tests = testIds(options);
  if (tests && !tests.some((id) => task.id === id || taskKey(task) === id)) return `not --test ${tests.join(", ")}`;
  if (options.categories?.length && !categories.some((c) => options.categories!.includes(c))) {
    return `category not selected (${categories.join(", ") || "none"})`;
  }
  const skipped = categories.find((c) => options.skipCategories?.includes(c));
  if (skipped !== undefined) return `category ${skipped} skipped`;
  if (options.mode) return modeExclusion(options.mode, task.id, options.history ?? { regression: {}, successRate: {} });
  return undefined;
}

function applyCutoff(task: ScenarioInstance, options: SelectOptions): ScenarioInstance {
  if (options.noCutoff) return { ...task, timeout: NO_CUTOFF_SECONDS };
  if (options.cutoff !== undefined) return { ...task, timeout: options.cutoff };
  return task;
}

/** Select and order tasks. Throws ConfigError for bad options, unknown dependencies and cycles. */
export function selectScenarios(scenarios: readonly ScenarioInstance[], options: SelectOptions = {}): Selection {
  if (options.noCutoff && options.cutoff !== undefined) {
    throw new ConfigError("options", ["--cutoff and --no-cutoff are mutually exclusive"]);
  }
  if (options.cutoff !== undefined && !(options.cutoff > 0)) {
    throw new ConfigError("options", [`--cutoff must be a positive number of seconds, got ${options.cutoff}`]);
  }
  const unknown = (testIds(options) ?? []).filter((id) => !scenarios.some((t) => t.id === id || taskKey(t) === id));
  if (unknown.length) throw new ConfigError("options", unknown.map((id) => `--test ${id}: no task has this id`));
  const useDeps = !options.noDep && options.test === undefined;
  const kept: ScenarioInstance[] = [];
  const excluded: Exclusion[] = [];
  for (const task of scenarios) {
    const reason = exclusionReason(task, options);
    if (reason === undefined) kept.push(task);
    else excluded.push({ scenario: task, reason });
  }
  let ordered = kept;
  if (useDeps) ordered = topologicalOrder(kept, buildDependencyGraph(scenarios));
  else if (options.test === undefined) ordered = topologicalOrder(kept, new Map());
  return { ordered: ordered.map((task) => applyCutoff(task, options)), excluded, dependencies: useDeps };
}
