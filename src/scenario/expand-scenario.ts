/**
 * Expands one scenario into a run folder (docs/architecture.md#the-life-of-an-invocation), in agbench's order: (1) global template,
 * (2) the template, (3) substitutions, (4) config.yaml, (5) run.sh. Atomic: everything is written
 * into a temp sibling folder renamed into place, so a crash never leaves a half-expanded folder.
 */
import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import type { ScenarioInstance } from "../types.ts";
import { applySubstitutions, universalNewlines } from "./apply-substitutions.ts";
import { benchVersion, DEFAULT_GLOBAL_TEMPLATE } from "./global-template.ts";
import { DEFAULT_COMMAND, renderRunSh } from "./run-script.ts";
import { planTemplate, type TemplatePlan } from "./template-plan.ts";
import { runPool } from "../run/worker-pool.ts";

const COPY_CONCURRENCY = 8;

/** Options of expandScenario: the global template, a config.yaml to copy, the version recorded, extra requirements. */
export interface ExpandOptions {
  /** Folder copied first (default the repo's templates/global); null to copy none. */
  globalTemplate?: string | null;
  /** Copied to `config.yaml` in the run folder. */
  configFile?: string;
  /** Written into run.sh and timestamp.txt (default bench-action's package version). */
  version?: string;
  /** Extra requirements (`--requirements FILE` content), appended to the run folder's requirements.txt. */
  requirements?: string;
}

/** Plan the copies of `scenario` with the global template `options` select. Throws ConfigError on any issue. */
export async function planExpansion(scenario: ScenarioInstance, options: ExpandOptions = {}): Promise<TemplatePlan> {
  const globalTemplate = options.globalTemplate === null ? null : resolve(options.globalTemplate ?? DEFAULT_GLOBAL_TEMPLATE);
  const plan = await planTemplate(scenario.template, scenario.baseDir, { globalTemplate });
  const where = `${scenario.source.file}:${scenario.source.line}`;
  const issues = plan.issues.map((issue) => `${where}: ${issue.pointer === undefined ? "" : `${issue.pointer}: `}${issue.message}`);
  if (scenario.command !== undefined && /(^|[\s/'"])run\.sh\b/.test(scenario.command)) {
    const own = plan.files.has("run.sh") ? "the template's own run.sh is replaced by the one bench generates, and " : "";
    issues.push(`${where}: command: ${own}run.sh is the script bench generates to run this command: it would call itself until the timeout; give your script another name (e.g. agent.sh) and run that`);
  }
  for (const file of Object.keys(scenario.substitutions)) {
    if (!plan.files.has(file)) issues.push(`${where}: the template has no file "${file}" to substitute in`);
  }
  if (issues.length > 0) throw new ConfigError(`scenario ${scenario.scenario}/${scenario.id}`, issues);
  return plan;
}

/** The run.sh text for `scenario` (its `command` or the default). */
export function runShFor(scenario: ScenarioInstance, options: ExpandOptions = {}): string {
  return renderRunSh({ command: scenario.command ?? DEFAULT_COMMAND, version: options.version ?? benchVersion() });
}

/** Expand `scenario` into `dest` (replaced if it exists). On error nothing is left at `dest`. */
export async function expandScenario(scenario: ScenarioInstance, dest: string, options: ExpandOptions = {}): Promise<void> {
  const target = resolve(dest);
  const temp = join(dirname(target), `${basename(target)}.tmp-${randomBytes(6).toString("hex")}`);
  await rm(target, { recursive: true, force: true });
  try {
    const plan = await planExpansion(scenario, options);
    await mkdir(temp, { recursive: true });
    await writePlan(plan, temp, scenario.substitutions);
    if (options.configFile !== undefined) await copyConfig(options.configFile, join(temp, "config.yaml"));
    if (options.requirements !== undefined) await appendRequirements(join(temp, "requirements.txt"), options.requirements);
    await writeFile(join(temp, "run.sh"), runShFor(scenario, options));
    await chmod(join(temp, "run.sh"), 0o755);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Folders first, in order; then each file from the last step that names it (later copies win, as
 * in agbench), several at a time. A substituted file is read once and written once, mode kept, its
 * line endings LF as agbench's text-mode rewrite leaves them.
 */
async function writePlan(plan: TemplatePlan, root: string, substitutions: ScenarioInstance["substitutions"]): Promise<void> {
  const sources = new Map<string, string>();
  for (const step of plan.steps) {
    if (step.kind === "dir") await mkdir(join(root, step.to), { recursive: true });
    else sources.set(step.to, step.from);
  }
  const writeOne = async ([to, from]: [string, string]): Promise<void> => {
    const replacements = substitutions[to];
    if (replacements === undefined) return copyFile(from, join(root, to));
    const [content, info] = await Promise.all([readFile(from), stat(from)]);
    await writeFile(join(root, to), applySubstitutions(universalNewlines(content), replacements), { mode: info.mode & 0o777 });
  };
  await runPool([...sources], COPY_CONCURRENCY, writeOne);
}

/** Append `extra` to requirements.txt (created when absent), on a line of its own. */
async function appendRequirements(path: string, extra: string): Promise<void> {
  const current = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  await writeFile(path, `${current}${separator}${extra}${extra === "" || extra.endsWith("\n") ? "" : "\n"}`);
}

async function copyConfig(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new ConfigError("config file", [`${from}: no such file`], { cause: error });
  }
}
