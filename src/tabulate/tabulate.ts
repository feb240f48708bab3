/** tabulate(): Results folders (or saved Tabulation JSON) → a versioned Tabulation. docs/architecture.md#tabulation-and-comparison. */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { TabulationBuilder, type PlannedBySuite } from "./build-tabulation.ts";
import { noResultsMessage } from "./no-results.ts";
import { runCustomTabulate, type TabulateSandbox } from "./custom-tabulate.ts";
import { scenarioFolders, visitResultsTree, type RunRecord, type TreePlan } from "./read-results.ts";
import { sequentialDesignOf, type Tabulation } from "./tabulation-types.ts";

/** Options of tabulate: the trials per task, how many result.json files are read at once, and whether a folder without runs is an error. */
export interface TabulateOptions {
  /**
   * Trials per task; default the highest repetition found + 1 per suite, or each task's planned count when
   * run.json records one (`scenarios[].trials`, written by `bench run --until-decided`). Slots without a result are "missing".
   */
  trials?: number;
  /** Console logs over 4 MiB read at once (default 64; everything else is read synchronously). */
  concurrency?: number;
  /** A folder input without any run is an error saying so (the CLI sets it: a wrong path is not an empty success). */
  requireResults?: boolean;
}

/** Tabulate one or more Results trees or saved tabulation files. The same (scenario, id, rep) twice is an error. */
export async function tabulate(results: string | string[], options: TabulateOptions = {}): Promise<Tabulation> {
  const inputs = Array.isArray(results) ? results : [results];
  if (inputs.length === 0) throw new ConfigError("tabulate input", ["no Results folder or tabulation file given"]);
  // One folder cannot hold the same run twice; only several inputs need the duplicate check.
  const builder = new TabulationBuilder(inputs.length > 1);
  const planned: PlannedBySuite = new Map();
  let plan: TreePlan = {};
  for (const input of inputs) {
    plan = await visitInput(input, (record) => builder.add(record), options.concurrency, options.requireResults);
    addPlanned(planned, plan.planned);
  }
  const tabulation = builder.build(inputs.map((s) => resolve(s)), options.trials, planned);
  // One --until-decided run, read as it was planned, is decided by its sequential rule (docs/verdict.md).
  if (plan.untilDecided && inputs.length === 1 && options.trials === undefined) tabulation.untilDecided = plan.untilDecided;
  return tabulation;
}

/** What one input holds: its run records, and its plan (when uneven) and sequential design (TreePlan). */
export interface InputRecords extends TreePlan {
  records: RunRecord[];
}

/** Records of one input: a directory (Results tree) or a saved Tabulation JSON file. */
export async function readInput(input: string, concurrency?: number, requireResults = false): Promise<InputRecords> {
  const records: RunRecord[] = [];
  const plan = await visitInput(input, (record) => records.push(record), concurrency, requireResults);
  return { records, ...plan };
}

/** Merge one input's planned trials into `into` (several inputs: the larger count of a task wins). */
export function addPlanned(into: PlannedBySuite, from: PlannedBySuite | undefined): void {
  for (const [suite, ids] of from ?? []) {
    const own = into.get(suite) ?? new Map<string, number>();
    for (const [id, n] of ids) own.set(id, Math.max(n, own.get(id) ?? 0));
    into.set(suite, own);
  }
}

/** A saved tabulation's rows of their own lengths (a run planned unevenly), as planned trials; undefined when every row has its suite's count. */
function plannedOf(tabulation: Tabulation): PlannedBySuite | undefined {
  const out: PlannedBySuite = new Map();
  for (const suite of tabulation.suites) {
    if (suite.rows.every((row) => row.trials.length === suite.trials)) continue;
    out.set(suite.name, new Map(suite.rows.map((row) => [row.id, row.trials.length])));
  }
  return out.size ? out : undefined;
}

