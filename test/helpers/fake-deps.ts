/** Hand-made scenarios and in-memory stand-ins for loading, expansion, hashing and env files. */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunDeps } from "../../src/run/run-deps.ts";
import type { ScenarioInstance } from "../../src/types.ts";

export function makeScenario(id: string, scenario = "suite", extra: Partial<ScenarioInstance> = {}): ScenarioInstance {
  return {
    id, scenario, template: "Templates/T", substitutions: { "scenario.py": { __ID__: id } },
    source: { file: `/virtual/${scenario}.jsonl`, line: 1 }, baseDir: "/virtual", extra: {}, ...extra,
  };
}

export { tempDir } from "./temp-dir.ts";

export interface FakeDepsOptions {
  /** Scenarios per input string; "*" for any input. */
  inputs?: Record<string, ScenarioInstance[]>;
  env?: Record<string, string>;
  secrets?: string[];
  /** Salt mixed into every hash (change it to make results stale). */
  salt?: string;
}

export function fakeDeps(options: FakeDepsOptions = {}): RunDeps & { expanded: string[] } {
  const expanded: string[] = [];
  return {
    expanded,
    async loadScenarios(input) {
      const inputs = Array.isArray(input) ? input : [input];
      return { scenarios: inputs.flatMap((i) => options.inputs?.[i] ?? options.inputs?.["*"] ?? []), warnings: [] };
    },
    async expandScenario(scenario, dest) {
      expanded.push(dest);
      await mkdir(dest, { recursive: true });
      await writeFile(join(dest, "run.sh"), `#!/bin/sh\n# Written by bench-action (fake expansion)\necho ${scenario.id}\n`);
    },
    async scenarioHash(scenario) {
      return createHash("sha256").update(JSON.stringify([options.salt ?? "", scenario.scenario, scenario.id, scenario.substitutions])).digest("hex");
    },
    async loadEnvFile() {
      return { env: options.env ?? {}, secrets: options.secrets ?? [], warnings: [] };
    },
    findDefaultEnvFile() {
      return options.env ? "/virtual/ENV.yaml" : undefined;
    },
  };
}
