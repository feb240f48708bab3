/**
 * agbenchmark's report.json, readable by both of its Report models (docs/agbenchmark.md, "report.json"):
 * the current one (`classic/benchmark/agbenchmark/reports/processing/report_types.py`: tests keyed by
 * test name, each with `metrics.attempted`, `metrics.is_regression` and one `results` entry per trial)
 * and the 2023 one with suites (`tests: Dict[str, Union[Test, SuiteTest]]`, where a Test's
 * `metrics` has `difficulty`, `success` and `success_%`). Tasks sharing a result.json `suite` are one
 * suite-level entry keyed by the suite name, with its members under `tests`, as agbenchmark reported
 * suites; other tasks are keyed by their test name (the id without agbenchmark's `Test` class prefix).
 *
 * The `2023-09` model is that of AutoGPT's `benchmark/` from September 2023 to January 2024: no
 * suites, and for most of that time `extra = "forbid"`, so fields of the other models are errors there.
 * It gets its own report: every task one test, with only the fields that model knows.
 */
import type { SuiteTabulation, Tabulation, TaskRow, TrialCell } from "../tabulate/tabulation-types.ts";

/** agbenchmark's difficulty order, lowest first. */
export const DIFFICULTIES = ["interface", "basic", "novice", "intermediate", "advanced", "expert", "human"] as const;
const NONE = "No successful tests";

/** The highest difficulty among tasks that passed at least once (agbenchmark's MetricsOverall). */
export function highestDifficulty(rows: readonly TaskRow[]): string {
  let best = -1;
  for (const row of rows) {
    if (row.passed === 0 || !row.difficulty) continue;
    best = Math.max(best, DIFFICULTIES.indexOf(row.difficulty.toLowerCase() as (typeof DIFFICULTIES)[number]));
  }
  return best >= 0 ? (DIFFICULTIES[best] ?? NONE) : NONE;
}

/** Python's `f"{round(s, 3)} seconds"`: a whole number keeps its ".0". */
const seconds = (ms: number) => {
  const s = Math.round(ms) / 1000;
  return `${Number.isInteger(s) ? s.toFixed(1) : s} seconds`;
};
const round = (value: number) => Math.round(value * 100) / 100;
/** agbenchmark's timestamp format: UTC, seconds, "+00:00". */
export const agbenchmarkTime = (date: Date) => `${date.toISOString().slice(0, 19)}+00:00`;
/** agbenchmark's report key: the test class name without its "Test" prefix. */
export const testName = (id: string) => id.replace(/^Test(?=[A-Z0-9_])/, "");

/** Which of agbenchmark's Report models the report is for (docs/agbenchmark.md, "report.json"). */
export type AgbenchmarkModel = "current" | "2023-09";

/** Options of renderAgbenchmarkReport: the regression test ids, the report's date and the model. */
export interface AgbenchmarkReportOptions {
  /**
   * "current" (default): the model of February 2024 on and the 2023 one with suites. "2023-09":
   * AutoGPT's `benchmark/` model from September 2023 to January 2024 (no suites; unknown fields are errors).
   */
  model?: AgbenchmarkModel;
  /** Task ids of regression_tests.json (see regressionIds). */
  regression?: Iterable<string>;
  /** completion_time (default now); benchmark_start_time is this minus the summed run time. */
  now?: Date;
}

const notAttempted = (cell: TrialCell) => cell.status === "skipped" || cell.status === "missing";
const rowTimeMs = (row: TaskRow) => row.trials.reduce((s, c) => s + (c.durationMs ?? 0), 0);

/** One trial as agbenchmark's TestResult: fail_reason is set exactly when success is false. */
function trialResult(cell: TrialCell): Record<string, unknown> {
  const success = cell.status === "passed";
  return {
    success,
    run_time: cell.durationMs === null ? null : seconds(cell.durationMs),
    fail_reason: success ? null : cell.reason || cell.status,
    reached_cutoff: cell.status === "timeout",
    n_steps: null,
    steps: [],
    // The run's model cost when it was recorded (--record-usage), as agbenchmark's TestResult.cost.
    cost: cell.usage?.costUsd ?? null,
  };
}

function test(suite: SuiteTabulation, row: TaskRow, regression: ReadonlySet<string>): Record<string, unknown> {
  const isRegression = regression.has(row.id);
  const metrics: Record<string, unknown> = {
    difficulty: row.difficulty ?? "",
    success: row.passRate === 1,
    attempted: row.trials.some((c) => !notAttempted(c)),
    is_regression: isRegression,
    "success_%": round(100 * row.passRate),
    run_time: seconds(rowTimeMs(row)),
  };
  const failed = row.trials.find((c) => c.status !== "passed");
  if (row.passRate < 1 && failed) metrics.fail_reason = failed.reason || failed.status;
  return {
    category: row.category ?? [],
    difficulty: row.difficulty ?? null,
    data_path: `${suite.name}/${row.id}`,
    description: "",
    task: "",
    answer: "",
    is_regression: isRegression,
    reached_cutoff: row.trials.some((c) => c.status === "timeout"),
    metrics,
    results: row.trials.map(trialResult),
    metadata: {},
  };
}

