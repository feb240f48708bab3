/** Reading Results/run.json back for reports and the viewer: the fields they show, never trusted further. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MANIFEST_FILE } from "./manifest.ts";

/** What a report shows of a run.json (each field only when it has the right type). */
export interface ManifestSummary {
  /** The invocation's run id. */
  runId?: string;
  /** When the invocation started. */
  createdAt?: string;
  /** When run.json was last written. */
  updatedAt?: string;
  /** running, finished, aborted or failed. */
  state?: string;
  /** The runner's name. */
  runner?: string;
  /** bench-action's version that wrote it. */
  version?: string;
  /** The commit the benchmark ran at, when run.json records one. */
  commit?: string;
}

const FIELDS = ["runId", "createdAt", "updatedAt", "state", "runner", "version", "commit"] as const;

/** `<dir>/run.json` as a JSON object, or undefined when there is none or it is not one. The one reader of run.json. */
export async function readManifestObject(dir: string): Promise<Record<string, unknown> | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8"));
  } catch {
    return undefined;
  }
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** The summary of `<dir>/run.json`, or undefined when there is none or it is not a JSON object. */
export async function readManifestSummary(dir: string): Promise<ManifestSummary | undefined> {
  const data = await readManifestObject(dir);
  if (data === undefined) return undefined;
  const out: ManifestSummary = {};
  for (const field of FIELDS) {
    const value = (data as Record<string, unknown>)[field];
    if (typeof value === "string" && value !== "") out[field] = value;
  }
  return out;
}
