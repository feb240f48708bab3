/**
 * A fingerprint of everything that decides what a run folder holds before it runs: the normalised
 * scenario, the bytes of every copied file (under its relative name, in plan order), the config
 * file and run.sh. Stable across machines (no absolute paths); any changed byte changes it; resume
 * compares it (docs/architecture.md#the-life-of-an-invocation, "Plan").
 */
import { createHash } from "node:crypto";
import { relative } from "node:path";
import { readFile } from "node:fs/promises";
import type { ScenarioInstance } from "../types.ts";
import { planExpansion, runShFor, type ExpandOptions } from "./expand-scenario.ts";
import { planGraderFiles } from "../verify/verifier-task.ts";
import { hashTree } from "../harbor/tree-hash.ts";

/** sha256 hex of the scenario as `expandScenario(scenario, dest, options)` would lay it out. */
export async function scenarioHash(scenario: ScenarioInstance, options: ExpandOptions = {}): Promise<string> {
  const hash = createHash("sha256");
  const section = (label: string, data: string | Buffer): void => {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    hash.update(`${label}\0${bytes.length}\0`);
    hash.update(bytes);
  };
  section("scenario", JSON.stringify({
    scenario: scenario.scenario,
    id: scenario.id,
    template: scenario.template,
    // key order matters (replacements apply in order), so keep it as an array of pairs
    substitutions: Object.entries(scenario.substitutions).map(([file, map]) => [file, Object.entries(map)]),
    command: scenario.command ?? null,
    timeout: scenario.timeout ?? null,
    image: scenario.image ?? null,
    score: scenario.score ?? null,
    // Absent (not null) without a verifier, so hashes of scenarios without one stay as they were.
    ...(scenario.verify === undefined ? {} : { verify: scenario.verify }),
    ...(scenario.environment === undefined ? {} : { environment: { ...scenario.environment, build: scenario.environment.build?.timeoutMs ?? null, compose: composeForHash(scenario) } }),
  }));
  // A Harbor task's image is built from its environment folder: a changed byte there reruns it.
  const context = scenario.environment?.build?.contextDir;
  if (context !== undefined) section("environment", await hashTree(context));
  for (const service of scenario.environment?.compose?.services ?? []) {
    if (service.build) section(`service:${service.name}`, await hashTree(service.build.contextDir));
  }
  const plan = await planExpansion(scenario, options);
  for (const step of plan.steps) {
    if (step.kind === "dir") section(`dir:${step.to}`, "");
    else section(`file:${step.to}`, await readFile(step.from));
  }
  if (options.configFile !== undefined) section("config.yaml", await readFile(options.configFile));
  if (options.requirements !== undefined) section("requirements", options.requirements);
  section("run.sh", runShFor(scenario, options));
  for (const step of (await planGraderFiles(scenario)).steps) {
    if (step.kind === "dir") section(`verify-dir:${step.to}`, "");
    else section(`verify-file:${step.to}`, await readFile(step.from));
  }
  return hash.digest("hex");
}

/** The compose subset without absolute paths (a build context relative to the task folder). */
function composeForHash(scenario: ScenarioInstance): unknown {
  const compose = scenario.environment?.compose;
  if (!compose) return null;
  const services = compose.services.map((s) => (s.build ? { ...s, build: { ...s.build, contextDir: relative(scenario.baseDir, s.build.contextDir) } } : s));
  return { ...compose, services };
}
