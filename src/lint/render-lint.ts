/** bench lint's text output, laid out as agbench lint prints (codes by severity, `file:line:line_end<TAB>reason`). */
import type { CodedLog } from "./lint-types.ts";

const SEVERITY_COLOUR = ["\x1b[32m", "\x1b[33m", "\x1b[31m"] as const;
const RESET = "\x1b[0m";
const BOLD = "\x1b[1m";

/** One log's block; `display` is the path as the user gave it (clickable in terminals as file:line). */
export function renderCodedLog(log: CodedLog, display: string, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const out = [`Processing file: ${display}`];
  if (log.summary) out.push(log.summary);
  if (log.doc.omitted_lines) {
    const [from, to] = log.doc.omitted_lines;
    out.push(`(lines ${from}-${to} of ${log.doc.lines} were not sent to the model: the log is over --max-bytes)`);
  }
  let found = 0;
  for (const code of log.codes) {
    out.push(`${paint(SEVERITY_COLOUR[code.severity], `[${code.severity}]: ${code.name}`)}: ${code.definition}`);
    for (const example of code.examples) out.push(`${paint(BOLD, display)}:${example.line}:${example.line_end}\t${example.reason}`);
    if (code.more) out.push(`  … and ${code.more} more`);
    found += code.examples.length + (code.more ?? 0);
  }
  out.push("", `Found ${found} errors in ${display}.`, "");
  return `${out.join("\n")}\n`;
}
