/**
 * The view model of the job summary and the PR comment: what they show about the head, the
 * comparison and the baseline, read from a Tabulation and a Comparison (docs/action.md).
 */
import type { Comparison } from "../compare/compare.ts";
import { rewardLine } from "../compare/compare-reward.ts";
import { renderComparisonMarkdown } from "../compare/render-comparison.ts";
import { usageHeadline } from "../compare/render-usage.ts";
import type { Tabulation } from "../tabulate/tabulation-types.ts";
import type { UsageStats } from "../tabulate/usage-stats.ts";

/** What the summary and the comment show about one side, read from a Tabulation. */
export interface SuiteView {
  /** The suite's name. */
  name: string;
  /** Suite percentage. */
  percentage: number;
  /** Tasks in the suite. */
  tasks: number;
  /** Trials in the suite. */
  trials: number;
  /** Trials that passed. */
  passed: number;
  /** Trials that failed. */
  failed: number;
  /** Error and timeout trials. */
  errored: number;
  /** Trials without a result. */
  missing: number;
  /** Ids of its flaky tasks. */
  flaky: string[];
  /** Model usage (`record-usage`), when the runs recorded it. */
  usage?: UsageStats;
  /** Mean reward, when a verifier recorded rewards (Harbor tasks: docs/harbor.md). */
  meanReward?: number;
}

/** What the summary and the comment show about the head: overall counts, flaky tasks, each suite. */
export interface HeadlineView {
  /** Overall percentage. */
  percentage: number;
  /** Tasks over all suites. */
  tasks: number;
  /** Trials that passed. */
  passed: number;
  /** Trials that failed. */
  failed: number;
  /** error + timeout trials. */
  errored: number;
  /** Trials skipped. */
  skipped: number;
  /** Trials without a result. */
  missing: number;
  /** All trials. */
  total: number;
  /** "suite/id" of every flaky task. */
  flaky: string[];
  /** Each suite. */
  suites: SuiteView[];
  /** Model usage over every recorded trial (`record-usage`). */
  usage?: UsageStats;
  /** Mean reward, when a verifier recorded rewards. */
  meanReward?: number;
}

/** Δ and lists from compare(), already as text for rendering. */
export interface ComparisonView {
  /** compare()'s verdict. */
  verdict: string;
  /** Δ suite percentage in points (head − base). */
  delta: number;
  /** 95 % interval of Δ, in points. */
  interval?: [number, number];
  /** "suite/id" of new failures: tasks whose pass rate dropped significantly. */
  newFailures: string[];
  /** "suite/id" of fixed tasks: they pass significantly more often. */
  fixed: string[];
  /** "suite/id" of newly flaky tasks: always passed in the base, sometimes fail now. */
  newlyFlaky: string[];
  /** The verdict in one plain sentence (docs/verdict.md). */
  sentence?: string;
  /** The method and α, for a footnote. */
  method?: string;
  /** The SDK's full comparison Markdown, shown collapsed. */
  markdown?: string;
  /** Model usage per trial, base → head, as one line (when either side recorded it). */
  usage?: string;
  /** Mean reward, base → head, as one line (when a verifier recorded rewards). */
  reward?: string;
}

/** Where the baseline came from, for the headline and the comment. */
export interface BaselineInfo {
  /** found, missing, expired, none, self (main's own run) or failed. */
  state: "found" | "missing" | "expired" | "none" | "self" | "failed";
  /** One line on the baseline, for the headline. */
  note: string;
  /** The baseline's commit. */
  sha?: string;
  /** When the baseline's artifact was made. */
  createdAt?: string;
  /** The workflow run that made it. */
  runUrl?: string;
}

/** One side of the report from its tabulation. */
export function headlineOf(tabulation: Tabulation): HeadlineView {
  const counts = tabulation.overall.counts;
  const suites = tabulation.suites.map((s): SuiteView => ({
    name: s.name, percentage: s.percentage, tasks: s.tasks, trials: s.trials,
    passed: s.counts.passed, failed: s.counts.failed, errored: s.counts.error + s.counts.timeout,
    missing: s.counts.missing, flaky: s.flakyTasks, ...(s.usage ? { usage: s.usage } : {}),
    ...(s.meanReward === undefined ? {} : { meanReward: s.meanReward }),
  }));
  return {
    percentage: tabulation.overall.percentage,
    tasks: tabulation.overall.tasks,
    passed: counts.passed, failed: counts.failed, errored: counts.error + counts.timeout,
    skipped: counts.skipped, missing: counts.missing, total: counts.total,
    flaky: suites.flatMap((s) => s.flaky.map((id) => `${s.name}/${id}`)),
    suites,
    ...(tabulation.overall.usage ? { usage: tabulation.overall.usage } : {}),
    ...(tabulation.overall.meanReward === undefined ? {} : { meanReward: tabulation.overall.meanReward }),
  };
}

/** compare()'s result and its Markdown, as the report shows them. */
export function comparisonView(c: Comparison): ComparisonView {
  const name = (t: { suite: string; id: string }): string => `${t.suite}/${t.id}`;
  return {
    verdict: c.verdict,
    delta: c.delta,
    interval: [c.ci95.low, c.ci95.high],
    newFailures: c.newFailures.map(name),
    fixed: c.fixed.map(name),
    newlyFlaky: c.newlyFlaky.map(name),
    sentence: c.sentence,
    method: c.rules,
    // The summary and the comment print the method once, at their end (render-pr-report.ts).
    markdown: renderComparisonMarkdown(c, { title: "", footnote: false }),
    ...(c.usage ? { usage: usageHeadline(c.usage.overall) } : {}),
    ...(c.reward ? { reward: rewardLine(c.reward) } : {}),
  };
}
