/**
 * Scoring finished run folders: verifier rewards, scorer modules, grounds and the success sentinel
 * in the order of docs/verifier.md, and re-scoring existing Results.
 * @module
 */
export { readReward } from "../src/verify/reward.ts";
export type { RewardRead } from "../src/verify/reward.ts";
export { scoreRun, SUCCESS_SENTINEL } from "../src/score/score-run.ts";
export type { ScoreContext, ScoredRun, Grader } from "../src/score/score-run.ts";
export type { TabulateVerdicts } from "../src/score/custom-tabulate-grader.ts";
export { createGrader } from "../src/score/grading.ts";
export type { Grade, RunToGrade, ScoringPolicy } from "../src/score/grading.ts";
export { rescore } from "../src/score/rescore.ts";
export type { RescoreOptions, RescoreSummary } from "../src/score/rescore.ts";
