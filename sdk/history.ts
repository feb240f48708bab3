/**
 * Run history per results root, as agbenchmark keeps it: regression_tests.json, success_rate.json,
 * merging shards' histories and seeding a results root from a baseline, and the run modes that
 * read and update them.
 * @module
 */
export { readHistory, writeHistory, hasHistory, REGRESSION_FILE, SUCCESS_RATE_FILE, REGRESSION_STREAK, SUCCESS_RATE_WINDOW } from "../src/history/history-file.ts";
export type { History, RegressionEntry } from "../src/history/history-file.ts";
export { mergeHistories, restrictHistory } from "../src/history/merge-histories.ts";
export { seedHistory } from "../src/history/seed-history.ts";
export type { SeedOutcome, SeedOptions } from "../src/history/seed-history.ts";
export { updateHistory, applyResults } from "../src/history/update-history.ts";
export { runModeFromFlags, RUN_MODES } from "../src/history/run-mode.ts";
export type { RunMode } from "../src/history/run-mode.ts";
