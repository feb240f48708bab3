/**
 * Walk Results trees (docs/architecture.md#results) into run records. Accepts a Results root (scenario folders
 * below it) or one scenario folder (agbench's `tabulate Results/<scenario>`). Run folders without
 * result.json are scored from their console log as agbench's default scorer does, except bench's own
 * interrupted runs in a tree with a run.json ("missing").
 *
 * There may be 100 000 runs (test/perf/tabulate-agbench.bench.ts): records are handed to a visitor as
 * they are read, never listed first, and files are read synchronously (open, read into one reused
 * buffer, close), yielding to the event loop every READ_BATCH runs. On the 2-core CI machine this was
 * about 5× faster than fs.promises with 64 reads in flight (each async read is four thread-pool round
 * trips). A missing result.json is probed with existsSync once a scenario has shown it lacks them: a
 * failed open throws, and 100 000 exceptions cost more than reading every log.
 */
import { Buffer } from "node:buffer";
import { closeSync, existsSync, openSync, readdirSync, readSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { setImmediate as yieldLoop } from "node:timers/promises";
import { basename, join, sep } from "node:path";
import { ConfigError } from "../errors.ts";
import { writtenByBench } from "../results/run-folder.ts";
import { scoreAgbenchLog, scoreAgbenchLogSync, type LogVerdict } from "./agbench-log.ts";
import { runPool } from "../run/worker-pool.ts";
import { sequentialDesignOf, type SequentialDesign, type TrialStatus } from "./tabulation-types.ts";
import type { PlannedBySuite } from "./build-tabulation.ts";
import { readManifestObject } from "../results/read-manifest.ts";
import { parseResult } from "../results/result-file.ts";
import { trialUsage, type TrialUsage } from "./usage-stats.ts";

export type { PlannedBySuite };

/** One run read from a Results tree: suite, task id, repetition, status, duration, score and more. */
export interface RunRecord {
  /** The scenario (suite) name. */
  suite: string;
  /** The task's id. */
  id: string;
  /** The repetition, from 0. */
  rep: number;
  /** The trial's status in a Tabulation. */
  status: TrialStatus;
  /** Duration, when known. */
  durationMs: number | null;
  /** The score, when there is one. */
  score: number | null;
  /** Why the run was skipped, or more about an error. */
  reason?: string;
  /** agbenchmark categories of the task. */
  category?: string[];
  /** agbenchmark difficulty of the task. */
  difficulty?: string;
  /** result.json's `suite` (agbenchmark suite), when set. */
  group?: string;
  /** Model usage of the trial, when recorded. */
  usage?: TrialUsage;
  /** result.json's `reward` (a verifier's, in [0, 1]). */
  reward?: number;
}

/** Names agbench skips when listing a results folder. */
const EXCLUDED = new Set(["__pycache__", ".git", "node_modules"]);
const REP = /^\d+$/;

const READ_BATCH = 500;

function keep(e: { name: string; isDirectory(): boolean }): boolean {
  return e.isDirectory() && !EXCLUDED.has(e.name) && !e.name.startsWith(".");
}

async function subdirs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter(keep).map((e) => e.name);
}

