/** Results/run.json: what was run, how, where. Env values are never written (keys only). docs/architecture.md#results. */
import { join } from "node:path";
import { arch, platform } from "node:os";
import type { RunStatus } from "../types.ts";
import { maskValue } from "../secrets/mask.ts";
import { writeJsonAtomic } from "./write-json-atomic.ts";

/** The manifest's file name in a Results folder. */
export const MANIFEST_FILE = "run.json";

/** One scenario file in run.json: its name, its file, and the scenarioHash of each task planned. */
export interface ManifestScenario {
  /** The scenario (suite) name. */
  name: string;
  /** The scenario file's path. */
  file: string;
  /** Task id → scenarioHash of the tasks planned in this invocation. */
  hashes: Record<string, string>;
  /**
   * Task id → repetitions planned, when the invocation planned tasks unevenly (`repeatPerTask`, as
   * `bench run --until-decided` does); otherwise every task has `options.repeat`. Tabulate rates each
   * task over its own planned trials.
   */
  trials?: Record<string, number>;
}

/** Results/run.json: the invocation's id, dates, state, commit, masked options, scenario hashes, counts, shard, host and images. */
export interface RunManifest {
  /** bench-action's version that wrote it. */
  version: string;
  /** The invocation's run id (container labels carry it). */
  runId: string;
  /** When the invocation started (ISO 8601). */
  createdAt: string;
  /** When run.json was last written (ISO 8601). */
  updatedAt: string;
  /** The commit benchmarked: RunOptions.commit, else the git HEAD of the working folder (absent outside a checkout). */
  commit?: string;
  /** "running" while the pool works; "finished" or "aborted" at the end; "failed" when the invocation threw. */
  state: "running" | "finished" | "aborted" | "failed";
  /** Why the invocation failed (masked), when state is "failed". */
  error?: string;
  /** Options as given, with secrets masked and env values left out. */
  options: Record<string, unknown>;
  /** Names of the variables the env file defines (values are never written). */
  envKeys: string[];
  /** The scenario files run, with their tasks' hashes. */
  scenarios: ManifestScenario[];
  /** Runs by status, with the total and those resumed. */
  counts: Record<RunStatus, number> & { total: number; resumed: number };
  /** The shard this invocation ran, or null. */
  shard: { index: number; count: number } | null;
  /** The machine that ran it. */
  host: { platform: string; arch: string; node: string };
  /** The runner's name ("native" or "docker"). */
  runner: string;
  /** Docker: how run folders reached /workspace ("bind" or "copy", after `auto` was decided). */
  workspace?: "bind" | "copy";
  /** `--docker-image` when given (null for native or the built default). */
  image: string | null;
  /** Every distinct image the results of this plan ran in. */
  images: string[];
  /** `bench run --until-decided`: α, threshold, budget of head runs and the looks so far (docs/verdict.md). Tabulate and compare decide by it. */
  untilDecided?: import("../tabulate/tabulation-types.ts").SequentialDesign;
}

export { benchVersion } from "../repo-path.ts";

export function hostInfo(): RunManifest["host"] {
  return { platform: platform(), arch: arch(), node: process.version };
}

/** Write `<resultsDir>/run.json` atomically, every string masked. */
export async function writeManifest(resultsDir: string, manifest: RunManifest, secrets: readonly string[]): Promise<void> {
  await writeJsonAtomic(join(resultsDir, MANIFEST_FILE), maskValue(manifest, secrets));
}
