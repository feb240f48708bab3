/** result.json: written last and atomically; its presence (terminal, current hash) makes a run done. DESIGN §5. */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RUN_STATUSES, type RunResult } from "../types.ts";
import { maskValue } from "../secrets/mask.ts";
import { writeJsonAtomic } from "./write-json-atomic.ts";

export const RESULT_FILE = "result.json";
/** The run's captured output; result.json records its size (logBytes) so a truncated or deleted log is redone. */
export const LOG_FILE = "console_log.txt";

/** Write `<runDir>/result.json` atomically, every string masked. */
export async function writeResult(runDir: string, result: RunResult, secrets: readonly string[] = []): Promise<void> {
  await writeJsonAtomic(join(runDir, RESULT_FILE), maskValue(result, secrets));
}

/** The run's result, or undefined when the file is missing, unparsable or not a terminal result. */
export async function readResult(runDir: string): Promise<RunResult | undefined> {
  let text: string;
  try {
    text = await readFile(join(runDir, RESULT_FILE), "utf8");
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Partial<RunResult> | null;
    if (!data || typeof data !== "object" || data.schema !== 1) return undefined;
    if (!RUN_STATUSES.includes(data.status as RunResult["status"])) return undefined;
    return data as RunResult;
  } catch {
    return undefined;
  }
}

/**
 * The result when the run is done for this expansion (terminal, same scenarioHash, console_log.txt
 * of the recorded logBytes, not a retryable error); otherwise undefined.
 */
export async function isDone(runDir: string, scenarioHash: string): Promise<RunResult | undefined> {
  const result = await readResult(runDir);
  if (!result || result.scenarioHash !== scenarioHash) return undefined;
  // An error the infrastructure caused (engine gone, `retryable`) is redone by a plain resume.
  if (result.status === "error" && result.retryable === true) return undefined;
  if (result.logBytes === undefined) return result;
  const log = await stat(join(runDir, LOG_FILE)).catch(() => undefined);
  return log?.size === result.logBytes ? result : undefined;
}