function subdirsSync(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter(keep).map((e) => e.name);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/**
 * Is `dir` a scenario folder (task folders holding numbered run folders with run files)? Checking for
 * run files, not just numbered folders, keeps a Results root whose task ids are numbers recognised.
 */
async function isScenarioDir(dir: string, children: string[]): Promise<boolean> {
  for (const child of children.slice(0, 20)) {
    const reps = (await subdirs(join(dir, child)).catch(() => [])).filter((g) => REP.test(g)).slice(0, 5);
    for (const rep of reps) {
      for (const file of ["result.json", "console_log.txt", "timestamp.txt"]) if (await exists(join(dir, child, rep, file))) return true;
    }
  }
  return false;
}

/** The scenario folders of a Results root, or the folder itself when it is one scenario's (agbench's `tabulate Results/<scenario>`). */
export async function scenarioFolders(root: string, children?: string[], manifest?: boolean): Promise<{ suite: string; dir: string }[]> {
  const names = children ?? (await subdirs(root));
  const hasManifest = manifest ?? (await exists(join(root, "run.json")));
  return !hasManifest && (await isScenarioDir(root, names))
    ? [{ suite: basename(root), dir: root }]
    : names.map((name) => ({ suite: name, dir: join(root, name) }));
}

/** What a Results tree's run.json says about how its runs were planned and decided (absent: an ordinary run). */
export interface TreePlan {
  /** Each task's planned trials, when the run planned tasks unevenly (run.json `scenarios[].trials`). */
  planned?: PlannedBySuite;
  /** The sequential design of a `bench run --until-decided` run (run.json `untilDecided`). */
  untilDecided?: SequentialDesign;
}

/** The per-task planned trials a run.json records (`scenarios[].trials`), when it planned tasks unevenly. */
export function plannedTrials(manifest: Record<string, unknown> | undefined): PlannedBySuite | undefined {
  const scenarios = manifest?.scenarios;
  if (!Array.isArray(scenarios)) return undefined;
  const out: PlannedBySuite = new Map();
  for (const scenario of scenarios as { name?: unknown; trials?: unknown }[]) {
    if (typeof scenario?.name !== "string" || typeof scenario.trials !== "object" || scenario.trials === null) continue;
    const ids = new Map<string, number>();
    for (const [id, n] of Object.entries(scenario.trials)) if (Number.isInteger(n) && (n as number) >= 1) ids.set(id, n as number);
    if (ids.size) out.set(scenario.name, ids);
  }
  return out.size ? out : undefined;
}

/** Every run record under `root`, whether the tree carries a manifest, and its plan (when uneven) and design. */
export async function readResultsTree(root: string, concurrency = 64): Promise<{ records: RunRecord[]; manifest: boolean } & TreePlan> {
  const records: RunRecord[] = [];
  const { manifest, ...plan } = await visitResultsTree(root, (record) => records.push(record), concurrency);
  return { records, manifest, ...plan };
}

/**
 * Hand every run record under `root` to `visit`, in no set order. `concurrency`: console logs over
 * 4 MiB (and, in a tree with a manifest, run folders without result.json) read at once.
 */
export async function visitResultsTree(root: string, visit: (record: RunRecord) => void, concurrency = 64): Promise<{ manifest: boolean } & TreePlan> {
  const children = await subdirs(root).catch((error: unknown) => {
    throw new ConfigError("results path", [`${root}: ${(error as Error).message}`]);
  });
  const manifest = await exists(join(root, "run.json"));
  const later: Run[] = [];
  let sinceYield = 0;
  for (const { suite, dir } of await scenarioFolders(root, children, manifest)) {
    let expectResult = true;
    for (const id of subdirsSync(dir)) {
      const taskDir = `${dir}${sep}${id}`;
      for (const name of subdirsSync(taskDir)) {
        if (!REP.test(name)) continue;
        const run: Run = { suite, id, rep: Number(name), dir: `${taskDir}${sep}${name}` };
        const text: string | undefined = expectResult || existsSync(`${run.dir}${sep}result.json`) ? readResultText(run.dir) : undefined;
        expectResult = text !== undefined;
        const log = text !== undefined || manifest ? undefined : scoreAgbenchLogSync(run.dir);
        if (text !== undefined) visit(fromResult(run, text));
        else if (log !== undefined) visit(fromLog(run, log));
        else later.push(run);
        if (++sinceYield === READ_BATCH) {
          sinceYield = 0;
          await yieldLoop();
        }
      }
    }
  }
  await runPool(later, concurrency, async (run) => visit(await readWithoutResult(run, manifest)));
  const object = manifest ? await readManifestObject(root) : undefined;
  const planned = plannedTrials(object);
  const untilDecided = sequentialDesignOf(object?.untilDecided);
  return { manifest, ...(planned ? { planned } : {}), ...(untilDecided ? { untilDecided } : {}) };
}

interface Run {
  suite: string;
  id: string;
  rep: number;
  dir: string;
}

let buffer = Buffer.allocUnsafe(1 << 16);

/** open + read into one reused buffer + close: three syscalls and no per-file allocation but the string. */
function readResultText(dir: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(`${dir}${sep}result.json`, "r");
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString("utf8", 0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Runs the synchronous pass left: a large log, or (with a manifest) maybe one of bench's own interrupted runs. */
async function readWithoutResult(run: Run, manifest: boolean): Promise<RunRecord> {
  // In a tree bench writes, its own folders without result.json were interrupted; agbench's are scored.
  if (manifest && (await writtenByBench(run.dir))) {
    return { suite: run.suite, id: run.id, rep: run.rep, status: "missing", durationMs: null, score: null, reason: "interrupted: no result.json" };
  }
  return fromLog(run, scoreAgbenchLogSync(run.dir) ?? (await scoreAgbenchLog(run.dir)));
}

function fromLog(run: Run, log: LogVerdict): RunRecord {
  const status: TrialStatus = log.success === null ? "missing" : log.success ? "passed" : "failed";
  const record: RunRecord = { suite: run.suite, id: run.id, rep: run.rep, status, durationMs: log.durationMs, score: null };
  if (log.success === null) record.reason = log.bytes === null ? "no console_log.txt" : "no completion marker in console_log.txt (crashed or unfinished)";
  return record;
}
// No object spread here: on 100 000 runs, `{ ...base, status }` made V8 promote about 35 MB of
// short-lived records to the old generation (peak RSS +30 MB); plain literals die young.
function fromResult(run: Run, text: string): RunRecord {
  const parsed = parseResult(text);
  if ("problem" in parsed) return { suite: run.suite, id: run.id, rep: run.rep, status: "error", durationMs: null, score: null, reason: parsed.problem };
  const data = parsed.result;
  const status = data.status;
  const record: RunRecord = {
    suite: run.suite,
    id: run.id,
    rep: run.rep,
    status,
    durationMs: typeof data.durationMs === "number" ? data.durationMs : null,
    score: typeof data.score?.score === "number" ? data.score.score : null,
  };
  const reason = data.reason ?? data.error ?? data.score?.reason;
  if (status !== "passed" && typeof reason === "string") record.reason = reason;
  if (Array.isArray(data.category)) record.category = data.category;
  if (typeof data.difficulty === "string") record.difficulty = data.difficulty;
  if (typeof data.suite === "string") record.group = data.suite;
  const usage = trialUsage(data.usage);
  if (usage) record.usage = usage;
  if (typeof data.reward === "number" && data.reward >= 0 && data.reward <= 1) record.reward = data.reward;
  return record;
}
