/**
 * Per-task samples for the verdict: the values of each trial on each side, in [0, 1] (1 = passed,
 * 0 = not passed; a reward in [0, 1] fits the same shape). Method: docs/verdict.md.
 */
export interface TaskSamples {
  /** The base's trial values, each in [0, 1]. */
  base: readonly number[];
  /** The head's trial values, each in [0, 1]. */
  head: readonly number[];
}

export function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Δ as a fraction: mean over tasks of (mean head value − mean base value). */
export function deltaOf(tasks: readonly TaskSamples[]): number {
  let sum = 0;
  for (const t of tasks) sum += meanOf(t.head) - meanOf(t.base);
  return tasks.length === 0 ? 0 : sum / tasks.length;
}

export function swapSides(tasks: readonly TaskSamples[]): TaskSamples[] {
  return tasks.map((t) => ({ base: t.head, head: t.base }));
}

/** Every value is 0 or 1. */
export function isBinary(tasks: readonly TaskSamples[]): boolean {
  return tasks.every((t) => t.base.every((v) => v === 0 || v === 1) && t.head.every((v) => v === 0 || v === 1));
}

/** Every task has the same trial counts on each side as the first. */
export function sameShape(tasks: readonly TaskSamples[]): boolean {
  const first = tasks[0];
  return first !== undefined && tasks.every((t) => t.base.length === first.base.length && t.head.length === first.head.length);
}

/**
 * The samples turned so that Δ ≥ 0 (at Δ = 0, into a fixed order of the two sides), and whether they were turned. Every random draw is made on this
 * orientation with a seed taken from it, so swapping base and head gives the same draws, mirrored.
 */
export function oriented(tasks: readonly TaskSamples[]): { tasks: readonly TaskSamples[]; swapped: boolean } {
  const delta = deltaOf(tasks);
  // Δ = 0 exactly has no orientation of its own: the side whose values list first in a fixed order is the base.
  const swap = delta < 0 || (delta === 0 && sideKey(tasks, "base") > sideKey(tasks, "head"));
  return swap ? { tasks: swapSides(tasks), swapped: true } : { tasks, swapped: false };
}

function sideKey(tasks: readonly TaskSamples[], side: "base" | "head"): string {
  return tasks.map((t) => t[side].join(",")).join(";");
}
