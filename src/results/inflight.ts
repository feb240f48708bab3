/**
 * Runs in flight (docs/results.md, "Resume"): before a run's agent starts, bench records the run
 * folder in `<results>/.inflight/`, outside every run folder (a Docker agent never sees it), and
 * removes the record once result.json is written or the run is cleared. A record still there when
 * the next invocation starts means that run was cut short by a crash or `kill -9`: bench writes
 * result.json only at the end, so one in that folder is the agent's and is removed before resume
 * reads the folder, and the run is redone.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { RESULT_FILE } from "./result-file.ts";

/** The folder of in-flight records in a Results folder. */
export const INFLIGHT_DIR = ".inflight";

const recordPath = (resultsDir: string, runDir: string): string =>
  join(resultsDir, INFLIGHT_DIR, createHash("sha256").update(relative(resultsDir, runDir)).digest("hex").slice(0, 32));

/** Record that `runDir`'s agent is about to start. */
export async function markInflight(resultsDir: string, runDir: string): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return await writeFile(recordPath(resultsDir, runDir), `${relative(resultsDir, runDir)}\n`);
    } catch (error) {
      // The folder is created on demand and removed when empty (a parallel run may just have done so).
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || tries >= 3) throw error;
      await mkdir(join(resultsDir, INFLIGHT_DIR), { recursive: true });
    }
  }
}

/** The run ended (result.json written) or was cleared on an orderly interrupt; the folder goes when empty. */
export async function clearInflight(resultsDir: string, runDir: string): Promise<void> {
  await rm(recordPath(resultsDir, runDir), { force: true });
  await rmdir(join(resultsDir, INFLIGHT_DIR)).catch(() => {});
}

/**
 * After a crash: remove the result.json of every run still recorded as in flight (the agent's, never
 * bench's), then the records. Returns the run folders, relative to `resultsDir`. A record that points
 * outside `resultsDir` is dropped without touching anything.
 */
export async function recoverInflight(resultsDir: string): Promise<string[]> {
  const dir = join(resultsDir, INFLIGHT_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const recovered: string[] = [];
  for (const name of names) {
    const rel = (await readFile(join(dir, name), "utf8").catch(() => "")).trim();
    const runDir = resolve(resultsDir, rel);
    if (rel !== "" && !isAbsolute(rel) && runDir.startsWith(resolve(resultsDir) + sep)) {
      await rm(join(runDir, RESULT_FILE), { force: true });
      recovered.push(rel);
    }
    await rm(join(dir, name), { force: true });
  }
  await rmdir(dir).catch(() => {});
  return recovered.sort();
}
