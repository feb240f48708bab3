/** Test helper: write Results trees on disk (our result.json layout or agbench's console-log-only layout). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunResult } from "../../src/types.ts";

export { tempDir } from "../helpers/temp-dir.ts";

export function result(scenario: string, id: string, rep: number, fields: Partial<RunResult> = {}): RunResult {
  return {
    schema: 1, scenario, id, rep, status: "passed", exitCode: 0, timedOut: false,
    startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.500Z", durationMs: 1500,
    attempts: 1, scenarioHash: "h", image: null, runner: "native", ...fields,
  };
}

export async function writeRun(root: string, r: RunResult, log = "RUN.SH COMPLETE !#!#\n"): Promise<string> {
  const dir = join(root, r.scenario, r.id, String(r.rep));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "console_log.txt"), log);
  await writeFile(join(dir, "result.json"), JSON.stringify(r));
  return dir;
}

/** agbench layout: only console_log.txt (or nothing) in each run folder. */
export async function writeAgbenchRun(root: string, scenario: string, id: string, rep: number, log: string | null): Promise<void> {
  const dir = join(root, scenario, id, String(rep));
  await mkdir(dir, { recursive: true });
  if (log !== null) await writeFile(join(dir, "console_log.txt"), log);
}
