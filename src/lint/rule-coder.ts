/**
 * bench lint --rules: codes found by fixed patterns, without a model. Each rule looks at one line at a
 * time (a traceback at the lines up to its exception), in one streaming pass; run-level codes come at
 * the end (no completion marker, result.json's timeout). docs/lint.md lists the rules.
 */
import { dirname } from "node:path";
import { readResult } from "../results/result-file.ts";
import { maskText } from "../secrets/mask.ts";
import { AGBENCH_COMPLETE, AGBENCH_SUCCESS } from "../tabulate/agbench-log.ts";
import type { CodeExample, LintCode, Severity } from "./lint-types.ts";
import { forEachLine, plainLine } from "./log-lines.ts";

/** Examples kept per code (agbench asks its model for at most 20). */
export const MAX_EXAMPLES = 20;

/** One built-in code of `bench lint --rules`. */
export interface LintRule {
  /** The code's name. */
  name: string;
  /** How serious it is. */
  severity: Severity;
  /** What the code means. */
  definition: string;
  /** What finds it, in a few words (bench lint --help). */
  cue: string;
  /** The reason for a matching line, or undefined. */
  match?: (line: string) => string | undefined;
}

const when = (pattern: RegExp, reason: (m: RegExpExecArray) => string) => (line: string) => {
  const m = pattern.exec(line);
  return m ? reason(m) : undefined;
};

/** The rule codes, in the order `bench lint --help` and docs/lint.md list them. */
export const RULES: readonly LintRule[] = [
  { name: "timed-out", severity: 2, cue: "a timeout marker, exit code 124 or 143, result.json status timeout", definition: "The run was stopped because it reached its time limit.",
    match: (line) => {
      const bench = /\[bench-action: ((?:verifier )?timed out after [^\]]*)\]/.exec(line);
      if (bench) return bench[1];
      if (/^Docker timed out\.$/.test(line)) return "agbench stopped the container at its time limit";
      const exit = /SCENARIO\.PY EXITED WITH CODE: (124|143) !#!#/.exec(line);
      return exit ? `scenario.py exited with code ${exit[1]}, the status agbench's timeout command gives` : undefined;
    } },
  { name: "python-traceback", severity: 2, cue: "\"Traceback (most recent call last):\" to its exception line", definition: "A Python exception was raised and its traceback printed; the last line of the traceback names the exception." },
  { name: "rate-limited", severity: 1, cue: "RateLimitError, HTTP 429, \"rate limit reached\"", definition: "A model or API call was refused for exceeding a rate limit (HTTP 429) and had to wait or failed.",
    match: when(/RateLimitError|Error code: 429|429 Too Many Requests|rate.limit (reached|exceeded)/i, (m) => `rate limit: ${m[0]}`) },
  { name: "context-window-exceeded", severity: 2, cue: "context_length_exceeded, \"maximum context length\"", definition: "A model call was refused because the conversation was longer than the model's context window.",
    match: when(/context_length_exceeded|maximum context length/i, (m) => `context window: ${m[0]}`) },
  { name: "authentication-failed", severity: 2, cue: "AuthenticationError, HTTP 401, invalid_api_key", definition: "A model or API call was refused because its key or token was missing, wrong or expired (HTTP 401).",
    match: when(/AuthenticationError|Error code: 401|invalid_api_key|Incorrect API key/, (m) => `authentication: ${m[0]}`) },
  { name: "stopped-by-limit", severity: 2, cue: "bench's out-of-memory, process-limit and budget markers", definition: "bench stopped the run at a resource limit: memory, processes or the usage budget.",
    match: when(/\[bench-action: ((?:out of memory|process limit reached|budget exceeded)[^\]]*)\]/, (m) => m[1]!) },
  { name: "nonzero-exit", severity: 2, cue: "\"SCENARIO.PY EXITED WITH CODE: N\", N not 0", definition: "scenario.py exited with a non-zero status, so the run did not complete.",
    match: when(/SCENARIO\.PY EXITED WITH CODE: (\d+) !#!#/, (m) => `scenario.py exited with code ${m[1]}`) },
  { name: "log-truncated", severity: 1, cue: "bench's \"console output truncated\" marker", definition: "The console output was over bench's log cap: its middle was dropped and only its head and tail were kept.",
    match: when(/\[bench-action: (console output truncated at [^\]]*)\]/, (m) => m[1]!) },
  { name: "missing-completion-marker", severity: 2, cue: "a run log with neither ALL TESTS PASSED nor SCENARIO.PY COMPLETE", definition: "The run started but its log has neither ALL TESTS PASSED !#!# nor SCENARIO.PY COMPLETE !#!#: it crashed or did not finish, and agbench counts it as missing." },
];

const TRACEBACK = "Traceback (most recent call last):";
const STARTED = /RUN\.SH STARTING !#!#|SCENARIO\.PY STARTING !#!#/;
const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** Codes the rules find in the log at `path` (its run folder's result.json is read too, when there). */
export async function ruleCodes(path: string, options: { secrets?: readonly string[]; signal?: AbortSignal } = {}): Promise<LintCode[]> {
  const secrets = options.secrets ?? [];
  const found = new Map<string, { examples: CodeExample[]; more: number }>();
  const add = (name: string, example: CodeExample) => {
    const entry = found.get(name) ?? { examples: [], more: 0 };
    found.set(name, entry);
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push({ ...example, reason: maskText(example.reason, secrets), line_content: maskText(clip(example.line_content), secrets) });
    else entry.more++;
  };
  let traceback: number | undefined;
  let started = false;
  let finished = false;
  let timedOut = false;
  let last = { line: 0, text: "" };
  const lines = await forEachLine(path, (raw, line) => {
    const text = plainLine(raw);
    if (traceback !== undefined && !/^\s/.test(text) && text !== "" && !text.includes(TRACEBACK)) {
      add("python-traceback", { reason: `Python exception: ${clip(text.trim())}`, line_content: text, line: traceback, line_end: line });
      traceback = undefined;
    }
    if (text.includes(TRACEBACK)) traceback = line;
    if (STARTED.test(text)) started = true;
    if (text.includes(AGBENCH_SUCCESS) || text.includes(AGBENCH_COMPLETE)) finished = true;
    for (const rule of RULES) {
      const reason = rule.match?.(text);
      if (reason === undefined) continue;
      if (rule.name === "timed-out") timedOut = true;
      add(rule.name, { reason, line_content: text, line, line_end: line });
    }
    if (text.trim() !== "") last = { line, text };
  }, options.signal);
  if (traceback !== undefined) add("python-traceback", { reason: "a traceback the log ends in, without its exception line", line_content: last.text, line: traceback, line_end: lines });
  if (!timedOut) {
    const result = await readResult(dirname(path));
    if (result?.status === "timeout") add("timed-out", { reason: `result.json: status timeout${result.reason ? ` (${result.reason})` : ""}`, line_content: last.text, line: Math.max(1, last.line), line_end: Math.max(1, lines) });
  }
  if (started && !finished) add("missing-completion-marker", { reason: "the log ends here without a completion marker", line_content: last.text, line: Math.max(1, last.line), line_end: Math.max(1, lines) });
  // Most severe first, as agbench prints; within a severity, in the order of RULES.
  return RULES.filter((rule) => found.has(rule.name)).sort((a, b) => b.severity - a.severity).map((rule) => {
    const { examples, more } = found.get(rule.name)!;
    return { name: rule.name, definition: rule.definition, severity: rule.severity, examples, ...(more > 0 ? { more } : {}) };
  });
}
