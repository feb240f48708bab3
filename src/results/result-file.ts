/** result.json: written last and atomically; its presence (terminal, current hash) makes a run done. docs/architecture.md#results. */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RUN_STATUSES, type RunResult } from "../types.ts";
import { maskValue } from "../secrets/mask.ts";
import { writeJsonAtomic } from "./write-json-atomic.ts";

/** The result file's name in each run folder. */
export const RESULT_FILE = "result.json";
/** The run's captured output; result.json records its size (logBytes) so a truncated or deleted log is redone. */
export const LOG_FILE = "console_log.txt";

/** Write `<runDir>/result.json` atomically, every string masked. */
export async function writeResult(runDir: string, result: RunResult, secrets: readonly string[] = []): Promise<void> {
  await writeJsonAtomic(join(runDir, RESULT_FILE), maskValue(result, secrets));
}

/**
 * The text of a result.json as a terminal result, or why it is not one. The one parser of result.json:
 * resume (readResult) and tabulation (src/tabulate/read-results.ts) both read through it.
 */
export function parseResult(text: string): { result: RunResult } | { problem: string } {
  let data: Partial<RunResult> | null;
  try {
    data = JSON.parse(text) as Partial<RunResult> | null;
  } catch (error) {
    return { problem: `result.json is not JSON: ${(error as Error).message}` };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { problem: "result.json is not a JSON object" };
  if (!RUN_STATUSES.includes(data.status as RunResult["status"])) return { problem: "result.json has no valid status" };
  if (data.schema !== undefined && data.schema !== 1) return { problem: `result.json has schema ${JSON.stringify(data.schema)}, not 1` };
  return { result: data as RunResult };
}

/** The run's result, or undefined when the file is missing, unparsable or not a terminal result. */
export async function readResult(runDir: string): Promise<RunResult | undefined> {
  let text: string;
  try {
    text = await readFile(join(runDir, RESULT_FILE), "utf8");
  } catch {
    return undefined;
  }
  const parsed = parseResult(text);
  // Resume trusts only files bench wrote: they always say schema 1.
  return "result" in parsed && parsed.result.schema === 1 ? parsed.result : undefined;
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
