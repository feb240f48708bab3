/**
 * agbenchmark-style report.json: top-level metrics (percentage, highest_difficulty, run_time), and per
 * suite a `tests` map keyed by task id with metrics { difficulty, success, success_%, run_time,
 * fail_reason }. `success` is true when every trial passed; `success_%` is 100 × the task pass rate.
 */
import type { SuiteTabulation, Tabulation, TaskRow } from "../tabulate/tabulation-types.ts";

/** agbenchmark's difficulty order, lowest first. */
export const DIFFICULTIES = ["interface", "basic", "novice", "intermediate", "advanced", "expert", "human"] as const;
const NONE = "No successful tests";

export function highestDifficulty(rows: readonly TaskRow[]): string {
  let best = -1;
  for (const row of rows) {
    if (row.passRate < 1 || !row.difficulty) continue;
    best = Math.max(best, DIFFICULTIES.indexOf(row.difficulty.toLowerCase() as (typeof DIFFICULTIES)[number]));
  }
  return best >= 0 ? (DIFFICULTIES[best] ?? NONE) : NONE;
}

function runTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} seconds`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function test(suite: SuiteTabulation, row: TaskRow): Record<string, unknown> {
  const metrics: Record<string, unknown> = {
    difficulty: row.difficulty ?? null,
    success: row.passRate === 1,
    "success_%": round(100 * row.passRate),
    run_time: runTime(row.trials.reduce((s, c) => s + (c.durationMs ?? 0), 0)),
  };
  const reason = row.trials.find((c) => c.status !== "passed");
  if (row.passRate < 1 && reason) metrics.fail_reason = reason.reason ?? reason.status;
  const out: Record<string, unknown> = { data_path: `${suite.name}/${row.id}`, is_regression: false };
  if (row.category) out.category = row.category;
  out.metrics = metrics;
  return out;
}

export function renderAgbenchmarkReport(tabulation: Tabulation): string {
  const tests: Record<string, unknown> = {};
  for (const suite of tabulation.suites) {
    tests[suite.name] = {
      data_path: suite.name,
      metrics: { percentage: round(suite.percentage), highest_difficulty: highestDifficulty(suite.rows), run_time: runTime(suite.totalDurationMs) },
      tests: Object.fromEntries(suite.rows.map((row) => [row.id, test(suite, row)])),
    };
  }
  const report = {
    command: "bench tabulate --format agbenchmark",
    metrics: {
      percentage: round(tabulation.overall.percentage),
      highest_difficulty: highestDifficulty(tabulation.suites.flatMap((s) => s.rows)),
      run_time: runTime(tabulation.overall.totalDurationMs),
    },
    tests,
    note: tabulation.rules,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
