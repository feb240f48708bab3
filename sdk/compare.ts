/**
 * Base against head: paired task comparison with the verdict rule of docs/verdict.md, running until
 * the verdict is decided, the comparison's Markdown and text renderers, and the fail-on policy
 * (does a head and its comparison fail the job).
 * @module
 */
export { compare, COMPARISON_RULES } from "../src/compare/compare.ts";
export type { Comparison, CompareOptions, Verdict, TaskChange, DeltaStats } from "../src/compare/compare.ts";
export { decide, DEFAULT_ALPHA, DEFAULT_THRESHOLD } from "../src/compare/verdict.ts";
export { COMPARE_OPTIONS, readComparisonSettings, comparisonSettingsIssues, compareHelp } from "../src/options/compare-options.ts";
export type { ComparisonSettings, CompareOptionSpec } from "../src/options/compare-options.ts";
export type { Decision, DecideOptions } from "../src/compare/verdict.ts";
export type { TaskSamples } from "../src/compare/samples.ts";
export type { TestResult } from "../src/compare/stratified-test.ts";
export { runUntilDecided, DEFAULT_UNTIL_DECIDED_BUDGET } from "../src/compare/until-decided.ts";
export type { UntilDecidedOptions, UntilDecidedResult } from "../src/compare/until-decided.ts";
export { describeLook } from "../src/compare/sequential.ts";
export type { Look } from "../src/compare/sequential.ts";
export { renderComparisonMarkdown, renderComparisonText } from "../src/compare/render-comparison.ts";
export type { ComparisonMarkdownOptions } from "../src/compare/render-comparison.ts";
export { rewardLine } from "../src/compare/compare-reward.ts";
export { failureReasons, failOnList, FAIL_ON_RULES } from "../src/compare/fail-on.ts";
export type { FailOn, FailPolicy, GateHead, GateComparison } from "../src/compare/fail-on.ts";
export type { RewardDelta } from "../src/compare/compare-reward.ts";
