/**
 * The surfaces made from the run option table (src/options/run-options.ts): the CLI's parseArgs
 * config, flag values → RunOptions, `--help` lines, Action inputs → RunOptions, action.yml's run
 * inputs, and the SDK's check of a RunOptions object. Each states its errors in its own words
 * (`--timeout: expected …`, `input 'timeout' must be …`, `timeout: must be …`) from one rule.
 */
import type { RunOptions } from "../types.ts";
import { crossCheck, RUN_OPTIONS, type OptionGroup, type RunOptionSpec, type ValueOption } from "./run-options.ts";
import { OptionValueError, text, type ValueKind } from "./values.ts";

/** A bad flag value in the CLI's words: `--timeout: expected …, got '0'`. */
export const flagProblem = (flag: string, expected: string, text: string): string => `--${flag}: expected ${expected}, got '${text}'`;

/** A bad input value in the Action's words: `input 'timeout' must be …, got "0"`. */
export const inputProblem = (input: string, expected: string, text: string): string => `input '${input}' must be ${expected}, got "${text}"`;

/** A flag's text (undefined = not given) read by `kind`: the value, or the problem in the CLI's words. */
export function readFlag<T>(flag: string, text: string | undefined, kind: ValueKind<T>): { value?: T; problem?: string } {
  if (text === undefined) return {};
  try {
    return { value: kind.parse(text) };
  } catch (error) {
    if (!(error instanceof OptionValueError)) throw error;
    return { problem: flagProblem(flag, kind.expected, text) };
  }
}

type FlagConfig = { type: "string" | "boolean"; short?: string; multiple?: boolean };

/** The table as node:util parseArgs options. */
export function cliFlags(table: readonly RunOptionSpec[] = RUN_OPTIONS): Record<string, FlagConfig> {
  const flags: Record<string, FlagConfig> = {};
  for (const spec of table) {
    flags[spec.flag] = {
      type: spec.kind === "switch" ? "boolean" : "string",
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.kind !== "switch" && spec.multiple ? { multiple: true } : {}),
    };
  }
  return flags;
}

/** Parsed flag values → RunOptions; the issues name the flag (`--timeout: expected …, got '0'`). */
export function optionsFromFlags(values: Record<string, unknown>, table: readonly RunOptionSpec[] = RUN_OPTIONS): { options: RunOptions; issues: string[] } {
  const options: RunOptions = {};
  const issues: string[] = [];
  const given = new Set<string>();
  for (const spec of table) {
    const raw = values[spec.flag];
    if (raw === undefined || raw === false) continue;
    given.add(spec.flag);
    if (spec.kind === "switch") {
      spec.set(options);
      continue;
    }
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const message = apply(spec, options, String(item));
      if (message) issues.push(flagProblem(spec.flag, message, String(item)));
    }
  }
  issues.push(...crossCheck(given, options, (flag) => `--${flag}`));
  return { options, issues };
}

/** Action inputs → RunOptions (only inputs that are set); issues name the input. */
export function optionsFromInputs(getInput: (name: string) => string, table: readonly RunOptionSpec[] = RUN_OPTIONS): { options: RunOptions; issues: string[] } {
  const options: RunOptions = {};
  const issues: string[] = [];
  const given = new Set<string>();
  const inputName = new Map<string, string>();
  for (const spec of table) {
    if (typeof spec.action !== "string") continue;
    inputName.set(spec.flag, spec.action);
    const raw = getInput(spec.action).trim() || actionDefault(spec);
    if (raw === "") continue;
    if (spec.kind === "switch") {
      const word = raw.toLowerCase();
      if (word !== "true" && word !== "false") issues.push(`input '${spec.action}' must be true or false, got "${raw}"`);
      if (word === "true") {
        given.add(spec.flag);
        spec.set(options);
      }
      continue;
    }
    given.add(spec.flag);
    const items = spec.multiple ? raw.split(/\r?\n|,/).map((item) => item.trim()).filter(Boolean) : [raw];
    for (const item of items) {
      const message = apply(spec, options, item);
      if (message) issues.push(inputProblem(spec.action, message, item));
    }
  }
  issues.push(...crossCheck(given, options, (flag) => `input '${inputName.get(flag) ?? flag}'`));
  return { options, issues };
}

