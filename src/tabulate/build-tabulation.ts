/** Turn run records into a Tabulation: tasks sorted by id × trials, counts and statistics. */
import type { RunRecord } from "./read-results.ts";
import { ConfigError } from "../errors.ts";
import { usageStats } from "./usage-stats.ts";
import { clusteredSE, mean, normalInterval, passAtK, passHatK, wilson } from "./stats.ts";
import {
  PLANNED_TRIALS_RULE, TABULATION_RULES, addCounts, emptyCounts,
  type StatusCounts, type SuiteTabulation, type Tabulation, type TaskRow, type TaskStats, type TrialCell,
} from "./tabulation-types.ts";

const MISSING: TrialCell = { status: "missing", durationMs: null, score: null };

/**
 * Trials each task was deliberately given (task id → count), when a run planned tasks unevenly
 * (`repeatPerTask`, `bench run --until-decided`; run.json `scenarios[].trials`). Such a task's row has
 * its own count of slots: trials it was never meant to have are not "missing" and not failures.
 */
export type PlannedTrials = ReadonlyMap<string, number>;

/** Suite → its tasks' planned trials (read-results.ts reads them from run.json). */
export type PlannedBySuite = Map<string, Map<string, number>>;

/** One task's cells as records arrive (indexed by repetition, holes where none came yet). */
interface RowDraft {
  cells: (TrialCell | undefined)[];
  category?: string[];
  difficulty?: string;
  group?: string;
}

/**
 * Run records added one at a time, grouped into suites: only their cells are kept, so 100 000 records
 * read from disk need not be listed first (test/perf/tabulate-agbench.bench.ts).
 * With `checkDuplicates`, the same (suite, id, rep) twice is a ConfigError at build(); a real result
 * replaces a "missing" placeholder. Without it, a later record replaces an earlier one.
 */
export class TabulationBuilder {
  private readonly suites = new Map<string, Map<string, RowDraft>>();
  private readonly duplicates: string[] = [];

  private readonly checkDuplicates: boolean;

  constructor(checkDuplicates = true) {
    this.checkDuplicates = checkDuplicates;
  }

  add(record: RunRecord): void {
    let drafts = this.suites.get(record.suite);
    if (!drafts) this.suites.set(record.suite, (drafts = new Map()));
    if (!addRecord(drafts, record, this.checkDuplicates)) this.duplicates.push(`${record.suite}/${record.id}/${record.rep}`);
  }

  /** The Tabulation of every record added; `trials` and `planned` (used only without `trials`) as in buildSuite. */
  build(sources: string[], trials?: number, planned?: PlannedBySuite): Tabulation {
    if (this.duplicates.length) {
      throw new ConfigError("results", this.duplicates.slice(0, 20).map((d) => `run ${d} appears in more than one input`));
    }
    const plan = (name: string): PlannedTrials | undefined => (trials === undefined ? planned?.get(name) : undefined);
    return assemble([...this.suites].map(([name, drafts]) => suiteOf(name, drafts, trials, plan(name))), sources);
  }
}

/** Put `r` into its task's draft; false when it duplicates a real result (and `check`). */
function addRecord(drafts: Map<string, RowDraft>, r: RunRecord, check: boolean): boolean {
  let draft = drafts.get(r.id);
  if (!draft) drafts.set(r.id, (draft = { cells: [] }));
  const before = draft.cells[r.rep];
  if (check && before !== undefined && before.status !== "missing") return r.status === "missing";
  const cell: TrialCell = { status: r.status, durationMs: r.durationMs, score: r.score };
  if (r.reason !== undefined) cell.reason = r.reason;
  if (r.usage) cell.usage = r.usage;
  if (r.reward !== undefined) cell.reward = r.reward;
  draft.cells[r.rep] = cell;
  if (r.category && !draft.category) draft.category = r.category;
  if (r.difficulty && !draft.difficulty) draft.difficulty = r.difficulty;
  if (r.group !== undefined && draft.group === undefined) draft.group = r.group;
  return true;
}

/**
 * Build one suite; `trials` defaults to the highest repetition found + 1. A task in `planned` gets its
 * planned count of slots instead (never fewer than its highest repetition found + 1).
 */
export function buildSuite(name: string, records: readonly RunRecord[], trials?: number, planned?: PlannedTrials): SuiteTabulation {
  const drafts = new Map<string, RowDraft>();
  for (const r of records) addRecord(drafts, r, false);
  return suiteOf(name, drafts, trials, planned);
}

