/**
 * Mean reward, base against head, beside the pass-rate verdict (docs/harbor.md): over the paired
 * tasks, each task's mean trial reward (a trial without a reward counts 1 if passed, else 0). It is
 * shown, never used by the verdict.
 */
import { mean } from "../tabulate/stats.ts";
import type { TaskRow } from "../tabulate/tabulation-types.ts";
import { formatReward } from "../report/format.ts";

/** Mean reward of base and head (docs/harbor.md), when either side's verifier recorded rewards. */
export interface RewardDelta {
  /** Mean reward of the base. */
  base: number;
  /** Mean reward of the head. */
  head: number;
  /** head − base. */
  delta: number;
}

const rowReward = (row: TaskRow): number => row.meanReward ?? row.passRate;

/** Over `pairs`, or undefined when no task of either side recorded a reward. */
export function rewardDelta(pairs: readonly { base: TaskRow; head: TaskRow }[]): RewardDelta | undefined {
  if (!pairs.some((p) => p.base.meanReward !== undefined || p.head.meanReward !== undefined)) return undefined;
  const base = mean(pairs.map((p) => rowReward(p.base)));
  const head = mean(pairs.map((p) => rowReward(p.head)));
  return { base, head, delta: head - base };
}

/** "0.500 → 0.750 (+0.250)". */
export function rewardLine(r: RewardDelta): string {
  return `${formatReward(r.base)} → ${formatReward(r.head)} (${r.delta >= 0 ? "+" : "−"}${formatReward(Math.abs(r.delta))})`;
}
