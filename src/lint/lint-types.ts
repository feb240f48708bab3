/** The shapes `bench lint` produces: agbench's coded documents (codes with evidence lines). docs/lint.md. */
import type { RunUsage } from "../usage/usage-types.ts";

/** 0 informational, 1 a problem, 2 a serious error (agbench's severities). */
export type Severity = 0 | 1 | 2;

/** One piece of evidence for a code: where in the log and why (field names as agbench's CodeExample). */
export interface CodeExample {
  /** Why this line shows the code. */
  reason: string;
  /** The log line, as written. */
  line_content: string;
  /** 1-based line of the log where the problem shows. */
  line: number;
  /** Last line of the problem (>= line). */
  line_end: number;
}

/** An error code applied to a log. */
export interface LintCode {
  /** Lower-case, hyphen-separated (agbench's normalisation). */
  name: string;
  /** What the code means. */
  definition: string;
  /** How serious it is. */
  severity: Severity;
  /** Evidence lines from the log. */
  examples: CodeExample[];
  /** Occurrences found beyond the examples kept (rule codes keep at most 20). */
  more?: number;
}

/** What was read of one log and what was sent to the model. */
export interface LintDoc {
  /** Absolute path of the log. */
  name: string;
  /** Size of the log. */
  bytes: number;
  /** Lines in the log. */
  lines: number;
  /** Bytes of numbered log text sent to the model (0 for the rule coder). */
  sent_bytes: number;
  /** The lines left out between the head and the tail sent, when the log was over --max-bytes. */
  omitted_lines: [number, number] | null;
}

/** One log with its codes, or the reason it could not be coded. */
export interface CodedLog {
  /** What was read of the log. */
  doc: LintDoc;
  /** The model's one-sentence summary (model coder, unless --no-summary). */
  summary: string | null;
  /** The codes found. */
  codes: LintCode[];
  /** Set when the log could not be coded; codes is then empty. */
  error: string | null;
}

/** The file `bench lint --out` writes. */
export interface LintReport {
  /** Format version of the report. */
  schema: 1;
  /** Who coded: a model, or the built-in rules. */
  coder: "model" | "rules";
  /** The model's name (null with --rules). */
  model: string | null;
  /** The codebook file used, if any. */
  codebook: string | null;
  /** The --max-bytes cap (null with --rules). */
  max_bytes: number | null;
  /** The model's requests, tokens and cost at bench's list prices (null with --rules). */
  usage: RunUsage | null;
  /** Each log with its codes. */
  documents: CodedLog[];
}

/** agbench's code-name normalisation: lower case, spaces to hyphens, anything but a-z and - dropped. */
export function normaliseCodeName(name: string): string {
  return name.toLowerCase().replace(/ /g, "-").replace(/[^a-z-]/g, "");
}

/** Codes with the same name merged into one (examples concatenated), most severe first, then by name. */
export function mergeCodes(codes: readonly LintCode[]): LintCode[] {
  const byName = new Map<string, LintCode>();
  for (const code of codes) {
    const seen = byName.get(code.name);
    if (seen === undefined) byName.set(code.name, { ...code, examples: [...code.examples] });
    else {
      seen.examples.push(...code.examples);
      if (code.severity > seen.severity) seen.severity = code.severity;
    }
  }
  return [...byName.values()].sort((a, b) => b.severity - a.severity || a.name.localeCompare(b.name));
}
