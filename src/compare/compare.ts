/**
 * compare(base, head): pair tasks by scenario + id and decide a verdict whose false-alarm rate is α
 * (default 5 %) at any number of tasks and trials. Differences are in percentage points (pp).
 * Method, α and the per-task rules: docs/verdict.md. In short:
 * - Δ = 100 × mean over paired tasks of (head pass rate − base pass rate);
 * - verdict from a stratified permutation test (trials re-split within each task), two-sided, see verdict.ts;
 * - 95 % interval: two-stage percentile bootstrap (tasks, then trials), inside [−100, +100];
 * - per-task flags only when an exact per-task test survives Benjamini–Hochberg at α (task-flags.ts);
 * - suites: the same test per suite, Holm-adjusted across suites;
 * - results of `--until-decided`: the overall verdict by the sequential rule the run stopped by (sequential-verdict.ts).
 * Deterministic: every random draw is seeded from the data, and swapping base and head mirrors the result.
 */
import type { SuiteTabulation, Tabulation, TaskRow, TrialCell } from "../tabulate/tabulation-types.ts";
import { bootstrapInterval } from "./bootstrap-interval.ts";
import { rewardDelta, type RewardDelta } from "./compare-reward.ts";
import { compareUsage } from "./compare-usage.ts";
import { holm } from "./multiple-testing.ts";
import type { TaskSamples } from "./samples.ts";
import { tasksText, verdictSentence } from "./sentence.ts";
import { sequentialDecision, type SequentialDecision } from "./sequential-verdict.ts";
import { flagTasks, type TaskChange } from "./task-flags.ts";
import { ConfigError } from "../errors.ts";
import { comparisonSettingsIssues } from "../options/compare-options.ts";
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD, decide, verdictFrom, type Decision, type Verdict } from "./verdict.ts";

export type { Verdict } from "./verdict.ts";
export type { TaskChange } from "./task-flags.ts";

/** Options of compare: the threshold in points, the significance level, and the value of a trial (pass = 1 by default). */
export interface CompareOptions {
  /** Smallest |Δ| in percentage points that counts as a change (default 5). */
  threshold?: number;
  /** False-alarm rate of the verdict and false-discovery rate of the task flags (default 0.05). */
  alpha?: number;
  /** The value of one trial, in [0, 1] (default: 1 when it passed, else 0). */
  value?: (cell: TrialCell) => number;
}

/** decide()'s result with both percentages, the 95 % interval of Δ and a one-sentence summary. */
export interface DeltaStats extends Decision {
  /** Suite percentage of the base (paired tasks). */
  basePercentage: number;
  /** Suite percentage of the head (paired tasks). */
  headPercentage: number;
  /** 95 % interval of Δ, in points. */
  ci95: { low: number; high: number };
  /** The verdict in one plain sentence. */
  sentence: string;
}

/** compare()'s result: the overall statistics, the rules, per-suite statistics, task changes (new failures, fixed, newly flaky), tasks on one side only, reward and usage. */
export interface Comparison extends DeltaStats {
  /** Format version of a Comparison. */
  version: 2;
  /** Smallest Δ in points that counts as a change. */
  threshold: number;
  /** Significance level of the verdict. */
  alpha: number;
  /** The method in one footnote. */
  rules: string;
  /** Why the verdict is what it is, one sentence each. */
  reasons: string[];
  /** Per suite; the verdict uses the Holm-adjusted p-value (`pAdjusted`). */
  suites: (DeltaStats & { name: string; pAdjusted: number; reward?: RewardDelta })[];
  /** Pass significantly less often in head (exact test per task, Benjamini–Hochberg at α). */
  newFailures: TaskChange[];
  /** Pass significantly more often in head. */
  fixed: TaskChange[];
  /** Always passed in base, significantly less often (but sometimes) in head. */
  newlyFlaky: TaskChange[];
  /** Pass rate moved, but not significantly. */
  changedNotSignificant: TaskChange[];
  /** Tasks only the base has (not paired). */
  onlyInBase: { suite: string; id: string }[];
  /** Tasks only the head has (not paired). */
  onlyInHead: { suite: string; id: string }[];
  /** Mean reward over paired tasks, base against head, when a verifier recorded rewards (not part of the verdict). */
  reward?: RewardDelta;
  /** Model usage per trial, base against head, when either side recorded it (docs/usage.md). */
  usage?: import("./compare-usage.ts").UsageComparison;
}

