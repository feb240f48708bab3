/** Which (task, repetition) units an invocation runs: agbench's subsample, filter, shard, repeat. */
import { createHash } from "node:crypto";
import { ConfigError } from "../errors.ts";
import { PyRandom } from "./py-random.ts";
import type { ScenarioInstance } from "../types.ts";
import { AGBENCH_SUBSAMPLE_SEED } from "../options/run-options.ts";

/** Options of selectTasks: an id filter, a seeded subsample, a shard, and the repetitions. */
export interface PlanOptions {
  /** Keep tasks whose id matches (a substring or a RegExp). */
  filter?: string | RegExp;
  /** Keep this many tasks (a fraction when strictly between 0 and 1), drawn with `seed`. */
  subsample?: number;
  /** Seed of the subsample. */
  seed?: number;
  /** Run only this shard (index from 0) of `count`. */
  shard?: { index: number; count: number };
  /** Repetitions per task. */
  repeat?: number;
}

export interface PlanUnit {
  scenario: ScenarioInstance;
  rep: number;
}

/** A stable 52-bit number for a key: the same on every machine and in every file order. */
export function stableRank(...parts: (string | number)[]): number {
  const digest = createHash("sha256").update(parts.map(String).join("\u0000")).digest();
  return digest.readUIntBE(0, 6);
}

function compileFilter(filter: string | RegExp): RegExp {
  if (filter instanceof RegExp) return filter;
  try {
    return new RegExp(filter);
  } catch (error) {
    throw new ConfigError("options", [`filter: not a valid regular expression: ${filter}`], { cause: error });
  }
}

export { AGBENCH_SUBSAMPLE_SEED };

/** As agbench: a fraction in (0,1) → int(n × fraction + 0.5); an integer count ≥ 1 → at most n. */
export function subsampleCount(subsample: number, n: number): number {
  if (subsample > 0 && subsample < 1) return Math.min(n, Math.floor(n * subsample + 0.5));
  if (Number.isInteger(subsample) && subsample >= 1) return Math.min(n, subsample);
  throw new ConfigError("options", [`subsample: must be a fraction in (0,1) or an integer ≥ 1, got ${subsample}`]);
}

/**
 * The tasks agbench runs for `-s`: one Python-compatible generator seeded once, then per scenario
 * file (in input order) `sample(tasks, count)`. The chosen tasks keep their file order.
 */
function subsample(tasks: ScenarioInstance[], amount: number, seed: number): ScenarioInstance[] {
  const byFile = new Map<string, ScenarioInstance[]>();
  for (const task of tasks) {
    const group = byFile.get(task.source.file);
    if (group) group.push(task);
    else byFile.set(task.source.file, [task]);
  }
  const rng = new PyRandom(seed);
  const keep = new Set<ScenarioInstance>();
  for (const group of byFile.values()) {
    for (const index of rng.sampleIndices(group.length, subsampleCount(amount, group.length))) keep.add(group[index]!);
  }
  return tasks.filter((task) => keep.has(task));
}

/** Shard i of n (1-based): a task belongs to shard (hash(scenario, id) mod n) + 1. */
export function inShard(task: ScenarioInstance, shard: { index: number; count: number }): boolean {
  return (stableRank("shard", task.scenario, task.id) % shard.count) + 1 === shard.index;
}

export function validateShard(shard: { index: number; count: number }): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new ConfigError("options", [`shard: index must be in 1..count, got ${index}/${count}`]);
  }
}

/** Tasks to run, in input order. */
export function selectTasks(scenarios: ScenarioInstance[], options: PlanOptions): ScenarioInstance[] {
  let tasks = scenarios;
  // Before the filter: the subset is agbench's for the whole file; the filter then narrows it.
  if (options.subsample !== undefined) tasks = subsample(tasks, options.subsample, options.seed ?? AGBENCH_SUBSAMPLE_SEED);
  if (options.filter !== undefined) {
    const pattern = compileFilter(options.filter);
    tasks = tasks.filter((task) => {
      pattern.lastIndex = 0;
      return pattern.test(task.id);
    });
  }
  if (options.shard) {
    validateShard(options.shard);
    const shard = options.shard;
    tasks = tasks.filter((task) => inShard(task, shard));
  }
  return tasks;
}

/** Units (task × rep 0..repeat-1, or the task's own count in `perTask`), repetitions of one task adjacent. */
export function planUnits(tasks: ScenarioInstance[], repeat = 1, perTask?: Record<string, Record<string, number>>): PlanUnit[] {
  if (!Number.isInteger(repeat) || repeat < 1) throw new ConfigError("options", [`repeat: must be an integer ≥ 1, got ${repeat}`]);
  const issues: string[] = [];
  for (const [scenario, ids] of Object.entries(perTask ?? {})) {
    for (const [id, n] of Object.entries(ids)) if (!Number.isInteger(n) || n < 1) issues.push(`repeatPerTask.${scenario}.${id}: must be an integer ≥ 1, got ${n}`);
  }
  if (issues.length) throw new ConfigError("options", issues);
  return tasks.flatMap((scenario) => Array.from({ length: perTask?.[scenario.scenario]?.[scenario.id] ?? repeat }, (_, rep) => ({ scenario, rep })));
}