function suiteOf(name: string, drafts: Map<string, RowDraft>, trials?: number, planned?: PlannedTrials): SuiteTabulation {
  let n = Math.max(trials ?? 0, 1);
  for (const [id, draft] of drafts) if (draft.cells.length > n && !planned?.has(id)) n = draft.cells.length;
  const slots = (id: string, draft: RowDraft): number => {
    const plan = planned?.get(id);
    return plan === undefined ? n : Math.max(1, plan, draft.cells.length);
  };
  const rows: TaskRow[] = [...drafts.keys()].sort(compareIds).map((id) => buildRow(id, drafts.get(id) as RowDraft, slots(id, drafts.get(id) as RowDraft)));
  if (planned) n = rows.reduce((m, r) => Math.max(m, r.trials.length), 1);
  const countsPerTrial = Array.from({ length: n }, (_, i) => {
    const counts = emptyCounts();
    for (const row of rows) if (i < row.trials.length) count(counts, row.trials[i]!);
    return counts;
  });
  const stats = taskStats(rows, n);
  return { name, ...stats, rows, countsPerTrial, flakyTasks: rows.filter((r) => r.flaky).map((r) => r.id) };
}

function buildRow(id: string, draft: RowDraft, n: number): TaskRow {
  const trials: TrialCell[] = Array.from({ length: n }, (_, i) => draft.cells[i] ?? { ...MISSING });
  const row: TaskRow = { id, trials, passed: 0, passRate: 0, flaky: false };
  if (draft.category) row.category = draft.category;
  if (draft.difficulty) row.difficulty = draft.difficulty;
  if (draft.group !== undefined) row.group = draft.group;
  row.passed = trials.filter((t) => t.status === "passed").length;
  row.passRate = row.passed / n;
  row.flaky = row.passRate > 0 && row.passRate < 1;
  const usage = usageStats(trials.map((t) => t.usage));
  if (usage) row.usage = usage;
  if (trials.some((t) => t.reward !== undefined)) row.meanReward = mean(trials.map(trialReward));
  return row;
}

/** A trial's reward: the verifier's, else 1 for passed and 0 for anything else. */
function trialReward(cell: TrialCell): number {
  return cell.reward ?? (cell.status === "passed" ? 1 : 0);
}

function count(counts: StatusCounts, cell: TrialCell): void {
  counts[cell.status]++;
  counts.total++;
}

/**
 * Statistics over rows of n trials (rows of a planned-uneven suite have their own counts: each task's
 * pass rate is over its own trials, and pass@k / pass^k go up to the smallest count).
 */
export function taskStats(rows: readonly TaskRow[], n: number): TaskStats {
  const counts = emptyCounts();
  let totalDurationMs = 0;
  for (const row of rows) {
    for (const cell of row.trials) {
      count(counts, cell);
      totalDurationMs += cell.durationMs ?? 0;
    }
  }
  const rates = rows.map((r) => r.passRate);
  const m = mean(rates);
  const ci95 =
    n === 1
      ? { ...wilson(rows.filter((r) => r.passed === 1).length, rows.length), method: "wilson" as const }
      : { ...normalInterval(m, clusteredSE(rates)), method: "clustered" as const };
  const kMax = rows.reduce((m, r) => Math.min(m, r.trials.length), n);
  const ks = Array.from({ length: kMax }, (_, i) => i + 1);
  const usage = usageStats(rows.flatMap((r) => r.trials.map((t) => t.usage)));
  return {
    tasks: rows.length,
    trials: n,
    counts,
    percentage: 100 * m,
    passAtK: ks.map((k) => mean(rows.map((r) => passAtK(r.trials.length, r.passed, k)))),
    passHatK: ks.map((k) => mean(rows.map((r) => passHatK(r.trials.length, r.passed, k)))),
    ci95,
    totalDurationMs,
    ...(usage ? { usage } : {}),
    ...(rows.some((r) => r.meanReward !== undefined) ? { meanReward: mean(rows.map((r) => r.meanReward ?? mean(r.trials.map(trialReward)))) } : {}),
  };
}

/** Assemble suites into a Tabulation with the overall statistics. */
export function assemble(suites: SuiteTabulation[], sources: string[]): Tabulation {
  const sorted = [...suites].sort((a, b) => compareIds(a.name, b.name));
  const rows = sorted.flatMap((s) => s.rows);
  const uneven = sorted.some((s) => s.rows.some((r) => r.trials.length !== s.trials));
  const sameN = !uneven && sorted.length > 0 && sorted.every((s) => s.trials === sorted[0]?.trials) ? (sorted[0]?.trials ?? 1) : null;
  const stats = taskStats(rows, sameN ?? 2);
  const counts = emptyCounts();
  for (const s of sorted) addCounts(counts, s.counts);
  return {
    version: 1,
    rules: uneven ? `${TABULATION_RULES} ${PLANNED_TRIALS_RULE}` : TABULATION_RULES,
    sources,
    suites: sorted,
    overall: { ...stats, counts, trials: sameN, passAtK: sameN ? stats.passAtK : [], passHatK: sameN ? stats.passHatK : [] },
  };
}

const NUMERIC = new Intl.Collator("en", { numeric: true });

/** Sort ids by string, numbers inside compared numerically (task_2 < task_10); deterministic. */
export function compareIds(a: string, b: string): number {
  // One collator: what localeCompare(b, "en", { numeric: true }) does, without building one per call.
  return NUMERIC.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