export function comparisonRules(alpha: number): string {
  return `Verdict: stratified permutation test (trials re-split within each task) on the mean per-task pass-rate difference, two-sided, α = ${alpha}; ` +
    "regressed or improved only when significant and at least the threshold. Interval: 95% bootstrap over tasks and trials. " +
    `Task flags: exact test per task, Benjamini–Hochberg false-discovery rate ${alpha}. Details: docs/verdict.md.`;
}

/** The comparison rules in one paragraph, as the reports print them (docs/verdict.md). */
export const COMPARISON_RULES: string = comparisonRules(DEFAULT_ALPHA);

export interface Pair extends TaskSamples {
  suite: string;
  id: string;
  baseRow: TaskRow;
  headRow: TaskRow;
}

const passed = (cell: TrialCell): number => (cell.status === "passed" ? 1 : 0);

/** Tasks present on both sides (sorted by suite and id, so the order never depends on which side is base), and the rest. */
export function pairTasks(base: Tabulation, head: Tabulation, value: (cell: TrialCell) => number = passed): {
  pairs: Pair[]; onlyInBase: { suite: string; id: string }[]; onlyInHead: { suite: string; id: string }[];
} {
  const baseIndex = index(base.suites);
  const headIndex = index(head.suites);
  const pairs: Pair[] = [];
  const onlyInBase: { suite: string; id: string }[] = [];
  for (const key of [...baseIndex.keys()].sort()) {
    const b = baseIndex.get(key)!;
    const h = headIndex.get(key);
    if (h && b.row.trials.length > 0 && h.row.trials.length > 0) {
      pairs.push({ suite: b.suite, id: b.row.id, baseRow: b.row, headRow: h.row, base: b.row.trials.map(value), head: h.row.trials.map(value) });
    } else if (!h) onlyInBase.push({ suite: b.suite, id: b.row.id });
  }
  const onlyInHead = [...headIndex.keys()].sort().filter((key) => !baseIndex.has(key)).map((key) => {
    const h = headIndex.get(key)!;
    return { suite: h.suite, id: h.row.id };
  });
  return { pairs, onlyInBase, onlyInHead };
}

/** Pair base and head tasks: Δ suite % with a paired 95 % interval, MDE, new failures, fixed and flaky tasks, and the verdict (docs/verdict.md). */
export function compare(base: Tabulation, head: Tabulation, options: CompareOptions = {}): Comparison {
  const issues = comparisonSettingsIssues(options);
  if (issues.length > 0) throw new ConfigError("compare options", issues);
  // Results of `--until-decided` (either side, so swapping stays a mirror) are decided by the rule the run
  // stopped by, with the run's threshold and α unless the caller names others (docs/verdict.md).
  const design = head.untilDecided ?? base.untilDecided;
  const threshold = options.threshold ?? design?.threshold ?? DEFAULT_THRESHOLD;
  const alpha = options.alpha ?? design?.alpha ?? DEFAULT_ALPHA;
  const { pairs, onlyInBase, onlyInHead } = pairTasks(base, head, options.value);
  const sequential = design && pairs.length > 0 ? sequentialDecision(pairs, { ...design, threshold, alpha }) : undefined;
  const overall = decidedBy(deltaStats(pairs, threshold, alpha), sequential, threshold);
  const suiteNames = [...new Set(pairs.map((p) => p.suite))].sort();
  const perSuite = suiteNames.map((name) => ({ name, own: pairs.filter((p) => p.suite === name) }));
  const raw = perSuite.map(({ own }) => (own.length === pairs.length ? overall : deltaStats(own, threshold, alpha)));
  const adjusted = holm(raw.map((s) => s.pValue));
  const suites = perSuite.map(({ name }, i) => {
    const s = raw[i]!;
    const pAdjusted = adjusted[i]!;
    const verdict = verdictFrom(pAdjusted, s.delta, s.mde, s.pairedTasks, threshold, alpha);
    const stats = { ...s, verdict, significant: pAdjusted <= alpha };
    const reward = rewardOf(perSuite[i]!.own);
    return { name, ...stats, pAdjusted, sentence: verdictSentence(stats, threshold), ...(reward ? { reward } : {}) };
  });
  const reward = rewardOf(pairs);
  const flags = flagTasks(pairs, alpha);
  return {
    version: 2, threshold, alpha, rules: sequential ? `${comparisonRules(alpha)} ${sequential.rules}` : comparisonRules(alpha), ...overall,
    reasons: [...(sequential ? [sequential.reason] : []), ...reasons(overall, threshold, flags.changedNotSignificant.length), ...brokenRuns(pairs)],
    suites, ...flags, onlyInBase, onlyInHead,
    ...(reward ? { reward } : {}),
    ...usageOf(base, head),
  };
}

