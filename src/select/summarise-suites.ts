/**
 * agbenchmark suite metrics: tasks sharing a `suite` are reported together with a percentage
 * (mean over tasks of the task pass rate), the highest difficulty among passed tasks and the
 * summed run time.
 */
import type { RunResult } from "../types.ts";
import { highestDifficulty } from "./difficulty.ts";

/** The highest difficulty agbenchmark reports for a suite without a passed test. */
export const NO_SUCCESSFUL_TESTS = "No successful tests";

/** One test's line in an agbenchmark suite summary. */
export interface SuiteTestSummary {
  /** The test's id. */
  id: string;
  /** The test's scenario (suite) name. */
  scenario: string;
  /** agbenchmark's difficulty of the test. */
  difficulty?: string;
  /** agbenchmark's categories of the test. */
  category?: string[];
  /** Runs of the test. */
  runs: number;
  /** Runs that passed. */
  passed: number;
  /** Pass rate in percent, one decimal. */
  "success_%": number;
}

/** An agbenchmark suite summary: percentage, highest difficulty, summed run time, its tests. */
export interface SuiteSummary {
  /** The suite's name. */
  suite: string;
  /** Percentage of its tests that passed. */
  percentage: number;
  /** Highest difficulty among tasks that passed at least once, or "No successful tests". */
  highest_difficulty: string;
  /** Sum of run durations, seconds. */
  run_time_seconds: number;
  /** Categories of its tests. */
  category: string[];
  /** Its tests. */
  tests: SuiteTestSummary[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** One summary per suite name, in order of first appearance. Skipped runs count as not passed. */
export function summariseSuites(results: readonly RunResult[]): SuiteSummary[] {
  const suites = new Map<string, Map<string, RunResult[]>>();
  for (const result of results) {
    if (result.suite === undefined) continue;
    const tests = suites.get(result.suite) ?? new Map<string, RunResult[]>();
    const key = `${result.scenario}/${result.id}`;
    tests.set(key, [...(tests.get(key) ?? []), result]);
    suites.set(result.suite, tests);
  }
  return [...suites].map(([suite, tests]) => {
    const summaries: SuiteTestSummary[] = [...tests.values()].map((runs) => {
      const first = runs[0]!;
      const passed = runs.filter((r) => r.status === "passed").length;
      const summary: SuiteTestSummary = { id: first.id, scenario: first.scenario, runs: runs.length, passed, "success_%": round1((passed / runs.length) * 100) };
      if (first.difficulty !== undefined) summary.difficulty = first.difficulty;
      if (first.category !== undefined) summary.category = first.category;
      return summary;
    });
    const all = [...tests.values()].flat();
    const percentage = round1(summaries.reduce((sum, t) => sum + t["success_%"], 0) / summaries.length);
    const best = highestDifficulty(summaries.filter((t) => t.passed > 0).map((t) => t.difficulty));
    const category = [...new Set(summaries.flatMap((t) => t.category ?? []))];
    const runTime = all.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
    return { suite, percentage, highest_difficulty: best ?? (summaries.some((t) => t.passed > 0) ? "unknown" : NO_SUCCESSFUL_TESTS), run_time_seconds: runTime, category, tests: summaries };
  });
}
