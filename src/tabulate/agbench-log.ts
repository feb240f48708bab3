/**
 * agbench's default scorer for run folders without result.json: a run passed when its console log
 * contains "ALL TESTS PASSED !#!#" anywhere, failed when the log exists without it, and is missing when
 * there is no console_log.txt. The log is streamed (it may be 50 MB), never loaded whole.
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { SUCCESS_SENTINEL } from "../score/score-run.ts";

const RUNTIME = /SCENARIO\.PY RUNTIME: ([0-9.]+) !#!#/;

export interface LogVerdict {
  /** true passed, false failed, null missing (no console log). */
  success: boolean | null;
  /** From agbench's "SCENARIO.PY RUNTIME: S !#!#" marker, when present. */
  durationMs: number | null;
}

export async function scoreAgbenchLog(runDir: string): Promise<LogVerdict> {
  const stream = createReadStream(join(runDir, "console_log.txt"), { encoding: "utf8", highWaterMark: 256 * 1024 });
  let success = false;
  let durationMs: number | null = null;
  let tail = "";
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = tail + chunk;
      if (!success && text.includes(SUCCESS_SENTINEL)) success = true;
      const runtime = RUNTIME.exec(text);
      if (runtime?.[1] !== undefined) durationMs = Math.round(Number(runtime[1]) * 1000);
      // Keep enough of the end to find a marker split across two chunks.
      tail = text.slice(-64);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { success: null, durationMs: null };
    throw error;
  }
  return { success, durationMs };
}
