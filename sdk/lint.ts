/**
 * `bench lint` (agbench's lint, docs/lint.md): console logs coded with error codes, severities and
 * evidence lines, by an OpenAI-compatible chat-completions model or by fixed rules.
 * @module
 */
export { findLogs, lintLogs, notPassed, writeLintReport } from "../src/lint/lint-logs.ts";
export type { LintOptions } from "../src/lint/lint-logs.ts";
export type { CodedLog, LintCode, CodeExample, LintDoc, LintReport, Severity } from "../src/lint/lint-types.ts";
export { loadCodebook } from "../src/lint/codebook.ts";
export { ChatClient, ModelError } from "../src/lint/chat-client.ts";
export type { ChatClientOptions, ChatMessage, ChatAnswer } from "../src/lint/chat-client.ts";
export { createLintClient } from "../src/lint/lint-client.ts";
export type { LintClientSetup } from "../src/lint/lint-client.ts";
export { RULES as LINT_RULES } from "../src/lint/rule-coder.ts";
export type { LintRule } from "../src/lint/rule-coder.ts";
export { DEFAULT_MODEL as DEFAULT_LINT_MODEL } from "../src/lint/model-coder.ts";
export { DEFAULT_MAX_BYTES as DEFAULT_LINT_MAX_BYTES } from "../src/lint/log-excerpt.ts";
export { renderCodedLog } from "../src/lint/render-lint.ts";
