/** Model usage over trials (from result.json `usage`, `--record-usage`): totals and per-trial means. docs/usage.md. */
import type { RunUsage } from "../usage/usage-types.ts";

/** What a trial cell keeps of result.json's `usage`. */
export type TrialUsage = Pick<RunUsage, "inputTokens" | "outputTokens" | "requests" | "costUsd">;

/** Usage over the trials that recorded it (trials without `usage` are not counted, not zero). */
export interface UsageStats {
  /** Trials with usage. */
  trials: number;
  /** Input tokens over those trials. */
  inputTokens: number;
  /** Output tokens over those trials. */
  outputTokens: number;
  /** Model calls over those trials. */
  requests: number;
  /** null when a trial's cost is unknown (a model without a price). */
  costUsd: number | null;
  /** (input + output) / trials. */
  meanTokens: number;
  /** costUsd / trials. */
  meanCostUsd: number | null;
}

/** result.json's `usage`, when it has the four fields as numbers (costUsd may be null). */
export function trialUsage(value: unknown): TrialUsage | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const u = value as Record<string, unknown>;
  const n = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
  if (!n(u.inputTokens) || !n(u.outputTokens) || !n(u.requests) || !(u.costUsd === null || n(u.costUsd))) return undefined;
  return { inputTokens: u.inputTokens as number, outputTokens: u.outputTokens as number, requests: u.requests as number, costUsd: u.costUsd as number | null };
}

const round = (value: number): number => Math.round(value * 1e10) / 1e10;

/** Totals and means over the usages given; undefined when there are none. */
export function usageStats(usages: readonly (TrialUsage | undefined)[]): UsageStats | undefined {
  const present = usages.filter((u): u is TrialUsage => u !== undefined);
  if (present.length === 0) return undefined;
  let inputTokens = 0;
  let outputTokens = 0;
  let requests = 0;
  let cost: number | null = 0;
  for (const u of present) {
    inputTokens += u.inputTokens;
    outputTokens += u.outputTokens;
    requests += u.requests;
    cost = cost === null || u.costUsd === null ? null : cost + u.costUsd;
  }
  const trials = present.length;
  return {
    trials, inputTokens, outputTokens, requests, costUsd: cost === null ? null : round(cost),
    meanTokens: (inputTokens + outputTokens) / trials, meanCostUsd: cost === null ? null : round(cost / trials),
  };
}
