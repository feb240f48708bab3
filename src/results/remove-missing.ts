/**
 * `bench remove_missing` (agbench's command of that name): the run folders whose results are missing,
 * bench's interrupted ones (no result.json) and adopted ones whose log has no verdict, are moved to
 * `<results>/.superseded/<runId>/` so the next `bench run` redoes them. agbench deletes the whole task
 * folder after asking; bench moves only the missing trials and deletes nothing (docs/results.md).
 */
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { scoreAgbenchLog } from "../tabulate/agbench-log.ts";
import { scenarioFolders } from "../tabulate/read-results.ts";
import { readResult } from "./result-file.ts";
import { writtenByBench } from "./run-folder.ts";
import { setAside } from "./superseded.ts";

/** A run without a result found by removeMissing: where its folder was, where it is now (not with `dryRun`), and why. */
export interface MissingRun {
  /** Where the folder was. */
  from: string;
  /** Where it is now (undefined with `dryRun`). */
  to?: string;
  /** Why the run counts as missing. */
  reason: string;
}

async function numbered(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && /^\d+$/.test(e.name)).map((e) => e.name).sort((a, b) => Number(a) - Number(b));
}

/** Why the run in `runDir` has no result, or undefined when it has one. */
export async function missingReason(runDir: string): Promise<string | undefined> {
  if (await readResult(runDir)) return undefined;
  if (await writtenByBench(runDir)) return "interrupted: no result.json";
  const verdict = await scoreAgbenchLog(runDir);
  if (verdict.success !== null) return undefined;
  return verdict.bytes === null ? "no console_log.txt" : "no completion marker in console_log.txt (crashed or unfinished)";
}

/** Move every missing run under `runlogs` (a Results root or one scenario's folder) aside. */
export async function removeMissing(runlogs: string, options: { runId: string; dryRun?: boolean }): Promise<{ resultsDir: string; moved: MissingRun[] }> {
  const root = resolve(runlogs);
  const folders = await scenarioFolders(root);
  const resultsDir = folders.length === 1 && folders[0]!.dir === root ? dirname(root) : root;
  const moved: MissingRun[] = [];
  for (const { dir } of folders) {
    for (const task of (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && !e.name.startsWith("."))) {
      for (const rep of await numbered(join(dir, task.name))) {
        const runDir = join(dir, task.name, rep);
        const reason = await missingReason(runDir);
        if (reason === undefined) continue;
        if (options.dryRun) moved.push({ from: runDir, reason });
        else moved.push({ from: runDir, to: (await setAside(resultsDir, runDir, { runId: options.runId, reason: `remove_missing: ${reason}` }))?.path, reason });
      }
    }
  }
  return { resultsDir, moved };
}