/** One task as the 2023-09 model's Test: no difficulty, results or metadata (that model forbids them). */
function strictTest(suite: SuiteTabulation, row: TaskRow, regression: ReadonlySet<string>): Record<string, unknown> {
  const full = test(suite, row, regression);
  const metrics = full.metrics as Record<string, unknown>;
  const cost = row.trials.reduce<number | null>((sum, c) => (typeof c.usage?.costUsd === "number" ? (sum ?? 0) + c.usage.costUsd : sum), null);
  return {
    data_path: full.data_path, is_regression: full.is_regression, answer: "", description: "",
    metrics: {
      difficulty: metrics.difficulty, success: metrics.success, "success_%": metrics["success_%"], run_time: metrics.run_time,
      fail_reason: metrics.fail_reason ?? null, attempted: metrics.attempted, cost,
    },
    category: full.category, task: "", reached_cutoff: full.reached_cutoff,
  };
}

/** A suite as agbenchmark reported one: SuiteTest fields, plus what the current Test model requires. */
function suiteTest(name: string, members: readonly Member[], regression: ReadonlySet<string>): Record<string, unknown> {
  const rows = members.map((m) => m.row);
  const percentage = round((100 * rows.reduce((s, r) => s + r.passRate, 0)) / rows.length);
  const best = highestDifficulty(rows);
  return {
    category: [...new Set(rows.flatMap((r) => r.category ?? []))],
    difficulty: best === NONE ? null : best,
    data_path: name,
    description: "",
    task: "",
    answer: "",
    metrics: {
      percentage, highest_difficulty: best, run_time: seconds(rows.reduce((s, r) => s + rowTimeMs(r), 0)),
      attempted: rows.some((r) => r.trials.some((c) => !notAttempted(c))), is_regression: false, "success_%": percentage,
    },
    results: [],
    tests: keyed(members.map((m) => [m.row.id, m.suite.name, test(m.suite, m.row, regression)])),
  };
}

/** Entries keyed by test name; a name used twice keeps the first and keys the others by "scenario/id". */
function keyed(entries: readonly [id: string, scenario: string, value: unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, scenario, value] of entries) {
    const name = testName(id);
    out[name in out ? `${scenario}/${id}` : name] = value;
  }
  return out;
}

type Member = { suite: SuiteTabulation; row: TaskRow };

/** agbenchmark's report.json for a Tabulation, same_task suites grouped as agbenchmark groups them. */
export function renderAgbenchmarkReport(tabulation: Tabulation, options: AgbenchmarkReportOptions = {}): string {
  const regression = new Set(options.regression ?? []);
  const strict = options.model === "2023-09";
  // Report order: tasks in tabulation order, each suite where its first member appears.
  const order: ({ member: Member } | { suite: string })[] = [];
  const suites = new Map<string, Member[]>();
  for (const suite of tabulation.suites) {
    for (const row of suite.rows) {
      if (row.group === undefined || strict) order.push({ member: { suite, row } });
      else if (suites.has(row.group)) suites.get(row.group)!.push({ suite, row });
      else {
        suites.set(row.group, [{ suite, row }]);
        order.push({ suite: row.group });
      }
    }
  }
  const tests = keyed(order.map((item) => ("suite" in item
    ? [item.suite, "suite", suiteTest(item.suite, suites.get(item.suite)!, regression)]
    : [item.member.row.id, item.member.suite.name, (strict ? strictTest : test)(item.member.suite, item.member.row, regression)])));
  const completion = options.now ?? new Date();
  const report = {
    command: "bench tabulate --format agbenchmark",
    completion_time: agbenchmarkTime(completion),
    benchmark_start_time: agbenchmarkTime(new Date(completion.getTime() - tabulation.overall.totalDurationMs)),
    metrics: {
      run_time: seconds(tabulation.overall.totalDurationMs),
      highest_difficulty: highestDifficulty(tabulation.suites.flatMap((s) => s.rows)),
      percentage: round(tabulation.overall.percentage),
      total_cost: tabulation.overall.usage?.costUsd ?? null,
    },
    config: {},
    tests,
    // The 2023-09 model forbids keys it does not know.
    ...(strict ? {} : { note: tabulation.rules }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