/** Hand each record of one input to `visit` (a Results tree's are not listed first); its plan and design. */
async function visitInput(input: string, visit: (record: RunRecord) => void, concurrency?: number, requireResults = false): Promise<TreePlan> {
  const info = await stat(input).catch(() => {
    throw new ConfigError("tabulate input", [`${input}: no such file or folder`]);
  });
  if (!info.isDirectory()) {
    const tabulation = await readTabulationFile(input);
    for (const record of recordsOf(tabulation)) visit(record);
    const planned = plannedOf(tabulation);
    const untilDecided = sequentialDesignOf(tabulation.untilDecided);
    return { ...(planned ? { planned } : {}), ...(untilDecided ? { untilDecided } : {}) };
  }
  let count = 0;
  const { manifest: _manifest, ...plan } = await visitResultsTree(input, (record) => {
    count++;
    visit(record);
  }, concurrency);
  if (requireResults && count === 0) throw new ConfigError("tabulate input", [await noResultsMessage(input)]);
  return plan;
}

/** Parse and check a saved Tabulation (version 1). */
export async function readTabulationFile(path: string): Promise<Tabulation> {
  let data: Partial<Tabulation>;
  try {
    data = JSON.parse(await readFile(path, "utf8")) as Partial<Tabulation>;
  } catch (error) {
    throw new ConfigError("tabulation file", [`${path}: ${(error as Error).message}`]);
  }
  if (data?.version !== 1 || !Array.isArray(data.suites)) {
    throw new ConfigError("tabulation file", [`${path}: not a bench-action tabulation (expected "version": 1 and "suites")`]);
  }
  return data as Tabulation;
}

/** Flatten a Tabulation back into run records (missing slots are left out; trials keep the count). */
export function recordsOf(tabulation: Tabulation): RunRecord[] {
  const out: RunRecord[] = [];
  for (const suite of tabulation.suites) {
    for (const row of suite.rows) {
      row.trials.forEach((cell, rep) => {
        if (cell.status === "missing" && rep < row.trials.length - 1) return;
        const record: RunRecord = { suite: suite.name, id: row.id, rep, ...cell };
        if (row.category) record.category = row.category;
        if (row.difficulty) record.difficulty = row.difficulty;
        out.push(record);
      });
    }
  }
  return out;
}

/**
 * Group records by suite and build the Tabulation; duplicated (suite, id, rep) is a ConfigError.
 * `planned` (a run's per-task trial counts) is used only when `trials` is not given.
 */
export function fromRecords(records: readonly RunRecord[], sources: string[], trials?: number, checkDuplicates = true, planned?: PlannedBySuite): Tabulation {
  const builder = new TabulationBuilder(checkDuplicates);
  for (const r of records) builder.add(r);
  return builder.build(sources.map((s) => resolve(s)), trials, planned);
}

/**
 * Tabulate as agbench does when a custom_tabulate.py applies: the script's scorer and timer decide
 * every trial (True passed, False failed, None missing), run in `sandbox` once per scenario folder.
 * Returns the tabulation and what the script printed besides its verdicts.
 */
export async function tabulateWithCustom(inputs: string[], script: string, sandbox: TabulateSandbox, trials?: number): Promise<{ tabulation: Tabulation; text: string }> {
  const records: RunRecord[] = [];
  const texts: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info?.isDirectory()) throw new ConfigError("tabulate input", [`${input}: custom_tabulate.py reads Results folders, not files`]);
    for (const { suite, dir } of await scenarioFolders(input)) {
      const out = await runCustomTabulate(script, dir, sandbox);
      if (out.text) texts.push(out.text);
      for (const v of out.verdicts) {
        const status = v.success === null ? "missing" : v.success ? "passed" : "failed";
        records.push({ suite, id: v.task, rep: v.trial, status, durationMs: v.time === null ? null : Math.round(v.time * 1000), score: null });
      }
    }
  }
  return { tabulation: fromRecords(records, inputs, trials, inputs.length > 1), text: texts.join("\n") };
}
