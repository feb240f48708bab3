/**
 * Results of different benchmarks must not mix silently: before a run, the Results folder's run.json
 * (written by the previous invocation) is compared with the scenario files of this one. A scenario name
 * that came from another file, or no scenario in common, is said in a warning naming both sides.
 */
import { join } from "node:path";
import { MANIFEST_FILE, type ManifestScenario } from "../results/manifest.ts";
import { readManifestObject } from "../results/read-manifest.ts";

/** The warning, or undefined when the folder is new, unreadable, or from the same scenario files. */
export async function foreignResultsWarning(resultsDir: string, current: readonly { scenario: string; source: { file: string } }[]): Promise<string | undefined> {
  const scenarios = (await readManifestObject(resultsDir))?.["scenarios"];
  if (!Array.isArray(scenarios)) return undefined;
  const previous = scenarios.filter((s): s is ManifestScenario => typeof s?.name === "string" && typeof s?.file === "string");
  if (previous.length === 0 || current.length === 0) return undefined;
  const files = new Map(current.map((s) => [s.scenario, s.source.file]));
  const clash = previous.filter((p) => files.has(p.name) && files.get(p.name) !== p.file);
  const shared = previous.some((p) => files.has(p.name));
  if (clash.length === 0 && shared) return undefined;
  const list = (entries: [string, string][]) => entries.slice(0, 3).map(([name, file]) => `${name} from ${file}`).join(", ") + (entries.length > 3 ? ", …" : "");
  const before = list((clash.length > 0 ? clash : previous).map((p) => [p.name, p.file]));
  const now = list([...files].filter(([name]) => clash.length === 0 || clash.some((p) => p.name === name)));
  return `${join(resultsDir, MANIFEST_FILE)} names other scenario files (${before}) than this run (${now}): ` +
    `both runs' results share this folder and are tabulated together; give --results-dir to keep them apart`;
}
