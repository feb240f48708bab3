/**
 * The model coder: asks a chat-completions model to code one log, as agbench's OAIQualitativeCoder
 * does (open coding without a codebook, the codebook's codes only with one), with a strict JSON
 * schema for the answer, and checks the answer before anything is kept. docs/lint.md.
 */
import type { ChatClient, ChatMessage } from "./chat-client.ts";
import { ModelError } from "./chat-client.ts";
import { mergeCodes, normaliseCodeName, type CodeExample, type LintCode, type Severity } from "./lint-types.ts";
import type { LogExcerpt } from "./log-excerpt.ts";

/** agbench lint's model. */
export const DEFAULT_MODEL = "gpt-4o";

const EXAMPLE_SCHEMA = {
  type: "object", additionalProperties: false, required: ["reason", "line_content", "line", "line_end"],
  properties: {
    reason: { type: "string", description: "Two sentences: what happened at these lines and why it fits the code." },
    line_content: { type: "string", description: "The text of the most telling line, without its number." },
    line: { type: "integer", description: "Number of the most telling line, as numbered in the log." },
    line_end: { type: "integer", description: "Number of the last line of the problem." },
  },
};

/** The answer's JSON schema (strict mode: every object closed, every property required). */
export function answerSchema(names?: readonly string[]): Record<string, unknown> {
  return {
    type: "object", additionalProperties: false, required: ["codes"],
    properties: {
      codes: {
        type: "array",
        items: {
          type: "object", additionalProperties: false, required: ["name", "definition", "severity", "examples"],
          properties: {
            name: names ? { type: "string", enum: [...names] } : { type: "string", description: "Lower case, hyphen-separated, three or four words." },
            definition: { type: "string" },
            severity: { type: "integer", enum: [0, 1, 2], description: "0 harmless, 1 a problem, 2 a serious error." },
            examples: { type: "array", items: EXAMPLE_SCHEMA },
          },
        },
      },
    },
  };
}

const OPEN_CODING = `You read the console log of an AI agent's benchmark run and code it the way a qualitative researcher codes a document: name each kind of error or inefficiency the log shows.
For each code give:
- name: three or four lower-case words joined by hyphens that say concretely what went wrong (such as repeated-failed-tool-calls or stopped-before-finishing-task); avoid vague names such as execution-issues;
- definition: two or three plain sentences, in the past tense, that would let someone apply the code to other logs;
- severity: 0 when harmless, 1 when it hurt the run, 2 when it made the run fail;
- examples: up to 20 places in this log, each with the line numbers shown at the start of the log's lines, the text of the most telling line and two sentences on what happened there.
Codes must not overlap. When the log shows no problem, answer with no codes.`;

const CLOSED_CODING = `You read the console log of an AI agent's benchmark run and code it with a fixed codebook, the way a qualitative researcher applies an existing codebook: use only the codes listed, keep their names, and apply a code only where the log shows it.
For each code you apply, give its definition as listed, a severity (0 harmless, 1 hurt the run, 2 made the run fail) and up to 20 examples from this log: the line numbers shown at the start of the log's lines, the text of the most telling line and two sentences on what happened there. When no code applies, answer with no codes.`;

const SUMMARY = "You read the console log of an AI agent's benchmark run. Answer with one sentence saying what the run did and how it ended.";

function codebookText(codebook: readonly LintCode[]): string {
  return codebook.map((code) => [
    `- ${code.name} (severity ${code.severity}): ${code.definition}`,
    ...code.examples.map((e) => `  example: ${e.reason}`),
  ].join("\n")).join("\n");
}

export function codingMessages(excerpt: LogExcerpt, codebook?: readonly LintCode[]): ChatMessage[] {
  if (!codebook) return [{ role: "system", content: OPEN_CODING }, { role: "user", content: excerpt.text }];
  return [
    { role: "system", content: CLOSED_CODING },
    { role: "user", content: `Codebook:\n${codebookText(codebook)}\n\nLog (${excerpt.lines} lines):\n${excerpt.text}` },
  ];
}

