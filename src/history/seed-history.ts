/**
 * Carry agbenchmark history across CI jobs: every job starts with an empty Results/, so before the
 * run a baseline's regression_tests.json and success_rate.json are copied into it, and the run's
 * update (3 passes in a row → regression test) builds on the previous runs. docs/action.md,
 * "History across jobs".
 */
import { statSync } from "node:fs";
import { hasHistory, readHistory, writeHistory, type History } from "./history-file.ts";
import { mergeHistories, restrictHistory } from "./merge-histories.ts";

/** What seeding did: `seeded` with its counts, or why nothing was written. */
export type SeedOutcome =
  | { state: "seeded"; tests: number; regressionTests: number }
  | { state: "kept" }
  | { state: "no-folders" }
  | { state: "no-history" };

/** Options of seedHistory: the task ids a shard job seeds. */
export interface SeedOptions {
  /** A shard job's own task ids: only these are seeded (the shards' histories stay disjoint). */
  only?: ReadonlySet<string>;
}

/**
 * Seed `resultsDir` with the merged history of `sources` (a baseline's results folders, e.g. one per
 * shard; files among them are skipped), only into an empty history: a `resultsDir` that has either
 * file is `kept`. Every source is read before anything is written, so an unreadable file (a
 * ConfigError naming it) leaves `resultsDir` untouched.
 */
export async function seedHistory(resultsDir: string, sources: readonly string[], options: SeedOptions = {}): Promise<SeedOutcome> {
  if (hasHistory(resultsDir)) return { state: "kept" };
  const dirs = sources.filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());
  if (dirs.length === 0) return { state: "no-folders" };
  const histories: History[] = [];
  for (const dir of dirs) if (hasHistory(dir)) histories.push(await readHistory(dir));
  if (histories.length === 0) return { state: "no-history" };
  const merged = options.only === undefined ? mergeHistories(histories) : restrictHistory(mergeHistories(histories), options.only);
  await writeHistory(resultsDir, merged);
  return { state: "seeded", tests: new Set([...Object.keys(merged.successRate), ...Object.keys(merged.regression)]).size, regressionTests: Object.keys(merged.regression).length };
}
