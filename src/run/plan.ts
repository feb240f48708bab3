/** Which (task, repetition) units an invocation runs: filter, seeded subsample, shard, repeat. */
import { createHash } from "node:crypto";
import { ConfigError } from "../errors.ts";
import type { ScenarioInstance } from "../types.ts";

export interface PlanOptions {
  filter?: string | RegExp;
  subsample?: number;
  seed?: number;
  shard?: { index: number; count: number };
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

/** Fraction in (0,1) → ceil(fraction × n); integer ≥ 1 → that many (at most n). */
export function subsampleCount(subsample: number, n: number): number {
  if (subsample > 0 && subsample < 1) return Math.min(n, Math.ceil(subsample * n));
  if (Number.isInteger(subsample) && subsample >= 1) return Math.min(n, subsample);
  throw new ConfigError("options", [`subsample: must be a fraction in (0,1) or an integer ≥ 1, got ${subsample}`]);
}

/** Keep, per scenario name, the `count` tasks ranked lowest by hash(seed, scenario, id); original order kept. */
function subsample(tasks: ScenarioInstance[], amount: number, seed: number): ScenarioInstance[] {
  const byScenario = new Map<string, ScenarioInstance[]>();
  for (const task of tasks) byScenario.set(task.scenario, [...(byScenario.get(task.scenario) ?? []), task]);
  const keep = new Set<ScenarioInstance>();
  for (const [name, group] of byScenario) {
    const ranked = [...group].sort((a, b) => stableRank(seed, name, a.id) - stableRank(seed, name, b.id) || (a.id < b.id ? -1 : 1));
    for (const task of ranked.slice(0, subsampleCount(amount, group.length))) keep.add(task);
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
  if (options.filter !== undefined) {
    const pattern = compileFilter(options.filter);
    tasks = tasks.filter((task) => {
      pattern.lastIndex = 0;
      return pattern.test(task.id);
    });
  }
  if (options.subsample !== undefined) tasks = subsample(tasks, options.subsample, options.seed ?? 0);
  if (options.shard) {
    validateShard(options.shard);
    const shard = options.shard;
    tasks = tasks.filter((task) => inShard(task, shard));
  }
  return tasks;
}

/** Units (task × rep 0..repeat-1), repetitions of one task adjacent. */
export function planUnits(tasks: ScenarioInstance[], repeat = 1): PlanUnit[] {
  if (!Number.isInteger(repeat) || repeat < 1) throw new ConfigError("options", [`repeat: must be an integer ≥ 1, got ${repeat}`]);
  return tasks.flatMap((scenario) => Array.from({ length: repeat }, (_, rep) => ({ scenario, rep })));
}
