/**
 * The minimum detectable effect (MDE): the smallest true change in pp that the test finds with 80 %
 * power at the chosen α, by a normal approximation of the permutation variance of Δ with each task's
 * variance smoothed toward ¼ (so all-pass and all-fail tasks still count as uncertain). `detectable`
 * is false when even the most extreme outcome could not reach α. Method: docs/verdict.md.
 */
import { normalQuantile } from "./normal.ts";
import { logChoose } from "./stratified-test.ts";
import { meanOf, oriented, type TaskSamples } from "./samples.ts";

export interface Detectable {
  /** In percentage points, at most 100. */
  mde: number;
  /** Smallest p-value any outcome with these trial counts could give. */
  minimumP: number;
  detectable: boolean;
}

/** Per-task variance of one trial, smoothed: (N·s² + ½) / (N + 2) with s² the pooled population variance. */
export function smoothedVariance(t: TaskSamples): number {
  const pool = [...t.base, ...t.head];
  const m = meanOf(pool);
  let ss = 0;
  for (const v of pool) ss += (v - m) * (v - m);
  return (ss + 0.5) / (pool.length + 2);
}

/** Standard error of Δ (fraction) under the smoothed variances (on the Δ ≥ 0 orientation: swap-exact). */
export function deltaSE(input: readonly TaskSamples[]): number {
  const { tasks } = oriented(input);
  let v = 0;
  for (const t of tasks) v += smoothedVariance(t) * (1 / t.base.length + 1 / t.head.length);
  return Math.sqrt(v) / tasks.length;
}

export function detectableEffect(tasks: readonly TaskSamples[], alpha: number, power = 0.8): Detectable {
  if (tasks.length === 0) return { mde: 100, minimumP: 1, detectable: false };
  let logP = Math.log(2);
  for (const t of tasks) logP -= logChoose(t.base.length + t.head.length, t.head.length);
  const minimumP = Math.min(1, Math.exp(logP));
  const detectable = minimumP <= alpha;
  const multiplier = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const mde = detectable ? Math.min(100, 100 * multiplier * deltaSE(tasks)) : 100;
  return { mde, minimumP, detectable };
}
