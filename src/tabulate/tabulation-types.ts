/** The versioned Tabulation JSON (version 1). Rates are fractions in [0, 1]; `percentage` is 0–100. */
import type { RunStatus } from "../types.ts";
import type { Interval } from "./stats.ts";
import type { TrialUsage, UsageStats } from "./usage-stats.ts";

/** A trial slot's state: a terminal status, or "missing" when no result was found for it. */
export type TrialStatus = RunStatus | "missing";

export const TRIAL_STATUSES: readonly TrialStatus[] = ["passed", "failed", "error", "timeout", "skipped", "missing"];

/** The rule stated in every Tabulation and renderer. */
export const TABULATION_RULES: string =
  "Suite percentage = mean over tasks of the task pass rate (passed trials / trials in the suite). " +
  "Failed, error, timeout, skipped and missing trials all count as not passed; none is dropped from a denominator. " +
  "95% interval: Wilson over tasks with one trial, otherwise task-clustered (SE of the mean of per-task pass rates, normal approximation, clipped to [0, 1]).";

/** Added to the rules when a run gave tasks different numbers of trials on purpose (`bench run --until-decided`). */
export const PLANNED_TRIALS_RULE =
  "Tasks were given different numbers of trials on purpose (run.json scenarios[].trials): each task's pass rate is over its own trials, " +
  "trials it was never meant to have are not counted, and pass@k / pass^k go up to the smallest task's count.";

/** How the mean reward is computed, stated where it is shown (only when a verifier recorded rewards). */
export const REWARD_RULE = "Mean reward = mean over tasks of the task's mean trial reward; a trial without a reward counts 1 if passed, else 0.";

/** One trial of a task in a Tabulation: status, duration, score, reason, usage and reward. */
export interface TrialCell {
  /** The trial's status ("missing" when it has no result). */
  status: TrialStatus;
  /** Duration, when known. */
  durationMs: number | null;
  /** Numeric score when the scorer gave one. */
  score: number | null;
  /** Why the trial was skipped, or more about an error. */
  reason?: string;
  /** result.json `usage` (`--record-usage`). */
  usage?: TrialUsage;
  /** result.json `reward` (a verifier's, in [0, 1]). */
  reward?: number;
}

/** One task in a Tabulation: its trials and statistics. */
export interface TaskRow {
  /** The task's id. */
  id: string;
  /** One cell per trial, in repetition order. */
  trials: TrialCell[];
  /** Trials that passed. */
  passed: number;
  /** passed / trials of the suite (of the task's own planned trials when the run planned them unevenly). */
  passRate: number;
  /** Some trials passed and some did not. */
  flaky: boolean;
  /** agbenchmark categories of the task. */
  category?: string[];
  /** agbenchmark difficulty of the task. */
  difficulty?: string;
  /** result.json's `suite` (agbenchmark suite), when set. */
  group?: string;
  /** Model usage of the trials that recorded it. */
  usage?: UsageStats;
  /** Mean trial reward, when some trial recorded one (see TABULATION_RULES). */
  meanReward?: number;
}

/** Trials counted by status, with the total. */
export type StatusCounts = Record<TrialStatus, number> & { total: number };

/** Statistics over a set of tasks that share a trial count n (at most n when a run planned them unevenly). */
export interface TaskStats {
  /** Tasks counted. */
  tasks: number;
  /** Trials per task (n). */
  trials: number;
  /** Trials by status. */
  counts: StatusCounts;
  /** 100 × mean task pass rate. */
  percentage: number;
  /** passAtK[k − 1] = mean over tasks of pass@k, k = 1..n (1..the smallest task's count when uneven). */
  passAtK: number[];
  /** passHatK[k − 1] = mean over tasks of pass^k, k = 1..n. */
  passHatK: number[];
  /** 95 % interval of the mean task pass rate (fractions). */
  ci95: Interval & { method: "wilson" | "clustered" };
  /** Sum of the trials' durations. */
  totalDurationMs: number;
  /** Model usage over every trial that recorded it (`--record-usage`); absent when none did. */
  usage?: UsageStats;
  /** Mean over tasks of the task mean reward; absent when no trial recorded a reward (docs/harbor.md). */
  meanReward?: number;
}

/** One suite (scenario file) in a Tabulation: its tasks and statistics. */
export interface SuiteTabulation extends TaskStats {
  /** The suite's name (the scenario file's stem). */
  name: string;
  /** One row per task. */
  rows: TaskRow[];
  /** countsPerTrial[i]: counts of trial i across tasks. */
  countsPerTrial: StatusCounts[];
  /** Ids of its flaky tasks. */
  flakyTasks: string[];
}

/** A versioned tabulation of Results: suites, overall statistics and the rules used (what reports and compare read). */
export interface Tabulation {
  /** Format version of a Tabulation. */
  version: 1;
  /** The rule the percentages follow (TABULATION_RULES). */
  rules: string;
  /** The Results folders or files tabulated. */
  sources: string[];
  /** One entry per suite. */
  suites: SuiteTabulation[];
  /** Over every task of every suite, each task weighted equally (its own trial count). */
  overall: Omit<TaskStats, "trials" | "passAtK" | "passHatK"> & { trials: number | null; passAtK: number[]; passHatK: number[] };
  /**
   * Present when these results come from `bench run --until-decided` (run.json `untilDecided`):
   * compare() then decides by the same sequential rule the run stopped by (docs/verdict.md, "Until decided").
   */
  untilDecided?: SequentialDesign;
}

/** How an `--until-decided` run was decided: its α, threshold, budget of head runs and looks so far. */
export interface SequentialDesign {
  /** The overall false-alarm rate spent over the looks. */
  alpha: number;
  /** Smallest |Δ| in pp that counts as a change. */
  threshold: number;
  /** Budget of head runs. */
  budget: number;
  /** Each look's head runs and information fraction, in order; the last is the look the run stopped at. */
  looks: { runs: number; fraction: number }[];
}

/** A run.json's or tabulation file's `untilDecided`, when it is well formed. */
export function sequentialDesignOf(value: unknown): SequentialDesign | undefined {
  const v = value as Partial<SequentialDesign> | undefined;
  const positive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;
  if (!v || !positive(v.alpha) || v.alpha > 0.5 || typeof v.threshold !== "number" || !(v.threshold >= 0) || !positive(v.budget)) return undefined;
  if (!Array.isArray(v.looks) || v.looks.length === 0) return undefined;
  let previous = 0;
  for (const look of v.looks) {
    if (!positive(look?.runs) || !positive(look.fraction) || look.fraction > 1 || look.fraction <= previous) return undefined;
    previous = look.fraction;
  }
  return { alpha: v.alpha, threshold: v.threshold, budget: v.budget, looks: v.looks.map((l) => ({ runs: l.runs, fraction: l.fraction })) };
}

export function emptyCounts(): StatusCounts {
  return { passed: 0, failed: 0, error: 0, timeout: 0, skipped: 0, missing: 0, total: 0 };
}

export function addCounts(into: StatusCounts, from: StatusCounts): void {
  for (const s of TRIAL_STATUSES) into[s] += from[s];
  into.total += from.total;
}
