/**
 * agbenchmark compatibility: task selection and order (categories, run modes, cutoff, dependencies),
 * the runtime dependency gate, suites and difficulty, same_task suites, importing challenge folders,
 * and agbenchmark's report.json.
 * @module
 */
export { selectScenarios, NO_CUTOFF_SECONDS } from "../src/select/select-scenarios.ts";
export type { SelectOptions, Selection, Exclusion } from "../src/select/select-scenarios.ts";
export { createDependencyGate } from "../src/select/dependency-gate.ts";
export type { DependencyGate, GateDecision } from "../src/select/dependency-gate.ts";
export { summariseSuites, NO_SUCCESSFUL_TESTS } from "../src/select/summarise-suites.ts";
export type { SuiteSummary, SuiteTestSummary } from "../src/select/summarise-suites.ts";
export { DIFFICULTY_ORDER, highestDifficulty } from "../src/select/difficulty.ts";
export { sameTaskGroups, scoreSameTaskMembers } from "../src/select/same-task.ts";
export { importAgbenchmark } from "../src/import/agbenchmark/import-agbenchmark.ts";
export type { ImportAgbenchmarkOptions, ImportResult } from "../src/import/agbenchmark/import-agbenchmark.ts";
export { renderAgbenchmarkReport } from "../src/report/render-agbenchmark.ts";
export type { AgbenchmarkReportOptions } from "../src/report/render-agbenchmark.ts";
export { regressionIds } from "../src/report/agbenchmark-regression.ts";
