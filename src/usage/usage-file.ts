/** `usage.json` in the run folder: the run's totals and every model call, masked. docs/usage.md. */
import { join } from "node:path";
import { writeJsonAtomic } from "../results/write-json-atomic.ts";
import { maskValue } from "../secrets/mask.ts";
import type { RunMeter } from "./run-meter.ts";
import type { RunUsage, UsageRequest } from "./usage-types.ts";

/** The usage file's name in each run folder. */
export const USAGE_FILE = "usage.json";

/** usage.json: a run's usage totals and every recorded call. */
export interface UsageFile {
  /** Format version of usage.json. */
  schema: 1;
  /** The run's totals. */
  usage: RunUsage;
  /** Every recorded call, in order. */
  requests: UsageRequest[];
}

/** Write the meter's record (every string masked) and return the totals for result.json. */
export async function writeUsageFile(runDir: string, meter: RunMeter, secrets: readonly string[]): Promise<RunUsage> {
  const usage = meter.summary();
  const file: UsageFile = { schema: 1, usage, requests: meter.requests };
  await writeJsonAtomic(join(runDir, USAGE_FILE), maskValue(file, secrets));
  return usage;
}
