/**
 * 95 % interval of Δ: percentile bootstrap in two stages (resample tasks, then each side's trials within
 * every drawn task), so it stays inside [−100, +100] pp and reflects both sources of noise. Computed on
 * the Δ ≥ 0 orientation with a seed from the data and mirrored back: swapping base and head mirrors it.
 * The whole range when no outcome with these trial counts could be significant at 5 % (the test could
 * rule out no change at all). Method: docs/verdict.md.
 */
import { detectableEffect } from "./detectable.ts";
import { seededFrom } from "./random.ts";
import { oriented, type TaskSamples } from "./samples.ts";

export const BOOTSTRAP_DRAWS = 2000;

/** Interval in percentage points. */
export function bootstrapInterval(input: readonly TaskSamples[], draws = BOOTSTRAP_DRAWS): { low: number; high: number } {
  const t = input.length;
  // E.g. 1 task × 3 trials, or 5 tasks × 1 trial: resampling would show a certainty the test cannot give.
  if (t === 0 || !detectableEffect(input, 0.05).detectable) return { low: -100, high: 100 };
  const { tasks, swapped } = oriented(input);
  const random = seededFrom(tasks, "bootstrap");
  // Flattened: task i's base values are values[baseAt[i] .. baseAt[i] + baseN[i]), head likewise.
  const values: number[] = [];
  const baseAt = new Int32Array(t), baseN = new Int32Array(t), headAt = new Int32Array(t), headN = new Int32Array(t);
  tasks.forEach((task, i) => {
    baseAt[i] = values.length;
    baseN[i] = task.base.length;
    values.push(...task.base);
    headAt[i] = values.length;
    headN[i] = task.head.length;
    values.push(...task.head);
  });
  const flat = Float64Array.from(values);
  const replicates = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (let i = 0; i < t; i++) {
      const k = Math.floor(random() * t);
      const hn = headN[k]!, ha = headAt[k]!, bn = baseN[k]!, ba = baseAt[k]!;
      let h = 0;
      for (let j = 0; j < hn; j++) h += flat[ha + Math.floor(random() * hn)]!;
      let b = 0;
      for (let j = 0; j < bn; j++) b += flat[ba + Math.floor(random() * bn)]!;
      sum += h / hn - b / bn;
    }
    replicates[d] = (100 * sum) / t;
  }
  replicates.sort();
  const at = (q: number): number => replicates[Math.min(draws - 1, Math.max(0, Math.round(q * (draws - 1))))]!;
  const low = Math.max(-100, at(0.025)) + 0;
  const high = Math.min(100, at(0.975)) + 0;
  return swapped ? { low: 0 - high, high: 0 - low } : { low, high };
}
