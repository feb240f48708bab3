/**
 * agbenchmark-style report.json: top-level metrics (percentage, highest_difficulty, run_time), and per
 * suite a `tests` map keyed by task id with metrics { difficulty, success, success_%, run_time,
 * fail_reason }. `success` is true when every trial passed; `success_%` is 100 × the task pass rate.
 * Suites are the result.json `suite` field where set (agbenchmark's suites), else the scenario file;
 * `is_regression` is true for tasks in the results root's regression_tests.json.
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

export interface AgbenchmarkReportOptions {
  /** Task ids of regression_tests.json (see regressionIds). */
  regression?: Iterable<string>;
}

function test(suite: SuiteTabulation, row: TaskRow, regression: ReadonlySet<string>): Record<string, unknown> {
  const metrics: Record<string, unknown> = {
    difficulty: row.difficulty ?? null,
    success: row.passRate === 1,
    "success_%": round(100 * row.passRate),
    run_time: runTime(row.trials.reduce((s, c) => s + (c.durationMs ?? 0), 0)),
  };
  const reason = row.trials.find((c) => c.status !== "passed");
  if (row.passRate < 1 && reason) metrics.fail_reason = reason.reason ?? reason.status;
  const out: Record<string, unknown> = { data_path: `${suite.name}/${row.id}`, is_regression: regression.has(row.id) };
  if (row.category) out.category = row.category;
  out.metrics = metrics;
  return out;
}

interface Group {
  rows: { suite: SuiteTabulation; row: TaskRow }[];
}

/** Rows by result.json `suite` where set, else by scenario file; order of first appearance. */
function groups(tabulation: Tabulation): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const suite of tabulation.suites) {
    for (const row of suite.rows) {
      const name = row.group ?? suite.name;
      const group = out.get(name) ?? { rows: [] };
      group.rows.push({ suite, row });
      out.set(name, group);
    }
  }
  return out;
}

const rowTimeMs = (row: TaskRow) => row.trials.reduce((s, c) => s + (c.durationMs ?? 0), 0);

export function renderAgbenchmarkReport(tabulation: Tabulation, options: AgbenchmarkReportOptions = {}): string {
  const regression = new Set(options.regression ?? []);
  const tests: Record<string, unknown> = {};
  for (const [name, group] of groups(tabulation)) {
    const rows = group.rows.map((r) => r.row);
    const percentage = rows.length ? (100 * rows.reduce((s, r) => s + r.passRate, 0)) / rows.length : 0;
    tests[name] = {
      data_path: name,
      metrics: { percentage: round(percentage), highest_difficulty: highestDifficulty(rows), run_time: runTime(rows.reduce((s, r) => s + rowTimeMs(r), 0)) },
      tests: Object.fromEntries(group.rows.map(({ suite, row }) => [row.id, test(suite, row, regression)])),
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
