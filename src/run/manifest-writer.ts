/** Builds and rewrites Results/run.json for one invocation (at the start and at the end). */
import { benchVersion, hostInfo, writeManifest, type ManifestScenario, type RunManifest } from "../results/manifest.ts";
import { readManifestObject } from "../results/read-manifest.ts";
import { sequentialDesignOf } from "../tabulate/tabulation-types.ts";
import type { RunOptions, RunSummary } from "../types.ts";
import type { PlanUnit } from "./plan.ts";

export interface ManifestInput {
  resultsDir: string;
  runId: string;
  options: RunOptions;
  envKeys: string[];
  secrets: readonly string[];
  units: readonly PlanUnit[];
  hashOf(unit: PlanUnit): string;
  runner: string;
  /** The Docker runner's resolved workspace mode. */
  workspace?: "bind" | "copy";
  /** The commit benchmarked (RunOptions.commit, else the working folder's git HEAD). */
  commit?: string;
}

/** Options worth recording: plain values only; no env values (their keys are envKeys), no callbacks, no signal, no host env. */
export function recordedOptions(options: RunOptions): Record<string, unknown> {
  // repeatPerTask is recorded per scenario (`scenarios[].trials`), as planned.
  const { runner: _runner, signal: _signal, onEvent: _onEvent, hostEnv: _hostEnv, stdin: _stdin, env: _env, repeatPerTask: _perTask, filter, ...rest } = options;
  const out: Record<string, unknown> = { ...rest };
  if (filter !== undefined) out.filter = String(filter);
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

export class ManifestWriter {
  readonly #input: ManifestInput;
  readonly #createdAt = new Date().toISOString();

  constructor(input: ManifestInput) {
    this.#input = input;
  }

  async write(summary: RunSummary, state: RunManifest["state"], error?: string): Promise<void> {
    const { resultsDir, runId, options, envKeys, secrets, units, hashOf, runner, workspace, commit } = this.#input;
    const scenarios = new Map<string, ManifestScenario>();
    for (const unit of units) {
      const name = unit.scenario.scenario;
      const entry = scenarios.get(name) ?? { name, file: unit.scenario.source.file, hashes: {} };
      entry.hashes[unit.scenario.id] = hashOf(unit);
      if (options.repeatPerTask) (entry.trials ??= {})[unit.scenario.id] = unit.rep + 1;
      scenarios.set(name, entry);
    }
    // A look of `--until-decided` (repeatPerTask) keeps the design of the looks before it, so an
    // interrupted look never leaves uneven trials without the rule that decides them (docs/verdict.md).
    // A plain run over the same folder drops it: its trials follow no sequential design.
    const untilDecided = options.repeatPerTask ? sequentialDesignOf((await readManifestObject(resultsDir))?.untilDecided) : undefined;
    await writeManifest(resultsDir, {
      version: benchVersion(), runId, createdAt: this.#createdAt, updatedAt: new Date().toISOString(), state,
      ...(commit === undefined ? {} : { commit }),
      options: recordedOptions(options), envKeys: [...envKeys].sort(), scenarios: [...scenarios.values()],
      counts: { ...summary.counts, resumed: summary.resumed }, shard: options.shard ?? null, host: hostInfo(),
      runner, ...(workspace === undefined ? {} : { workspace }), image: options.runtime === "native" ? null : options.dockerImage ?? null,
      images: [...new Set(summary.results.flatMap((r) => r.image ?? []))].sort(),
      ...(error === undefined ? {} : { error }),
      ...(untilDecided === undefined ? {} : { untilDecided }),
    }, secrets);
  }
}
