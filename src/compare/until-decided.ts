/**
 * `bench run --until-decided`: run the head in looks against a fixed base and stop as soon as the verdict
 * is settled, or when the budget of runs is spent (group-sequential, Lan–DeMets O'Brien–Fleming alpha
 * spending over the information fraction). Look 1 gives every task one trial; each later look adds a
 * batch of trials where they cut the uncertainty of Δ the most (`allocateTrials`). run.json records each
 * task's planned trials and the design, so `bench tabulate` rates every task over its own trials and
 * `bench compare` decides by the same rule. Method: docs/verdict.md, "Until decided".
 */
import { join } from "node:path";
import { ConfigError } from "../errors.ts";
import { comparisonSettingsIssues, DEFAULT_UNTIL_DECIDED_BUDGET } from "../options/compare-options.ts";
import { runScenarios } from "../run/run-scenarios.ts";
import { fromRecords } from "../tabulate/tabulate.ts";
import type { PlannedBySuite, RunRecord } from "../tabulate/read-results.ts";
import type { SequentialDesign, Tabulation } from "../tabulate/tabulation-types.ts";
import { acquireResultsLock } from "../results/results-lock.ts";
import { MANIFEST_FILE } from "../results/manifest.ts";
import { readManifestObject } from "../results/read-manifest.ts";
import { writeJsonAtomic } from "../results/write-json-atomic.ts";
import type { RunOptions, RunSummary } from "../types.ts";
import { compare, pairTasks, type CompareOptions, type Comparison } from "./compare.ts";
import { untilDecidedStep, type Look } from "./sequential.ts";
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD } from "./verdict.ts";

export { DEFAULT_UNTIL_DECIDED_BUDGET };

/** Options of runUntilDecided: run options plus the base Tabulation, the threshold and significance level, and a callback per look. */
export interface UntilDecidedOptions extends RunOptions {
  /** The baseline to decide against. */
  base: Tabulation;
  /** Smallest |Δ| in pp that counts (default 5). */
  threshold?: number;
  /** Overall false-alarm rate (default 0.05). */
  alpha?: number;
  /** Runs added at each look after the first (default: the number of tasks, one repetition's worth). */
  runsPerLook?: number;
  /** Called after each look. */
  onLook?: (look: Look) => void;
}

/** runUntilDecided's result: the last run summary, every look taken, and the Comparison at the last look. */
export interface UntilDecidedResult {
  /** The last look's summary (every planned unit up to the last look). */
  summary: RunSummary;
  /** Every look taken, in order. */
  looks: Look[];
  /** The comparison at the last look, with the sequential verdict. Absent for a dry or aborted run. */
  comparison?: Comparison;
}

/** Head tabulation from a run's results: each task over the trials planned for it (missing when planned and not run). */
export function tabulationOf(summary: RunSummary): Tabulation {
  const records: RunRecord[] = summary.results.map((r) => ({
    suite: r.scenario, id: r.id, rep: r.rep, status: r.status, durationMs: r.durationMs,
    score: typeof r.score?.score === "number" ? r.score.score : null,
  }));
  const planned: PlannedBySuite = new Map();
  for (const unit of summary.plan) {
    const ids = planned.get(unit.scenario) ?? new Map<string, number>();
    ids.set(unit.id, Math.max(unit.rep + 1, ids.get(unit.id) ?? 0));
    planned.set(unit.scenario, ids);
  }
  return fromRecords(records, [summary.resultsDir], undefined, true, planned);
}

/** Run repetitions until the verdict against a base is settled (group-sequential); docs/verdict.md, "Until decided". */
export async function runUntilDecided(input: string | string[], options: UntilDecidedOptions): Promise<UntilDecidedResult> {
  const { base, threshold = DEFAULT_THRESHOLD, alpha = DEFAULT_ALPHA, runsPerLook, onLook, repeatPerTask: _ignored, ...run } = options;
  const perTask = run.repeat ?? DEFAULT_UNTIL_DECIDED_BUDGET;
  const issues = comparisonSettingsIssues({ threshold, alpha });
  if (!Number.isInteger(perTask) || perTask < 1) issues.push(`repeat: must be an integer ≥ 1, got ${perTask}`);
  if (runsPerLook !== undefined && !(Number.isInteger(runsPerLook) && runsPerLook >= 1)) issues.push(`runsPerLook: must be an integer ≥ 1, got ${runsPerLook}`);
  if (issues.length) throw new ConfigError("options", issues);
  if (run.dryRun) return { summary: await runScenarios(input, { ...run, repeat: perTask }), looks: [] };
  const compareOptions: CompareOptions = { threshold, alpha };
  const plan: Record<string, Record<string, number>> = {};
  let summary = await runScenarios(input, { ...run, repeat: 1, repeatPerTask: plan });
  for (const unit of summary.plan) (plan[unit.scenario] ??= {})[unit.id] = 1;
  const budget = perTask * summary.plan.length;
  const batch = runsPerLook ?? summary.plan.length;
  const looks: Look[] = [];
  // Each look's plan holds the runs earlier looks made, which its summary counts as resumed: only runs
  // that were there before this loop are.
  let ranEarlier = 0;
  const own = (s: RunSummary): RunSummary => ({ ...s, resumed: s.resumed - ranEarlier });
  for (;;) {
    if (summary.aborted) return { summary: own(summary), looks };
    const head = tabulationOf(summary);
    const pairs = pairTasks(base, head).pairs;
    if (pairs.length === 0) return { summary: own(summary), looks, comparison: compare(base, head, compareOptions) };
    const { look, add } = untilDecidedStep(pairs, { earlier: looks.map((l) => l.fraction), runs: summary.plan.length, budget, batch, threshold, alpha });
    looks.push(look);
    onLook?.(look);
    const design: SequentialDesign = { alpha, threshold, budget, looks: looks.map((l) => ({ runs: l.runs, fraction: l.fraction })) };
    await recordDesign(summary.resultsDir, design, own(summary).resumed);
    if (look.decision === "stop") return { summary: own(summary), looks, comparison: compare(base, { ...head, untilDecided: design }, compareOptions) };
    pairs.forEach((p, i) => {
      if (add[i]) plan[p.suite]![p.id]! += add[i]!;
    });
    ranEarlier += summary.results.length - summary.resumed - (summary.adopted ?? 0);
    summary = await runScenarios(input, { ...run, repeat: 1, repeatPerTask: plan });
  }
}

/**
 * run.json gets the design so far, so `bench tabulate` / `bench compare` decide by the same rule
 * (sequential-verdict.ts), and the count of runs resumed from before the loop.
 */
async function recordDesign(resultsDir: string, design: SequentialDesign, resumed: number): Promise<void> {
  const manifest = await readManifestObject(resultsDir);
  if (!manifest) return;
  const lock = await acquireResultsLock(resultsDir, { command: "bench run --until-decided", wait: true });
  try {
    const counts = typeof manifest.counts === "object" && manifest.counts !== null ? { counts: { ...manifest.counts, resumed } } : {};
    await writeJsonAtomic(join(resultsDir, MANIFEST_FILE), { ...manifest, ...counts, untilDecided: design });
  } finally {
    await lock.release();
  }
}
