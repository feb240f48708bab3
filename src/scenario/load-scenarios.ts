/**
 * Loads agbench scenario JSONL (docs/scenarios.md) from files, folders or stdin, validating everything
 * before anything is written: one ConfigError lists every issue as `file:line: <json path>: <message>`.
 */
import { ConfigError } from "../errors.ts";
import type { ScenarioInstance } from "../types.ts";
import { checkScenario } from "./check-scenario.ts";
import { DEFAULT_GLOBAL_TEMPLATE } from "./global-template.ts";
import { readSources, type ScenarioSource } from "./read-sources.ts";
import { newWalkCache, type PlanIssue, type WalkCache } from "./template-plan.ts";
import { resolve } from "node:path";
import { harborTaskDirs, loadHarborTask } from "../harbor/load-harbor.ts";

/** Options of loadScenarios: the working folder, stdin, the global template, whether unknown keys are allowed, the agent for Harbor tasks. */
export interface LoadScenariosOptions {
  /** Folder inputs are relative to, and the base folder of stdin scenarios (default process.cwd()). */
  cwd?: string;
  /** Text or stream read for the input "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream | string;
  /** Global template folder the substitution checks see (default templates/global; null for none). */
  globalTemplate?: string | null;
  /** Keys the schema does not know are kept in `extra` instead of being errors (`x-` keys always are). */
  allowUnknownKeys?: boolean;
  /** `--agent` for Harbor task folders (docs/harbor.md). */
  agent?: string;
}

/** What loadScenarios read: the scenarios, and warnings. */
export interface LoadedScenarios {
  /** The scenarios read, in file order. */
  scenarios: ScenarioInstance[];
  /** Things worth saying that did not stop the load. */
  warnings: string[];
}

/** Load and validate every scenario line of `input`; throws one ConfigError listing all issues. */
export async function loadScenarios(input: string | string[], options: LoadScenariosOptions = {}): Promise<LoadedScenarios> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const all = typeof input === "string" ? [input] : input;
  const harbor = await loadHarborInputs(all, cwd, options.agent);
  const inputs = all.filter((path) => !harbor.inputs.has(path));
  const { sources, issues } = inputs.length || !harbor.inputs.size ? await readSources(inputs, { cwd, stdin: options.stdin }) : { sources: [], issues: [] };
  issues.push(...harbor.issues);
  const globalTemplate = options.globalTemplate === null ? null : resolve(cwd, options.globalTemplate ?? DEFAULT_GLOBAL_TEMPLATE);
  const cache = newWalkCache();
  const scenarios: ScenarioInstance[] = [...harbor.scenarios];
  const warnings: string[] = [];
  if (options.agent !== undefined && inputs.length) warnings.push(`--agent applies to Harbor task folders only; ${inputs.join(", ")} ignore it`);
  for (const source of sources) {
    const loaded = await loadSource(source, { globalTemplate, cache, allowUnknownKeys: options.allowUnknownKeys ?? false });
    scenarios.push(...loaded.scenarios);
    warnings.push(...loaded.warnings);
    issues.push(...loaded.issues);
  }
  if (issues.length > 0) throw new ConfigError("scenario files", issues);
  return { scenarios, warnings };
}

/** The inputs that are Harbor task folders (or folders of them), loaded. */
async function loadHarborInputs(inputs: readonly string[], cwd: string, agent: string | undefined): Promise<{ inputs: Set<string>; scenarios: ScenarioInstance[]; issues: string[] }> {
  const out = { inputs: new Set<string>(), scenarios: [] as ScenarioInstance[], issues: [] as string[] };
  for (const input of inputs) {
    if (input === "-") continue;
    const found = await harborTaskDirs(resolve(cwd, input));
    if (!found) continue;
    out.inputs.add(input);
    for (const dir of found.dirs) {
      const { scenario, issues } = await loadHarborTask(dir, found.suite, agent, cwd);
      out.issues.push(...issues);
      if (scenario) out.scenarios.push(scenario);
    }
  }
  return out;
}

interface SourceContext {
  globalTemplate: string | null;
  cache: WalkCache;
  allowUnknownKeys: boolean;
}

async function loadSource(source: ScenarioSource, ctx: SourceContext): Promise<LoadedScenarios & { issues: string[] }> {
  const out = { scenarios: [] as ScenarioInstance[], warnings: [] as string[], issues: [] as string[] };
  const idLines = new Map<string, number>();
  let warnedValues = false;
  const lines = source.text.replace(/^\uFEFF/, "").split("\n");
  for (const [index, rawLine] of lines.entries()) {
    const text = rawLine.trim();
    if (text === "" || text.startsWith("//")) continue;
    const line = index + 1;
    const where = `${source.file}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      out.issues.push(`${where}: invalid JSON: ${(error as Error).message}`);
      continue;
    }
    if (isObject(value) && typeof value.id === "string") {
      const first = idLines.get(value.id);
      if (first !== undefined) out.issues.push(`${where}: /id: duplicate id "${value.id}", first used on line ${first}`);
      else idLines.set(value.id, line);
    }
    const result = await checkScenario(value, {
      scenario: source.name, source: { file: source.file, line }, baseDir: source.baseDir, ...ctx,
    });
    if (!result.ok) {
      out.issues.push(...result.issues.map((issue) => format(where, issue)));
      continue;
    }
    if (isObject(value) && value.substitutions !== undefined && value.values !== undefined && !warnedValues) {
      warnedValues = true;
      out.warnings.push(`${where}: "values" is ignored because "substitutions" is present`);
    }
    out.scenarios.push(result.instance);
  }
  return out;
}

function format(where: string, issue: PlanIssue): string {
  return issue.pointer === undefined ? `${where}: ${issue.message}` : `${where}: ${issue.pointer}: ${issue.message}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
