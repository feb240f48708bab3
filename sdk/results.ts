/**
 * The Results folder: result.json per run, the run.json manifest, the writer's lock, and the run
 * folders kept when redone (superseded) or missing their result.
 * @module
 */
export { readResult, writeResult, isDone, RESULT_FILE } from "../src/results/result-file.ts";
export { notPassedReason } from "../src/results/not-passed.ts";
export { MANIFEST_FILE } from "../src/results/manifest.ts";
export type { RunManifest } from "../src/results/manifest.ts";
export type { ManifestScenario } from "../src/results/manifest.ts";
export { readManifestSummary } from "../src/results/read-manifest.ts";
export type { ManifestSummary } from "../src/results/read-manifest.ts";
export { acquireResultsLock, ResultsBusyError, LOCK_FILE } from "../src/results/results-lock.ts";
export type { ResultsLock, LockInfo } from "../src/results/results-lock.ts";
export type { LockOptions } from "../src/results/results-lock.ts";
export { listSuperseded, removeSuperseded, SUPERSEDED_DIR } from "../src/results/superseded.ts";
export type { SupersededEntry, SupersededNote } from "../src/results/superseded.ts";
export { removeMissing } from "../src/results/remove-missing.ts";
export type { MissingRun } from "../src/results/remove-missing.ts";
