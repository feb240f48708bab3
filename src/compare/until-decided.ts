/**
 * `bench run --until-decided`: run the head one repetition at a time against a fixed base and stop as
 * soon as the verdict is settled (group-sequential, Lan–DeMets O'Brien–Fleming alpha spending), or at
 * the budget of `repeat` repetitions. Every task gets the same number of trials, so the results folder
 * is an ordinary run. Method: docs/verdict.md, "Until decided".
 */
import { ConfigError } from "../errors.ts";
import { runScenarios } from "../run/run-scenarios.ts";
import { fromRecords } from "../tabulate/tabulate.ts";
import type { RunRecord } from "../tabulate/read-results.ts";
import type { Tabulation } from "../tabulate/tabulation-types.ts";
import type { RunOptions, RunSummary } from "../types.ts";
import { compare, pairTasks, type CompareOptions, type Comparison } from "./compare.ts";
import { sequentialLook, type Look } from "./sequential.ts";
import { verdictSentence } from "./sentence.ts";
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD } from "./verdict.ts";

/** Repetitions per task when `--until-decided` is given without `-r`. */
export const DEFAULT_UNTIL_DECIDED_BUDGET = 5;

/** Options of runUntilDecided: run options plus the base Tabulation, the threshold and significance level, and a callback per look. */
export interface UntilDecidedOptions extends RunOptions {
  /** The baseline to decide against. */
  base: Tabulation;
  /** Smallest |Δ| in pp that counts (default 5). */
  threshold?: number;
  /** Overall false-alarm rate (default 0.05). */
  alpha?: number;
  /** Called after each look. */
  onLook?: (look: Look) => void;
}

/** runUntilDecided's result: the last run summary, every look taken, and the Comparison at the last look. */
export interface UntilDecidedResult {
  /** The last round's summary (every planned unit up to the last look). */
  summary: RunSummary;
  /** Every look taken, in order. */
  looks: Look[];
  /** The comparison at the last look, with the sequential verdict. Absent for a dry or aborted run. */
  comparison?: Comparison;
}

/** Head tabulation from a run's results (the planned units only). */
export function tabulationOf(summary: RunSummary, trials: number): Tabulation {
  const records: RunRecord[] = summary.results.map((r) => ({
    suite: r.scenario, id: r.id, rep: r.rep, status: r.status, durationMs: r.durationMs,
    score: typeof r.score?.score === "number" ? r.score.score : null,
  }));
  return fromRecords(records, [summary.resultsDir], trials);
}

/** Run repetitions until the verdict against a base is settled (group-sequential); docs/verdict.md, "Until decided". */
export async function runUntilDecided(input: string | string[], options: UntilDecidedOptions): Promise<UntilDecidedResult> {
  const { base, threshold = DEFAULT_THRESHOLD, alpha = DEFAULT_ALPHA, onLook, ...run } = options;
  const maxTrials = run.repeat ?? DEFAULT_UNTIL_DECIDED_BUDGET;
  if (!Number.isInteger(maxTrials) || maxTrials < 1) throw new ConfigError("options", [`repeat: must be an integer ≥ 1, got ${maxTrials}`]);
  if (run.dryRun) return { summary: await runScenarios(input, { ...run, repeat: maxTrials }), looks: [] };
  const compareOptions: CompareOptions = { threshold, alpha };
  const looks: Look[] = [];
  const schedule: number[] = [];
  let summary: RunSummary | undefined;
  for (let r = 1; r <= maxTrials; r++) {
    summary = await runScenarios(input, { ...run, repeat: r });
    if (summary.aborted) return { summary, looks };
    const head = tabulationOf(summary, r);
    const pairs = pairTasks(base, head).pairs;
    if (pairs.length === 0) return { summary, looks, comparison: compare(base, head, compareOptions) };
    schedule.push(r);
    const baseTrials = median(pairs.map((p) => p.base.length));
    const look = sequentialLook(pairs, { baseTrials, schedule, maxTrials, threshold, alpha });
    looks.push(look);
    onLook?.(look);
    if (look.decision === "stop") return { summary, looks, comparison: settled(compare(base, head, compareOptions), look, maxTrials, threshold) };
  }
  throw new Error("unreachable: the last look always stops");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 1;
}

/** The comparison with the sequential verdict and its reason. */
function settled(c: Comparison, look: Look, maxTrials: number, threshold: number): Comparison {
  const significant = look.pValue <= look.level;
  const sentence = verdictSentence({ ...c, verdict: look.verdict, significant }, threshold);
  return {
    ...c, verdict: look.verdict, significant, sentence,
    reasons: [`until decided: stopped after ${look.trials} of at most ${maxTrials} repetitions: ${look.reason}`, ...c.reasons],
    rules: `${c.rules} Until decided: a look after each repetition, Lan–DeMets O'Brien–Fleming alpha spending (this look's level ${look.level.toPrecision(2)}).`,
  };
}