export interface ModelCoderOptions {
  client: ChatClient;
  model: string;
  codebook?: readonly LintCode[];
}

/** One sentence on the log. */
export async function summariseLog(excerpt: LogExcerpt, options: ModelCoderOptions): Promise<string> {
  const answer = await options.client.complete({ model: options.model, messages: [{ role: "system", content: SUMMARY }, { role: "user", content: excerpt.text }] });
  if (answer.refusal) throw new ModelError(`the model refused to summarise the log: ${answer.refusal}`);
  return (answer.content ?? "").trim();
}

/** The codes the model applies to the log, checked; a ModelError when the answer is not what was asked. */
export async function modelCodes(excerpt: LogExcerpt, options: ModelCoderOptions): Promise<LintCode[]> {
  const names = options.codebook?.map((code) => code.name);
  const answer = await options.client.complete({
    model: options.model,
    messages: codingMessages(excerpt, options.codebook),
    response_format: { type: "json_schema", json_schema: { name: "coded_log", strict: true, schema: answerSchema(names) } },
  });
  if (answer.refusal) throw new ModelError(`the model refused to code the log: ${answer.refusal}`);
  if (answer.finishReason === "length") throw new ModelError("the model's answer was cut off at its token limit (finish_reason: length); nothing was kept");
  return parseAnswer(answer.content ?? "", excerpt.lines, names);
}

/** The answer's codes: JSON, the schema's shape, lines inside the log; codes outside the codebook dropped (as agbench does). */
export function parseAnswer(content: string, lines: number, names?: readonly string[]): LintCode[] {
  let data: unknown;
  // A server without Structured Outputs may wrap the JSON in a Markdown fence.
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*)\n\s*```\s*$/.exec(content);
  try {
    data = JSON.parse(fenced?.[1] ?? content);
  } catch (error) {
    throw new ModelError(`the model's answer is not JSON (${(error as Error).message}); it begins: ${JSON.stringify(content.slice(0, 80))}`);
  }
  const bad = (path: string, expected: string) => new ModelError(`the model's answer does not have the shape asked for: ${path}: expected ${expected}`);
  const list = (data as { codes?: unknown } | null)?.codes;
  if (!Array.isArray(list)) throw bad("codes", "a list");
  const codes: LintCode[] = [];
  list.forEach((item: unknown, i) => {
    const at = `codes[${i}]`;
    if (item === null || typeof item !== "object") throw bad(at, "an object");
    const code = item as Record<string, unknown>;
    if (typeof code.name !== "string") throw bad(`${at}.name`, "a string");
    if (typeof code.definition !== "string") throw bad(`${at}.definition`, "a string");
    if (code.severity !== 0 && code.severity !== 1 && code.severity !== 2) throw bad(`${at}.severity`, "0, 1 or 2");
    if (!Array.isArray(code.examples)) throw bad(`${at}.examples`, "a list");
    const examples: CodeExample[] = code.examples.map((e: unknown, j) => {
      const ex = e as Record<string, unknown> | null;
      const where = `${at}.examples[${j}]`;
      if (ex === null || typeof ex !== "object") throw bad(where, "an object");
      if (typeof ex.reason !== "string" || typeof ex.line_content !== "string") throw bad(where, "reason and line_content strings");
      if (!Number.isInteger(ex.line) || !Number.isInteger(ex.line_end)) throw bad(where, "integer line and line_end");
      return { reason: ex.reason, line_content: ex.line_content, line: ex.line as number, line_end: Math.max(ex.line as number, ex.line_end as number) };
    });
    const name = normaliseCodeName(code.name);
    if (name === "" || (names && !names.includes(name))) return;
    // Evidence must point into the log: a line the log does not have is dropped, not shown.
    codes.push({ name, definition: code.definition, severity: code.severity as Severity, examples: examples.filter((e) => e.line >= 1 && e.line_end <= lines) });
  });
  return mergeCodes(codes);
}
