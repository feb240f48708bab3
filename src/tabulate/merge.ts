/**
 * merge(): several Results trees (e.g. matrix shards) → one Tabulation. Fails with a ConfigError when
 * a run appears in two trees, or when a tree's run.json says which tasks it planned
 * (`scenarios[].hashes` keys, × `options.repeat` repetitions, or `scenarios[].trials` per task) and some have no result, or when shard
 * manifests say `shard.count` = n and not every shard 1..n is present.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../errors.ts";
import { MANIFEST_FILE } from "../results/manifest.ts";
import { readManifestObject } from "../results/read-manifest.ts";
import { addPlanned, readInput, fromRecords, type TabulateOptions } from "./tabulate.ts";
import type { PlannedBySuite, RunRecord } from "./read-results.ts";
import type { Tabulation } from "./tabulation-types.ts";

/** Options of merge: tabulate's options, and whether missing runs or shards are allowed. */
export interface MergeOptions extends TabulateOptions {
  /** Accept missing tasks/shards instead of failing (they still count as missing). Default false. */
  allowMissing?: boolean;
}

interface ManifestView {
  scenarios?: { name?: string; hashes?: Record<string, string>; trials?: Record<string, number> }[];
  options?: { repeat?: number };
  shard?: { index: number; count: number } | null;
}

async function readManifest(dir: string): Promise<ManifestView | undefined> {
  return (await readManifestObject(dir)) as ManifestView | undefined;
}

/**
 * The Results trees in `dir`: `dir` itself when run.json is at its root; otherwise each child folder
 * holding run.json (downloaded shards, one folder each), in name order; `dir` when there is none.
 */
export async function resultsTrees(dir: string): Promise<string[]> {
  if (existsSync(join(dir, MANIFEST_FILE))) return [dir];
  const children = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  const shards = children.filter((c) => existsSync(join(c, MANIFEST_FILE))).sort();
  return shards.length > 0 ? shards : [dir];
}

/** Combine Results trees (matrix shards) into one Tabulation; ConfigError on duplicated or missing runs or shards. */
export async function merge(dirs: string[], options: MergeOptions = {}): Promise<Tabulation> {
  if (dirs.length === 0) throw new ConfigError("merge input", ["no Results folders given"]);
  const records: RunRecord[] = [];
  const planned: PlannedBySuite = new Map();
  const issues: string[] = [];
  const shards = new Map<number, string>();
  let shardCount: number | undefined;
  for (const dir of dirs) {
    const { records: own, planned: ownPlan } = await readInput(dir, options.concurrency);
    records.push(...own);
    addPlanned(planned, ownPlan);
    const manifest = await readManifest(dir);
    if (!manifest) continue;
    if (manifest.shard) {
      shardCount = manifest.shard.count;
      const other = shards.get(manifest.shard.index);
      if (other) issues.push(`shard ${manifest.shard.index}/${manifest.shard.count} appears twice: ${other} and ${dir}`);
      shards.set(manifest.shard.index, dir);
    }
    const absent = missingIn(dir, manifest, own);
    issues.push(...absent.issues);
    records.push(...absent.records);
  }
  if (shardCount !== undefined) {
    for (let i = 1; i <= shardCount; i++) if (!shards.has(i)) issues.push(`shard ${i}/${shardCount} is missing`);
  }
  const tabulation = fromRecords(records, dirs, options.trials, true, planned);
  if (issues.length && !options.allowMissing) throw new ConfigError("merged results", issues);
  return tabulation;
}

/** Planned (scenario, id, rep) runs of one tree that have no terminal result in it. */
function missingIn(dir: string, manifest: ManifestView, records: readonly RunRecord[]): { issues: string[]; records: RunRecord[] } {
  const have = new Set(records.filter((r) => r.status !== "missing").map((r) => `${r.suite}/${r.id}/${r.rep}`));
  const repeat = Math.max(1, manifest.options?.repeat ?? 1);
  const issues: string[] = [];
  const missing: RunRecord[] = [];
  for (const scenario of manifest.scenarios ?? []) {
    if (!scenario.name || !scenario.hashes) continue;
    for (const id of Object.keys(scenario.hashes).sort()) {
      const own = scenario.trials?.[id];
      const reps = Number.isInteger(own) && own! >= 1 ? own! : repeat;
      const absent = Array.from({ length: reps }, (_, rep) => rep).filter((rep) => !have.has(`${scenario.name}/${id}/${rep}`));
      if (absent.length) issues.push(`${dir}: ${scenario.name}/${id} has no result for repetition(s) ${absent.join(", ")}`);
      for (const rep of absent) missing.push({ suite: scenario.name, id, rep, status: "missing", durationMs: null, score: null, reason: "planned in run.json, no result" });
    }
  }
  return { issues, records: missing };
}
