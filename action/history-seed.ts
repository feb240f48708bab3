/**
 * Carry agbenchmark history across CI jobs: every job starts with an empty Results/, so before the
 * run the baseline's regression_tests.json and success_rate.json are copied into it, and the run's
 * update (3 passes in a row → regression test) builds on the previous runs.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { describeError, REGRESSION_FILE, SUCCESS_RATE_FILE, writeHistory, type History, type RegressionEntry } from "../sdk/index.ts";
import { baselineBranch, latestOnBranch, type BaselineDeps, type BaselineSource } from "./baseline.ts";
import type { ActionContext } from "./context.ts";
import type { ActionInputs } from "./inputs.ts";
import { mergeHistories } from "./merge-histories.ts";

export interface SeedDeps extends BaselineDeps {
  warn(message: string): void;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Seed `resultsDir` from the baseline found for the comparison; on a push to the baseline branch
 * (state `self`) from that branch's latest successful run instead. Returns the summary's line.
 * An unreadable history is a warning and a fresh start, never a failure.
 */
export async function seedHistory(
  inputs: ActionInputs, ctx: ActionContext, resultsDir: string, baseline: BaselineSource, deps: SeedDeps,
  /** A shard job's own task ids: only these are seeded (the shards' histories stay disjoint). */
  only?: ReadonlySet<string>,
): Promise<string> {
  if (inputs.history === "none") return "not seeded (history: none)";
  if ([REGRESSION_FILE, SUCCESS_RATE_FILE].some((f) => existsSync(join(resultsDir, f)))) {
    return `kept the history already in \`${inputs.resultsDir}\``;
  }
  let source = baseline;
  let from = "the baseline";
  if (baseline.info.state === "self") {
    const branch = baselineBranch(inputs, ctx);
    source = await latestOnBranch(inputs, ctx, deps, branch);
    if (source.info.state !== "found") return `fresh (${source.info.note})`;
    from = `\`${branch}\` @ \`${(source.info.sha ?? "").slice(0, 7)}\``;
  } else if (source.info.state !== "found") {
    return "fresh (no baseline to seed from)";
  }
  const dirs = source.paths.filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());
  if (dirs.length === 0) return "fresh (the baseline is a tabulation file, not a results folder)";
  let histories: History[];
  try {
    histories = (await Promise.all(dirs.map(readHistoryDir))).filter((h) => h !== undefined);
  } catch (error) {
    deps.warn(`The history of ${from} is unreadable, starting with a fresh history: ${describeError(error).split("\n")[0]}`);
    return `fresh (the history of ${from} is unreadable)`;
  }
  if (histories.length === 0) return `fresh (${from} has no history files)`;
  const merged = only === undefined ? mergeHistories(histories) : restrict(mergeHistories(histories), only);
  await writeHistory(resultsDir, merged);
  const tests = new Set([...Object.keys(merged.successRate), ...Object.keys(merged.regression)]).size;
  const scope = only === undefined ? "" : " of this shard";
  return `${plural(tests, "test")}${scope} from ${from} (${plural(Object.keys(merged.regression).length, "regression test")})`;
}

/** The part of `history` about the tasks in `ids`. */
export function restrict(history: History, ids: ReadonlySet<string>): History {
  // fromEntries keeps a "__proto__" task id an own key.
  const pick = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
  return { regression: pick(history.regression), successRate: pick(history.successRate) };
}

/** A results folder's history, checked; undefined when it has neither file. Throws on a bad file. */
export async function readHistoryDir(dir: string): Promise<History | undefined> {
  const regression = await readObject(dir, REGRESSION_FILE, (v) => v !== null && typeof v === "object" && !Array.isArray(v), "an object");
  const successRate = await readObject(dir, SUCCESS_RATE_FILE, (v) => Array.isArray(v) && v.every((b) => typeof b === "boolean"), "a list of true/false");
  if (regression === undefined && successRate === undefined) return undefined;
  return { regression: (regression ?? {}) as Record<string, RegressionEntry>, successRate: (successRate ?? {}) as Record<string, boolean[]> };
}

async function readObject(dir: string, file: string, valid: (value: unknown) => boolean, want: string): Promise<Record<string, unknown> | undefined> {
  const name = `${basename(dir)}/${file}`;
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${name}: ${describeError(error)}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error(`${name}: not a JSON object`);
  const bad = Object.entries(data).find(([, value]) => !valid(value));
  if (bad) throw new Error(`${name}: "${bad[0]}" is not ${want}`);
  return data as Record<string, unknown>;
}