/** The overall statistics with the sequential rule's verdict, significance and p, when the results were decided by it. */
function decidedBy(stats: DeltaStats, sequential: SequentialDecision | undefined, threshold: number): DeltaStats {
  if (!sequential) return stats;
  const { verdict, significant, pValue } = sequential;
  const decided = { ...stats, verdict, significant, pValue };
  return { ...decided, sentence: verdictSentence(decided, threshold) };
}

function rewardOf(pairs: readonly Pair[]): RewardDelta | undefined {
  return rewardDelta(pairs.map((p) => ({ base: p.baseRow, head: p.headRow })));
}

function usageOf(base: Tabulation, head: Tabulation): Pick<Comparison, "usage"> {
  const usage = compareUsage(base, head);
  return usage ? { usage } : {};
}

function index(suites: SuiteTabulation[]): Map<string, { suite: string; row: TaskRow }> {
  const out = new Map<string, { suite: string; row: TaskRow }>();
  for (const suite of suites) for (const row of suite.rows) out.set(`${suite.name}\u0000${row.id}`, { suite: suite.name, row });
  return out;
}

/** Δ, interval, MDE and verdict over a set of paired tasks (exported for tests). */
export function deltaStats(pairs: readonly (TaskSamples & { baseRow?: TaskRow; headRow?: TaskRow })[], threshold: number, alpha: number): DeltaStats {
  const decision = decide(pairs, { threshold, alpha });
  const percentage = (side: "base" | "head"): number =>
    pairs.length === 0 ? 0 : (100 * pairs.reduce((s, p) => s + p[side].reduce((a, v) => a + v, 0) / p[side].length, 0)) / pairs.length;
  const stats = { ...decision, basePercentage: percentage("base"), headPercentage: percentage("head"), ci95: bootstrapInterval(pairs) };
  return { ...stats, sentence: verdictSentence(stats, threshold) };
}

/** Trials of paired tasks that ended in error or timeout, or have no result, count as not passed: say so, so a broken harness is not read as a worse agent. */
function brokenRuns(pairs: readonly Pair[]): string[] {
  const count = (row: (p: Pair) => TaskRow): number =>
    pairs.reduce((n, p) => n + row(p).trials.filter((t) => t.status === "error" || t.status === "timeout" || t.status === "missing").length, 0);
  const base = count((p) => p.baseRow);
  const head = count((p) => p.headRow);
  if (base + head === 0) return [];
  const trials = (n: number): string => `${n} trial${n === 1 ? "" : "s"}`;
  return [`${trials(base)} of the base and ${head} of the head ended in error or timeout or have no result; they count as not passed (their run folders say why)`];
}

function reasons(s: DeltaStats, threshold: number, notSignificant: number): string[] {
  const out: string[] = [];
  const p = s.pValue < 0.001 ? "p < 0.001" : `p = ${s.pValue.toFixed(3)}`;
  if (s.pairedTasks === 0) return ["no task is present on both sides"];
  // α stays in the footnote (c.rules): the reasons are plain words with the p-value as the figure.
  if (s.significant) out.push(`the change is larger than chance explains (${p})`);
  else out.push(`the change is within what chance explains (${p})`);
  if (s.significant && Math.abs(s.delta) < threshold) out.push(`|Δ| ${Math.abs(s.delta).toFixed(1)} pp is below the ${threshold} pp threshold`);
  if (!s.detectable) out.push("with these numbers of tasks and trials no outcome could reach significance: add tasks or trials");
  else if (!s.significant) out.push(`this benchmark detects changes of about ${s.mde.toFixed(1)} pp or more (80% power); the threshold is ${threshold} pp`);
  if (notSignificant > 0) out.push(`${tasksText(notSignificant)} changed, but not significantly (each on its own is within chance)`);
  return out;
}
