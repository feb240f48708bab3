/**
 * Walk Results trees (DESIGN §5) into flat run records. Accepts a Results root (scenario folders
 * below it) or one scenario folder (agbench's `tabulate Results/<scenario>`). Reads result.json files
 * with bounded concurrency; run folders without result.json are scored from their console log as
 * agbench does, unless the tree has a run.json manifest (then such a run is still "missing").
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { RUN_STATUSES, type RunResult, type RunStatus } from "../types.ts";
import { ConfigError } from "../errors.ts";
import { scoreAgbenchLog } from "./agbench-log.ts";
import { mapBounded } from "./pool.ts";
import type { TrialStatus } from "./tabulation-types.ts";

export interface RunRecord {
  suite: string;
  id: string;
  rep: number;
  status: TrialStatus;
  durationMs: number | null;
  score: number | null;
  reason?: string;
  category?: string[];
  difficulty?: string;
}

/** Names agbench skips when listing a results folder. */
const EXCLUDED = new Set(["__pycache__", ".git", "node_modules"]);
const REP = /^\d+$/;

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !EXCLUDED.has(e.name) && !e.name.startsWith(".")).map((e) => e.name);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Is `dir` a scenario folder (task folders holding numbered repetition folders)? */
async function isScenarioDir(dir: string, children: string[]): Promise<boolean> {
  for (const child of children.slice(0, 20)) {
    const grand = await subdirs(join(dir, child)).catch(() => []);
    if (grand.some((g) => REP.test(g))) return true;
  }
  return false;
}

/** Every run record under `root`, plus whether the tree carries a manifest. */
export async function readResultsTree(root: string, concurrency = 64): Promise<{ records: RunRecord[]; manifest: boolean }> {
  const children = await subdirs(root).catch((error: unknown) => {
    throw new ConfigError("results path", [`${root}: ${(error as Error).message}`]);
  });
  const manifest = await exists(join(root, "run.json"));
  const scenarioDirs = (await isScenarioDir(root, children))
    ? [{ suite: basename(root), dir: root }]
    : children.map((name) => ({ suite: name, dir: join(root, name) }));
  const runs: { suite: string; id: string; rep: number; dir: string }[] = [];
  for (const { suite, dir } of scenarioDirs) {
    for (const id of await subdirs(dir)) {
      for (const rep of (await subdirs(join(dir, id))).filter((r) => REP.test(r))) {
        runs.push({ suite, id, rep: Number(rep), dir: join(dir, id, rep) });
      }
    }
  }
  const records = await mapBounded(runs, concurrency, (run) => readRun(run, manifest));
  return { records, manifest };
}

async function readRun(run: { suite: string; id: string; rep: number; dir: string }, manifest: boolean): Promise<RunRecord> {
  const base = { suite: run.suite, id: run.id, rep: run.rep };
  let text: string | undefined;
  try {
    text = await readFile(join(run.dir, "result.json"), "utf8");
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    if (manifest) return { ...base, status: "missing", durationMs: null, score: null, reason: "no result.json" };
    const log = await scoreAgbenchLog(run.dir);
    const status: TrialStatus = log.success === null ? "missing" : log.success ? "passed" : "failed";
    return { ...base, status, durationMs: log.durationMs, score: null };
  }
  return fromResult(base, text);
}

function fromResult(base: { suite: string; id: string; rep: number }, text: string): RunRecord {
  let data: Partial<RunResult>;
  try {
    data = JSON.parse(text) as Partial<RunResult>;
  } catch (error) {
    return { ...base, status: "error", durationMs: null, score: null, reason: `result.json is not JSON: ${(error as Error).message}` };
  }
  const status = RUN_STATUSES.includes(data.status as RunStatus) ? (data.status as RunStatus) : undefined;
  if (!status) return { ...base, status: "error", durationMs: null, score: null, reason: `result.json has no valid status` };
  const record: RunRecord = {
    ...base,
    status,
    durationMs: typeof data.durationMs === "number" ? data.durationMs : null,
    score: typeof data.score?.score === "number" ? data.score.score : null,
  };
  const reason = data.reason ?? data.error ?? data.score?.reason;
  if (status !== "passed" && typeof reason === "string") record.reason = reason;
  if (Array.isArray(data.category)) record.category = data.category;
  if (typeof data.difficulty === "string") record.difficulty = data.difficulty;
  return record;
}