/** An SDK caller's RunOptions checked against the same kinds; issues name the option (`timeout: must be …`). */
export function checkRunOptions(options: RunOptions, table: readonly RunOptionSpec[] = RUN_OPTIONS): string[] {
  const issues: string[] = [];
  for (const spec of table) {
    if (spec.kind === "switch" || !spec.get || !spec.sdk) continue;
    const given = spec.get(options);
    if (given === undefined) continue;
    const items = spec.multiple && Array.isArray(given) ? given : [given];
    for (const item of items) {
      if (!spec.kind.accepts(item)) issues.push(`${spec.sdk}: must be ${spec.kind.expectedValue ?? spec.kind.expected}, got ${JSON.stringify(item) ?? String(item)}`);
    }
  }
  return issues;
}

/** The Action input's default as action.yml declares it ("" = unset, "false" for switches). */
export function actionDefault(spec: RunOptionSpec): string {
  if (spec.kind === "switch") return "false";
  return spec.actionDefault ?? "";
}

function apply(spec: ValueOption<never>, options: RunOptions, text: string): string | undefined {
  try {
    spec.set(options, spec.kind.parse(text) as never);
    return undefined;
  } catch (error) {
    if (error instanceof OptionValueError) return error.expected;
    throw error;
  }
}

const HELP_COLUMN = 28;
const HELP_WIDTH = 100;

/** `--help` lines for one group of the table, with each default. */
export function helpLines(group: OptionGroup, table: readonly RunOptionSpec[] = RUN_OPTIONS): string {
  const lines: string[] = [];
  for (const spec of table.filter((s) => s.group === group)) {
    const name = `${spec.short ? `-${spec.short}, ` : "    "}--${spec.flag}${spec.kind === "switch" ? "" : ` ${spec.arg}`}`;
    const text = `${spec.help}${spec.shown ? ` (default ${spec.shown})` : ""}`;
    const words = text.split(" ");
    let line = `  ${name}`.padEnd(HELP_COLUMN) + (`  ${name}`.length >= HELP_COLUMN ? " " : "");
    let first = true;
    for (const word of words) {
      const sep = first ? "" : " ";
      if (!first && line.length + sep.length + word.length > HELP_WIDTH) {
        lines.push(line);
        line = " ".repeat(HELP_COLUMN) + word;
      } else {
        line += sep + word;
      }
      first = false;
    }
    lines.push(line);
  }
  return lines.join("\n");
}

/** action.yml's run inputs, as YAML lines under `inputs:` (the test compares them with the file). */
export function actionInputsYaml(table: readonly RunOptionSpec[] = RUN_OPTIONS): string {
  const lines: string[] = [];
  for (const spec of table) {
    if (typeof spec.action !== "string") continue;
    const kind = spec.kind === "switch" ? " (true or false)" : spec.kind === text ? "" : ` (${spec.kind.expected})`;
    const list = spec.kind !== "switch" && spec.multiple ? " Several: one per line or comma-separated." : "";
    const shown = spec.shown && spec.kind !== "switch" && actionDefault(spec) === "" ? ` Empty = ${spec.shown}.` : "";
    const note = spec.actionNote ? ` ${spec.actionNote}` : "";
    const description = `${spec.help}${kind}.${list}${shown}${note} CLI: --${spec.flag}.`;
    lines.push(`  ${spec.action}:`, `    description: ${JSON.stringify(description)}`, `    default: ${JSON.stringify(actionDefault(spec))}`);
  }
  return lines.join("\n");
}
